package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/plan/htmlreport"
	"github.com/rolloutkit/rollout/plan/ical"
	"github.com/rolloutkit/rollout/plan/markdown"
	"github.com/rolloutkit/rollout/plan/mspdi"
	"github.com/rolloutkit/rollout/plan/report"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/tjp"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/schedule/forecast"
	"github.com/rolloutkit/rollout/validation"
)

func commands() []*command {
	return []*command{cmdCheck, cmdReport, cmdSchedule, cmdForecast, cmdExport, cmdCompare, cmdSample}
}

// readPlan reads the plan file (or standard input for "-"). The plan's
// content may be invalid (a dangling reference, a cycle): commands that
// need a valid plan call mustValidate.
func (e *env) readPlan(ctx context.Context, path string) (*plan.Plan, error) {
	r := e.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	p, err := plan.DecodeReader(ctx, r, plan.DecodeOptions{AllowInvalid: true})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, listed(err))
	}
	return p, nil
}

// mustValidate returns the plan's blocking validation problems as an
// error.
func mustValidate(path string, p *plan.Plan) error {
	if err := p.Validate(); err != nil {
		var list validation.List
		if !errors.As(err, &list) || list.HasBlocking() {
			return fmt.Errorf("%s: invalid plan (run 'rollout check' for every problem): %w", path, listed(err))
		}
	}
	return nil
}

// listed puts each problem of a validation list on its own line.
func listed(err error) error {
	var list validation.List
	if !errors.As(err, &list) || len(list) < 2 {
		return err
	}
	var b strings.Builder
	for _, p := range list {
		b.WriteString("\n\t")
		b.WriteString(p.Error())
	}
	return errors.New(b.String())
}

// onePlan checks that args is one plan file and reads it.
func (e *env) onePlan(ctx context.Context, args []string) (string, *plan.Plan, error) {
	if len(args) != 1 {
		return "", nil, usagef("want one plan file, got %d arguments", len(args))
	}
	p, err := e.readPlan(ctx, args[0])
	return args[0], p, err
}

// output opens the -o file, or standard output for "" and "-". The
// returned close function reports the error of writing the file.
func output(name string, stdout io.Writer) (io.Writer, func() error, error) {
	if name == "" || name == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, err
	}
	bw := bufio.NewWriter(f)
	return bw, func() error {
		err := bw.Flush()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name) // never leave a half-written file
		}
		return err
	}, nil
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// checkerFlags adds the flags that choose how the plan is judged.
func checkerFlags(fs *flag.FlagSet) func() plan.Checker {
	var asOf calendar.Date
	fs.TextVar(&asOf, "as-of", calendar.Date{}, "judge the plan as of `date` (YYYY-MM-DD; default: the plan's kickoff)")
	return func() plan.Checker {
		k := plan.DefaultChecker()
		if !asOf.IsZero() {
			k.Policy.AsOf = asOf
		}
		return k
	}
}

var cmdCheck = &command{
	name:      "check",
	usageLine: "[-gate exit|entry] [-as-of date] [-json] plan.json",
	short:     "check the plan at a gate",
	long: `
Check runs the plan's structural validation and the rules of a gate (the
exit criterion by default, or the entry criterion) and prints every
finding, one per line:

	plan.json#/resources/budget/lines/2: error budget.underfunded [gain-commitments] message

The location is a JSON Pointer into the plan file. Warnings do not fail
the gate.

The exit status is 0 when the gate passes, 1 when it fails (or the plan's
content is invalid), and 2 when the plan cannot be read.`,
	flags: func(fs *flag.FlagSet, e *env) func(context.Context, []string) (int, error) {
		gate := plan.Exit
		fs.TextVar(&gate, "gate", plan.Exit, "the `gate` to check: entry or exit")
		asJSON := fs.Bool("json", false, "print the gate's result as JSON")
		checker := checkerFlags(fs)
		return func(ctx context.Context, args []string) (int, error) {
			path, p, err := e.onePlan(ctx, args)
			if err != nil {
				return 0, err
			}
			if err := p.Validate(); err != nil {
				var list validation.List
				if errors.As(err, &list) && list.HasBlocking() {
					for _, pr := range list {
						fmt.Fprintf(e.stdout, "%s#%s: %s %s %s\n", path, pr.Path.Pointer(), pr.Severity, pr.Code, pr.Message)
					}
					fmt.Fprintf(e.stdout, "FAIL %s: invalid plan, %d problem(s)\n", path, len(list))
					return exitFailed, nil
				}
			}
			res, err := checker().Check(ctx, p, gate)
			if err != nil {
				return 0, err
			}
			if *asJSON {
				if err := writeJSON(e.stdout, res); err != nil {
					return 0, err
				}
			} else {
				for _, f := range res.Findings {
					fmt.Fprintf(e.stdout, "%s#%s: %s %s [%s] %s\n", path, f.Path.Pointer(), f.Severity, f.Code, f.SubActivity, f.Message)
				}
				verdict := "ok"
				if !res.Passed() {
					verdict = "FAIL"
				}
				fmt.Fprintf(e.stdout, "%s %s: %s gate, revision %d: %d blocking, %d finding(s)\n",
					verdict, path, gate, res.Revision, len(res.Blocking()), len(res.Findings))
			}
			if !res.Passed() {
				return exitFailed, nil
			}
			return exitOK, nil
		}
	},
}

