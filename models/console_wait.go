package models

import "context"

type consoleWaitKey struct{}

// WithConsoleWait marks ctx as work a person at the console is waiting
// for (a page, an operator API call), as opposed to background work
// (device reports, receipt callbacks, queued vendor calls). The store
// runs marked work on connections of its own, so a page never queues
// behind a large push.
func WithConsoleWait(ctx context.Context) context.Context {
	return context.WithValue(ctx, consoleWaitKey{}, true)
}

// ConsoleWaits tells whether ctx was marked by WithConsoleWait.
func ConsoleWaits(ctx context.Context) bool {
	waits, _ := ctx.Value(consoleWaitKey{}).(bool)
	return waits
}
