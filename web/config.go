package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/http/httpproxy"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Config is everything the process reads from its environment and flags,
// read once at start and passed down.
type Config struct {
	Addr           string
	PublicURL      string
	DatabaseURL    string
	DataDir        string
	SecretKey      string
	AdminEmail     string
	AdminPassword  string
	StaleAfter     time.Duration
	EventRetention time.Duration
	// HistoryRetention keeps test pushes, their traces and unmatched
	// receipts; AuditRetention the audit log.
	HistoryRetention time.Duration
	AuditRetention   time.Duration
	ShutdownTimeout  time.Duration
	LogFormat        string
	LogLevel         slog.Level
	Demo             bool
	VendorClients    vendors.ClientConfig
	RateLimits       handlers.RateLimits
	TrustedProxies   []*net.IPNet
	// DatabaseConns caps the PostgreSQL connections of this instance.
	DatabaseConns int
	// VendorConcurrency bounds each vendor's calls in flight in this
	// process, shared by every push (PUSHCHECK_VENDOR_CONCURRENCY,
	// "apns=64,fcm=32"; others sending.DefaultConcurrency).
	VendorConcurrency map[models.Vendor]int
	// SandboxConcurrency bounds the calls in flight to the sandbox's
	// emulators, all vendors together (PUSHCHECK_SANDBOX_CONCURRENCY).
	SandboxConcurrency int
	// MetricsToken opens /metrics on the console's listener to a scraper
	// sending it as a bearer token; MetricsAddr serves /metrics alone,
	// without a token, on an address of its own. Either, both or neither.
	MetricsToken string
	MetricsAddr  string
	// SandboxAddr is where the emulators listen from the start; empty:
	// on a free loopback port when first used. SandboxCAFile holds the
	// sandbox's CA (empty: in the data directory).
	SandboxAddr   string
	SandboxCAFile string
}

// loadConfig reads the environment, then the serve flags on top of it.
func loadConfig(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	cfg, err := envConfig(getenv)
	if err != nil {
		return cfg, err
	}
	fs := flag.NewFlagSet("pushcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	serveFlags(fs, &cfg)
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (commands: %s)", fs.Arg(0), commandNames())
	}
	return cfg, cfg.validate()
}

// serveFlags declares the flags of serve on top of the environment's cfg.
func serveFlags(fs *flag.FlagSet, cfg *Config) {
	fs.BoolVar(&cfg.Demo, "demo", false, "seed demo data into an empty database and print how to sign in")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (PUSHCHECK_ADDR)")
	fs.StringVar(&cfg.SandboxAddr, "sandbox-addr", cfg.SandboxAddr, "serve the vendors' emulators on this TLS address (PUSHCHECK_SANDBOX_ADDR)")
}

