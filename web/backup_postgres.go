package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
)

// pgDumpTarget is DATABASE_URL as pg_dump takes it.
type pgDumpTarget struct {
	// url has no password: a command line is visible to every user of
	// the machine (ps), so the password travels in PGPASSWORD.
	url      string
	password string
	// schemas come from search_path, a connection parameter of the Go
	// driver that libpq does not know; pushcheck's tables live in its
	// first schema.
	schemas []string
}

func newPGDumpTarget(databaseURL string) (pgDumpTarget, error) {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return pgDumpTarget{}, fmt.Errorf("backup: DATABASE_URL: %w", err)
	}
	var t pgDumpTarget
	if u.User != nil {
		t.password, _ = u.User.Password()
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	for _, s := range strings.Split(q.Get("search_path"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			t.schemas = append(t.schemas, s)
		}
	}
	q.Del("search_path")
	u.RawQuery = q.Encode()
	t.url = u.String()
	return t, nil
}

func (t pgDumpTarget) args() []string {
	args := []string{"--format=custom", "--dbname=" + t.url}
	for _, s := range t.schemas {
		args = append(args, "--schema="+s)
	}
	return args
}

// command is the pg_dump line to paste where pg_dump is installed.
func (t pgDumpTarget) command(out string) string {
	line := "pg_dump --file=" + shellQuote(out)
	for _, a := range t.args() {
		line += " " + shellQuote(a)
	}
	if t.password != "" {
		line = "PGPASSWORD='…' " + line
	}
	return line
}

// backupPostgres runs pg_dump into a new file, or says how to run it.
func backupPostgres(ctx context.Context, databaseURL, out string, sys system) error {
	target, err := newPGDumpTarget(databaseURL)
	if err != nil {
		return err
	}
	pgDump, err := exec.LookPath("pg_dump")
	if err != nil {
		return fmt.Errorf(`backup: pg_dump is not on PATH. Run it where it is (PostgreSQL's client tools,
of the server's major version or newer; with compose: docker compose exec db pg_dump …):

  %s

and keep PUSHCHECK_SECRET_KEY with the dump: the certificates' credentials are sealed with it`, target.command(out))
	}
	f, err := createNew(out)
	if err != nil {
		return err
	}
	// pg_dump writes to the file created here rather than to --file, so an
	// existing file is refused before pg_dump runs.
	cmd := exec.CommandContext(ctx, pgDump, target.args()...)
	cmd.Stdout = f
	cmd.Stderr = sys.stderr
	if target.password != "" {
		cmd.Env = append(os.Environ(), "PGPASSWORD="+target.password)
	}
	err = errors.Join(cmd.Run(), f.Close())
	if err != nil {
		return removeAfter(out, fmt.Errorf("backup: pg_dump: %w", err))
	}
	return nil
}
