package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models/sending"
	"github.com/pushcheck/pushcheck/models/storage"
)

// setting is one environment variable the binary reads.
type setting struct {
	name string
	// def is the value used when the variable is unset; loadConfig takes
	// its defaults from here, so the help cannot show another. "" means
	// off, or a value derived as the meaning says.
	def     string
	meaning string
}

// settings is every environment variable pushcheck reads, in the order the
// help lists them. TestHelpListsEveryVariable fails when loadConfig reads
// a variable missing here, or when one here is read by nobody.
func settings() []setting {
	rates := handlers.DefaultRateLimits()
	rate := func(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }
	return []setting{
		{"PUSHCHECK_ADDR", "127.0.0.1:8080", "listen address (also --addr)"},
		{"DATABASE_URL", "", "postgres://… uses PostgreSQL; unset uses the embedded SQLite file"},
		{"PUSHCHECK_DATA_DIR", "./data", "where the SQLite file pushcheck.db, the generated secret.key and default backups live"},
		{"PUSHCHECK_PUBLIC_URL", "", "the URL people reach the console at (unset: http://<addr>); https://… turns on Secure cookies and HSTS"},
		{"PUSHCHECK_SECRET_KEY", "", "32 bytes, base64 or hex (openssl rand -base64 32) sealing vendor credentials; required with DATABASE_URL, else generated into secret.key in the data dir. Keep it with every backup"},
		{"PUSHCHECK_SECRET_KEY_FILE", "", "a file holding the secret key instead (a Docker secret: /run/secrets/…)"},
		{"PUSHCHECK_ADMIN_EMAIL", "", "with PUSHCHECK_ADMIN_PASSWORD: ensure this enabled admin exists at start (the way back in when locked out)"},
		{"PUSHCHECK_ADMIN_PASSWORD", "", "the password of PUSHCHECK_ADMIN_EMAIL"},
		{"PUSHCHECK_FOREGROUND_STALE_AFTER", "10m", "a foreground device silent for longer is shown as stale and counted as offline"},
		{"PUSHCHECK_EVENT_RETENTION", "720h", "device timeline entries older than this are deleted hourly"},
		{"PUSHCHECK_HISTORY_RETENTION", "720h", "test pushes, their traces and unmatched receipts older than this are deleted hourly"},
		{"PUSHCHECK_AUDIT_RETENTION", "8760h", "audit entries older than this are deleted hourly"},
		{"PUSHCHECK_LOG_FORMAT", "text", "text or json"},
		{"PUSHCHECK_LOG_LEVEL", "info", "debug adds a line per vendor call; also warn, error"},
		{"PUSHCHECK_TRUSTED_PROXIES", "", "networks (10.0.0.0/8,192.0.2.10) whose X-Forwarded-For is believed"},
		{"PUSHCHECK_DB_CONNS", strconv.Itoa(storage.DefaultPoolSize(runtime.GOMAXPROCS(0))), "PostgreSQL connections this instance opens at most (at least 2; unset: six for the console and four a core, eight at least, for background work, thirty at most); six (half of them below twelve) are kept for pages and the operator API"},
		{"PUSHCHECK_VENDOR_CONCURRENCY", "", fmt.Sprintf("vendor calls in flight per process, apns=64,fcm=32 (vendors not named: %d)", sending.DefaultConcurrency)},
		{"PUSHCHECK_SANDBOX_CONCURRENCY", strconv.Itoa(sending.DefaultSandboxConcurrency), "calls in flight to the sandbox's emulators per process, all vendors together: they run on this machine's own cores"},
		{"PUSHCHECK_RATE_DEVICE_PER_KEY", rate(rates.DevicePerKey), "device reports and acks a second per app API key (0: no limit)"},
		{"PUSHCHECK_RATE_DEVICE_PER_ADDRESS", rate(rates.DevicePerAddress), "device reports and acks a second per client address"},
		{"PUSHCHECK_RATE_RECEIPT_PER_CERTIFICATE", rate(rates.ReceiptPerCertificate), "receipt callbacks a second per certificate"},
		{"PUSHCHECK_RATE_RECEIPT_PER_ADDRESS", rate(rates.ReceiptPerAddress), "receipt callbacks a second per client address"},
		{"PUSHCHECK_RATE_SIGNIN_PER_ADDRESS", rate(rates.SignInPerAddress), "sign-in attempts a second per client address"},
		{"PUSHCHECK_METRICS_TOKEN", "", "a bearer token (at least 16 characters: openssl rand -hex 32) that opens Prometheus /metrics on the console's address; unset: /metrics is off there"},
		{"PUSHCHECK_METRICS_ADDR", "", "a separate listen address (127.0.0.1:9090) serving /metrics alone, without a token, for a scraper or sidecar that only the network reaches; unset: none"},
		{"HTTPS_PROXY", "", "proxy for vendor traffic (or https_proxy)"},
		{"NO_PROXY", "", "hosts that bypass the proxy (or no_proxy)"},
		{"PUSHCHECK_SANDBOX_ADDR", "", "serve the vendors' emulators on this TLS address (also --sandbox-addr; `pushcheck sandbox` uses " + defaultSandboxAddr + " when unset); unset: they start on a free loopback port when a sandbox certificate is first used"},
		{"PUSHCHECK_SANDBOX_CA_FILE", "", "a PEM file with the sandbox CA's certificate and private key, created when missing (unset: sandbox-ca.key in the data dir; the certificate alone is written beside it as sandbox-ca.pem)"},
		{"PUSHCHECK_RESOLVE", "", "host:port=address:port,… connects there instead of resolving the host, like curl's --resolve"},
		{"PUSHCHECK_CONNECT_TIMEOUT", "5s", "dial and TLS handshake to a vendor"},
		{"PUSHCHECK_VENDOR_TIMEOUT", "15s", "one whole vendor call"},
		{"GOMEMLIMIT", fmt.Sprintf("%dMiB", defaultMemoryLimit>>20), "the Go runtime's soft memory limit (read by main)"},
	}
}

// lookupEnv reads variables through getenv, trimmed; an unset one takes
// its default from settings().
func lookupEnv(getenv func(string) string) func(key string) string {
	defaults := map[string]string{}
	for _, s := range settings() {
		defaults[s.name] = s.def
	}
	return func(key string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return defaults[key]
	}
}

func settingNames() []string {
	var names []string
	for _, s := range settings() {
		names = append(names, s.name)
	}
	return names
}

// printSettings writes the named variables, or all when names is empty.
func printSettings(w io.Writer, names []string) {
	for _, s := range settings() {
		if len(names) > 0 && !slices.Contains(names, s.name) {
			continue
		}
		line := "  " + s.name
		if s.def != "" {
			line += "=" + s.def
		}
		fmt.Fprintf(w, "%s\n%s", line, wrap(s.meaning, "        "))
	}
}
