// Package static holds the console's stylesheet, script and the vendored
// htmx, embedded into the binary.
package static

import "embed"

// FS serves /static.
//
//go:embed *.css *.js *.svg
var FS embed.FS
