package htmlreport

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html"
	"io"
	"math"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// Options tune Write. The zero value runs a forecast of 500 iterations
// with seed 0 and draws the today line on the day of the plan's latest
// recorded event.
type Options struct {
	// AsOf is the day the page is drawn as of, which the today line
	// marks; zero means the day of the plan's latest recorded event
	// (nothing here reads the clock), and no line when the plan has no
	// history. Readiness items due before it and not done are flagged
	// overdue (as of the kickoff when there is no such day).
	AsOf calendar.Date
	// Forecast, when set, is the forecast to draw; otherwise Write runs
	// the plan's forecast with ForecastOptions.
	Forecast *forecast.Result
	// ForecastOptions tune the forecast Write runs; zero iterations
	// means 500.
	ForecastOptions plan.ForecastOptions
	// View, when set, is the view of the plan to render (a view of the
	// same plan); nil means view.New(p, view.Options{}).
	View *view.View
}

// Write renders the plan to w as one self-contained HTML page with inline
// SVG charts. A plan that does not validate or cannot be scheduled gets an
// error and nothing is written: the page is built in memory and written
// with one call.
func Write(ctx context.Context, w io.Writer, p *plan.Plan, opts Options) error {
	return view.Write(ctx, w, p, opts, Marshal)
}

// Marshal returns the page Write writes.
func Marshal(ctx context.Context, p *plan.Plan, opts Options) ([]byte, error) {
	v, err := view.Use("htmlreport", p, opts.View)
	if err != nil {
		return nil, err
	}
	fc := opts.Forecast
	if fc == nil && len(v.Tasks) > 0 {
		fo := opts.ForecastOptions
		if fo.Iterations <= 0 {
			fo.Iterations = 500
		}
		var err error
		if fc, err = v.Plan.Forecast(ctx, fo); err != nil {
			return nil, fmt.Errorf("htmlreport: forecast: %w", err)
		}
	}
	today := cmp.Or(opts.AsOf, v.LatestEvent())
	r := &page{v: v, fc: fc, today: today, ro: v.Rollout()}
	r.buf.Grow(200*len(v.Tasks) + 64<<10)
	r.head()
	if err := r.gantt(ctx); err != nil {
		return nil, err
	}
	r.forecast()
	if err := r.load(); err != nil {
		return nil, err
	}
	if err := r.risks(); err != nil {
		return nil, err
	}
	r.budget()
	r.events()
	r.rollout(cmp.Or(today, v.Plan.Kickoff))
	r.buf.WriteString("</main>\n</body>\n</html>\n")
	return r.buf.Bytes(), nil
}

type page struct {
	v     *view.View
	fc    *forecast.Result
	today calendar.Date
	ro    view.Rollout // the deployment half, read once
	buf   bytes.Buffer
}

func (r *page) printf(format string, args ...any) { fmt.Fprintf(&r.buf, format, args...) }

func esc(s string) string { return html.EscapeString(s) }

