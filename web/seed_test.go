package main

import (
	"bytes"
	"context"
	"github.com/pushcheck/pushcheck/models"
	"strings"
	"testing"
)

func TestSeedHelpAndBadFlag(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"seed", "--help"}, envOf(nil), &out, &errOut); err != nil {
		t.Fatalf("--help: %v", err)
	}
	if !strings.Contains(out.String(), "usage: pushcheck seed") || !strings.Contains(out.String(), "-devices") {
		t.Fatalf("--help printed %q", out.String())
	}
	if err := run(context.Background(), []string{"seed", "--devises", "5"}, envOf(nil), &out, &errOut); err == nil {
		t.Fatal("a misspelt flag was accepted")
	}
}

// A small seed through the command, then its printed key and token open
// the seeded app; a second seed of the same app is refused.
func TestSeedCommandCreatesAppKeyAndToken(t *testing.T) {
	ctx := context.Background()
	env := envOf(serverEnv(t, nil))
	var out bytes.Buffer
	args := []string{"seed", "--devices", "200", "--users", "60", "--events", "300", "--pushes", "20", "--app", "Bench"}
	if err := run(ctx, args, env, &out, &out); err != nil {
		t.Fatalf("seed: %v\n%s", err, out.String())
	}
	for _, want := range []string{seedAPIKey, seedOperatorToken, "200 devices, 300 events, 20 pushes", "a user with 3 devices: u000060"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	store, err := storeFromEnv(ctx, env, &out)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	app, err := store.AppByAPIKey(ctx, seedAPIKey)
	if err != nil || app.Name != "Bench" {
		t.Fatalf("seed key opens %+v, %v", app, err)
	}
	op, err := store.OperatorByToken(ctx, seedOperatorToken)
	if err != nil || op.Email != seedEmail {
		t.Fatalf("seed token is %+v, %v", op, err)
	}
	certs, err := store.CertificatesOfApp(ctx, app.ID)
	if err != nil || len(certs) != len(models.AllVendors()) {
		t.Fatalf("seed certificates: %d, %v", len(certs), err)
	}
	if err := run(ctx, args, env, &out, &out); err == nil || !strings.Contains(err.Error(), "already has 200 devices") {
		t.Fatalf("second seed of the app: %v", err)
	}
}
