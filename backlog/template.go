package backlog

import (
	"encoding/json"
	"github.com/rolloutkit/rollout/internal/kebab"
	"maps"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/internal/jsondoc"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
)

// StepLink makes a step depend on an earlier step of the same template.
type StepLink struct {
	// Step is the key of the predecessor step.
	Step string `json:"step" jsonschema:"minLength=1,maxLength=64"`
	// Type is FS (the zero value), SS, FF or SF.
	Type DependencyType `json:"type,omitzero" jsonschema:"type=string,enum=finish-to-start,enum=start-to-start,enum=finish-to-finish,enum=start-to-finish"`
	// Lag is in workdays; negative for a lead.
	Lag int `json:"lag,omitzero" jsonschema:"minimum=-100000,maximum=100000"`
}

// DemandTemplate is a resource demand a step creates. Expand turns it into
// a resource.Demand with the ID "<task ID>/<key>" and TaskID the task's ID.
type DemandTemplate struct {
	// Key names the demand within its step, a kebab-case word.
	Key string `json:"key" jsonschema:"minLength=1,maxLength=64"`
	// ResourceID names one resource, when the template is that specific.
	ResourceID string `json:"resourceId,omitzero"`
	// Role asks for any person with this role, such as "trainer".
	Role string `json:"role,omitzero"`
	// Kind is the kind of resource needed.
	Kind resource.Kind `json:"kind,omitzero" jsonschema:"type=string,enum=person,enum=facility,enum=equipment,enum=money"`
	// Quantity is how much is needed.
	Quantity resource.Quantity `json:"quantity"`
	// Category is the budget category of a money demand.
	Category resource.Category `json:"category,omitzero"`
	// Note is free text.
	Note string `json:"note,omitzero"`
}

// Step is one standard task of a template.
type Step struct {
	// Key names the step within its template, a kebab-case word; the
	// generated task's ID is "<requirement ID>/<key>".
	Key string `json:"key" jsonschema:"minLength=1,maxLength=64"`
	// Title is the task's title; Expand appends the requirement's title.
	Title string `json:"title" jsonschema:"minLength=1"`
	// Description is the task's description.
	Description string `json:"description,omitempty"`
	// Discipline is the task's discipline.
	Discipline Discipline `json:"discipline,omitempty" jsonschema:"maxLength=64"`
	// Estimate is the task's estimate in workdays.
	Estimate Estimate `json:"estimate,omitzero"`
	// After lists the earlier steps this one depends on.
	After []StepLink `json:"after,omitempty"`
	// Milestone makes the task a milestone.
	Milestone bool `json:"milestone,omitzero"`
	// Scheduling is the generated task's scheduling (see Task.Scheduling).
	Scheduling Scheduling `json:"scheduling,omitempty" jsonschema:"enum=,enum=as-soon-as-possible,enum=as-late-as-possible"`
	// Anchor marks the step that meets the requirement's timing: when
	// Expand is given the release date, an anchor task of a before-launch
	// requirement must finish by its date, one of an after-launch
	// requirement may not start before its date, and one of a launch-day
	// requirement starts on the release date (a milestone also finishes
	// by it).
	Anchor bool `json:"anchor,omitzero"`
	// Demands are the resources the task needs.
	Demands []DemandTemplate `json:"demands,omitempty"`
}

// Template is the standard analysis of a requirement category: the steps
// (tasks) a requirement of that category becomes, in order, with their
// dependencies, estimates, disciplines and demands.
type Template struct {
	// Category is the category the template analyses.
	Category Category `json:"category" jsonschema:"minLength=1,maxLength=64"`
	// Title names the template for people.
	Title string `json:"title,omitempty"`
	// Steps are the standard tasks, in order; a step depends only on
	// earlier ones.
	Steps []Step `json:"steps" jsonschema:"minItems=1"`
}

// Clone returns a deep copy.
func (t Template) Clone() Template {
	t.Steps = slices.Clone(t.Steps)
	for i := range t.Steps {
		t.Steps[i].After = slices.Clone(t.Steps[i].After)
		t.Steps[i].Demands = slices.Clone(t.Steps[i].Demands)
	}
	return t
}

// Step returns the step with the key.
func (t Template) Step(key string) (Step, bool) {
	for _, s := range t.Steps {
		if s.Key == key {
			return s, true
		}
	}
	return Step{}, false
}

