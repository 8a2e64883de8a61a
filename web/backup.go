package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models/storage"
)

const backupAbout = `SQLite: copies the database with VACUUM INTO, a consistent snapshot that can
be taken while the server runs. PostgreSQL: runs pg_dump (custom format) when
it is on PATH, else prints the pg_dump command to run where it is.

A backup never overwrites a file. Without --out it is written into
PUSHCHECK_DATA_DIR as pushcheck-backup-<UTC time>.db (.dump on PostgreSQL):
the data dir is the one place the server is sure to be able to write (the
container's /data volume); copy the file off the machine from there.

The certificates' credentials in a backup are sealed with the secret key
(PUSHCHECK_SECRET_KEY, or <data dir>/secret.key): keep the key with the
backup, or the restored certificates cannot be used. README.md, section
Operations, tells how to restore.`

func bindBackup(fs *flag.FlagSet, sys system) func(context.Context, []string) error {
	out := fs.String("out", "", "the `FILE` to write; it must not exist (default <data dir>/pushcheck-backup-<UTC time>.db, .dump on PostgreSQL)")
	return func(ctx context.Context, _ []string) error {
		cfg, err := loadConfig(nil, sys.getenv, sys.stderr)
		if err != nil {
			return err
		}
		return backup(ctx, cfg, *out, time.Now().UTC(), sys)
	}
}

// backup writes the configured database to out, or to a new file named
// for the time in the data dir.
func backup(ctx context.Context, cfg Config, out string, now time.Time, sys system) error {
	postgres := cfg.DatabaseURL != ""
	if out == "" {
		ext := ".db"
		if postgres {
			ext = ".dump"
		}
		// A SQLite database's dir exists; a PostgreSQL server may have none.
		if postgres {
			if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
				return fmt.Errorf("backup: %w", err)
			}
		}
		out = filepath.Join(cfg.DataDir, "pushcheck-backup-"+now.Format("20060102T150405Z")+ext)
	}
	var err error
	if postgres {
		err = backupPostgres(ctx, cfg.DatabaseURL, out, sys)
	} else {
		err = backupSQLite(ctx, sqlitePath(cfg), out)
	}
	if err != nil {
		return err
	}
	info, err := os.Stat(out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(sys.stdout, "backup: wrote %s (%d bytes)\n", out, info.Size())
	fmt.Fprintf(sys.stdout, "  %s\n", secretKeyReminder(cfg))
	if postgres {
		fmt.Fprintf(sys.stdout, "  restore: pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" %s\n", shellQuote(out))
	} else {
		fmt.Fprintf(sys.stdout, "  restore: stop pushcheck, remove %s-wal and -shm, copy the backup to %s\n", sqlitePath(cfg), sqlitePath(cfg))
	}
	return nil
}

// sqlitePath is the embedded database's file, the one storage.Open opens.
func sqlitePath(cfg Config) string { return filepath.Join(cfg.DataDir, "pushcheck.db") }

// backupSQLite copies the database with VACUUM INTO: SQLite's own
// consistent copy, safe while the server writes (a file copy is not: it
// can catch the main file and the WAL at different moments).
func backupSQLite(ctx context.Context, dbPath, out string) error {
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("backup: no database at %s (set PUSHCHECK_DATA_DIR, or DATABASE_URL for PostgreSQL): %w", dbPath, err)
	}
	// VACUUM INTO writes into an empty file, so creating it first refuses
	// an existing one without a window for a race.
	f, err := createNew(out)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return removeAfter(out, fmt.Errorf("backup: %w", err))
	}
	store, err := storage.OpenSQLite(dbPath)
	if err != nil {
		return removeAfter(out, err)
	}
	err = store.Exec(ctx, "VACUUM INTO "+sqliteString(out))
	if closeErr := store.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return removeAfter(out, fmt.Errorf("backup: %w", err))
	}
	return nil
}

// createNew creates out for writing, refusing an existing file. The mode
// is the database's: a backup holds password hashes and sealed secrets.
func createNew(out string) (*os.File, error) {
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("backup: %s already exists; a backup never overwrites, choose another --out", out)
	}
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	return f, nil
}

// removeAfter deletes a half-written backup and returns the error that
// stopped it (with the removal's own, if that failed too).
func removeAfter(out string, err error) error {
	if rmErr := os.Remove(out); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
		return errors.Join(err, rmErr)
	}
	return err
}

// secretKeyReminder: the backup is useless for certificates without the
// key their credentials are sealed with.
func secretKeyReminder(cfg Config) string {
	const why = "with this backup: the certificates' credentials in it are sealed with it and cannot be used without it"
	switch {
	case cfg.SecretKey != "":
		return "keep the secret key (PUSHCHECK_SECRET_KEY) " + why
	case cfg.DatabaseURL != "":
		return "keep the servers' PUSHCHECK_SECRET_KEY " + why
	}
	return "keep " + filepath.Join(cfg.DataDir, secretKeyFile) + " (or your PUSHCHECK_SECRET_KEY) " + why
}

// sqliteString quotes s as an SQLite string literal.
func sqliteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// shellQuote quotes s for a POSIX shell where it needs quoting, for
// commands printed to be pasted.
func shellQuote(s string) string {
	plain := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:@,+", r)
	}) < 0
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
