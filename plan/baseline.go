package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
)

// Baseline is a named, immutable snapshot of the plan, kept to compare the
// plan against later.
type Baseline struct {
	// Name identifies the baseline, such as "committed".
	Name string `json:"name" jsonschema:"minLength=1"`
	// Revision is the plan revision the snapshot was taken of.
	Revision int `json:"revision" jsonschema:"minimum=0"`
	// At is when the baseline was taken.
	At time.Time `json:"at,omitzero"`
	// By names who took it.
	By string `json:"by,omitempty"`
	// Note says why it was taken.
	Note string `json:"note,omitempty"`
	// Snapshot is the plan document at that moment, without its history
	// and baselines. It is kept as the encoded document, so that nothing
	// can change it.
	Snapshot json.RawMessage `json:"snapshot"`
}

// ErrBaselineExists is returned when a baseline name is already taken.
var ErrBaselineExists = validation.Sentinel(validation.ErrDuplicate, "baseline name already used")

// ErrNoBaseline is returned when a named baseline does not exist.
var ErrNoBaseline = validation.Sentinel(validation.ErrNotFound, "no such baseline")

// Plan decodes the snapshot into a plan of its own. The plan is a copy:
// changing it changes neither the baseline nor the plan it was taken of.
func (b Baseline) Plan() (*Plan, error) {
	p, err := Decode(b.Snapshot, DecodeOptions{AllowInvalid: true})
	if err != nil {
		return nil, fmt.Errorf("plan: baseline %q: %w", b.Name, err)
	}
	return p, nil
}

// snapshot encodes the plan without its history and baselines.
func (p *Plan) snapshot() ([]byte, error) {
	q := *p
	q.History, q.Baselines, q.observers = nil, nil, nil
	b, err := json.Marshal(&q)
	if err != nil {
		return nil, fmt.Errorf("plan: snapshot: %w", err)
	}
	return b, nil
}

// TakeBaseline keeps a named snapshot of the plan as it is now and records
// a baseline event. Names are unique: reusing one returns an error wrapping
// ErrBaselineExists and changes nothing.
func (p *Plan) TakeBaseline(name string, ch lifecycle.Change) (Baseline, error) {
	if err := ch.Check(); err != nil {
		return Baseline{}, err
	}
	if name == "" {
		return Baseline{}, fmt.Errorf("plan: a baseline needs a name")
	}
	if slices.ContainsFunc(p.Baselines, func(b Baseline) bool { return b.Name == name }) {
		return Baseline{}, fmt.Errorf("plan: baseline %q: %w", name, ErrBaselineExists)
	}
	snap, err := p.snapshot()
	if err != nil {
		return Baseline{}, err
	}
	b := Baseline{Name: name, Revision: p.Revision, At: ch.At, By: ch.By, Note: ch.Note, Snapshot: snap}
	p.Baselines = append(p.Baselines, b)
	p.record(Event{Kind: EventBaseline, Subject: name, Reason: string(ch.Reason), By: ch.By, At: ch.At, Note: ch.Note})
	return b, nil
}

// Baseline returns the named baseline; the empty name means the latest
// one taken (baseline names are never empty).
func (p *Plan) Baseline(name string) (Baseline, bool) {
	if name == "" {
		if len(p.Baselines) == 0 {
			return Baseline{}, false
		}
		return p.Baselines[len(p.Baselines)-1], true
	}
	i := slices.IndexFunc(p.Baselines, func(b Baseline) bool { return b.Name == name })
	if i < 0 {
		return Baseline{}, false
	}
	return p.Baselines[i], true
}

// TaskVariance is the schedule variance of one task between two plans, in
// workdays of the newer plan's calendar: positive when the task moved
// later.
type TaskVariance struct {
	// TaskID identifies the task.
	TaskID string `json:"taskId"`
	// Kind is Added or Removed when the task is in only one plan, Changed
	// when its dates moved.
	Kind DifferenceKind `json:"kind"`
	// BaselineStart and BaselineFinish are the early dates in the older
	// plan.
	BaselineStart  calendar.Date `json:"baselineStart,omitzero"`
	BaselineFinish calendar.Date `json:"baselineFinish,omitzero"`
	// Start and Finish are the early dates in the newer plan.
	Start  calendar.Date `json:"start,omitzero"`
	Finish calendar.Date `json:"finish,omitzero"`
	// StartVariance and FinishVariance are the moves in workdays.
	StartVariance  int `json:"startVariance"`
	FinishVariance int `json:"finishVariance"`
}

