// Command rollout is the release manager's tool for a rollout and
// deployment plan file: it checks the plan at the activity's gates, prints
// its report, schedule and forecast, exports it to Azure Boards and other
// formats, and compares it with a baseline.
//
//	go run ./examples/rollout sample > plan.json
//	go run ./examples/rollout check plan.json
//	go run ./examples/rollout help
//
// Its commands, flags and help text follow the Go toolchain's: one flag
// set per command, "rollout help <command>" for the details, exit status
// 2 for a usage or I/O error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK      = 0 // success; the gate passed; the plans are the same
	exitFailed  = 1 // the gate failed; the plans differ
	exitTrouble = 2 // usage error, unreadable or malformed plan, I/O error
)

// command is one subcommand, described as the go command describes its
// own.
type command struct {
	name      string
	usageLine string // the arguments after the command's name
	short     string
	long      string
	// flags adds the command's flags to fs and returns the function that
	// runs it with the remaining arguments.
	flags func(fs *flag.FlagSet, e *env) func(ctx context.Context, args []string) (int, error)
}

// env is what a command runs with: its output streams and whether stderr
// is a terminal (for the progress bar).
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	terminal       bool
}

// usageError is a command-line mistake: it prints the command's usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// run is the program: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(ctx, args, &env{stdin: stdin, stdout: stdout, stderr: stderr, terminal: isTerminal(stderr)})
}

func runEnv(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		mainUsage(e.stderr)
		return exitTrouble
	}
	name, args := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(args, e)
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(e.stderr, "rollout %s: unknown command\nRun 'rollout help' for usage.\n", name)
		return exitTrouble
	}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { cmdUsage(e.stderr, cmd) }
	runCmd := cmd.flags(fs, e)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	code, err := runCmd(ctx, fs.Args())
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "rollout %s: %s\n", cmd.name, ue.msg)
		cmdUsage(e.stderr, cmd)
		return exitTrouble
	case err != nil:
		fmt.Fprintf(e.stderr, "rollout %s: %v\n", cmd.name, err)
		return exitTrouble
	}
	return code
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func mainUsage(w io.Writer) {
	fmt.Fprint(w, "Rollout checks, schedules, forecasts, reports and exports a rollout and\ndeployment plan.\n\nUsage:\n\n\trollout <command> [arguments]\n\nThe commands are:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-11s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, "\nUse \"rollout help <command>\" for more information about a command.\n\n"+
		"A plan file is a plan document (see package plan); \"-\" reads standard input.\nStart with \"rollout sample > plan.json\".\n")
}

func cmdUsage(w io.Writer, c *command) {
	fmt.Fprintf(w, "usage: rollout %s %s\nRun 'rollout help %s' for details.\n", c.name, c.usageLine, c.name)
}

func help(args []string, e *env) int {
	switch len(args) {
	case 0:
		mainUsage(e.stdout)
		return exitOK
	case 1:
	default:
		fmt.Fprintln(e.stderr, "usage: rollout help command\n\nToo many arguments given.")
		return exitTrouble
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "rollout help %s: unknown help topic. Run 'rollout help'.\n", args[0])
		return exitTrouble
	}
	fmt.Fprintf(e.stdout, "usage: rollout %s %s\n\n%s\n", c.name, c.usageLine, strings.TrimSpace(c.long))
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.flags(fs, e)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(e.stdout, "\nFlags:")
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
	}
	return exitOK
}

// isTerminal reports whether w is a character device such as a terminal
// (the standard library's test, without a terminal package).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