// Validate checks the template and returns every problem as a
// validation.List: a kebab-case category, at least one step, unique
// kebab-case step keys, titles, estimates as for tasks, links only to
// earlier steps (so a template can never make a cycle), lags in range, and
// demands with a unique key, a resource, role or kind, and a quantity.
func (t Template) Validate() error {
	var l validation.List
	t.validate(&l, validation.Path{})
	return l.Err()
}

func (t *Template) validate(l *validation.List, at validation.Path) {
	if !t.Category.IsValid() {
		l.Add(validation.Invalid(at.Child("category"), CodeTemplate, "category %q is not a kebab-case word", clip(string(t.Category))))
	}
	if len(t.Steps) == 0 {
		l.Add(validation.Required(at.Child("steps"), CodeTemplate, "at least one step"))
	}
	seen := make(map[string]int, len(t.Steps))
	for i := range t.Steps {
		s := &t.Steps[i]
		sp := at.Child("steps").Index(i)
		if !kebab.IsWord(s.Key) {
			l.Add(validation.Invalid(sp.Child("key"), CodeTemplate, "step key %q is not a kebab-case word", clip(s.Key)))
		} else if _, dup := seen[s.Key]; dup {
			l.Add(validation.Duplicate(sp.Child("key"), CodeTemplate, s.Key))
		}
		if strings.TrimSpace(s.Title) == "" {
			l.Add(validation.Required(sp.Child("title"), CodeTemplate, "a title"))
		}
		// Reuse the task checks for discipline and estimate.
		probe := Task{ID: "x", Title: "x", Discipline: s.Discipline, Estimate: s.Estimate, Milestone: s.Milestone}
		var tl validation.List
		probe.validateEstimate(&tl, alone)
		if s.Discipline != "" && !s.Discipline.IsValid() {
			tl.Add(validation.Invalid(validation.NewPath("discipline"), CodeTemplate, "discipline %q is not a kebab-case word", clip(string(s.Discipline))))
		}
		l.AddList(sp, tl)
		for k, a := range s.After {
			ap := sp.Child("after").Index(k)
			_, ok := seen[a.Step]
			switch {
			case !ok && a.Step == s.Key:
				l.Add(validation.Invalid(ap.Child("step"), CodeTemplate, "step %q depends on itself", clip(a.Step)))
			case !ok:
				l.Add(validation.NotFound(ap.Child("step"), CodeTemplate, "earlier step", a.Step))
			case slices.ContainsFunc(s.After[:k], func(b StepLink) bool { return b.Step == a.Step }):
				l.Add(validation.Duplicate(ap.Child("step"), CodeTemplate, a.Step))
			}
			if !a.Type.IsValid() {
				l.Add(validation.NotSupported(ap.Child("type"), CodeTemplate, a.Type.String(), depNames[:]))
			}
			if a.Lag < -MaxWorkdays || a.Lag > MaxWorkdays {
				l.Add(validation.OutOfRange(ap.Child("lag"), CodeTemplate, "lag %d is outside -%d to %d workdays", a.Lag, MaxWorkdays, MaxWorkdays))
			}
		}
		for k := range s.Demands {
			d := &s.Demands[k]
			dp := sp.Child("demands").Index(k)
			if !kebab.IsWord(d.Key) {
				l.Add(validation.Invalid(dp.Child("key"), CodeTemplate, "demand key %q is not a kebab-case word", clip(d.Key)))
			} else if slices.ContainsFunc(s.Demands[:k], func(e DemandTemplate) bool { return e.Key == d.Key }) {
				l.Add(validation.Duplicate(dp.Child("key"), CodeTemplate, d.Key))
			}
			if d.ResourceID == "" && d.Role == "" && d.Kind == 0 && !d.Quantity.Unit.IsValid() {
				l.Add(validation.Required(dp, CodeTemplate, "a resourceId, role, kind or unit"))
			}
			var dl validation.List
			rd := resource.Demand{ID: "x", Quantity: d.Quantity}
			checkDemand(&dl, alone, 0, &rd, "")
			for _, p := range dl {
				q := *p
				q.Path = dp.Child("quantity")
				q.Code = CodeTemplate
				l.Add(&q)
			}
		}
		if kebab.IsWord(s.Key) {
			if _, dup := seen[s.Key]; !dup {
				seen[s.Key] = i
			}
		}
	}
}

// Templates is a set of templates, one per category. The zero Templates is
// empty and ready to use (a nil *Templates reads as empty); [DefaultTemplates] returns the built-in set, one
// template for every category of [DefaultCatalogue], which users replace
// ([Templates.Set]) and extend with templates for their own categories. A
// Templates value is owned by its user and not safe for concurrent
// modification.
type Templates struct {
	m map[Category]Template
}