const css = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; }
body { margin: 0; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary td:first-child { font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; font-size: 11px; }
svg text { fill: #1b1f24; }
.bar { fill: #54aeff; }
.bar.crit { fill: #cf222e; }
.bar.chain { stroke: #1b1f24; stroke-width: 1.5; }
.ms { fill: #8250df; }
.ms.crit { fill: #cf222e; }
.release { stroke: #cf222e; stroke-width: 2; }
.today { stroke: #1a7f37; stroke-width: 2; stroke-dasharray: 4 3; }
.pnr { stroke: #8250df; stroke-width: 2; stroke-dasharray: 1 3; }
.hypercare { fill: #ddf4ff; }
.grid { stroke: #eaeef2; }
.axis { stroke: #8c959f; }
.hist { fill: #54aeff; }
.scurve { fill: none; stroke: #0969da; stroke-width: 2; }
.pct { stroke: #9a6700; stroke-dasharray: 3 3; }
.over { stroke: #cf222e; stroke-width: 2; }
.legend { font-size: 12px; color: #57606a; }
caption { text-align: left; font-weight: 600; padding: 2px 0; }
th[scope="row"] { font-weight: normal; }
td.blocking, th.blocking { background: #fff8c5; }
td.date { white-space: nowrap; }
td ul { margin: 0; padding-left: 1.1em; }
.red { fill: #ff8182; } .amber { fill: #ffd33d; } .green { fill: #7ee787; }
.required { fill: #8c959f; } .committed { fill: #54aeff; } .spent { fill: #1a7f37; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  section { break-inside: avoid-page; }
  svg { max-width: 100%; }
  .gantt-wrap svg { break-inside: auto; }
}
`

func (r *page) head() {
	p := r.v.Plan
	title := p.Title
	if title == "" {
		title = strings.TrimSpace(p.Release.Product + " " + p.Release.Version + " rollout and deployment plan")
	}
	r.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	// Nothing may be fetched: the page is one self-contained file.
	r.printf("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
	r.printf("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	r.printf("<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", esc(title), css)
	r.printf("<h1>%s</h1>\n<table class=\"summary\">\n", esc(title))
	row := func(k, v string) { r.printf("<tr><td>%s</td><td>%s</td></tr>\n", esc(k), esc(v)) }
	row("Plan", fmt.Sprintf("%s (revision %d)", p.ID, p.Revision))
	row("Release", fmt.Sprintf("%s %s, launch %s (%s)", p.Release.Product, p.Release.Version, p.Release.Date, p.Release.Date.Weekday()))
	if s := r.v.Schedule; s != nil {
		verdict := "meets the release date"
		if !s.MeetsDeadline() {
			verdict = "MISSES the release date"
		}
		row("Schedule", fmt.Sprintf("%s to %s; release work ready %s, %s (slack %d workdays)", s.Start(), s.Finish(), s.Ready(), verdict, s.Slack()))
	}
	if fc := r.fc; fc != nil {
		row("Forecast", fmt.Sprintf("%.0f%% on time; P50 %s, P80 %s, P95 %s (%d iterations)", 100*fc.OnTime, fc.P50, fc.P80, fc.P95, fc.Iterations))
	}
	if !r.today.IsZero() {
		row("As of", r.today.String())
	}
	r.printf("</table>\n")
}

// timeline maps dates to x positions.
type timeline struct {
	from      calendar.Date
	days      int
	x0, width float64
}

func (t timeline) x(d calendar.Date) float64 {
	return t.x0 + float64(t.from.DaysUntil(d))*t.width/float64(t.days)
}

func (r *page) gantt(ctx context.Context) error {
	v := r.v
	r.printf("<section id=\"schedule\">\n<h2>Schedule</h2>\n")
	r.printf("<p class=\"legend\">Bars by requirement; red bars are critical, outlined bars form the critical chain; the red line is the release date, the dashed green line today")
	if p := r.ro.PointOfNoReturn; p != nil && !p.Day.IsZero() {
		r.printf(", the dotted purple line the point of no return (%s, %s)", esc(p.Wave), p.Day)
	}
	if h := r.ro.Hypercare; h != nil {
		r.printf(", the shaded band hypercare (%s to %s)", h.From, h.Through)
	}
	r.printf(".</p>\n")
	from, to := v.Start(), v.Finish()
	if !v.Release.IsZero() {
		from, to = calendar.Min(from, v.Release), calendar.Max(to, v.Release)
	}
	if !r.today.IsZero() && !r.today.Before(from.AddDays(-30)) && !r.today.After(to.AddDays(30)) {
		from, to = calendar.Min(from, r.today), calendar.Max(to, r.today)
	}
	days := max(from.DaysUntil(to)+1, 1)
	const rowH, labelW, width = 16, 330.0, 1150.0
	tl := timeline{from: from, days: days, x0: labelW, width: width - labelW - 10}
	type row struct {
		label string
		task  *view.Task
		title bool
	}
	rows := make([]row, 0, len(v.Tasks)+len(v.Requirements))
	placed := make([]bool, len(v.Tasks))
	for _, rq := range v.Requirements {
		if rq.Start.IsZero() {
			continue
		}
		rows = append(rows, row{label: rq.ID + " " + rq.Title, title: true})
		for _, i := range rq.Tasks {
			if v.Tasks[i].Scheduled {
				rows = append(rows, row{label: v.Tasks[i].ID, task: &v.Tasks[i]})
				placed[i] = true
			}
		}
	}
	for i := range v.Tasks {
		if !placed[i] && v.Tasks[i].Scheduled {
			rows = append(rows, row{label: v.Tasks[i].ID, task: &v.Tasks[i]})
		}
	}
	top := 24.0
	height := top + float64(len(rows)*rowH) + 8
	r.printf("<div class=\"gantt-wrap\"><svg id=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"Gantt chart\">\n", width, height, width, height)
	// Month grid.
	for d := firstOfMonth(from); !d.After(to); d = d.AddMonths(1) {
		if d.Before(from) {
			continue
		}
		x := tl.x(d)
		r.printf("<line class=\"grid\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\"/><text x=\"%.1f\" y=\"14\">%s</text>\n", x, top-4, x, height, x+2, d.Month().String()[:3]+" "+fmt.Sprint(d.Year()))
	}
	// Hypercare as a band behind the bars.
	if h := r.ro.Hypercare; h != nil && !h.From.IsZero() && !h.Through.Before(h.From) && !h.From.After(to) && !h.Through.Before(from) {
		x1, x2 := tl.x(calendar.Max(h.From, from)), tl.x(calendar.Min(h.Through, to).AddDays(1))
		r.printf("<rect id=\"hypercare-band\" class=\"hypercare\" x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"%.0f\"><title>hypercare %s to %s</title></rect>\n", x1, top-6, math.Max(x2-x1, 1), height-top+6, h.From, h.Through)
	}
	for k, rw := range rows {
		if k%2048 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		y := top + float64(k*rowH)
		if rw.title {
			r.printf("<text x=\"2\" y=\"%.0f\" font-weight=\"600\">%s</text>\n", y+12, esc(clip(rw.label, 52)))
			continue
		}
		t := rw.task
		cls := ""
		if t.Timing.Critical {
			cls += " crit"
		}
		if t.OnChain {
			cls += " chain"
		}
		r.printf("<text x=\"12\" y=\"%.0f\">%s</text>", y+12, esc(clip(t.ID, 50)))
		if t.Milestone {
			x := tl.x(t.Start()) + tl.width/float64(days)
			r.printf("<path class=\"ms%s\" d=\"M%.1f %.1fl6 6-6 6-6-6z\"><title>%s %s</title></path>\n", cls, x, y+1, esc(t.ID), t.Start())
			continue
		}
		x1, x2 := tl.x(t.Start()), tl.x(t.Finish().AddDays(1))
		r.printf("<rect class=\"bar%s\" x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"11\"><title>%s: %s to %s, float %d</title></rect>\n",
			cls, x1, y+2, math.Max(x2-x1, 1), esc(t.ID), t.Start(), t.Finish(), t.Timing.TotalFloat)
	}
	if !v.Release.IsZero() {
		x := tl.x(v.Release.AddDays(1))
		r.printf("<line id=\"release-line\" class=\"release\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\"><title>release %s</title></line>\n", x, top-6, x, height, v.Release)
	}
	if p := r.ro.PointOfNoReturn; p != nil && !p.Day.IsZero() && !p.Day.Before(from) && !p.Day.After(to) {
		x := tl.x(p.Day)
		r.printf("<line id=\"point-of-no-return-line\" class=\"pnr\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\"><title>point of no return: %s from %s</title></line>\n", x, top-6, x, height, esc(p.Wave), p.Day)
	}
	if !r.today.IsZero() && !r.today.Before(from) && !r.today.After(to) {
		x := tl.x(r.today)
		r.printf("<line id=\"today-line\" class=\"today\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\"><title>today %s</title></line>\n", x, top-6, x, height, r.today)
	}
	r.printf("</svg></div>\n</section>\n")
	return nil
}

func firstOfMonth(d calendar.Date) calendar.Date {
	f, err := calendar.Of(d.Year(), d.Month(), 1)
	if err != nil {
		return d
	}
	return f
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func (r *page) forecast() {
	fc := r.fc
	r.printf("<section id=\"forecast\">\n<h2>Forecast</h2>\n")
	if fc == nil || len(fc.Histogram) == 0 || len(fc.SCurve) == 0 {
		r.printf("<p>No forecast.</p>\n</section>\n")
		return
	}
	r.printf("<p class=\"legend\">Finish dates of %d simulated schedules: the histogram counts them, the S-curve gives the chance of finishing by each date. Dashed lines: P50, P80, P95; red line: the release date (%.0f%% on time).</p>\n", fc.Iterations, 100*fc.OnTime)
	from, to := fc.Histogram[0].From, fc.Histogram[len(fc.Histogram)-1].To
	rel := r.v.Release
	if !rel.IsZero() {
		from, to = calendar.Min(from, rel), calendar.Max(to, rel)
	}
	from, to = from.AddDays(-2), to.AddDays(2)
	days := max(from.DaysUntil(to)+1, 1)
	const w, h, left, bottom = 560.0, 240.0, 40.0, 30.0
	tl := timeline{from: from, days: days, x0: left, width: w - left - 10}
	plotH := h - bottom - 10
	marks := func() {
		for _, m := range []struct {
			name string
			d    calendar.Date
		}{{"P50", fc.P50}, {"P80", fc.P80}, {"P95", fc.P95}} {
			x := tl.x(m.d.AddDays(1))
			r.printf("<line class=\"pct\" x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%.0f\"/><text x=\"%.1f\" y=\"20\">%s</text>\n", x, x, h-bottom, x+2, m.name)
		}
		if !rel.IsZero() {
			x := tl.x(rel.AddDays(1))
			r.printf("<line class=\"release\" x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%.0f\"><title>release %s</title></line>\n", x, x, h-bottom, rel)
		}
		r.printf("<line class=\"axis\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\"/>\n", left, h-bottom, w-10, h-bottom)
		r.printf("<text x=\"%.0f\" y=\"%.0f\">%s</text><text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%s</text>\n", left, h-bottom+16, from, w-10, h-bottom+16, to)
	}
	peak := 0
	for _, b := range fc.Histogram {
		peak = max(peak, b.Count)
	}
	r.printf("<svg id=\"forecast-histogram\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"Finish date histogram\">\n", w, h, w, h)
	for _, b := range fc.Histogram {
		x1, x2 := tl.x(b.From), tl.x(b.To.AddDays(1))
		bh := plotH * float64(b.Count) / float64(max(peak, 1))
		r.printf("<rect class=\"hist\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s to %s: %d</title></rect>\n", x1, h-bottom-bh, math.Max(x2-x1-1, 1), bh, b.From, b.To, b.Count)
	}
	marks()
	r.printf("</svg>\n")
	r.printf("<svg id=\"forecast-scurve\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"S-curve\">\n", w, h, w, h)
	var pts strings.Builder
	fmt.Fprintf(&pts, "%.1f,%.1f", tl.x(fc.SCurve[0].Date), h-bottom)
	for _, p := range fc.SCurve {
		fmt.Fprintf(&pts, " %.1f,%.1f", tl.x(p.Date.AddDays(1)), h-bottom-plotH*p.Probability)
	}
	r.printf("<polyline class=\"scurve\" points=\"%s\"/>\n", pts.String())
	for _, q := range []float64{0.5, 0.8, 0.95} {
		y := h - bottom - plotH*q
		r.printf("<line class=\"grid\" x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/><text x=\"2\" y=\"%.1f\">%.0f%%</text>\n", left, y, w-10, y, y+4, 100*q)
	}
	marks()
	r.printf("</svg>\n</section>\n")
}

// load draws the weekly load of every person, facility and equipment
// against its capacity.
func (r *page) load() error {
	r.printf("<section id=\"load\">\n<h2>Resource load by ISO week</h2>\n")
	rep, err := r.v.Pool().Load(calendar.Date{}, calendar.Date{})
	if err != nil || len(rep.Resources) == 0 {
		msg := "No dated demands on resources."
		if err != nil {
			msg = "Load not analysed: " + err.Error()
		}
		r.printf("<p>%s</p>\n<svg id=\"load-heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" width=\"10\" height=\"10\"></svg>\n</section>\n", esc(msg))
		return nil
	}
	over := map[string]map[[2]int]bool{}
	for i := range rep.OverAllocations {
		o := &rep.OverAllocations[i]
		for _, d := range o.Days {
			y, wk := d.Date.In(time.UTC).ISOWeek()
			if over[o.ResourceID] == nil {
				over[o.ResourceID] = map[[2]int]bool{}
			}
			over[o.ResourceID][[2]int{y, wk}] = true
		}
	}
	weeks := rep.Resources[0].Weeks()
	const cell, labelW, top = 14.0, 170.0, 30.0
	w := labelW + cell*float64(len(weeks)) + 10
	h := top + cell*float64(len(rep.Resources)) + 10
	r.printf("<p class=\"legend\">Load as a share of capacity per week, from white (idle) to dark blue (full); a red frame marks a week with an over-allocated day (%d over-allocations).</p>\n", len(rep.OverAllocations))
	r.printf("<svg id=\"load-heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"Resource load heat map\">\n", w, h, w, h)
	for k, wk := range weeks {
		if k%4 == 0 {
			r.printf("<text x=\"%.0f\" y=\"%.0f\">W%d</text>", labelW+cell*float64(k), top-6, wk.Week)
		}
	}
	r.printf("\n")
	for i := range rep.Resources {
		rl := &rep.Resources[i]
		y := top + cell*float64(i)
		r.printf("<text x=\"2\" y=\"%.0f\">%s</text>", y+11, esc(clip(rl.ResourceID, 26)))
		for k, wk := range rl.Weeks() {
			ratio := 0.0
			if wk.Capacity > 0 {
				ratio = wk.Load / wk.Capacity
			} else if wk.Load > 0 {
				ratio = 2
			}
			x := labelW + cell*float64(k)
			cls := ""
			if over[rl.ResourceID][[2]int{wk.Year, wk.Week}] {
				cls = " class=\"over\""
			}
			r.printf("<rect%s x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"%s\"><title>%s %d-W%02d: %.1f of %.1f %s</title></rect>",
				cls, x, y, cell-1, cell-1, heat(ratio), esc(rl.ResourceID), wk.Year, wk.Week, wk.Load, wk.Capacity, rl.Unit)
		}
		r.printf("\n")
	}
	r.printf("</svg>\n</section>\n")
	return nil
}

// heat returns a colour from white (0) to dark blue (1 and above).
func heat(ratio float64) string {
	ratio = math.Max(0, math.Min(ratio, 1))
	c := func(from, to float64) int { return int(math.Round(from + (to-from)*ratio)) }
	return fmt.Sprintf("#%02x%02x%02x", c(255, 9), c(255, 54), c(255, 125))
}

func (r *page) risks() error {
	r.printf("<section id=\"risks\">\n<h2>Risks</h2>\n")
	log := r.v.Plan.Risks
	var mat risk.Matrix
	var err error
	if log != nil {
		mat, err = log.Matrix(risk.MatrixSpec{}, risk.OpenRisk)
	} else {
		mat, err = risk.NewMatrix(risk.MatrixSpec{}, nil)
	}
	if err != nil {
		return fmt.Errorf("htmlreport: risk matrix: %w", err)
	}
	const cell, left, top = 110.0, 70.0, 10.0
	bands := len(mat.Cells)
	w, h := left+cell*5+10, top+cell*0.6*float64(bands)+40
	r.printf("<p class=\"legend\">Open risks by probability and impact: %d red, %d amber, %d green.</p>\n", mat.Count(risk.Red), mat.Count(risk.Amber), mat.Count(risk.Green))
	r.printf("<svg id=\"risk-matrix\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"Risk matrix\">\n", w, h, w, h)
	for b := bands; b >= 1; b-- {
		y := top + cell*0.6*float64(bands-b)
		lo, hi := 1, 99
		if b >= 2 && b-2 < len(mat.Spec.Bands) {
			lo = int(mat.Spec.Bands[b-2]) + 1
		}
		if b-1 < len(mat.Spec.Bands) {
			hi = int(mat.Spec.Bands[b-1])
		}
		r.printf("<text x=\"2\" y=\"%.0f\">%d-%d%%</text>\n", y+cell*0.3, lo, hi)
		for _, c := range mat.Cells[b-1] {
			x := left + cell*float64(int(c.Impact)-1)
			r.printf("<rect class=\"%s\" x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" stroke=\"#fff\"><title>score %d, %d risk(s)</title></rect>", c.Zone, x, y, cell, cell*0.6, c.Score, c.Count)
			if len(c.IDs) > 0 {
				r.printf("<text x=\"%.0f\" y=\"%.0f\" font-weight=\"600\">%s</text>", x+6, y+cell*0.34, esc(clip(strings.Join(c.IDs, " "), 18)))
			}
			r.printf("\n")
		}
	}
	for i := 1; i <= 5; i++ {
		r.printf("<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">impact %d</text>\n", left+cell*(float64(i)-0.5), top+cell*0.6*float64(bands)+16, i)
	}
	r.printf("</svg>\n")
	if log != nil {
		r.printf("<table><tr><th>Risk</th><th>Kind</th><th>P%%</th><th>Impact</th><th>Exposure</th><th>Owner</th><th>Title</th></tr>\n")
		for _, rk := range log.TopN(10, risk.OpenRisk) {
			r.printf("<tr><td>%s</td><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td>%s</td><td>%s</td></tr>\n",
				esc(rk.ID), esc(rk.Kind.String()), rk.Probability, rk.Impact, rk.Exposure(), esc(rk.Owner), esc(rk.Title))
		}
		r.printf("</table>\n")
	}
	r.printf("</section>\n")
	return nil
}

func (r *page) budget() {
	r.printf("<section id=\"budget\">\n<h2>Budget</h2>\n")
	b := r.v.Plan.Resources.Budget
	figs, err := b.ByCategory()
	if b.IsZero() || err != nil || len(figs) == 0 {
		r.printf("<p>No budget.</p>\n<svg id=\"budget-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" width=\"10\" height=\"10\"></svg>\n</section>\n")
		return
	}
	var peak int64 = 1
	for _, f := range figs {
		peak = max(peak, f.Required.Minor(), f.Committed.Minor(), f.Spent.Minor())
	}
	const rowH, left, barW = 54.0, 110.0, 600.0
	w, h := left+barW+150, rowH*float64(len(figs))+30
	r.printf("<p class=\"legend\">By category, in %s: <svg width=\"10\" height=\"10\" style=\"display:inline\"><rect class=\"required\" width=\"10\" height=\"10\"/></svg> required, <svg width=\"10\" height=\"10\" style=\"display:inline\"><rect class=\"committed\" width=\"10\" height=\"10\"/></svg> committed, <svg width=\"10\" height=\"10\" style=\"display:inline\"><rect class=\"spent\" width=\"10\" height=\"10\"/></svg> spent.</p>\n", esc(b.Currency.String()))
	r.printf("<svg id=\"budget-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"Budget by category\">\n", w, h, w, h)
	for i, f := range figs {
		y := 10 + rowH*float64(i)
		r.printf("<text x=\"2\" y=\"%.0f\">%s</text>\n", y+26, esc(string(f.Category)))
		for k, m := range []struct {
			cls string
			v   money.Money
		}{{"required", f.Required}, {"committed", f.Committed}, {"spent", f.Spent}} {
			bw := barW * float64(m.v.Minor()) / float64(peak)
			yy := y + float64(k)*15
			r.printf("<rect class=\"%s\" x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" height=\"13\"><title>%s %s</title></rect><text x=\"%.1f\" y=\"%.0f\">%s</text>\n",
				m.cls, left, yy, math.Max(bw, 0), m.cls, esc(m.v.Grouped()), left+math.Max(bw, 0)+4, yy+11, esc(m.v.Grouped()))
		}
	}
	r.printf("</svg>\n</section>\n")
}

func (r *page) events() {
	v := r.v
	if len(v.Events) == 0 && len(v.Windows) == 0 {
		return
	}
	r.printf("<section id=\"dates\">\n<h2>Dates to attend</h2>\n<table><tr><th>From</th><th>To</th><th>Kind</th><th>What</th></tr>\n")
	for _, e := range v.Events {
		r.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", e.Start, e.Finish, esc(string(e.Kind)), esc(e.Title))
	}
	for _, w := range v.Windows {
		r.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", w.From, w.Through, esc(string(w.Kind)), esc(w.Title))
	}
	r.printf("</table>\n</section>\n")
}