// reportFormats are the formats "rollout report" writes, by name.
var reportFormats = map[string]func(ctx context.Context, w io.Writer, p *plan.Plan, o report.Options) error{
	"text": report.Write,
	"markdown": func(ctx context.Context, w io.Writer, p *plan.Plan, o report.Options) error {
		return markdown.Write(ctx, w, p, markdown.Options{TopRisks: o.TopRisks, AsOf: o.AsOf})
	},
	"html": func(ctx context.Context, w io.Writer, p *plan.Plan, o report.Options) error {
		return htmlreport.Write(ctx, w, p, htmlreport.Options{AsOf: o.AsOf, ForecastOptions: o.ForecastOptions})
	},
}

func formatNames[V any](m map[string]V) string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

var cmdReport = &command{
	name:      "report",
	usageLine: "[-format name] [-o file] [-as-of date] [-baseline name] [-iterations n] [-seed n] plan.json",
	short:     "print the plan's report",
	long: `
Report writes the plan's report for people: the release and its entry
criterion, the six sub-activities, requirements and tasks with the
critical chain, the forecast, resources, budget, risks, issues, the
deployment waves with the point of no return, hypercare, the launch
readiness checklist (items past due as of -as-of flagged), the go/no-go
review, the exit criterion's findings and the changes since a baseline. The report judges the plan; it never changes it, and the same
plan and flags give the same output.

The formats are: ` + formatNames(reportFormats) + `. The text report is
the full one; markdown is a page for a wiki (Azure DevOps wikis render its
Mermaid Gantt chart, with a section per wave) with the schedule, risks,
budget, waves, hypercare, readiness, reviews and communications as
tables; html is one self-contained page with charts (Gantt, forecast,
resource load, risk matrix, budget) and the same deployment tables that
opens in any browser and prints on A4.`,
	flags: func(fs *flag.FlagSet, e *env) func(context.Context, []string) (int, error) {
		format := fs.String("format", "text", "the output `format`: "+formatNames(reportFormats))
		out := fs.String("o", "", "write to `file` instead of standard output")
		baseline := fs.String("baseline", "", "compare with the baseline `name` (default: the latest)")
		iterations := fs.Int("iterations", 2000, "forecast `iterations`")
		seed := fs.Uint64("seed", 1, "forecast random `seed`")
		checker := checkerFlags(fs)
		return func(ctx context.Context, args []string) (int, error) {
			write, ok := reportFormats[*format]
			if !ok {
				return 0, usagef("unknown format %q (want %s)", *format, formatNames(reportFormats))
			}
			path, p, err := e.onePlan(ctx, args)
			if err != nil {
				return 0, err
			}
			if err := mustValidate(path, p); err != nil {
				return 0, err
			}
			k := checker()
			opts := report.Options{Checker: &k, AsOf: k.Policy.AsOf, Baseline: *baseline,
				ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: *iterations, Seed: *seed}}}
			w, closeOut, err := output(*out, e.stdout)
			if err != nil {
				return 0, err
			}
			err = write(ctx, w, p, opts)
			if cerr := closeOut(); err == nil {
				err = cerr
			}
			return exitOK, err
		}
	},
}

