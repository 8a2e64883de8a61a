package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pushcheck/pushcheck/models/secrets"
)

// secretKeyFile is where the embedded mode keeps a generated key.
const secretKeyFile = "secret.key"

// loadSealer builds the sealer for vendor credentials from
// PUSHCHECK_SECRET_KEY. In embedded mode a missing key is generated into the
// data directory once, with a warning: losing that file loses every stored
// credential. With PostgreSQL the key is required, because several
// instances must share it.
func loadSealer(cfg Config, out io.Writer) (*secrets.Sealer, error) {
	text := cfg.SecretKey
	if text == "" {
		if cfg.DatabaseURL != "" {
			return nil, errors.New("PUSHCHECK_SECRET_KEY is required with DATABASE_URL (generate one with: openssl rand -base64 32)")
		}
		var err error
		if text, err = embeddedSecretKey(cfg.DataDir, out); err != nil {
			return nil, err
		}
	}
	key, err := secrets.ParseSecretKey(text)
	if err != nil {
		return nil, fmt.Errorf("PUSHCHECK_SECRET_KEY: %w", err)
	}
	return secrets.NewSealer(key)
}

func embeddedSecretKey(dataDir string, out io.Writer) (string, error) {
	path := filepath.Join(dataDir, secretKeyFile)
	b, err := os.ReadFile(path)
	if err == nil {
		return strings.TrimSpace(string(b)), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	key, err := secrets.NewSecretKey()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return "", fmt.Errorf("create %s: %w", dataDir, err)
	}
	if err := os.WriteFile(path, []byte(key+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(out, "  warning: PUSHCHECK_SECRET_KEY is not set; generated %s to encrypt vendor credentials. Back it up with the database, or set PUSHCHECK_SECRET_KEY.\n", path)
	return key, nil
}