// envConfig reads the environment; an unset variable takes its default
// from settings(), the list the help prints.
func envConfig(getenv func(string) string) (Config, error) {
	env := lookupEnv(getenv)
	cfg := Config{
		Addr:            env("PUSHCHECK_ADDR"),
		PublicURL:       env("PUSHCHECK_PUBLIC_URL"),
		DatabaseURL:     env("DATABASE_URL"),
		DataDir:         env("PUSHCHECK_DATA_DIR"),
		AdminEmail:      env("PUSHCHECK_ADMIN_EMAIL"),
		AdminPassword:   getenv("PUSHCHECK_ADMIN_PASSWORD"),
		LogFormat:       env("PUSHCHECK_LOG_FORMAT"),
		MetricsToken:    env("PUSHCHECK_METRICS_TOKEN"),
		MetricsAddr:     env("PUSHCHECK_METRICS_ADDR"),
		SandboxAddr:     env("PUSHCHECK_SANDBOX_ADDR"),
		SandboxCAFile:   env("PUSHCHECK_SANDBOX_CA_FILE"),
		ShutdownTimeout: 15 * time.Second,
	}
	var err error
	if cfg.SecretKey, err = secretKey(getenv("PUSHCHECK_SECRET_KEY"), env("PUSHCHECK_SECRET_KEY_FILE")); err != nil {
		return cfg, err
	}
	if cfg.VendorClients, err = vendorClientConfig(getenv, env); err != nil {
		return cfg, err
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(env("PUSHCHECK_LOG_LEVEL"))); err != nil {
		return cfg, fmt.Errorf("PUSHCHECK_LOG_LEVEL must be debug, info, warn or error")
	}
	if cfg.TrustedProxies, err = parseNetworks("PUSHCHECK_TRUSTED_PROXIES", env("PUSHCHECK_TRUSTED_PROXIES")); err != nil {
		return cfg, err
	}
	if cfg.RateLimits, err = rateLimits(env); err != nil {
		return cfg, err
	}
	if cfg.DatabaseConns, err = strconv.Atoi(env("PUSHCHECK_DB_CONNS")); err != nil || cfg.DatabaseConns < 2 {
		return cfg, fmt.Errorf("PUSHCHECK_DB_CONNS must be a whole number of connections, at least 2: the console's pages get some of their own, background work the rest")
	}
	if cfg.VendorConcurrency, err = parseConcurrency(env("PUSHCHECK_VENDOR_CONCURRENCY")); err != nil {
		return cfg, err
	}
	if v := env("PUSHCHECK_SANDBOX_CONCURRENCY"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1024 {
			return cfg, fmt.Errorf("PUSHCHECK_SANDBOX_CONCURRENCY: %q is not a number of calls from 1 to 1024", v)
		}
		cfg.SandboxConcurrency = n
	}
	for _, d := range []struct {
		name string
		into *time.Duration
	}{
		{"PUSHCHECK_FOREGROUND_STALE_AFTER", &cfg.StaleAfter},
		{"PUSHCHECK_EVENT_RETENTION", &cfg.EventRetention},
		{"PUSHCHECK_HISTORY_RETENTION", &cfg.HistoryRetention},
		{"PUSHCHECK_AUDIT_RETENTION", &cfg.AuditRetention},
	} {
		if *d.into, err = parseDuration(d.name, env(d.name)); err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}

// secretKey is the key itself, or the contents of the file named by
// PUSHCHECK_SECRET_KEY_FILE: Docker and Kubernetes hand secrets over as
// files, and the distroless image has no shell to read one into a variable.
func secretKey(key, file string) (string, error) {
	if file == "" {
		return key, nil
	}
	if key != "" {
		return "", fmt.Errorf("set PUSHCHECK_SECRET_KEY or PUSHCHECK_SECRET_KEY_FILE, not both")
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("PUSHCHECK_SECRET_KEY_FILE: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// vendorClientConfig reads how vendors are reached: PUSHCHECK_RESOLVE pins,
// HTTPS_PROXY / NO_PROXY (either case), and the two timeouts.
func vendorClientConfig(getenv, env func(string) string) (vendors.ClientConfig, error) {
	either := func(a, b string) string {
		if v := getenv(a); v != "" {
			return v
		}
		return getenv(b)
	}
	var cfg vendors.ClientConfig
	var err error
	if cfg.Resolve, err = vendors.ParseResolve(getenv("PUSHCHECK_RESOLVE")); err != nil {
		return cfg, err
	}
	cfg.Proxy = httpproxy.Config{HTTPSProxy: either("HTTPS_PROXY", "https_proxy"), NoProxy: either("NO_PROXY", "no_proxy")}
	if cfg.ConnectTimeout, err = parseDuration("PUSHCHECK_CONNECT_TIMEOUT", env("PUSHCHECK_CONNECT_TIMEOUT")); err != nil {
		return cfg, err
	}
	if cfg.CallTimeout, err = parseDuration("PUSHCHECK_VENDOR_TIMEOUT", env("PUSHCHECK_VENDOR_TIMEOUT")); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func parseDuration(name, s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: %q is not a positive duration like 10m or 720h", name, s)
	}
	return d, nil
}

func (c Config) validate() error {
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		return fmt.Errorf("set both PUSHCHECK_ADMIN_EMAIL and PUSHCHECK_ADMIN_PASSWORD, or neither")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("PUSHCHECK_LOG_FORMAT must be text or json")
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("PUSHCHECK_PUBLIC_URL must be an http(s) URL such as https://push.example.com")
		}
	}
	if c.SandboxAddr != "" {
		if _, _, err := net.SplitHostPort(c.SandboxAddr); err != nil {
			return fmt.Errorf("PUSHCHECK_SANDBOX_ADDR must be host:port such as %s: %v", defaultSandboxAddr, err)
		}
	}
	return c.validateMetrics()
}

// minMetricsToken is the shortest metrics token taken: the endpoint is
// reachable by anyone who reaches the console, so the token must not be
// guessable.
const minMetricsToken = 16

func (c Config) validateMetrics() error {
	if c.MetricsToken != "" && len(c.MetricsToken) < minMetricsToken {
		return fmt.Errorf("PUSHCHECK_METRICS_TOKEN must be at least %d characters (openssl rand -hex 32)", minMetricsToken)
	}
	if c.MetricsAddr == "" {
		return nil
	}
	_, port, err := net.SplitHostPort(c.MetricsAddr)
	if err != nil {
		return fmt.Errorf("PUSHCHECK_METRICS_ADDR must be host:port such as 127.0.0.1:9090: %v", err)
	}
	if c.MetricsAddr == c.Addr && port != "0" {
		return fmt.Errorf("PUSHCHECK_METRICS_ADDR must differ from the console's address %s", c.Addr)
	}
	return nil
}

// secureCookies: cookies are marked Secure when the console is reached over
// HTTPS, which the public URL tells.
func (c Config) secureCookies() bool {
	return strings.HasPrefix(c.PublicURL, "https://")
}

// parseNetworks reads a comma-separated list of CIDRs (a bare address is
// one host).
func parseNetworks(name, s string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			if ip := net.ParseIP(part); ip != nil && ip.To4() != nil {
				part += "/32"
			} else {
				part += "/128"
			}
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a network like 10.0.0.0/8 or an address", name, part)
		}
		out = append(out, n)
	}
	return out, nil
}

