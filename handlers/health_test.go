package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
)

// downDatabase is a database that cannot be reached: easier to fake than
// to stop a real one under the test.
type downDatabase struct{ err error }

func (d downDatabase) Ping(context.Context) error { return d.err }
func (downDatabase) Dialect() storage.Dialect     { return storage.DialectPostgres }
func (downDatabase) Classify(error) *models.Error { return nil }

func TestReadyzNamesTheDatabase(t *testing.T) {
	for _, c := range []struct {
		name   string
		err    error
		status int
		body   string
	}{
		{"reachable", nil, http.StatusOK, `"database":"postgres"`},
		{"unreachable", errors.New("dial tcp 127.0.0.1:5432: connection refused"), http.StatusServiceUnavailable, `"database unreachable"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := &Handler{db: downDatabase{c.err}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			rec := httptest.NewRecorder()
			h.routes().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.body) {
				t.Fatalf("readyz: %d %s", rec.Code, rec.Body.String())
			}
			if rec.Header().Get("X-Request-ID") == "" {
				t.Error("no request ID on the answer")
			}
		})
	}
}
