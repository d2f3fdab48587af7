package deployment

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolloutkit/rollout/validation"
)

// Codes of the problems Validate reports.
const (
	CodeWaveID          validation.Code = "deployment.wave.id"
	CodeWaveName        validation.Code = "deployment.wave.name"
	CodeWaveRing        validation.Code = "deployment.wave.ring"
	CodeAudience        validation.Code = "deployment.wave.audience"
	CodeWaveDeploy      validation.Code = "deployment.wave.deploy"
	CodeWaveSoak        validation.Code = "deployment.wave.soak"
	CodeCriterion       validation.Code = "deployment.criterion"
	CodeRollback        validation.Code = "deployment.wave.rollback"
	CodeEvaluation      validation.Code = "deployment.wave.evaluation"
	CodePointOfNoReturn validation.Code = "deployment.point-of-no-return"
	CodeHypercare       validation.Code = "deployment.hypercare"
	CodeEvents          validation.Code = "deployment.events"
)

// Limits of the values Validate accepts.
const (
	// MaxWorkdays bounds a wave's deployment effort and soak.
	MaxWorkdays = 1000
	// MaxWindowHours bounds an observation window (a year).
	MaxWindowHours = 24 * 366
)

var (
	pathWaves     = validation.NewPath("waves")
	pathPONR      = validation.NewPath("pointOfNoReturn")
	pathHypercare = validation.NewPath("hypercare")
	pathEvents    = validation.NewPath("events")
)

