package backlog

import (
	"github.com/rolloutkit/rollout/workitem"
)

// TaskTrace is a task as a traceability matrix shows it.
type TaskTrace struct {
	// ID is the task's ID.
	ID string `json:"id"`
	// Title is the task's title.
	Title string `json:"title"`
	// State is the task's state.
	State workitem.State `json:"state" jsonschema:"type=string,enum=Proposed,enum=Active,enum=Resolved,enum=Closed"`
	// Tracker points to the task's work item, once entered.
	Tracker TrackerRef `json:"tracker,omitzero"`
	// RemainingWork is the task's remaining work in workdays.
	RemainingWork float64 `json:"remainingWork,omitzero"`
}

// TraceRow is one requirement of a traceability matrix with the tasks that
// serve it.
type TraceRow struct {
	// Requirement is the requirement's ID.
	Requirement string `json:"requirement"`
	// Title is the requirement's title.
	Title string `json:"title"`
	// Category is the requirement's category.
	Category Category `json:"category"`
	// State is the requirement's state.
	State workitem.State `json:"state" jsonschema:"type=string,enum=Proposed,enum=Active,enum=Resolved,enum=Closed"`
	// Tasks are the tasks that serve the requirement, in backlog order.
	Tasks []TaskTrace `json:"tasks"`
}

// Done reports whether every task of the row is Resolved or Closed; false
// for a row with no task.
func (r TraceRow) Done() bool {
	for _, t := range r.Tasks {
		if t.State.IsOpen() {
			return false
		}
	}
	return len(r.Tasks) > 0
}

// Matrix traces requirements to tasks and back: one row per requirement in
// backlog order, and the tasks that serve no known requirement. Reports
// render it as a table; its JSON form is stable.
type Matrix struct {
	// Rows are the requirements, in backlog order.
	Rows []TraceRow `json:"rows"`
	// Orphans are the tasks that serve no requirement of the backlog, in
	// backlog order.
	Orphans []TaskTrace `json:"orphans,omitempty"`
}

// Untraced returns the IDs of the requirements no task serves, in order.
func (m Matrix) Untraced() []string {
	var out []string
	for _, r := range m.Rows {
		if len(r.Tasks) == 0 {
			out = append(out, r.Requirement)
		}
	}
	return out
}

// Has reports whether the task serves the requirement.
func (m Matrix) Has(reqID, taskID string) bool {
	for _, r := range m.Rows {
		if r.Requirement == reqID {
			for _, t := range r.Tasks {
				if t.ID == taskID {
					return true
				}
			}
			return false
		}
	}
	return false
}

// Coverage returns the number of requirements that at least one task
// serves, and the number of requirements.
func (m Matrix) Coverage() (traced, total int) {
	for _, r := range m.Rows {
		if len(r.Tasks) > 0 {
			traced++
		}
	}
	return traced, len(m.Rows)
}

func traceOf(t *Task) TaskTrace {
	return TaskTrace{ID: t.ID, Title: t.Title, State: t.State, Tracker: t.Tracker, RemainingWork: t.RemainingWork}
}

// Matrix builds the traceability matrix of the backlog.
func (b *Backlog) Matrix() Matrix {
	m := Matrix{Rows: make([]TraceRow, b.requirements.Len())}
	for i := range b.requirements.Items() {
		r := b.requirements.At(i)
		m.Rows[i] = TraceRow{Requirement: r.ID, Title: r.Title, Category: r.Category, State: r.State, Tasks: []TaskTrace{}}
	}
	for i := range b.tasks.Items() {
		t := b.tasks.At(i)
		served := false
		for k, id := range t.Requirements {
			ri, ok := b.requirements.Find(id)
			if !ok || containsBefore(t.Requirements, k, id) {
				continue
			}
			m.Rows[ri].Tasks = append(m.Rows[ri].Tasks, traceOf(t))
			served = true
		}
		if !served {
			m.Orphans = append(m.Orphans, traceOf(t))
		}
	}
	return m
}

func containsBefore(ids []string, k int, id string) bool {
	for _, x := range ids[:k] {
		if x == id {
			return true
		}
	}
	return false
}

// TasksFor returns the IDs of the tasks that serve the requirement, in
// backlog order.
func (b *Backlog) TasksFor(reqID string) []string {
	var out []string
	for i := range b.tasks.Items() {
		if b.tasks.At(i).Serves(reqID) {
			out = append(out, b.tasks.At(i).ID)
		}
	}
	return out
}

// RequirementsOf returns the IDs of the requirements of the backlog the
// task serves, in the task's order, or nil for an unknown task.
func (b *Backlog) RequirementsOf(taskID string) []string {
	r, ok := b.lookup(taskID)
	if !ok || !r.task {
		return nil
	}
	var out []string
	t := b.tasks.At(r.i)
	for k, id := range t.Requirements {
		if b.requirements.Has(id) && !containsBefore(t.Requirements, k, id) {
			out = append(out, id)
		}
	}
	return out
}

// Untraced returns the IDs of the requirements no task serves, in order:
// requirements gathered but never analysed.
func (b *Backlog) Untraced() []string {
	served := make(map[string]bool, b.requirements.Len())
	for i := range b.tasks.Items() {
		for _, id := range b.tasks.At(i).Requirements {
			served[id] = true
		}
	}
	var out []string
	for i := range b.requirements.Items() {
		if !served[b.requirements.At(i).ID] {
			out = append(out, b.requirements.At(i).ID)
		}
	}
	return out
}

// Orphans returns the IDs of the tasks that serve no requirement of the
// backlog, in order.
func (b *Backlog) Orphans() []string {
	var out []string
	for i := range b.tasks.Items() {
		served := false
		for _, id := range b.tasks.At(i).Requirements {
			if b.requirements.Has(id) {
				served = true
				break
			}
		}
		if !served {
			out = append(out, b.tasks.At(i).ID)
		}
	}
	return out
}

// Untracked returns the IDs of the requirements and tasks not yet entered
// in a work tracker (zero Tracker), requirements first, in order.
func (b *Backlog) Untracked() []string {
	var out []string
	for i := range b.requirements.Items() {
		if b.requirements.At(i).Tracker.IsZero() {
			out = append(out, b.requirements.At(i).ID)
		}
	}
	for i := range b.tasks.Items() {
		if b.tasks.At(i).Tracker.IsZero() {
			out = append(out, b.tasks.At(i).ID)
		}
	}
	return out
}
