// Command pushcheck serves the push-check console and its API.
//
//	pushcheck [serve] [--demo] [--addr host:port]
//	pushcheck migrate
//	pushcheck token create --email E [--name N]
//	pushcheck seed [--devices N] [--users N] [--events N] [--pushes N] [--app NAME]
//	pushcheck backup [--out FILE]
//	pushcheck healthcheck
//	pushcheck help [COMMAND]
package main

import (
	"context"
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
	code := cli(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