var cmdSchedule = &command{
	name:      "schedule",
	usageLine: "[-json] plan.json",
	short:     "print the plan's critical-path schedule",
	long: `
Schedule schedules the plan's tasks to the release date with the
critical-path method and prints, per task, the dates to plan with, the
early and late dates, the total and free float in workdays, whether it is
critical, and what drives its start; then the release's readiness and the
chain of tasks behind it.

With -json it prints the schedule as JSON (package schedule's Summary).`,
	flags: func(fs *flag.FlagSet, e *env) func(context.Context, []string) (int, error) {
		asJSON := fs.Bool("json", false, "print the schedule as JSON")
		return func(ctx context.Context, args []string) (int, error) {
			path, p, err := e.onePlan(ctx, args)
			if err != nil {
				return 0, err
			}
			if err := mustValidate(path, p); err != nil {
				return 0, err
			}
			res, err := p.Schedule()
			if err != nil {
				return 0, err
			}
			s := res.Summary()
			if *asJSON {
				return exitOK, writeJSON(e.stdout, s)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 8, 2, ' ', 0)
			fmt.Fprintln(tw, "TASK\tSTART\tFINISH\tEARLY\tLATE\tFLOAT\tFREE\tCRITICAL\tDRIVEN BY")
			for _, a := range s.Activities {
				crit := ""
				if a.Critical {
					crit = "yes"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s..%s\t%s..%s\t%d\t%d\t%s\t%s\n", a.ID, a.Start, a.Finish,
					a.EarlyStart, a.EarlyFinish, a.LateStart, a.LateFinish, a.TotalFloat, a.FreeFloat, crit, cause(a.StartDriver))
			}
			if err := tw.Flush(); err != nil {
				return 0, err
			}
			verdict := "meets"
			if !s.MeetsDeadline {
				verdict = "MISSES"
			}
			fmt.Fprintf(e.stdout, "\nready %s, release %s: %s the release date by %d workday(s)\n", s.Ready, s.Deadline, verdict, abs(s.Slack))
			var chain []string
			for _, st := range s.ReleaseChain {
				chain = append(chain, st.ID)
			}
			fmt.Fprintf(e.stdout, "release chain: %s\n", strings.Join(chain, " -> "))
			return exitOK, nil
		}
	},
}

func abs(n int) int { return max(n, -n) }

// cause says in a few words what fixes a date.
func cause(c schedule.Cause) string {
	if c.Kind == schedule.CauseLink && c.Link != nil {
		return c.Link.String()
	}
	if c.Date.IsZero() {
		return c.Kind.String()
	}
	return c.Kind.String() + " " + c.Date.String()
}

var cmdForecast = &command{
	name:      "forecast",
	usageLine: "[-iterations n] [-seed n] [-distribution name] [-json] plan.json",
	short:     "forecast the release date by Monte Carlo simulation",
	long: `
Forecast simulates the plan's schedule many times, sampling each task's
three-point estimate and the risk log's schedule threats, and prints the
probability of being ready by the release date, the P50, P80 and P95
dates, and the tasks and risks that drive the finish. The same seed gives
the same answer.

On a terminal it shows a progress bar on standard error; when standard
error is not a terminal it shows none.`,
	flags: func(fs *flag.FlagSet, e *env) func(context.Context, []string) (int, error) {
		iterations := fs.Int("iterations", forecast.DefaultIterations, "number of simulated `schedules`")
		seed := fs.Uint64("seed", 1, "random `seed`")
		dist := forecast.Triangular
		fs.TextVar(&dist, "distribution", forecast.Triangular, "`shape` spread over the estimates: triangular, pert or uniform")
		asJSON := fs.Bool("json", false, "print the forecast as JSON")
		top := fs.Int("top", 5, "number of `drivers` listed")
		return func(ctx context.Context, args []string) (int, error) {
			path, p, err := e.onePlan(ctx, args)
			if err != nil {
				return 0, err
			}
			if err := mustValidate(path, p); err != nil {
				return 0, err
			}
			opts := plan.ForecastOptions{Distribution: dist, Options: forecast.Options{Iterations: *iterations, Seed: *seed}}
			var bar *progressBar
			if e.terminal {
				bar = &progressBar{w: e.stderr, label: "forecast"}
				opts.Progress = bar.update
			}
			res, err := p.Forecast(ctx, opts)
			bar.done()
			if err != nil {
				return 0, err
			}
			if *asJSON {
				return exitOK, writeJSON(e.stdout, res)
			}
			fmt.Fprintf(e.stdout, "%d iterations, seed %d, %s\n", res.Iterations, res.Seed, res.Distribution)
			fmt.Fprintf(e.stdout, "on time:       %.1f%% ready by %s\n", 100*res.OnTime, res.Deadline)
			fmt.Fprintf(e.stdout, "deterministic: %s\n", res.Deterministic)
			fmt.Fprintf(e.stdout, "P50 %s  P80 %s  P95 %s\n", res.P50, res.P80, res.P95)
			if drivers := res.Tornado(*top); len(drivers) > 0 {
				fmt.Fprintln(e.stdout, "\ndrivers (mean workdays, low..high):")
				tw := tabwriter.NewWriter(e.stdout, 0, 8, 2, ' ', 0)
				for _, d := range drivers {
					fmt.Fprintf(tw, "  %s\t%s\t%.1f..%.1f\tswing %.1f\n", d.Kind, d.ID, d.Low, d.High, d.Swing())
				}
				if err := tw.Flush(); err != nil {
					return 0, err
				}
			}
			return exitOK, nil
		}
	},
}

