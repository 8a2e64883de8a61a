package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Every way of asking for help prints it on stdout and exits 0.
func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"}, {"help", "backup"}, {"backup", "--help"}, {"serve", "--help"},
		{"token", "--help"}, {"token", "create", "--help"}, {"help", "token"}, {"help", "token", "create"},
		{"healthcheck", "-h"}, {"seed", "--help"}, {"migrate", "--help"},
	} {
		var out, errOut bytes.Buffer
		if code := cli(context.Background(), args, envOf(nil), &out, &errOut); code != 0 || errOut.Len() > 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
		if !strings.Contains(out.String(), "usage: pushcheck ") && !strings.Contains(out.String(), "Commands and their flags") {
			t.Errorf("%v printed %q", args, out.String())
		}
	}
	var out bytes.Buffer
	cli(context.Background(), []string{"help", "backup"}, envOf(nil), &out, &out)
	for _, want := range []string{"usage: pushcheck backup [--out FILE]", "--out FILE", "secret.key", "PUSHCHECK_DATA_DIR=./data"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help backup lacks %q:\n%s", want, out.String())
		}
	}
}

// The whole help names every command and every flag of each.
func TestHelpListsEveryCommandAndFlag(t *testing.T) {
	var out bytes.Buffer
	if err := printHelp(&out, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range commands() {
		if !strings.Contains(out.String(), usageLine(c)) {
			t.Errorf("help lacks %q", usageLine(c))
		}
		for _, name := range flagNames(c) {
			if !strings.Contains(c.args, "--"+name) {
				t.Errorf("%s: the usage line %q does not show --%s", c.name, c.args, name)
			}
		}
		for _, name := range c.env {
			if !slices.Contains(settingNames(), name) {
				t.Errorf("%s reads %s, which settings() does not list", c.name, name)
			}
		}
	}
}

// A mistake in the command line prints the usage on stderr and exits 2.
func TestHelpUnknownCommandExitsTwo(t *testing.T) {
	for _, args := range [][]string{
		{"bogus"}, {"help", "bogus"}, {"token", "list"}, {"backup", "--nope"}, {"migrate", "extra"},
		{"token", "create"}, {"--demo", "extra"},
	} {
		var out, errOut bytes.Buffer
		if code := cli(context.Background(), args, envOf(nil), &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if !strings.Contains(errOut.String(), "usage:") || out.Len() > 0 {
			t.Errorf("%v: stdout %q, stderr %q", args, out.String(), errOut.String())
		}
	}
}

// The help's list of variables cannot drift from what the configuration
// reads: every variable loadConfig asks for is listed, and every listed
// one is read.
func TestHelpListsEveryVariable(t *testing.T) {
	read := map[string]bool{}
	record := func(k string) string {
		read[strings.ToUpper(k)] = true // https_proxy is HTTPS_PROXY's other spelling
		return ""
	}
	if _, err := loadConfig(nil, record, nil); err != nil {
		t.Fatal(err)
	}
	read["GOMEMLIMIT"] = true // main reads it, before any configuration
	var help bytes.Buffer
	if err := printHelp(&help, nil); err != nil {
		t.Fatal(err)
	}
	listed := settingNames()
	for name := range read {
		if !slices.Contains(listed, name) {
			t.Errorf("loadConfig reads %s, which settings() (the help) does not list", name)
		}
	}
	for _, name := range listed {
		if !read[name] {
			t.Errorf("settings() lists %s, which loadConfig never reads", name)
		}
		if !strings.Contains(help.String(), "  "+name) {
			t.Errorf("the help lacks %s", name)
		}
	}
	// A variable read anywhere else by its literal name must be listed too.
	literal := regexp.MustCompile(`"((?:PUSHCHECK|DATABASE)_[A-Z0-9_]+)"`)
	for _, file := range sourceFiles(t) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(listed, m[1]) && m[1] != "PUSHCHECK_TEST_DATABASE_URL" {
				t.Errorf("%s names %s, which settings() does not list", file, m[1])
			}
		}
	}
}

// The README's configuration tables agree with the help: every variable
// is there, with the same default where the README gives one value.
func TestHelpDefaultsMatchTheREADME(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z0-9_]+)` \\| `([^`]*)` \\|")
	documented := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(b), -1) {
		documented[m[1]] = m[2]
	}
	for _, s := range settings() {
		if !strings.Contains(string(b), "`"+s.name+"`") {
			t.Errorf("README.md does not mention `%s`", s.name)
		}
		if d, ok := documented[s.name]; ok && s.def != "" && d != s.def {
			t.Errorf("%s: README.md says the default is %q, the help %q", s.name, d, s.def)
		}
	}
}

// sourceFiles is every hand-written, non-test Go file of the module.
func sourceFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "data") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") && !strings.HasSuffix(path, "_templ.go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func flagNames(c command) []string {
	var names []string
	declaredFlags(c).VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}
