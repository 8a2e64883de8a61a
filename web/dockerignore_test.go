package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// The Dockerfile's `COPY . .` sends the build context into the image
// build: .dockerignore must keep every data dir, database and secret key
// out of it, and leave in what the build needs.
func TestDockerignoreKeepsSecretsOut(t *testing.T) {
	b, err := os.ReadFile("../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	ignore := parseDockerignore(t, string(b))
	for _, path := range []string{
		"data/pushcheck.db", "data/secret.key", "data/pushcheck.db-wal", "secret.key", "pushcheck.db",
		"web/data/pushcheck.db", "web/data/secret.key", "models/storage/test.db", "some/where/secret.key",
		"deploy/secrets/secret_key", "deploy/.env", ".git/config", "pushcheck", "web/web.test", "web/cpu.out",
		"bench/README.md", "node_modules/x/index.js", "static/node_modules/x.js",
	} {
		if !ignore(path) {
			t.Errorf("%s would be sent to the image build", path)
		}
	}
	// Everything the build reads stays: go.mod, go.sum, the Go sources and
	// the embedded static files.
	err = filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel("..", path)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".git" || rel == "data" {
				return filepath.SkipDir
			}
			return nil
		}
		needed := rel == "go.mod" || rel == "go.sum" || strings.HasPrefix(rel, "static/") ||
			(strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go"))
		if needed && ignore(rel) {
			t.Errorf("%s is needed by the build but .dockerignore leaves it out", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// parseDockerignore returns whether Docker leaves a path (relative, with
// slashes) out of the build context, by Docker's own matcher.
func parseDockerignore(t *testing.T, text string) func(string) bool {
	t.Helper()
	patterns, err := ignorefile.ReadAll(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	return func(path string) bool {
		ignored, err := pm.MatchesOrParentMatches(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return ignored
	}
}
