package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeFile is the part of deploy/compose.yaml the tests read.
type composeFile struct {
	Services map[string]struct {
		Image       string
		Build       struct{ Context string }
		Environment map[string]string
		Volumes     []string
		Secrets     []string
		Ports       []string
		DependsOn   map[string]struct{ Condition string } `yaml:"depends_on"`
		Healthcheck struct{ Test []string }
	}
	Volumes map[string]any
	Secrets map[string]struct {
		File        string
		Environment string
	}
}

// There is no Docker engine in CI: the compose file is checked by reading
// it. PostgreSQL 16 with a volume and a health check; pushcheck waits for
// it, reaches it by DATABASE_URL and reads the secret key from a Docker
// secret; no secret value is written in the file.
func TestComposeFile(t *testing.T) {
	b, err := os.ReadFile("../deploy/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf("deploy/compose.yaml: %v", err)
	}
	db, app := c.Services["db"], c.Services["pushcheck"]
	if !strings.HasPrefix(db.Image, "postgres:16") {
		t.Errorf("db image %q, want postgres:16", db.Image)
	}
	if len(db.Volumes) != 1 || !strings.HasSuffix(db.Volumes[0], ":/var/lib/postgresql/data") {
		t.Errorf("db volumes %v", db.Volumes)
	} else if _, ok := c.Volumes[strings.Split(db.Volumes[0], ":")[0]]; !ok {
		t.Errorf("db's volume %s is not declared in %v", db.Volumes[0], c.Volumes)
	}
	if len(db.Healthcheck.Test) < 2 || db.Healthcheck.Test[1] != "pg_isready" {
		t.Errorf("db health check %v", db.Healthcheck.Test)
	}
	if app.Build.Context != ".." {
		t.Errorf("pushcheck builds from %q, want the repository root", app.Build.Context)
	}
	if app.DependsOn["db"].Condition != "service_healthy" {
		t.Errorf("pushcheck depends on db %+v", app.DependsOn)
	}
	if !strings.HasPrefix(app.Environment["DATABASE_URL"], "postgres://pushcheck:${POSTGRES_PASSWORD") || !strings.Contains(app.Environment["DATABASE_URL"], "@db:5432/pushcheck") {
		t.Errorf("DATABASE_URL %q", app.Environment["DATABASE_URL"])
	}
	keyFile := app.Environment["PUSHCHECK_SECRET_KEY_FILE"]
	if len(app.Secrets) != 1 || keyFile != "/run/secrets/"+app.Secrets[0] || c.Secrets[app.Secrets[0]].File == "" {
		t.Errorf("secret key: file %q, secrets %v / %v", keyFile, app.Secrets, c.Secrets)
	}
	if _, ok := app.Environment["PUSHCHECK_SECRET_KEY"]; ok {
		t.Error("the secret key is written in the compose file")
	}
	for name, s := range map[string]map[string]string{"db": db.Environment, "pushcheck": app.Environment} {
		for k, v := range s {
			secret := strings.Contains(k, "PASSWORD") || strings.Contains(k, "SECRET")
			if secret && !strings.HasPrefix(v, "${") && !strings.HasPrefix(v, "/run/secrets/") {
				t.Errorf("%s: %s has a value in the file (%q): take it from deploy/.env or a secret", name, k, v)
			}
		}
	}
	// Nothing that looks like a key: 32 bytes in base64 or hex.
	if m := regexp.MustCompile(`[A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64}`).Find(b); m != nil {
		t.Errorf("deploy/compose.yaml holds what looks like a key: %s", m)
	}
	// The secret's file is one git and the image build both leave out.
	for _, ignore := range []string{"../.gitignore", "../.dockerignore"} {
		text, err := os.ReadFile(ignore)
		if err != nil || !strings.Contains(string(text), "deploy/secrets/") {
			t.Errorf("%s does not leave out deploy/secrets/ (%v)", ignore, err)
		}
	}
}

// The image runs the binary as nonroot on a distroless base, with a
// health check in exec form: there is no shell in the image to run one.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	lines := dockerInstructions(string(b))
	var froms []string
	var health, user, volume string
	copiesAll := false
	for _, l := range lines {
		op, rest, _ := strings.Cut(l, " ")
		switch strings.ToUpper(op) {
		case "FROM":
			froms = append(froms, rest)
		case "HEALTHCHECK":
			health = rest
		case "USER":
			user = rest
		case "VOLUME":
			volume = rest
		case "COPY":
			copiesAll = copiesAll || rest == ". ."
		}
	}
	if len(froms) != 2 || froms[1] != "gcr.io/distroless/static-debian12:nonroot" {
		t.Errorf("stages %v: the runtime should be gcr.io/distroless/static-debian12:nonroot", froms)
	}
	_, cmd, ok := strings.Cut(health, "CMD ")
	var argv []string
	if !ok || json.Unmarshal([]byte(cmd), &argv) != nil || len(argv) != 2 || argv[0] != "/usr/local/bin/pushcheck" || argv[1] != "healthcheck" {
		t.Errorf("HEALTHCHECK %q: want CMD [\"/usr/local/bin/pushcheck\", \"healthcheck\"] in exec form", health)
	}
	if user == "" || strings.HasPrefix(user, "root") || strings.HasPrefix(user, "0") {
		t.Errorf("USER %q: the server must not run as root", user)
	}
	if volume != `["/data"]` || !strings.Contains(string(b), "PUSHCHECK_DATA_DIR=/data") || !strings.Contains(string(b), "CGO_ENABLED=0") {
		t.Errorf("VOLUME %q, or no PUSHCHECK_DATA_DIR=/data, or cgo", volume)
	}
	if !copiesAll {
		t.Error("no COPY . . (the reason .dockerignore is tested)")
	}
}

// dockerInstructions joins continued lines and drops comments.
func dockerInstructions(text string) []string {
	var out []string
	var cur string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasSuffix(line, "\\") {
			cur += strings.TrimSuffix(line, "\\") + " "
			continue
		}
		out = append(out, strings.Join(strings.Fields(cur+line), " "))
		cur = ""
	}
	return out
}

// The compose file hands the secret key over as a file; the key and the
// file together are refused, a missing file is an error.
func TestComposeSecretKeyFile(t *testing.T) {
	key := testSecretKey(t)
	file := filepath.Join(t.TempDir(), "secret_key")
	if err := os.WriteFile(file, []byte(key+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(nil, envOf(map[string]string{"PUSHCHECK_SECRET_KEY_FILE": file}), io.Discard)
	if err != nil || cfg.SecretKey != key {
		t.Fatalf("key from the file: %q, %v", cfg.SecretKey, err)
	}
	if _, err := loadConfig(nil, envOf(map[string]string{"PUSHCHECK_SECRET_KEY_FILE": file, "PUSHCHECK_SECRET_KEY": key}), io.Discard); err == nil {
		t.Error("both the key and its file were accepted")
	}
	if _, err := loadConfig(nil, envOf(map[string]string{"PUSHCHECK_SECRET_KEY_FILE": file + ".missing"}), io.Discard); err == nil {
		t.Error("a missing key file was accepted")
	}
}