// rateLimits reads the per-second limits, each overridable; 0 turns one
// off.
func rateLimits(env func(key string) string) (handlers.RateLimits, error) {
	l := handlers.DefaultRateLimits()
	for _, f := range []struct {
		name string
		into *float64
	}{
		{"PUSHCHECK_RATE_DEVICE_PER_KEY", &l.DevicePerKey},
		{"PUSHCHECK_RATE_DEVICE_PER_ADDRESS", &l.DevicePerAddress},
		{"PUSHCHECK_RATE_RECEIPT_PER_CERTIFICATE", &l.ReceiptPerCertificate},
		{"PUSHCHECK_RATE_RECEIPT_PER_ADDRESS", &l.ReceiptPerAddress},
		{"PUSHCHECK_RATE_SIGNIN_PER_ADDRESS", &l.SignInPerAddress},
	} {
		v := env(f.name)
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || n < 0 {
			return l, fmt.Errorf("%s: %q is not a rate per second like 100 or 0.5 (0 turns it off)", f.name, v)
		}
		*f.into = n
	}
	return l, nil
}

// parseConcurrency reads PUSHCHECK_VENDOR_CONCURRENCY: "apns=64,fcm=32".
func parseConcurrency(s string) (map[models.Vendor]int, error) {
	out := map[models.Vendor]int{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		v := models.Vendor(strings.ToLower(strings.TrimSpace(name)))
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if !slices.Contains(models.AllVendors(), v) || err != nil || n < 1 || n > 1024 {
			return nil, fmt.Errorf("PUSHCHECK_VENDOR_CONCURRENCY: %q is not vendor=calls like apns=64 (vendors: apns, fcm, huawei, harmony, honor, xiaomi, oppo, vivo, meizu; 1 to 1024 calls)", part)
		}
		out[v] = n
	}
	return out, nil
}
