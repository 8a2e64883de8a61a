package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// A backup of a SQLite database in use, restored as the README says (the
// file copied into a data dir as pushcheck.db), opens with the store and
// holds the data.
func TestBackupSQLiteRestores(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	openWithAnApp(t, "", dataDir) // and left open: the server runs during a backup
	env := envOf(map[string]string{"PUSHCHECK_DATA_DIR": dataDir})
	out := filepath.Join(t.TempDir(), "it's a backup.db") // a quote in the name, as SQL sees it
	var stdout, stderr bytes.Buffer
	if code := cli(ctx, []string{"backup", "--out", out}, env, &stdout, &stderr); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"wrote " + out, filepath.Join(dataDir, "secret.key"), "restore:"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}

	restored := t.TempDir()
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(restored, "pushcheck.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	copyStore, err := storage.Open("", restored)
	if err != nil {
		t.Fatal(err)
	}
	defer copyStore.Close()
	apps, err := copyStore.Apps(ctx)
	if err != nil || len(apps) != 1 || apps[0].Name != "Backed up" {
		t.Fatalf("the restored database has apps %+v, %v", apps, err)
	}

	// The same file again is refused and left as it was.
	stderr.Reset()
	if code := cli(ctx, []string{"backup", "--out", out}, env, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "already exists") {
		t.Fatalf("second backup to the same file: exit %d, %s", code, stderr.String())
	}
	if after, err := os.ReadFile(out); err != nil || !bytes.Equal(after, b) {
		t.Fatalf("the existing backup was changed (%v)", err)
	}
}

// Without --out the backup goes into the data dir, named for the time.
func TestBackupDefaultNameAndMissingDatabase(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	env := envOf(map[string]string{"PUSHCHECK_DATA_DIR": dataDir})
	var stdout, stderr bytes.Buffer
	if code := cli(ctx, []string{"backup"}, env, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "no database at") {
		t.Fatalf("backup of no database: exit %d, %s", code, stderr.String())
	}
	if entries, err := os.ReadDir(dataDir); err != nil || len(entries) != 0 {
		t.Fatalf("a failed backup left %v (%v)", entries, err)
	}
	store, err := storage.OpenSQLite(filepath.Join(dataDir, "pushcheck.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	if code := cli(ctx, []string{"backup"}, env, &stdout, &stderr); code != 0 {
		t.Fatalf("backup: exit %d, %s", code, stderr.String())
	}
	matches, err := filepath.Glob(filepath.Join(dataDir, "pushcheck-backup-2*Z.db"))
	if err != nil || len(matches) != 1 {
		t.Fatalf("backups in the data dir: %v %v", matches, err)
	}
}

// On PostgreSQL the backup is pg_dump's custom format, of the schema the
// store uses.
func TestBackupPostgresDump(t *testing.T) {
	if os.Getenv(storagetest.EnvDatabaseURL) == "" {
		t.Skip("set " + storagetest.EnvDatabaseURL + " to back up PostgreSQL")
	}
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not installed")
	}
	ctx := context.Background()
	dsn := storagetest.DSN(t)
	openWithAnApp(t, dsn, "")
	out := filepath.Join(t.TempDir(), "pushcheck.dump")
	var stdout, stderr bytes.Buffer
	env := envOf(map[string]string{"DATABASE_URL": dsn, "PUSHCHECK_SECRET_KEY": testSecretKey(t)})
	if code := cli(ctx, []string{"backup", "--out", out}, env, &stdout, &stderr); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("PGDMP")) {
		t.Fatalf("the dump is not pg_dump's custom format (%d bytes, %v)", len(b), err)
	}
	if !strings.Contains(stdout.String(), "PUSHCHECK_SECRET_KEY") || !strings.Contains(stdout.String(), "pg_restore") {
		t.Errorf("output: %s", stdout.String())
	}
	if _, err := exec.LookPath("pg_restore"); err == nil {
		list, err := exec.Command("pg_restore", "--list", out).Output()
		if err != nil || !strings.Contains(string(list), " apps ") {
			t.Fatalf("pg_restore --list: %v\n%s", err, list)
		}
	}
}

// Where pg_dump is missing, the backup says what to run, without the
// password.
func TestBackupPostgresWithoutPGDump(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	env := envOf(map[string]string{"DATABASE_URL": "postgres://pushcheck:hunter2@db:5432/pushcheck?search_path=tenant&sslmode=disable"})
	out := filepath.Join(t.TempDir(), "pushcheck.dump")
	var stdout, stderr bytes.Buffer
	if code := cli(context.Background(), []string{"backup", "--out", out}, env, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d", code)
	}
	msg := stderr.String()
	for _, want := range []string{"pg_dump --file=", "--format=custom", "--schema=tenant", "postgres://pushcheck@db:5432/pushcheck?sslmode=disable", "PGPASSWORD", "PUSHCHECK_SECRET_KEY"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the pointer lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "hunter2") {
		t.Errorf("the pointer shows the password:\n%s", msg)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a file was left at %s (%v)", out, err)
	}
}

// openWithAnApp opens and migrates the database, adds the app a backup
// must hold, and closes the store when the test ends.
func openWithAnApp(t *testing.T, databaseURL, dataDir string) {
	t.Helper()
	store, err := storage.Open(databaseURL, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if err := store.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateApp(context.Background(), "Backed up"); err != nil {
		t.Fatal(err)
	}
}
