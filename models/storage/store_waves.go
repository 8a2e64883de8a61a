package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"gorm.io/gorm"
)

// SQLDB is the store's connection pool, for the job queue, which shares
// the database (and, on SQLite, its one connection) with the store.
func (s *Store) SQLDB() (*sql.DB, error) {
	db, err := s.db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: connection pool: %w", err)
	}
	return db, nil
}

// MarkWaveSent records that the vendor calls of a wave start, in one
// statement before any of the calls: each delivery gets its sent time.
// Its stage column stays "queued" (models.Delivery.ShownStage shows
// "sent"): a stage change would move the push's stage counters and the
// stage index of every delivery twice per push instead of once.
func (s *Store) MarkWaveSent(ctx context.Context, ds []models.Delivery, at time.Time) error {
	if len(ds) == 0 {
		return nil
	}
	ids := make([]string, len(ds))
	for i := range ds {
		ids[i] = ds[i].ID
	}
	err := s.db.WithContext(ctx).Model(&models.Delivery{}).Where("id IN ? AND sent_at IS NULL", ids).Update("sent_at", at.UTC()).Error
	if err != nil {
		return fmt.Errorf("store: mark %d deliveries sent: %w", len(ds), err)
	}
	return nil
}

// FinishWave stores a wave's answers in one transaction: each delivery's
// answer (the trace's answer step is read from the row), the quota
// counters per certificate, class and day, and the tokens the vendors
// called dead. A delivery that already has
// an answer keeps it, so a job run twice never answers twice; the stage
// moves only forward (a receipt may have overtaken the answer). It returns
// the deliveries it answered, for counting each answer once.
func (s *Store) FinishWave(ctx context.Context, w models.WaveAnswers) ([]models.Delivery, error) {
	now := time.Now().UTC()
	var done []models.Delivery
	err := s.tx(ctx, func(tx *gorm.DB) error {
		done = done[:0]
		finished := map[string]bool{}
		if len(w.Deliveries) > 0 {
			var err error
			if finished, err = s.finishDeliveries(ctx, tx, w.Deliveries, now); err != nil {
				return err
			}
		}
		for _, d := range w.Deliveries {
			if finished[d.ID] { // else it had its answer already: a job ran twice
				done = append(done, d)
			}
		}
		for _, q := range w.Quota {
			if err := countQuota(tx, q); err != nil {
				return err
			}
		}
		for _, t := range w.DeadTokens {
			if err := tx.Model(&models.Device{}).Where("id = ?", t.DevicePK).
				Updates(map[string]any{"token_dead_at": t.At.UTC(), "token_dead_reason": t.Reason}).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: finish %d deliveries: %w", len(w.Deliveries), err)
	}
	return done, nil
}

// finishStatement writes a wave's answers with one statement (one round
// trip to PostgreSQL): each row of the VALUES list is a delivery's answer
// and the time it came. SET expressions all read the row as it was, so the
// stage columns move together, and only forward; a delivery that has its
// answer is not touched. VALUES columns are column1… and the bound values
// text on PostgreSQL, hence the casts. %[1]s is the answer time's
// expression (as in moveStages), %[2]s the rows.
const finishStatement = `UPDATE deliveries SET status = v.column2, kind = v.column3, http_status = CAST(v.column4 AS INTEGER),
	code = v.column5, explanation = v.column6, fix = v.column7, vendor_message_id = v.column8, unique_id = v.column9,
	latency_ms = CAST(v.column10 AS BIGINT), request = v.column11, response = v.column12, finished_at = %[1]s,
	stage = CASE WHEN deliveries.stage_rank < CAST(v.column14 AS INTEGER) THEN v.column13 ELSE deliveries.stage END,
	stage_at = CASE WHEN deliveries.stage_rank < CAST(v.column14 AS INTEGER) THEN %[1]s ELSE deliveries.stage_at END,
	stage_rank = CASE WHEN deliveries.stage_rank < CAST(v.column14 AS INTEGER) THEN CAST(v.column14 AS INTEGER) ELSE deliveries.stage_rank END
	FROM (VALUES %[2]s) AS v
	WHERE deliveries.id = v.column1 AND deliveries.finished_at IS NULL
	RETURNING deliveries.id`

// finishQuery is the statement that writes a wave's answers, and its
// arguments. An answer's time is when the vendor's answer came (FinishedAt,
// set by the call), not when the wave is written: a receipt may be
// written in between, and the trace must not show it before the answer.
// Answers pushcheck gives itself (interrupted, not sent) take now.
func (s *Store) finishQuery(ds []models.Delivery, now time.Time) (string, []any) {
	const columns = 15
	rows := make([]string, len(ds))
	args := make([]any, 0, columns*len(ds))
	// PostgreSQL numbers its placeholders. SQLite gets anonymous ones, in
	// the order they appear: the SQLite driver looks up a numbered one
	// among all the arguments, a cost that grows with the square of a
	// wave's size.
	at, mark := "CAST(v.column15 AS TIMESTAMPTZ)", func(n int) string { return "$" + strconv.Itoa(n) }
	if s.dialect == DialectSQLite {
		at, mark = "v.column15", func(int) string { return "?" } // the driver writes the time as it writes any
	}
	marks := make([]string, columns)
	for i, d := range ds {
		st := models.StageOfStatus(d.Status)
		for j := range marks {
			marks[j] = mark(len(args) + j + 1)
		}
		rows[i] = "(" + strings.Join(marks, ", ") + ")"
		answered := now
		if d.FinishedAt != nil {
			answered = *d.FinishedAt
		}
		var when any = answered.UTC()
		if s.dialect == DialectPostgres {
			when = answered.UTC().Format(time.RFC3339Nano)
		}
		args = append(args, d.ID, string(d.Status), string(d.Kind), strconv.Itoa(d.HTTPStatus), d.Code, d.Explanation, d.Fix,
			d.VendorMessageID, d.UniqueID, strconv.FormatInt(d.LatencyMS, 10), d.Request, d.Response, string(st), strconv.Itoa(st.Rank()), when)
	}
	return fmt.Sprintf(finishStatement, at, strings.Join(rows, ", ")), args
}

// finishDeliveries stores the answers with one statement and returns the
// IDs it finished.
func (s *Store) finishDeliveries(ctx context.Context, tx *gorm.DB, ds []models.Delivery, now time.Time) (map[string]bool, error) {
	finished := map[string]bool{}
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return nil, fmt.Errorf("the transaction is a %T, not a *sql.Tx", tx.Statement.ConnPool)
	}
	text, args := s.finishQuery(ds, now)
	res, err := sqlTx.QueryContext(ctx, text, args...)
	if err != nil {
		return nil, fmt.Errorf("answers: %w", err)
	}
	defer res.Close()
	for res.Next() {
		var id string
		if err := res.Scan(&id); err != nil {
			return nil, fmt.Errorf("answers: %w", err)
		}
		finished[id] = true
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("answers: %w", err)
	}
	return finished, nil
}

// countQuota adds a wave's accepted messages to a certificate's counter,
// and keeps the first over-quota answer of the day.
func countQuota(tx *gorm.DB, q models.QuotaCount) error {
	var at any
	if q.ExhaustedAt != nil {
		at = q.ExhaustedAt.UTC()
	}
	err := tx.Exec(`INSERT INTO quota_usage (certificate_id, day, class, sent, exhausted_at, exhausted_code) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (certificate_id, day, class) DO UPDATE SET
			sent = quota_usage.sent + excluded.sent,
			exhausted_code = CASE WHEN quota_usage.exhausted_at IS NULL AND excluded.exhausted_at IS NOT NULL THEN excluded.exhausted_code ELSE quota_usage.exhausted_code END,
			exhausted_at = COALESCE(quota_usage.exhausted_at, excluded.exhausted_at)`,
		q.CertificateID, q.Day, q.Class, q.Accepted, at, q.ExhaustedCode).Error
	if err != nil {
		return fmt.Errorf("quota of certificate %d: %w", q.CertificateID, err)
	}
	return nil
}

// DeliveriesOfPush loads deliveries of a push by ID, for the job that
// sends them: the columns a job reads, found by primary key (the push's
// own index would scan all its deliveries for each chunk).
func (s *Store) DeliveriesOfPush(ctx context.Context, pushID int64, ids []string) ([]models.Delivery, error) {
	var found []models.Delivery
	err := s.db.WithContext(ctx).Select("id, push_id, app_id, device_pk, device_id, user_id, vendor, certificate_id, class, status, token_hash, stage, stage_rank, created_at, sent_at, finished_at").
		Where("id IN ?", ids).Find(&found).Error
	if err != nil {
		return nil, fmt.Errorf("store: deliveries of push %d: %w", pushID, err)
	}
	out := found[:0]
	for _, d := range found {
		if d.PushID == pushID {
			out = append(out, d)
		}
	}
	return out, nil
}

// PushToSend loads a push's message and mode for the job that sends it.
func (s *Store) PushToSend(ctx context.Context, pushID int64) (models.Push, error) {
	var p models.Push
	if err := s.db.WithContext(ctx).Where("id = ?", pushID).Take(&p).Error; err != nil {
		return models.Push{}, fmt.Errorf("store: push %d: %w", pushID, notFound(err, "push %d does not exist", pushID))
	}
	return p, nil
}