// exportOptions are the export command's flags.
type exportOptions struct {
	boards   azureboards.Options
	baseline string
	warn     io.Writer // where warnings go (standard error)
}

// exportFormats are the formats "rollout export" writes, by name.
var exportFormats = map[string]func(ctx context.Context, w io.Writer, p *plan.Plan, o exportOptions) error{
	// The export command writes boards-csv with writeBoardsCSV, which
	// splits a large plan into files; this entry names the format and
	// writes a plan that fits one file.
	"boards-csv": func(_ context.Context, w io.Writer, p *plan.Plan, o exportOptions) error {
		return azureboards.WriteCSV(w, p, o.boards)
	},
	"boards-json": writeBoardsBatches,
	"ical": func(ctx context.Context, w io.Writer, p *plan.Plan, _ exportOptions) error {
		return ical.Write(ctx, w, p, ical.Options{})
	},
	"mspdi": func(ctx context.Context, w io.Writer, p *plan.Plan, o exportOptions) error {
		return mspdi.Write(ctx, w, p, mspdi.Options{Baseline: o.baseline})
	},
	"tjp": func(ctx context.Context, w io.Writer, p *plan.Plan, o exportOptions) error {
		warnings, err := tjp.Write(ctx, w, p, tjp.Options{})
		for _, wa := range warnings {
			fmt.Fprintf(o.warn, "rollout export: warning: %s\n", wa)
		}
		return err
	},
	"plan-json": func(_ context.Context, w io.Writer, p *plan.Plan, _ exportOptions) error {
		b, err := plan.Encode(p)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	},
}

// writeBoardsCSV writes the plan as the CSV files the Azure Boards web
// import takes, at most azureboards.MaxCSVItems work items each: one file
// to out (or standard output); when the plan needs more, the first to out
// and the next ones beside it with -2, -3, ... before the extension
// (plan.csv, plan-2.csv, ...), to import in that order. Standard output
// holds one file only. Nothing is left behind when a file cannot be
// written.
func writeBoardsCSV(p *plan.Plan, o exportOptions, out string, stdout io.Writer) error {
	files, err := azureboards.CSVFiles(p, o.boards)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		files = [][]byte{nil}
	}
	if out == "" || out == "-" {
		if len(files) > 1 {
			return fmt.Errorf("the plan needs %d CSV files (the web import takes at most %d work items per file): name the first with -o, the others are written beside it", len(files), azureboards.MaxCSVItems)
		}
		_, err := stdout.Write(files[0])
		return err
	}
	names := csvFileNames(out, len(files))
	for i, b := range files {
		if err := os.WriteFile(names[i], b, 0o666); err != nil {
			for _, n := range names[:i+1] {
				os.Remove(n)
			}
			return err
		}
	}
	return nil
}

// csvFileNames names n files after the first, name: name itself, then
// name with -2, -3, ... before its extension.
func csvFileNames(name string, n int) []string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	names := []string{name}
	for i := 2; i <= n; i++ {
		names = append(names, fmt.Sprintf("%s-%d%s", stem, i, ext))
	}
	return names
}

