package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"
)

// command is one sub-command of the binary. The dispatcher and the help
// both read the list in commands(), so a command cannot run undocumented
// and its flags are listed from the very declarations that parse them.
type command struct {
	name    string // one or two words: "token create"
	args    string // what follows the name in the usage line
	summary string
	about   string
	// env names the variables the command reads.
	env []string
	// operands: the command takes arguments after its flags (help's
	// COMMAND); the others refuse any.
	operands bool
	// bind declares the command's flags on fs and returns what runs once
	// they are parsed, with the arguments left over.
	bind func(fs *flag.FlagSet, sys system) func(ctx context.Context, rest []string) error
}

// system is what a command gets from the process: its environment and
// output streams.
type system struct {
	getenv         func(string) string
	stdout, stderr io.Writer
}

// commands is every sub-command, in the order the help lists them.
func commands() []command {
	database := []string{"DATABASE_URL", "PUSHCHECK_DATA_DIR", "PUSHCHECK_SECRET_KEY", "PUSHCHECK_SECRET_KEY_FILE", "PUSHCHECK_DB_CONNS"}
	return []command{{
		name:    "serve",
		args:    "[--demo] [--addr HOST:PORT] [--sandbox-addr HOST:PORT]",
		summary: "serve the console and the API (the default command)",
		about: `Opens the database (DATABASE_URL, or the SQLite file in PUSHCHECK_DATA_DIR),
applies its migrations, and serves until SIGTERM or Ctrl-C, then drains
requests for up to 15 s. On an empty database without PUSHCHECK_ADMIN_* it
prints a one-time setup link that creates the first admin.`,
		env:  settingNames(),
		bind: bindServe,
	}, {
		name:    "sandbox",
		args:    "[--demo] [--addr HOST:PORT] [--sandbox-addr HOST:PORT]",
		summary: "serve the console with the vendors' emulators on a fixed address, for your own servers",
		about:   sandboxAbout,
		env:     settingNames(),
		bind:    bindSandbox,
	}, {
		name:    "migrate",
		summary: "apply the database migrations and print the schema version",
		env:     database,
		bind: func(fs *flag.FlagSet, sys system) func(context.Context, []string) error {
			return func(ctx context.Context, _ []string) error {
				return runMigrate(ctx, sys.getenv, sys.stdout, sys.stderr)
			}
		},
	}, {
		name:    "token create",
		args:    "--email E [--name N]",
		summary: "print a new operator API token for an operator",
		about:   "For scripts and CI that cannot click through the profile page.",
		env:     database,
		bind:    bindTokenCreate,
	}, {
		name:    "seed",
		args:    "[--devices N] [--users N] [--events N] [--pushes N] [--app NAME] [--batch N]",
		summary: "fill the database with benchmark data",
		about:   seedAbout,
		env:     database,
		bind:    bindSeed,
	}, {
		name:    "backup",
		args:    "[--out FILE]",
		summary: "copy the database to a new file (SQLite) or run pg_dump (PostgreSQL)",
		about:   backupAbout,
		env:     database,
		bind:    bindBackup,
	}, {
		name:    "healthcheck",
		args:    "[--addr HOST:PORT] [--timeout D]",
		summary: "exit 0 when the local server's /readyz answers 200, else 1 (for HEALTHCHECK)",
		about: `Asks http://127.0.0.1:PORT/readyz, PORT taken from PUSHCHECK_ADDR, so a
container's health check needs no shell or curl.`,
		env:  []string{"PUSHCHECK_ADDR"},
		bind: bindHealthcheck,
	}, {
		name:     "help",
		args:     "[COMMAND]",
		summary:  "list the commands, their flags and the environment, or tell about one command",
		operands: true,
		bind: func(fs *flag.FlagSet, sys system) func(context.Context, []string) error {
			return func(ctx context.Context, rest []string) error { return printHelp(sys.stdout, rest) }
		},
	}}
}

func bindServe(fs *flag.FlagSet, sys system) func(context.Context, []string) error {
	cfg, envErr := envConfig(sys.getenv)
	serveFlags(fs, &cfg)
	return func(ctx context.Context, _ []string) error {
		if envErr != nil {
			return envErr
		}
		if err := cfg.validate(); err != nil {
			return err
		}
		// The first line comes before the database is opened and migrated,
		// so a slow start is not a silent one.
		fmt.Fprintf(sys.stdout, "pushcheck %s starting: opening the %s\n", version, databaseName(cfg))
		srv, err := newServer(ctx, cfg, sys.stdout, sys.stderr)
		if err != nil {
			return err
		}
		return srv.run(ctx)
	}
}

func bindTokenCreate(fs *flag.FlagSet, sys system) func(context.Context, []string) error {
	email := fs.String("email", "", "the operator's email")
	name := fs.String("name", "CLI token", "a name to recognise the token by")
	return func(ctx context.Context, _ []string) error {
		if *email == "" {
			return usageError{err: fmt.Errorf("token create: --email is required")}
		}
		return runToken(ctx, *email, *name, sys)
	}
}

func bindHealthcheck(fs *flag.FlagSet, sys system) func(context.Context, []string) error {
	addr := fs.String("addr", lookupEnv(sys.getenv)("PUSHCHECK_ADDR"), "the server's listen address (PUSHCHECK_ADDR)")
	timeout := fs.Duration("timeout", 2*time.Second, "how long to wait for the answer")
	return func(ctx context.Context, _ []string) error {
		return healthcheck(ctx, *addr, *timeout, sys.stdout)
	}
}
