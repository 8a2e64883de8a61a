package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/pushcheck/pushcheck/models/sending"
	"github.com/pushcheck/pushcheck/models/storage"
)

// openStore opens and migrates the configured database.
func openStore(ctx context.Context, cfg Config) (*storage.Store, error) {
	store, err := storage.Open(cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if err := store.SizePool(cfg.DatabaseConns); err != nil {
		store.Close()
		return nil, err
	}
	if err := store.Migrate(ctx); err != nil {
		store.Close()
		return nil, err
	}
	// The job queue's own tables, in the same database.
	if err := sending.MigrateQueue(ctx, store); err != nil {
		store.Close()
		return nil, err
	}
	return store, nil
}

// storeFromEnv opens the configured database for a CLI command.
func storeFromEnv(ctx context.Context, getenv func(string) string, stderr io.Writer) (*storage.Store, error) {
	cfg, err := loadConfig(nil, getenv, stderr)
	if err != nil {
		return nil, err
	}
	return openStore(ctx, cfg)
}

func runMigrate(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) error {
	store, err := storeFromEnv(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	v, err := store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database schema is at version %d (%s)\n", v, store.Dialect())
	return nil
}

// runToken is `pushcheck token create --email E`: it prints a new operator
// API token, for scripts and CI that cannot click through the profile page.
func runToken(ctx context.Context, email, name string, sys system) error {
	store, err := storeFromEnv(ctx, sys.getenv, sys.stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	op, err := store.OperatorByEmail(ctx, email)
	if err != nil {
		return err
	}
	if op.Disabled {
		return fmt.Errorf("operator %s is disabled", op.Email)
	}
	secret, _, err := store.CreateOperatorToken(ctx, op.ID, name)
	if err != nil {
		return err
	}
	fmt.Fprintln(sys.stdout, secret)
	return nil
}

// databaseName says which database cfg opens, without the password.
func databaseName(cfg Config) string {
	if cfg.DatabaseURL == "" {
		return "SQLite database " + sqlitePath(cfg)
	}
	u, err := url.Parse(cfg.DatabaseURL)
	if err != nil {
		return "PostgreSQL database" // storage.Open reports the bad URL
	}
	return "PostgreSQL database " + strings.TrimPrefix(u.Path, "/") + " on " + u.Host
}
