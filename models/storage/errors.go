package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pushcheck/pushcheck/models"
)

// Classify tells the database's own conditions apart from bugs, so the
// HTTP layer answers them for what they are: the database unreachable, or
// its pool exhausted, is an outage (503, try again); text the database
// cannot store is the caller's input (400). Anything else is not a
// database condition, and Classify returns nil.
func (s *Store) Classify(err error) *models.Error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "22"): // data exception: bad encoding, too long, out of range
			return models.Errorf(models.CodeInvalid, "the database cannot store this value: %s", pgErr.Message)
		case strings.HasPrefix(pgErr.Code, "08"), strings.HasPrefix(pgErr.Code, "53"), strings.HasPrefix(pgErr.Code, "57P"):
			// connection exception, insufficient resources, operator intervention (shutdown)
			return unavailable()
		}
		return nil
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	msg := err.Error()
	switch {
	case errors.As(err, &connectErr), errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone), errors.As(err, &netErr),
		strings.Contains(msg, "database is closed"),
		errors.Is(err, context.DeadlineExceeded) && strings.Contains(msg, "conn"),
		strings.Contains(msg, "database is locked"), strings.Contains(msg, "SQLITE_BUSY"),
		strings.Contains(msg, "connection refused"), strings.Contains(msg, "failed to connect"):
		return unavailable()
	}
	return nil
}

func unavailable() *models.Error {
	return models.Errorf(models.CodeUnavailable, "the database is unavailable right now; try again in a moment")
}
