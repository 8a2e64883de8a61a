package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v != storage.LatestSchemaVersion() {
		t.Fatalf("schema version = %d, %v; want %d", v, err, storage.LatestSchemaVersion())
	}
}

func TestEnsureAdminCreatesThenResets(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	op, err := s.EnsureAdmin(ctx, "Root@Example.com", "first passphrase")
	if err != nil || op.Role != models.RoleAdmin || op.Email != "root@example.com" {
		t.Fatalf("create: %+v %v", op, err)
	}
	// Locked out: demoted, disabled, password forgotten. Restarting with
	// the variables set restores access.
	if _, err := s.CreateOperator(ctx, models.NewOperator{Email: "other@example.com", Password: "other passphrase", Role: models.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateOperatorAccess(ctx, op.ID, models.RoleViewer, true); err != nil {
		t.Fatal(err)
	}
	op, err = s.EnsureAdmin(ctx, "root@example.com", "second passphrase")
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.OperatorByID(ctx, op.ID)
	if err != nil || again.Role != models.RoleAdmin || again.Disabled || !secrets.CheckPassword(again.PasswordHash, "second passphrase") {
		t.Fatalf("reset: %+v %v", again, err)
	}
	if _, err := s.EnsureAdmin(ctx, "root@example.com", "short"); models.ErrorCode(err) != models.CodeInvalid {
		t.Fatalf("weak password accepted: %v", err)
	}
}

func TestSessionsEndOnLogoutAndDisable(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	a, _ := s.CreateOperator(ctx, models.NewOperator{Email: "a@example.com", Password: "a passphrase!", Role: models.RoleAdmin})
	b, _ := s.CreateOperator(ctx, models.NewOperator{Email: "b@example.com", Password: "b passphrase!", Role: models.RoleOperator})
	tokenB, sessB, err := s.CreateSession(ctx, b.ID, "test", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	// The session and its operator come back whole from their one query.
	if sess, op, err := s.SessionByToken(ctx, tokenB); err != nil || !sameOperator(op, b) || sess.ID != sessB.ID || sess.OperatorID != b.ID ||
		sess.CSRFToken == "" || sess.CSRFToken != sessB.CSRFToken || sess.ExpiresAt.Sub(sessB.ExpiresAt).Abs() > time.Millisecond {
		t.Fatalf("session lookup: %+v %+v %v, want %+v %+v", sess, op, err, sessB, b)
	}
	if sessB.ID == tokenB {
		t.Fatal("the session cookie value is stored in clear")
	}
	if _, err := s.UpdateOperatorAccess(ctx, b.ID, models.RoleOperator, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionByToken(ctx, tokenB); models.ErrorCode(err) != models.CodeUnauthenticated {
		t.Fatalf("disabled operator's session: %v", err)
	}
	tokenA, sessA, _ := s.CreateSession(ctx, a.ID, "test", "127.0.0.1")
	if err := s.DeleteSession(ctx, sessA.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionByToken(ctx, tokenA); models.ErrorCode(err) != models.CodeUnauthenticated {
		t.Fatalf("deleted session: %v", err)
	}
	if n, err := s.DeleteExpiredSessions(ctx, time.Now().Add(storage.SessionLifetime+time.Minute)); err != nil || n != 0 {
		t.Fatalf("expired sessions: %d %v", n, err)
	}
}

func TestLoginThrottleWindow(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	p := models.LoginPolicy{MaxFailures: 3, Window: 10 * time.Minute, Lockout: 15 * time.Minute}
	t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	fail := func(at time.Time) {
		t.Helper()
		if err := s.RecordLoginFailure(ctx, "email:x", at, p); err != nil {
			t.Fatal(err)
		}
	}
	locked := func(at time.Time) bool {
		t.Helper()
		until, err := s.LoginLockedUntil(ctx, at, "email:x", "ip:1.2.3.4")
		if err != nil {
			t.Fatal(err)
		}
		return !until.IsZero()
	}
	fail(t0)
	fail(t0.Add(time.Minute))
	fail(t0.Add(11 * time.Minute)) // the window restarted: 1 failure
	if locked(t0.Add(11 * time.Minute)) {
		t.Fatal("locked although failures were spread over two windows")
	}
	fail(t0.Add(12 * time.Minute))
	fail(t0.Add(13 * time.Minute))
	if !locked(t0.Add(14 * time.Minute)) {
		t.Fatal("not locked after 3 failures in one window")
	}
	if locked(t0.Add(29 * time.Minute)) {
		t.Fatal("still locked after the lockout")
	}
	fail(t0.Add(30 * time.Minute))
	if err := s.ClearLoginFailures(ctx, "email:x"); err != nil {
		t.Fatal(err)
	}
}

func TestAPIKeysAndOperatorTokens(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app := newApp(t, s)
	secret, key, err := s.CreateAPIKey(ctx, app.ID, "server")
	if err != nil || key.Hash == secret || len(key.Prefix) >= len(secret) {
		t.Fatalf("key: %+v %v", key, err)
	}
	got, err := s.AppByAPIKey(ctx, secret)
	if err != nil || got.ID != app.ID {
		t.Fatalf("lookup: %+v %v", got, err)
	}
	if err := s.RevokeAPIKey(ctx, app.ID, key.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeAPIKey(ctx, app.ID, key.ID); err != nil {
		t.Fatalf("revoking twice: %v", err)
	}
	if err := s.RevokeAPIKey(ctx, app.ID, 9999); !models.IsNotFound(err) {
		t.Fatalf("revoking a missing key: %v", err)
	}
	if _, err := s.AppByAPIKey(ctx, secret); models.ErrorCode(err) != models.CodeUnauthenticated {
		t.Fatalf("revoked key: %v", err)
	}
	op, _ := s.CreateOperator(ctx, models.NewOperator{Email: "o@example.com", Password: "o passphrase!", Role: models.RoleViewer})
	other, _ := s.CreateOperator(ctx, models.NewOperator{Email: "p@example.com", Password: "p passphrase!", Role: models.RoleViewer})
	tok, rec, err := s.CreateOperatorToken(ctx, op.ID, "")
	if err != nil || rec.Name != "API token" {
		t.Fatalf("token: %+v %v", rec, err)
	}
	if got, err := s.OperatorByToken(ctx, tok); err != nil || !sameOperator(got, op) {
		t.Fatalf("token lookup: %+v %v, want %+v", got, err, op)
	}
	if err := s.RevokeOperatorToken(ctx, other.ID, rec.ID); !models.IsNotFound(err) {
		t.Fatalf("someone else revoked my token: %v", err)
	}
	if err := s.RevokeOperatorToken(ctx, op.ID, rec.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OperatorByToken(ctx, tok); models.ErrorCode(err) != models.CodeUnauthenticated {
		t.Fatalf("revoked token: %v", err)
	}
}

// sameOperator compares operators read back from either database (which
// keeps microseconds of the creation time).
func sameOperator(a, b models.Operator) bool {
	at, bt := a.CreatedAt, b.CreatedAt
	a.CreatedAt, b.CreatedAt = time.Time{}, time.Time{}
	return a == b && at.Sub(bt).Abs() <= time.Millisecond
}
