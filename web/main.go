// Command pushcheck serves the push-check console and its API.
//
//	pushcheck [serve] [--demo] [--addr host:port]
//	pushcheck migrate
//	pushcheck token create --email E [--name N]
//	pushcheck seed [--devices N] [--users N] [--events N] [--pushes N] [--app NAME]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT sets another: the collector works harder as the heap nears
// it, so a 10,000-device push stays within about 150 MB of RSS (the
// binary's mapped code adds some 35 MB on top).
const defaultMemoryLimit = 100 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "pushcheck:", err)
		os.Exit(1)
	}
}

// run dispatches the sub-commands; serve is the default.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !isFlag(args[0]) {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		cfg, err := loadConfig(args, getenv, stderr)
		if err != nil {
			return err
		}
		srv, err := newServer(ctx, cfg, stdout, stderr)
		if err != nil {
			return err
		}
		return srv.run(ctx)
	case "migrate":
		return runMigrate(ctx, getenv, stdout, stderr)
	case "token":
		return runToken(ctx, args, getenv, stdout, stderr)
	case "seed":
		return runSeed(ctx, args, getenv, stdout, stderr)
	}
	return fmt.Errorf("unknown command %q (commands: serve, migrate, token create, seed)", cmd)
}

func isFlag(s string) bool { return len(s) > 0 && s[0] == '-' }
