package requestid_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models/requestid"
)

func TestEveryLineLoggedWithTheContextCarriesTheID(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(requestid.NewLogHandler(slog.NewTextHandler(&buf, nil))).With("component", "test").WithGroup("g")
	ctx := requestid.With(context.Background(), "abc123")
	log.InfoContext(ctx, "with id", "k", "v")
	log.Info("without id")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %q", buf.String())
	}
	if !strings.Contains(lines[0], "request_id=abc123") || !strings.Contains(lines[0], "component=test") {
		t.Errorf("first line lacks the ID or the derived attrs: %s", lines[0])
	}
	if strings.Contains(lines[1], "request_id") {
		t.Errorf("a line without a request context got an ID: %s", lines[1])
	}
	if got := requestid.From(context.Background()); got != "" {
		t.Errorf("From(empty) = %q", got)
	}
}
