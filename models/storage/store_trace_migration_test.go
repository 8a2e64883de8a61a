package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// openUnmigrated opens a store without its schema, for tests that write
// rows the way an older release did before migrating.
func openUnmigrated(t *testing.T) *storage.Store {
	t.Helper()
	var s *storage.Store
	var err error
	if dsn := storagetest.DSN(t); dsn != "" {
		s, err = storage.OpenPostgres(dsn)
	} else {
		s, err = storage.OpenSQLite(t.TempDir() + "/pushcheck.db")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Migration 17 folds the steps pushcheck stored as events (queued, sent,
// the answer) into the delivery's row: the trace reads the same after it,
// and only the receipt is still an event.
func TestTraceStepsMoveToTheRow(t *testing.T) {
	ctx := context.Background()
	s := openUnmigrated(t)
	if err := s.MigrateTo(ctx, 13); err != nil {
		t.Fatal(err)
	}
	app := newApp(t, s)
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	ts := func(sec int) string { return t0.Add(time.Duration(sec) * time.Second).Format("2006-01-02 15:04:05") }
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO pushes (app_id, operator_id, operator_email, target, mode, dry_run, message, created_at)
			VALUES (%d, 0, 'qa@example.com', 'devices', 'force', FALSE, '{}', '%s')`, app.ID, ts(0)),
		fmt.Sprintf(`INSERT INTO deliveries (id, push_id, app_id, device_pk, device_id, user_id, vendor, certificate_id, status, code, explanation,
			vendor_message_id, created_at, finished_at, stage, stage_rank, stage_at)
			VALUES ('dlv_old', (SELECT MAX(id) FROM pushes), %d, 1, 'd1', 'u', 'vivo', 10001, 'accepted', '0', 'vivo took the message', 'vm1',
			'%s', '%s', 'delivered', %d, '%s')`, app.ID, ts(0), ts(2), models.StageDelivered.Rank(), ts(3)),
	} {
		if err := s.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for i, e := range []struct{ stage, source, code, explanation string }{
		{"queued", "pushcheck", "", "receipt requested at https://push.example.com/r"},
		{"sent", "pushcheck", "", ""},
		{"accepted", "vendor", "0", "vivo took the message"},
		{"delivered", "receipt", "0", ""},
	} {
		if err := s.Exec(ctx, fmt.Sprintf(`INSERT INTO delivery_events (app_id, delivery_id, vendor, certificate_id, stage, source, code, explanation, at, received_at)
			VALUES (%d, 'dlv_old', 'vivo', 10001, '%s', '%s', '%s', '%s', '%s', '%s')`, app.ID, e.stage, e.source, e.code, e.explanation, ts(i+1), ts(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	traces, err := s.TracesOf(ctx, []string{"dlv_old"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range traces["dlv_old"] {
		got = append(got, fmt.Sprintf("%s/%s@%s %s", e.Stage, e.Source, e.At.UTC().Format("15:04:05"), e.Explanation))
	}
	want := []string{
		"queued/pushcheck@08:00:00 receipt requested at https://push.example.com/r",
		"sent/pushcheck@08:00:02 ",
		"accepted/vendor@08:00:02 vivo took the message",
		"delivered/receipt@08:00:04 ",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("trace after the migration:\n got %q\nwant %q", got, want)
	}
	events, err := s.CountRows(ctx, "delivery_events")
	if err != nil {
		t.Fatal(err)
	}
	if events != 1 {
		t.Fatalf("%d events left; only the receipt should be", events)
	}
}
