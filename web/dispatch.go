package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// usageError is a mistake in the command line: cli prints the usage after
// it and exits 2, as the flag package's own commands do.
type usageError struct {
	err   error
	usage string
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run dispatches a command line; serve is the default.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	sys := system{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) > 0 && isHelpFlag(args[0]) {
		return printHelp(stdout, nil)
	}
	// "token --help": the help of "token create".
	if len(args) > 1 && isHelpFlag(args[1]) {
		if c, ok := commandAbout(args[0]); ok {
			return printCommandHelp(stdout, c)
		}
	}
	cmd, rest, err := findCommand(args)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	// The error is returned and printed once by cli; --help goes to stdout.
	fs.SetOutput(io.Discard)
	action := cmd.bind(fs, sys)
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return printCommandHelp(stdout, cmd)
		}
		return usageError{fmt.Errorf("%s: %w", cmd.name, err), commandUsage(cmd)}
	}
	if fs.NArg() > 0 && !cmd.operands {
		return usageError{fmt.Errorf("%s: unexpected argument %q", cmd.name, fs.Arg(0)), commandUsage(cmd)}
	}
	err = action(ctx, fs.Args())
	// A command's own usage errors get its usage line here.
	var usage usageError
	if errors.As(err, &usage) && usage.usage == "" {
		usage.usage = commandUsage(cmd)
		return usage
	}
	return err
}

// findCommand picks the command named by the first one or two arguments.
func findCommand(args []string) (command, []string, error) {
	if len(args) == 0 || isFlag(args[0]) {
		return commands()[0], args, nil // serve
	}
	for _, c := range commands() {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == c.name {
			return c, args[len(words):], nil
		}
	}
	if c, ok := commandAbout(args[0]); ok {
		return command{}, nil, usageError{fmt.Errorf("unknown command %q", strings.Join(args[:min(len(args), 2)], " ")), commandUsage(c)}
	}
	return command{}, nil, usageError{fmt.Errorf("unknown command %q", args[0]), shortUsage()}
}

func commandNames() string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

func isFlag(s string) bool { return len(s) > 0 && s[0] == '-' }

func isHelpFlag(s string) bool { return s == "-h" || s == "-help" || s == "--help" }

// cli runs a command line and returns the process's exit status: 0, 1 when
// the command failed, 2 when the command line was wrong.
func cli(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	err := run(ctx, args, getenv, stdout, stderr)
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "pushcheck:", err)
	var usage usageError
	if errors.As(err, &usage) {
		fmt.Fprint(stderr, "\n"+usage.usage)
		return 2
	}
	return 1
}