// writeBoardsBatches writes the Azure Boards $batch request bodies that
// create or update the plan's work items, as one JSON array per batch.
func writeBoardsBatches(_ context.Context, w io.Writer, p *plan.Plan, o exportOptions) error {
	exp, err := azureboards.Build(p, o.boards)
	if err != nil {
		return err
	}
	batches := make([]json.RawMessage, 0, exp.NumBatches())
	for i := range exp.NumBatches() {
		b, err := exp.BatchBody(i, nil)
		if errors.Is(err, azureboards.ErrUnresolved) {
			// The moves of items created here need the IDs Azure Boards
			// gives them: only a push (or the answers) can render them.
			if o.warn != nil {
				fmt.Fprintf(o.warn, "rollout export: %d later batch(es) move the new work items to their states and need their IDs: push with a client instead\n", exp.NumBatches()-i)
			}
			break
		}
		if err != nil {
			return err
		}
		batches = append(batches, b)
	}
	return writeJSON(w, batches)
}

var cmdExport = &command{
	name:      "export",
	usageLine: "-format name [-o file] [-org name -project name] [-area path] [-risks] [-update] [-baseline name] plan.json",
	short:     "export the plan to Azure Boards and other formats",
	long: `
Export writes the plan in an exchange format:

	boards-csv   the CSV files Azure Boards (CMMI process) imports, at
	             most 1,000 work items each: with -o plan.csv a larger
	             plan goes to plan.csv, plan-2.csv, ... (import in order)
	boards-json  the Azure Boards REST $batch request bodies, one per batch
	ical         the dates people attend as iCalendar (RFC 5545): launch,
	             go/no-go reviews, trainings, shows, freeze and wave
	             windows, wave deployments, the point of no return,
	             hypercare and maintenance notices
	mspdi        MS Project XML: requirements as summary tasks (waves as
	             summaries within), links with lags, constraints,
	             resources, assignments and a baseline
	tjp          the whole plan as a TaskJuggler project; what tj3 cannot
	             hold (leads, finish-to-finish links) is written as the
	             nearest equivalent and listed as a warning on stderr
	plan-json    the plan document itself, re-encoded canonically

The Azure Boards formats need -org and -project; work items the plan
already links to Azure Boards are skipped unless -update is set. Nothing is written when
the plan cannot be exported: a file named by -o is removed.`,
	flags: func(fs *flag.FlagSet, e *env) func(context.Context, []string) (int, error) {
		format := fs.String("format", "", "the export `format`: "+formatNames(exportFormats))
		out := fs.String("o", "", "write to `file` instead of standard output")
		org := fs.String("org", "", "Azure DevOps `organization`")
		project := fs.String("project", "", "Azure DevOps `project`")
		area := fs.String("area", "", "Azure Boards area `path` for every item")
		risks := fs.Bool("risks", false, "export the risk and issue logs too")
		baseline := fs.String("baseline", "", "mspdi: the baseline `name` written as MS Project's baseline (default: the latest; \"-\": none)")
		update := fs.Bool("update", false, "update the work items already entered in Azure Boards (default: skip them)")
		return func(ctx context.Context, args []string) (int, error) {
			write, ok := exportFormats[*format]
			if !ok {
				return 0, usagef("unknown or missing -format %q (want %s)", *format, formatNames(exportFormats))
			}
			if strings.HasPrefix(*format, "boards-") && (*org == "" || *project == "") {
				return 0, usagef("-format %s needs -org and -project", *format)
			}
			path, p, err := e.onePlan(ctx, args)
			if err != nil {
				return 0, err
			}
			if err := mustValidate(path, p); err != nil {
				return 0, err
			}
			o := exportOptions{boards: azureboards.Options{Organization: *org, Project: *project, AreaPath: *area}, baseline: *baseline, warn: e.stderr}
			if *update {
				o.boards.Existing = azureboards.Update
			}
			o.boards.Kinds = azureboards.Requirements | azureboards.Tasks
			if *risks {
				o.boards.Kinds = azureboards.AllKinds
			}
			if *format == "boards-csv" {
				return exitOK, writeBoardsCSV(p, o, *out, e.stdout)
			}
			w, closeOut, err := output(*out, e.stdout)
			if err != nil {
				return 0, err
			}
			err = write(ctx, w, p, o)
			if err != nil && *out != "" && *out != "-" {
				closeOut()
				os.Remove(*out)
				return 0, err
			}
			if cerr := closeOut(); err == nil {
				err = cerr
			}
			return exitOK, err
		}
	},
}