// NewTemplates returns a set of the given templates. It returns a
// validation.List, with paths such as [2].steps[1].after[0].step, when a
// template is malformed or two have the same category.
func NewTemplates(ts ...Template) (*Templates, error) {
	var l validation.List
	out := &Templates{m: make(map[Category]Template, len(ts))}
	for i := range ts {
		ts[i].validate(&l, validation.Path{}.Index(i))
		if _, dup := out.m[ts[i].Category]; dup {
			l.Add(validation.Duplicate(validation.Path{}.Index(i).Child("category"), CodeTemplate, string(ts[i].Category)))
		}
		out.m[ts[i].Category] = ts[i].Clone()
	}
	if err := l.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (ts *Templates) tmap() map[Category]Template {
	if ts == nil {
		return nil
	}
	return ts.m
}

// Len returns the number of templates.
func (ts *Templates) Len() int { return len(ts.tmap()) }

// Lookup returns a copy of the template of the category.
func (ts *Templates) Lookup(c Category) (Template, bool) {
	t, ok := ts.tmap()[c]
	if !ok {
		return Template{}, false
	}
	return t.Clone(), true
}

// Set adds the template, replacing any template of its category. It
// returns a validation.List when t is malformed, and then changes nothing.
func (ts *Templates) Set(t Template) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if ts.m == nil {
		ts.m = make(map[Category]Template)
	}
	ts.m[t.Category] = t.Clone()
	return nil
}

// Remove deletes the template of the category and reports whether there
// was one.
func (ts *Templates) Remove(c Category) bool {
	_, ok := ts.tmap()[c]
	if ok {
		delete(ts.m, c)
	}
	return ok
}

// Categories returns the categories that have a template, sorted.
func (ts *Templates) Categories() []Category {
	return slices.Sorted(maps.Keys(ts.tmap()))
}

// All returns copies of the templates, sorted by category.
func (ts *Templates) All() []Template {
	out := make([]Template, 0, ts.Len())
	for _, c := range ts.Categories() {
		out = append(out, ts.tmap()[c].Clone())
	}
	return out
}

// Clone returns an independent copy.
func (ts *Templates) Clone() *Templates {
	out := &Templates{m: make(map[Category]Template, ts.Len())}
	for c, t := range ts.tmap() {
		out.m[c] = t.Clone()
	}
	return out
}

// MarshalJSON writes the templates as an array sorted by category.
func (ts Templates) MarshalJSON() ([]byte, error) { return json.Marshal(ts.All()) }

// UnmarshalJSON reads an array of templates strictly and checks it as
// NewTemplates does; on error it returns a validation.List and ts is
// unchanged.
func (ts *Templates) UnmarshalJSON(data []byte) error {
	var list []Template
	if err := jsondoc.Decode(data, &list, jsondoc.Options{}); err != nil {
		return err
	}
	n, err := NewTemplates(list...)
	if err != nil {
		return err
	}
	*ts = *n
	return nil
}

// JSONSchemaAlias makes JSON Schema generators describe Templates as an
// array of Template.
func (Templates) JSONSchemaAlias() any { return []Template{} }

// ExpandOptions tune Expand. The zero value expands every open requirement
// and sets no date constraints.
type ExpandOptions struct {
	// Requirements, when not empty, are the IDs of the requirements to
	// expand (whatever their state); otherwise every Proposed or Active
	// requirement is expanded, in backlog order.
	Requirements []string
	// Release, when set, is the release date: anchor steps then get date
	// constraints from their requirement's timing (see Step.Anchor).
	Release calendar.Date
	// Calendar counts the workdays of timings; nil means
	// calendar.Standard().
	Calendar *calendar.Calendar
	// Change is recorded on the creation event of every task added.
	Change lifecycle.Change
}

// Link is a dependency of a task.
type Link struct {
	// Task is the dependent task.
	Task string `json:"task"`
	// Dependency is the link to its predecessor.
	Dependency Dependency `json:"dependency"`
}

// Expansion reports what Expand did.
type Expansion struct {
	// Added are the IDs of the tasks added, in order.
	Added []string `json:"added,omitempty"`
	// Existing are generated IDs already in the backlog, left as they are.
	Existing []string `json:"existing,omitempty"`
	// Suppressed are generated IDs skipped because of a tombstone.
	Suppressed []string `json:"suppressed,omitempty"`
	// Taken are generated IDs skipped because a requirement has the ID.
	Taken []string `json:"taken,omitempty"`
	// NoTemplate are the requirements whose category has no template.
	NoTemplate []string `json:"noTemplate,omitempty"`
	// Unlinked are links the template wants from existing tasks to tasks
	// added now; Expand never edits an existing task, so it leaves them to
	// the user.
	Unlinked []Link `json:"unlinked,omitempty"`
}

