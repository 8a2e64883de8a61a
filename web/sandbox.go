package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// defaultSandboxAddr is where `pushcheck sandbox` serves the emulators
// unless told otherwise: loopback, and a port that needs no privileges.
const defaultSandboxAddr = "127.0.0.1:8443"

// The sandbox CA's files in the data directory: the key file holds the
// certificate and its key; the certificate alone is what clients trust.
const (
	sandboxCAKeyFile  = "sandbox-ca.key"
	sandboxCACertFile = "sandbox-ca.pem"
)

const sandboxAbout = `Runs the console like serve, with the vendors' emulators listening from the
start on one TLS address (--sandbox-addr, PUSHCHECK_SANDBOX_ADDR; default
` + defaultSandboxAddr + `). Each answers for its vendor's real hostnames, routed by
SNI and Host, with certificates of a CA kept in the data directory
(PUSHCHECK_SANDBOX_CA_FILE) and served at /sandbox/ca.pem. The emulators accept the
credentials of every sandbox certificate in the database, from any client.
Prints how to point another server at them: a PUSHCHECK_RESOLVE map, curl
flags, /etc/hosts lines and how to trust the CA.`

func bindSandbox(fs *flag.FlagSet, sys system) func(context.Context, []string) error {
	run := bindServe(fs, sys)
	return func(ctx context.Context, rest []string) error {
		if f := fs.Lookup("sandbox-addr"); f.Value.String() == "" {
			if err := f.Value.Set(defaultSandboxAddr); err != nil {
				return err
			}
		}
		return run(ctx, rest)
	}
}

// sandboxCA loads the sandbox's CA from its file, creating the file (and
// the certificate alone beside it) the first time.
func sandboxCA(cfg Config, log *slog.Logger) func() (*vendors.CA, error) {
	return func() (*vendors.CA, error) {
		path := cfg.SandboxCAFile
		if path == "" {
			path = filepath.Join(cfg.DataDir, sandboxCAKeyFile)
		}
		b, err := os.ReadFile(path)
		if err == nil {
			ca, err := vendors.ParseCA(b)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			return ca, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("sandbox CA: %w", err)
		}
		return newSandboxCA(path, log)
	}
}

func newSandboxCA(path string, log *slog.Logger) (*vendors.CA, error) {
	ca, err := vendors.NewCA("pushcheck sandbox CA")
	if err != nil {
		return nil, err
	}
	b, err := ca.Encode()
	if err != nil {
		return nil, err
	}
	hint := " (set PUSHCHECK_SANDBOX_CA_FILE to a writable path)"
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("sandbox CA: %w%s", err, hint)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return nil, fmt.Errorf("sandbox CA: %w%s", err, hint)
	}
	public := filepath.Join(filepath.Dir(path), sandboxCACertFile)
	if public != path {
		if err := os.WriteFile(public, ca.PEM, 0o644); err != nil {
			return nil, fmt.Errorf("sandbox CA: %w%s", err, hint)
		}
	}
	log.Info("sandbox CA created", "file", path, "certificate", public)
	return ca, nil
}

// sandboxCertificates lists every sandbox certificate with its opened
// secrets, for the emulators to accept.
func sandboxCertificates(store *storage.Store, sealer *secrets.Sealer) func(context.Context) ([]vendors.SandboxCertificate, error) {
	return func(ctx context.Context) ([]vendors.SandboxCertificate, error) {
		certs, err := store.SandboxCertificates(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]vendors.SandboxCertificate, 0, len(certs))
		for _, c := range certs {
			s, err := sealer.OpenCertificateSecrets(c)
			if err != nil {
				return nil, fmt.Errorf("certificate %d: %w", c.ID, err)
			}
			out = append(out, vendors.SandboxCertificate{Certificate: c, Secrets: s})
		}
		return out, nil
	}
}

// printSandboxSettings tells how to point another server at the sandbox.
func printSandboxSettings(w io.Writer, s vendors.SandboxSettings, console string) {
	ca := console + "/sandbox/ca.pem"
	fmt.Fprintf(w, "  sandbox: the vendors' emulators on https://%s (settings: %s/sandbox/settings)\n", s.Address, console)
	fmt.Fprintf(w, "    CA:                curl -o sandbox-ca.pem %s\n", ca)
	fmt.Fprintf(w, "    PUSHCHECK_RESOLVE=%s\n", s.Resolve())
	if flags, hosts := s.CurlFlags(), s.EtcHosts(); len(flags) > 0 {
		fmt.Fprintf(w, "    curl:              curl --cacert sandbox-ca.pem %s …\n", flags[0])
		fmt.Fprintf(w, "    /etc/hosts (with the sandbox on port 443): %s …\n", hosts[0])
	}
	notes := map[string]string{"java": "Java", "go": "Go (replaces the system's roots)", "node": "Node.js (adds to the system's roots)", "curl": "curl"}
	for _, hint := range vendors.TrustHints("sandbox-ca.pem") {
		fmt.Fprintf(w, "    %-18s %s\n", notes[hint.Stack]+":", hint.Command)
	}
}