// Comparison is the difference between two plans.
type Comparison struct {
	// Differences lists every changed value, keyed by entity ID, sorted by
	// path.
	Differences []Difference `json:"differences"`
	// Variances lists the tasks whose scheduled dates differ, or that are
	// in only one plan, sorted by task ID.
	Variances []TaskVariance `json:"variances"`
	// ScheduleError is set when either plan could not be scheduled; the
	// variances are then empty.
	ScheduleError string `json:"scheduleError,omitempty"`
}

// Compare returns the changes from old to new: every value added, removed
// or changed, with list entries matched by ID, and the schedule variance of
// every task. History and baselines are not compared. Compare never
// panics, whatever the plans hold.
func Compare(old, new *Plan) (Comparison, error) {
	if old == nil || new == nil {
		return Comparison{}, fmt.Errorf("plan: comparing a nil plan")
	}
	a, err := old.snapshot()
	if err != nil {
		return Comparison{}, err
	}
	b, err := new.snapshot()
	if err != nil {
		return Comparison{}, err
	}
	changes, err := DiffJSON(a, b)
	if err != nil {
		return Comparison{}, err
	}
	cmp := Comparison{Differences: changes, Variances: []TaskVariance{}}
	ra, errA := old.Schedule()
	rb, errB := new.Schedule()
	if err := errors.Join(errA, errB); err != nil {
		cmp.ScheduleError = err.Error()
		return cmp, nil
	}
	cmp.Variances = variances(ra, rb, new.Calendar)
	return cmp, nil
}

func variances(ra, rb *schedule.Result, cal *calendar.Calendar) []TaskVariance {
	ta, tb := ra.Timings(), rb.Timings()
	byID := make(map[string]schedule.Timing, len(ta))
	for _, t := range ta {
		byID[t.ID] = t
	}
	var out []TaskVariance
	seen := make(map[string]bool, len(tb))
	for _, t := range tb {
		seen[t.ID] = true
		o, ok := byID[t.ID]
		if !ok {
			out = append(out, TaskVariance{TaskID: t.ID, Kind: Added, Start: t.EarlyStart, Finish: t.EarlyFinish})
			continue
		}
		if o.EarlyStart == t.EarlyStart && o.EarlyFinish == t.EarlyFinish {
			continue
		}
		out = append(out, TaskVariance{
			TaskID: t.ID, Kind: Changed,
			BaselineStart: o.EarlyStart, BaselineFinish: o.EarlyFinish,
			Start: t.EarlyStart, Finish: t.EarlyFinish,
			StartVariance:  cal.WorkdaysBetween(o.EarlyStart, t.EarlyStart),
			FinishVariance: cal.WorkdaysBetween(o.EarlyFinish, t.EarlyFinish),
		})
	}
	for _, o := range ta {
		if !seen[o.ID] {
			out = append(out, TaskVariance{TaskID: o.ID, Kind: Removed, BaselineStart: o.EarlyStart, BaselineFinish: o.EarlyFinish})
		}
	}
	slices.SortFunc(out, func(x, y TaskVariance) int {
		if x.TaskID < y.TaskID {
			return -1
		}
		if x.TaskID > y.TaskID {
			return 1
		}
		return 0
	})
	return out
}

// CompareWithBaseline compares the named baseline (the latest one for
// the empty name) with the plan as it is now.
func (p *Plan) CompareWithBaseline(name string) (Comparison, error) {
	b, ok := p.Baseline(name)
	if !ok {
		return Comparison{}, fmt.Errorf("plan: baseline %q: %w", name, ErrNoBaseline)
	}
	old, err := b.Plan()
	if err != nil {
		return Comparison{}, err
	}
	return Compare(old, p)
}

// CompareBaselines compares two named baselines of the plan.
func (p *Plan) CompareBaselines(older, newer string) (Comparison, error) {
	var plans [2]*Plan
	for i, name := range []string{older, newer} {
		b, ok := p.Baseline(name)
		if !ok {
			return Comparison{}, fmt.Errorf("plan: baseline %q: %w", name, ErrNoBaseline)
		}
		q, err := b.Plan()
		if err != nil {
			return Comparison{}, err
		}
		plans[i] = q
	}
	return Compare(plans[0], plans[1])
}