// Tasks returns the tasks the template makes of the requirement, in step
// order, as Expand would add them to an empty backlog: IDs
// "<requirement ID>/<step key>", titles "<step title>: <requirement
// title>", the requirement as the only one served, links between steps as
// dependencies, and demands with IDs "<task ID>/<demand key>". With
// opts.Release set, anchor steps get date constraints from the
// requirement's timing. The tasks have no state yet (Expand sets it).
func (t Template) Tasks(req Requirement, opts ExpandOptions) ([]Task, error) {
	anchor, err := anchorDate(req, opts)
	if err != nil {
		return nil, err
	}
	out := make([]Task, len(t.Steps))
	for i := range t.Steps {
		out[i] = t.task(&t.Steps[i], req, anchor)
		for _, a := range t.Steps[i].After {
			out[i].Dependencies = append(out[i].Dependencies, Dependency{Task: req.ID + "/" + a.Step, Type: a.Type, Lag: a.Lag})
		}
	}
	return out, nil
}

func anchorDate(req Requirement, opts ExpandOptions) (calendar.Date, error) {
	if opts.Release.IsZero() || req.Timing.IsZero() {
		return calendar.Date{}, nil
	}
	return req.Timing.Date(opts.Release, opts.Calendar)
}

// task builds the task of step s for req, without dependencies.
func (t *Template) task(s *Step, req Requirement, anchor calendar.Date) Task {
	id := req.ID + "/" + s.Key
	title := s.Title
	if req.Title != "" {
		title += ": " + req.Title
	}
	task := Task{
		ID:           id,
		Title:        title,
		Description:  s.Description,
		Discipline:   s.Discipline,
		Requirements: []string{req.ID},
		Estimate:     s.Estimate,
		Milestone:    s.Milestone,
		Scheduling:   s.Scheduling,
		Origin:       &Origin{Requirement: req.ID, Template: t.Category, Step: s.Key},
	}
	if s.Anchor && !anchor.IsZero() {
		switch req.Timing.Kind {
		case BeforeLaunch:
			task.FinishNoLaterThan = anchor
		case AfterLaunch:
			task.StartNoEarlierThan = anchor
		case OnLaunch:
			task.StartNoEarlierThan = anchor
			if s.Milestone {
				task.FinishNoLaterThan = anchor
			}
		}
	}
	if len(s.Demands) > 0 {
		task.Demands = make([]resource.Demand, len(s.Demands))
		for k, d := range s.Demands {
			task.Demands[k] = resource.Demand{
				ID: id + "/" + d.Key, ResourceID: d.ResourceID, Role: d.Role, Kind: d.Kind,
				Quantity: d.Quantity, TaskID: id, Category: d.Category, Note: d.Note,
			}
		}
	}
	return task
}