// idProblem describes what is wrong with a wave ID, or "".
func idProblem(id string) string {
	switch {
	case id == "":
		return "is empty"
	case len(id) > 64:
		return "is longer than 64 bytes"
	case !utf8.ValidString(id):
		return "is not valid UTF-8"
	case strings.ContainsRune(id, '/'):
		return "contains a slash (task IDs are <wave ID>/<step>)"
	}
	for _, r := range id {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return "contains a space or control character"
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// Validate checks the plan and returns every problem as a
// validation.List, with paths relative to the plan (waves[1].audience.share)
// and the wave or hypercare as subject: unique, well-formed wave IDs, a
// name, a ring and an audience (a segment and a count or a share of at
// most 100 %), a deployment effort, a soak, well-formed criteria and
// rollback triggers, a rollback plan, a consistent evaluation, a point of
// no return naming a wave, and hypercare dates in order with well-formed
// exit criteria. Whether every wave has success criteria and whether a
// pilot comes first are questions for the plan's exit gate, so that a plan
// can be drafted wave by wave; the problems here are about form.
func (d *Plan) Validate() error { return d.ValidateList().Err() }

// ValidateList is Validate returning the list itself; nil for a nil plan.
func (d *Plan) ValidateList() validation.List {
	if d == nil {
		return nil
	}
	var l validation.List
	seen := make(map[string]bool, len(d.Waves))
	for i := range d.Waves {
		w := &d.Waves[i]
		at := pathWaves.Index(i)
		subj := validation.Subject{Kind: SubjectWave, ID: w.ID}
		var wl validation.List
		validateWave(w, &wl)
		if w.ID != "" && seen[w.ID] {
			wl.Add(validation.Duplicate(validation.NewPath("id"), CodeWaveID, w.ID))
		}
		seen[w.ID] = true
		for _, p := range wl {
			q := *p
			q.Path = p.Path.Under(at)
			q.Subject = subj
			l = append(l, &q)
		}
	}
	if p := d.PointOfNoReturn; p != nil {
		subj := validation.Subject{Kind: SubjectPointOfNoReturn}
		switch {
		case strings.TrimSpace(p.Wave) == "":
			l.Add(validation.Required(pathPONR.Child("wave"), CodePointOfNoReturn, "the wave at the point of no return").About(subj))
		case !seen[p.Wave]:
			l.Add(validation.NotFound(pathPONR.Child("wave"), CodePointOfNoReturn, "wave", p.Wave).About(subj))
		}
		if strings.TrimSpace(p.Reason) == "" {
			l.Add(validation.Required(pathPONR.Child("reason"), CodePointOfNoReturn, "why there is no way back").About(subj))
		}
	}
	if h := d.Hypercare; h != nil {
		var hl validation.List
		validateHypercare(h, &hl)
		for _, p := range hl {
			q := *p
			q.Path = p.Path.Under(pathHypercare)
			q.Subject = validation.Subject{Kind: SubjectHypercare}
			l = append(l, &q)
		}
	}
	for i, e := range d.Events {
		at := pathEvents.Index(i)
		if !seen[e.Subject] {
			l.Add(validation.NotFound(at.Child("subject"), CodeEvents, "wave", e.Subject))
		}
		if !e.To.IsValid() {
			l.Add(validation.NotSupported(at.Child("to"), CodeEvents, string(e.To), stateNames()))
		}
		if e.From != "" && !e.From.IsValid() {
			l.Add(validation.NotSupported(at.Child("from"), CodeEvents, string(e.From), stateNames()))
		}
	}
	return l
}

func stateNames() []string {
	out := make([]string, len(states))
	for i, s := range states {
		out[i] = string(s)
	}
	return out
}

func ringNames() []string {
	out := make([]string, len(rings))
	for i, r := range rings {
		out[i] = string(r)
	}
	return out
}

func comparisonNames() []string {
	out := make([]string, len(comparisons))
	for i, c := range comparisons {
		out[i] = string(c)
	}
	return out
}

// Validate checks one wave alone (paths relative to the wave), as
// Plan.Validate checks each of its waves.
func (w Wave) Validate() error {
	var l validation.List
	validateWave(&w, &l)
	return l.Err()
}

func validateWave(w *Wave, l *validation.List) {
	if w.ID == "" {
		l.Add(validation.Required(validation.NewPath("id"), CodeWaveID, "the wave's ID"))
	} else if p := idProblem(w.ID); p != "" {
		l.Add(validation.Invalid(validation.NewPath("id"), CodeWaveID, "wave ID %q %s", clip(w.ID), p))
	}
	if strings.TrimSpace(w.Name) == "" {
		l.Add(validation.Required(validation.NewPath("name"), CodeWaveName, "the wave's name"))
	}
	if !w.Ring.IsValid() {
		l.Add(validation.NotSupported(validation.NewPath("ring"), CodeWaveRing, clip(string(w.Ring)), ringNames()))
	}
	a := w.Audience
	ap := validation.NewPath("audience")
	if strings.TrimSpace(a.Segment) == "" {
		l.Add(validation.Required(ap.Child("segment"), CodeAudience, "the audience's segment"))
	}
	switch {
	case a.Customers < 0:
		l.Add(validation.OutOfRange(ap.Child("customers"), CodeAudience, "customers %d is negative", a.Customers))
	case !finite(a.Share) || a.Share < 0 || a.Share > 100:
		l.Add(validation.OutOfRange(ap.Child("share"), CodeAudience, "share %g %% is outside 0 to 100", a.Share))
	case a.Customers == 0 && a.Share == 0:
		l.Add(validation.Required(ap, CodeAudience, "a count of customers or a share"))
	}
	dp := validation.NewPath("deploy")
	o, m, p := w.Deploy.Range()
	switch {
	case !finite(o) || !finite(m) || !finite(p) || m <= 0:
		l.Add(validation.Required(dp.Child("mostLikely"), CodeWaveDeploy, "a positive deployment effort in workdays"))
	case p > MaxWorkdays:
		l.Add(validation.OutOfRange(dp, CodeWaveDeploy, "deployment effort above %d workdays", MaxWorkdays))
	case o < 0 || o > m || m > p:
		l.Add(validation.Invalid(dp, CodeWaveDeploy, "want optimistic <= mostLikely <= pessimistic, got %g, %g, %g", o, m, p))
	}
	if w.SoakDays < 0 || w.SoakDays > MaxWorkdays {
		l.Add(validation.OutOfRange(validation.NewPath("soakDays"), CodeWaveSoak, "soak of %d workdays is outside 0 to %d", w.SoakDays, MaxWorkdays))
	}
	for i, c := range w.Criteria {
		validateCriterion(c, validation.NewPath("criteria").Index(i), l)
	}
	rp := validation.NewPath("rollback")
	for i, c := range w.Rollback.Triggers {
		var cl validation.List
		validateCriterion(c, rp.Child("triggers").Index(i), &cl)
		for _, p := range cl {
			q := *p
			q.Code = CodeRollback
			l.Add(&q)
		}
	}
	if len(w.Rollback.Triggers) > 0 && strings.TrimSpace(w.Rollback.Plan) == "" {
		l.Add(validation.Required(rp.Child("plan"), CodeRollback, "the rollback plan its triggers start"))
	}
	validateEvaluation(w.Evaluation, validation.NewPath("evaluation"), l)
}

func validateEvaluation(e Evaluation, at validation.Path, l *validation.List) {
	if e.State != "" && !e.State.IsValid() {
		l.Add(validation.NotSupported(at.Child("state"), CodeEvaluation, clip(string(e.State)), stateNames()))
		return
	}
	if e.Outcome != "" && (e.Outcome == Pending || !e.Outcome.IsOutcome()) {
		l.Add(validation.NotSupported(at.Child("outcome"), CodeEvaluation, clip(string(e.Outcome)), []string{"succeeded", "failed", "inconclusive"}))
		return
	}
	s := e.Current()
	switch {
	case s.IsOutcome() && s != Pending && e.Outcome != s:
		l.Add(validation.Conflict(at.Child("outcome"), CodeEvaluation, "an evaluation in state %s has outcome %s", s, s))
	case s == Pending && e.Outcome != "":
		l.Add(validation.Conflict(at.Child("outcome"), CodeEvaluation, "a pending evaluation has no outcome yet, not %s", e.Outcome))
	case s == Continued && e.Outcome != Succeeded:
		l.Add(validation.Conflict(at.Child("outcome"), CodeEvaluation, "a wave continues only from outcome succeeded, not %s", orNone(e.Outcome)))
	}
	if e.Approval != "" && s != Continued {
		l.Add(validation.Conflict(at.Child("approval"), CodeEvaluation, "a go/no-go approval is recorded only when the rollout continues"))
	}
}

func validateCriterion(c Criterion, at validation.Path, l *validation.List) {
	if strings.TrimSpace(c.Metric) == "" {
		l.Add(validation.Required(at.Child("metric"), CodeCriterion, "the metric"))
	}
	if !c.Comparison.IsValid() {
		l.Add(validation.NotSupported(at.Child("comparison"), CodeCriterion, clip(string(c.Comparison)), comparisonNames()))
	}
	if !finite(c.Threshold) {
		l.Add(validation.Invalid(at.Child("threshold"), CodeCriterion, "threshold %g is not a finite number", c.Threshold))
	}
	if strings.TrimSpace(c.Unit) == "" {
		l.Add(validation.Required(at.Child("unit"), CodeCriterion, "the unit of the metric"))
	}
	if c.WindowHours <= 0 || c.WindowHours > MaxWindowHours {
		l.Add(validation.OutOfRange(at.Child("windowHours"), CodeCriterion, "observation window of %d hours is outside 1 to %d", c.WindowHours, MaxWindowHours))
	}
}

// Validate checks the hypercare period alone (paths relative to it), as
// Plan.Validate does.
func (h Hypercare) Validate() error {
	var l validation.List
	validateHypercare(&h, &l)
	return l.Err()
}

func validateHypercare(h *Hypercare, l *validation.List) {
	switch {
	case h.From.IsZero():
		l.Add(validation.Required(validation.NewPath("from"), CodeHypercare, "the first day of hypercare"))
	case h.Through.IsZero():
		l.Add(validation.Required(validation.NewPath("through"), CodeHypercare, "the last planned day of hypercare"))
	case h.Through.Before(h.From):
		l.Add(validation.Invalid(validation.NewPath("through"), CodeHypercare, "hypercare ends on %s, before it starts on %s", h.Through, h.From))
	}
	for i, c := range h.ExitCriteria {
		var cl validation.List
		validateCriterion(c, validation.NewPath("exitCriteria").Index(i), &cl)
		for _, p := range cl {
			q := *p
			q.Code = CodeHypercare
			l.Add(&q)
		}
	}
	seen := map[string]bool{}
	for i, id := range h.Rota {
		at := validation.NewPath("rota").Index(i)
		switch {
		case strings.TrimSpace(id) == "":
			l.Add(validation.Required(at, CodeHypercare, "the ID of a rota demand"))
		case seen[id]:
			l.Add(validation.Duplicate(at, CodeHypercare, id))
		}
		seen[id] = true
	}
	if h.WarRoom != "" && strings.TrimSpace(h.WarRoom) == "" {
		l.Add(validation.Invalid(validation.NewPath("warRoom"), CodeHypercare, "the war room's demand ID is blank"))
	}
}
