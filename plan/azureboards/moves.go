package azureboards

import (
	"slices"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// A work item reaches its state in Azure Boards one allowed move at a
// time: the CMMI process has no move from Proposed to Resolved, so a
// resolved task is created in Proposed and moved to Active, then to
// Resolved. The moves follow the plan's lifecycles (which agree with the
// CMMI template), and the last one carries the plan's recorded reason.

const (
	statePath  = "/fields/" + FieldState
	reasonPath = "/fields/" + FieldReason
)

type move struct {
	to     workitem.State
	reason lifecycle.Reason
}

// path returns the moves from from (reached for fromReason, "" when not
// known) to the item's state to, the last with reason when the lifecycle
// allows it on a move into to (otherwise the move's default reason), the
// others with their default reasons: the shortest such path, preferring a
// last move that allows reason. Nil when the item is there already (same
// state, and the same reason or no reason to compare); a round trip when
// only the reason differs (a task back in Proposed as "Investigation
// Complete" goes to Active and back); a single direct move when the
// lifecycle has no path (Azure Boards then refuses it, and the push
// reports it per item).
func path(m *lifecycle.Machine[workitem.State], from workitem.State, fromReason lifecycle.Reason, to workitem.State, reason lifecycle.Reason) []move {
	if m == nil || from == to && (reason == "" || fromReason == "" || reason == fromReason) {
		return nil
	}
	// Breadth-first search from from; prev records the tree.
	prev := map[workitem.State]workitem.State{from: from}
	queue := []workitem.State{from}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, r := range m.From(s) {
			if _, seen := prev[r.To]; !seen {
				prev[r.To] = s
				queue = append(queue, r.To)
			}
		}
	}
	// The last move: into to from a state reached, with the reason
	// allowed if any such move allows it; the nearest such state.
	dist := func(s workitem.State) int {
		n := 0
		for s != from {
			s = prev[s]
			n++
		}
		return n
	}
	last, lastReason, found := from, lifecycle.Reason(""), false
	best := -1
	for _, pass := range []bool{true, false} {
		for _, s := range m.States() {
			if _, ok := prev[s]; !ok || s == to || !m.Can(s, to) {
				continue
			}
			rs := m.Reasons(s, to)
			r := rs[0]
			if pass {
				ok := false
				for _, x := range rs {
					if x == reason {
						ok = true
					}
				}
				if !ok {
					continue
				}
				r = reason
			}
			if d := dist(s); best < 0 || d < best {
				best, last, lastReason, found = d, s, r, true
			}
		}
		if found {
			break
		}
	}
	if !found {
		return []move{{to: to, reason: reason}}
	}
	var rev []move
	rev = append(rev, move{to: to, reason: lastReason})
	for s := last; s != from; s = prev[s] {
		p := prev[s]
		rev = append(rev, move{to: s, reason: m.Reasons(p, s)[0]})
	}
	out := make([]move, len(rev))
	for i := range rev {
		out[i] = rev[len(rev)-1-i]
	}
	return out
}

// moves appends, after the creates and updates, the moves that bring
// every item to its plan state: from the type's initial state for a
// create, from Options.Current for an update (when the caller knows it;
// otherwise one move to the plan's state and reason). All first steps
// come first, then all second steps, and so on.
func (b *builder) moves() {
	var reqM, taskM, riskM, issueM *lifecycle.Machine[workitem.State]
	if b.p.Backlog != nil {
		reqM, taskM = b.p.Backlog.Lifecycles()
	}
	if b.p.Risks != nil {
		riskM, issueM = b.p.Risks.Lifecycles()
	}
	var rounds [][]Item
	// ops is carved into the moves' patches (one allocation per 1,024
	// moves).
	var ops []Operation
	for k := range b.order_ {
		en := b.order_[k]
		main := &b.items[k]
		var m *lifecycle.Machine[workitem.State]
		var state workitem.State
		var reason lifecycle.Reason
		switch en.kind {
		case Requirements:
			m, state, reason = reqM, b.reqs[en.i].State, b.reqs[en.i].Reason
		case Tasks:
			m, state, reason = taskM, b.tasks[en.i].State, b.tasks[en.i].Reason
		case Risks:
			m, state, reason = riskM, b.risks[en.i].State, b.risks[en.i].Reason
		case Issues:
			m, state, reason = issueM, b.issues[en.i].State, b.issues[en.i].Reason
		case Reviews:
			m = reviewMachine
			state, reason = ReviewState(b.reviews[en.i].Outcome())
		case ChangeRequests:
			m = changeMachine
			state, reason = b.changes[en.i].State()
		}
		if m == nil || !state.IsValid() {
			continue
		}
		var steps []move
		switch {
		case main.IsCreate():
			var created lifecycle.Reason
			if rs := m.CreationReasons(); len(rs) > 0 {
				created = rs[0]
			}
			steps = path(m, m.Initial(), created, state, reason)
		default:
			if cur, ok := b.opts.Current[en.workItem]; ok {
				steps = path(m, cur, "", state, reason)
			} else {
				steps = []move{{to: state, reason: reason}}
			}
		}
		for s, mv := range steps {
			for len(rounds) <= s {
				rounds = append(rounds, nil)
			}
			it := Item{Kind: main.Kind, ID: main.ID, Type: main.Type, WorkItem: main.WorkItem, Step: s + 1}
			if main.IsCreate() {
				it.Of = main.TempID
			}
			if len(ops) < 2 {
				ops = make([]Operation, 2*1024)
			}
			it.Patch = ops[:1:1]
			it.Patch[0] = Operation{Op: "add", Path: statePath, Value: mv.to.String()}
			if mv.reason != "" {
				it.Patch = ops[:2:2]
				it.Patch[1] = Operation{Op: "add", Path: reasonPath, Value: string(mv.reason)}
			}
			ops = ops[len(it.Patch):]
			if rounds[s] == nil {
				rounds[s] = make([]Item, 0, len(b.order_)/2+1)
			}
			rounds[s] = append(rounds[s], it)
		}
	}
	total := 0
	for _, r := range rounds {
		total += len(r)
	}
	b.items = slices.Grow(b.items, total)
	for _, r := range rounds {
		b.items = append(b.items, r...)
	}
}