// Expand analyses requirements into tasks with the templates of their
// categories and adds the tasks that are missing to b. It is deterministic
// (requirements in backlog order, steps in template order, IDs
// "<requirement ID>/<step key>") and idempotent:
//
//   - a generated ID already used by a task is left alone, whatever the user
//     changed in that task (reported in Existing);
//   - a generated ID with a tombstone ([Suppression], left by
//     [Backlog.Remove]) is skipped (Suppressed); a step that depended on
//     it depends instead on what the suppressed step depended on, with the
//     link's own type and lag;
//   - links from existing tasks to tasks added now are not made (an
//     existing task is never edited) but reported in Unlinked.
//
// Requirements whose category has no template are listed in NoTemplate.
// On error (an unknown requirement in opts.Requirements, an anchor date
// out of range, a generated task b refuses) b is unchanged.
func (ts *Templates) Expand(b *Backlog, opts ExpandOptions) (Expansion, error) {
	var exp Expansion
	var reqs []int
	if len(opts.Requirements) > 0 {
		want := make(map[string]bool, len(opts.Requirements))
		for _, id := range opts.Requirements {
			if !b.requirements.Has(id) {
				return Expansion{}, &OpError{Register: register, Op: "expand", ID: id, Err: validation.ErrNotFound}
			}
			want[id] = true
		}
		for i := range b.requirements.Items() {
			if want[b.requirements.At(i).ID] {
				reqs = append(reqs, i)
			}
		}
	} else {
		for i := range b.requirements.Items() {
			if b.requirements.At(i).IsOpen() {
				reqs = append(reqs, i)
			}
		}
	}
	// On a first analysis, make room for every task the templates could
	// add, so that adding tens of thousands of tasks does not keep
	// regrowing the backlog; a re-run, which adds little, does not.
	most := 0
	for _, ri := range reqs {
		most += len(ts.tmap()[b.requirements.At(ri).Category].Steps)
	}
	if b.tasks.Len() < most/2 {
		b.reserve(most)
	}
	suppressed := make(map[string]bool, len(b.suppressed))
	for _, s := range b.suppressed {
		suppressed[s.Task] = true
	}
	nTasks, nEvents := b.tasks.Len(), len(b.events)
	rollback := func() {
		b.tasks.Truncate(nTasks)
		b.events = b.events[:nEvents]
		b.demands = nil
	}
	var status []stepStatus
	for _, ri := range reqs {
		req := *b.requirements.At(ri)
		t, ok := ts.tmap()[req.Category]
		if !ok {
			exp.NoTemplate = append(exp.NoTemplate, req.ID)
			continue
		}
		anchor, err := anchorDate(req, opts)
		if err != nil {
			rollback()
			return Expansion{}, &OpError{Register: register, Op: "expand", ID: req.ID, Err: ErrInvalidTiming, Detail: err.Error()}
		}
		status = append(status[:0], make([]stepStatus, len(t.Steps))...)
		for i := range t.Steps {
			s := &t.Steps[i]
			id := req.ID + "/" + s.Key
			if r, ok := b.lookup(id); ok {
				if r.task {
					exp.Existing = append(exp.Existing, id)
					status[i] = stateExisting
				} else {
					exp.Taken = append(exp.Taken, id)
					status[i] = stateSkipped
				}
				continue
			}
			if suppressed[id] {
				exp.Suppressed = append(exp.Suppressed, id)
				status[i] = stateSkipped
				continue
			}
			status[i] = stateNew
			task := t.task(s, req, anchor)
			task.Dependencies = t.links(s, req.ID, status, nil)
			if err := b.addTask(task, opts.Change); err != nil {
				rollback()
				return Expansion{}, err
			}
			exp.Added = append(exp.Added, id)
		}
		for i := range t.Steps {
			if status[i] != stateExisting {
				continue
			}
			for _, a := range t.Steps[i].After {
				j := t.stepIndex(a.Step)
				if j >= 0 && status[j] == stateNew {
					exp.Unlinked = append(exp.Unlinked, Link{Task: req.ID + "/" + t.Steps[i].Key, Dependency: Dependency{Task: req.ID + "/" + a.Step, Type: a.Type, Lag: a.Lag}})
				}
			}
		}
	}
	return exp, nil
}

// stepStatus is what Expand found for a step's task.
type stepStatus int8

const (
	stateNew      stepStatus = iota // added now
	stateExisting                   // already a task
	stateSkipped                    // suppressed, or the ID is a requirement's
)

func (t *Template) stepIndex(key string) int {
	return slices.IndexFunc(t.Steps, func(s Step) bool { return s.Key == key })
}

// links returns the dependencies of step s: on each earlier step that has
// a task (new or existing), and through skipped steps on what they depend
// on, keeping the type and lag of s's own link.
func (t *Template) links(s *Step, reqID string, status []stepStatus, seen map[string]bool) []Dependency {
	var out []Dependency
	add := func(d Dependency) {
		if !slices.ContainsFunc(out, func(e Dependency) bool { return e.Task == d.Task }) {
			out = append(out, d)
		}
	}
	for _, a := range s.After {
		j := t.stepIndex(a.Step)
		if j < 0 {
			continue
		}
		if status[j] != stateSkipped {
			add(Dependency{Task: reqID + "/" + a.Step, Type: a.Type, Lag: a.Lag})
			continue
		}
		// Bridge over the skipped step, iteratively.
		if seen == nil {
			seen = map[string]bool{}
		}
		queue := []int{j}
		for len(queue) > 0 {
			k := queue[0]
			queue = queue[1:]
			if seen[t.Steps[k].Key] {
				continue
			}
			seen[t.Steps[k].Key] = true
			for _, b := range t.Steps[k].After {
				m := t.stepIndex(b.Step)
				if m < 0 {
					continue
				}
				if status[m] == stateSkipped {
					queue = append(queue, m)
				} else {
					add(Dependency{Task: reqID + "/" + b.Step, Type: a.Type, Lag: a.Lag})
				}
			}
		}
	}
	return out
}
