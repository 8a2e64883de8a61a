package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// printHelp writes the whole help (no topic) or one command's (help
// COMMAND). An unknown topic is a usage error.
func printHelp(w io.Writer, topic []string) error {
	if len(topic) > 0 {
		cmd, ok := commandAbout(strings.Join(topic, " "))
		if !ok {
			return usageError{fmt.Errorf("help: no command %q", strings.Join(topic, " ")), shortUsage()}
		}
		return printCommandHelp(w, cmd)
	}
	fmt.Fprint(w, `pushcheck: a console and test harness for IM offline push notifications.

Commands and their flags:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "\n  %s\n        %s\n", usageLine(c), c.summary)
		printFlags(w, c, "        ")
	}
	fmt.Fprint(w, "\nEnvironment (read once at start; a flag wins over its variable):\n")
	printSettings(w, nil)
	fmt.Fprint(w, "\n'pushcheck help COMMAND' or 'pushcheck COMMAND --help' tells more about one command.\n")
	return nil
}

// printCommandHelp is `pushcheck help COMMAND` and `pushcheck COMMAND --help`.
func printCommandHelp(w io.Writer, c command) error {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", usageLine(c), c.summary)
	if c.about != "" {
		fmt.Fprintf(w, "\n%s\n", c.about)
	}
	if hasFlags(c) {
		fmt.Fprint(w, "\nFlags:\n")
		printFlags(w, c, "  ")
	}
	if len(c.env) > 0 {
		fmt.Fprint(w, "\nEnvironment:\n")
		printSettings(w, c.env)
	}
	return nil
}

// shortUsage lists the commands' usage lines, after a mistake.
func shortUsage() string {
	var b strings.Builder
	b.WriteString("usage:\n")
	for _, c := range commands() {
		b.WriteString("  " + usageLine(c) + "\n")
	}
	b.WriteString("(pushcheck help lists the flags and the environment)\n")
	return b.String()
}

// commandAbout finds a command by its name or its first word ("token").
func commandAbout(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name || strings.Fields(c.name)[0] == name {
			return c, true
		}
	}
	return command{}, false
}

func usageLine(c command) string {
	return strings.TrimSpace("pushcheck " + c.name + " " + c.args)
}

// commandUsage is what follows a mistake in a command's line.
func commandUsage(c command) string {
	return fmt.Sprintf("usage: %s\n(pushcheck help %s tells more)\n", usageLine(c), c.name)
}

// declaredFlags is the command's flag set as its bind declares it; the
// action bind returns is dropped unrun.
func declaredFlags(c command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.bind(fs, system{getenv: func(string) string { return "" }, stdout: io.Discard, stderr: io.Discard})
	return fs
}

func hasFlags(c command) bool {
	n := 0
	declaredFlags(c).VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func printFlags(w io.Writer, c command, indent string) {
	declaredFlags(c).VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		line := indent + "--" + f.Name
		if kind != "" {
			line += " " + kind
		}
		if f.DefValue != "" && f.DefValue != "false" {
			usage += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "%s\n%s", line, wrap(usage, indent+"      "))
	})
}

// wrap breaks text into lines of at most 80 columns, each indented.
func wrap(text, indent string) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if line != indent && len(line)+1+len(word) > 80 {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}