var cmdCompare = &command{
	name:      "compare",
	usageLine: "[-baseline name] [-json] plan.json [old.json]",
	short:     "compare the plan with a baseline or an older plan",
	long: `
Compare lists every change between a baseline and the plan, keyed by
entity ID (task T12 added; risk R3's probability changed from 40 to 60),
and the schedule variance of every task that moved.

The baseline is the plan's baseline named by -baseline (the latest one by
default), or the older plan file old.json when it is given.

The exit status is 0 when nothing changed, 1 when something did, and 2
on trouble, as diff's.`,
	flags: func(fs *flag.FlagSet, e *env) func(context.Context, []string) (int, error) {
		baseline := fs.String("baseline", "", "compare with the plan's baseline `name` (default: the latest)")
		asJSON := fs.Bool("json", false, "print the comparison as JSON")
		return func(ctx context.Context, args []string) (int, error) {
			if len(args) < 1 || len(args) > 2 {
				return 0, usagef("want a plan file and at most one older plan file")
			}
			if len(args) == 2 && *baseline != "" {
				return 0, usagef("-baseline and an older plan file exclude each other")
			}
			path, p, err := e.onePlan(ctx, args[:1])
			if err != nil {
				return 0, err
			}
			var c plan.Comparison
			switch {
			case len(args) == 2:
				old, err := e.readPlan(ctx, args[1])
				if err != nil {
					return 0, err
				}
				c, err = plan.Compare(old, p)
				if err != nil {
					return 0, err
				}
			default:
				c, err = p.CompareWithBaseline(*baseline)
				if errors.Is(err, plan.ErrNoBaseline) && *baseline == "" {
					return 0, fmt.Errorf("%s has no baseline; name an older plan file", path)
				}
				if err != nil {
					return 0, err
				}
			}
			if *asJSON {
				if err := writeJSON(e.stdout, c); err != nil {
					return 0, err
				}
			} else {
				for _, d := range c.Differences {
					fmt.Fprintln(e.stdout, d.String())
				}
				if c.ScheduleError != "" {
					fmt.Fprintf(e.stdout, "schedule: %s\n", c.ScheduleError)
				}
				if len(c.Variances) > 0 {
					fmt.Fprintln(e.stdout, "\nschedule variance (workdays):")
					tw := tabwriter.NewWriter(e.stdout, 0, 8, 2, ' ', 0)
					for _, v := range c.Variances {
						fmt.Fprintf(tw, "  %s\t%s\t%s..%s -> %s..%s\t%+d\t%+d\n", v.TaskID, v.Kind,
							v.BaselineStart, v.BaselineFinish, v.Start, v.Finish, v.StartVariance, v.FinishVariance)
					}
					if err := tw.Flush(); err != nil {
						return 0, err
					}
				}
			}
			if len(c.Differences) > 0 || len(c.Variances) > 0 {
				return exitFailed, nil
			}
			return exitOK, nil
		}
	},
}

var cmdSample = &command{
	name:      "sample",
	usageLine: "[-o file]",
	short:     "write a sample plan to start from",
	long: `
Sample writes the plan of a fictional release, Contoso Ledger 4.0 (package
plan/sample): every kind of requirement analysed into tasks, resources,
commitments, budget, risks, issues, a baseline and a go/no-go review,
with a few deliberate gaps for the exit gate to find. Edit it, or start a
plan of your own from it:

	rollout sample > plan.json
	rollout check plan.json`,
	flags: func(fs *flag.FlagSet, e *env) func(context.Context, []string) (int, error) {
		out := fs.String("o", "", "write to `file` instead of standard output")
		return func(ctx context.Context, args []string) (int, error) {
			if len(args) > 0 {
				return 0, usagef("takes no arguments")
			}
			p, err := sample.Plan()
			if err != nil {
				return 0, err
			}
			b, err := plan.Encode(p)
			if err != nil {
				return 0, err
			}
			w, closeOut, err := output(*out, e.stdout)
			if err != nil {
				return 0, err
			}
			_, err = w.Write(b)
			if cerr := closeOut(); err == nil {
				err = cerr
			}
			return exitOK, err
		}
	},
}
