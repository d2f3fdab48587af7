package backlog

import (
	"cmp"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// graph is the dependency network in compressed form: for task v, its
// predecessors are pred[start[v]:start[v+1]] (task positions), and
// depIdx gives, for each entry, its index in the task's Dependencies.
// Self-dependencies and dangling references are left out.
type graph struct {
	start  []int32
	pred   []int32
	depIdx []int32
}

func joinCycle(ids []string) string { return strings.Join(ids, " -> ") }

// cycle is one dependency cycle in precedence order, its first task
// repeated at the end, with the position of the dependency entry that
// closes it (on the first task).
type cycle struct {
	tasks []int32
	task  int32 // position of the task whose dependency closes the cycle
	dep   int32 // index in its Dependencies
}

// cycles finds the strongly connected components of g with Tarjan's
// algorithm, iteratively (no recursion, so deep chains of 100,000 tasks are
// fine), and returns one cycle per component of more than one task: the
// shortest cycle through the component's first task, found breadth first.
// Components and cycles come in a deterministic order.
func (g *graph) cycles() []cycle {
	n := int32(len(g.start) - 1)
	if n <= 0 {
		return nil
	}
	const unvisited = -1
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = unvisited
	}
	type frame struct{ v, e int32 }
	var (
		calls []frame
		stack []int32
		next  int32
		comps [][]int32
	)
	for s := range n {
		if index[s] != unvisited {
			continue
		}
		index[s], low[s] = next, next
		next++
		stack = append(stack, s)
		onStack[s] = true
		calls = append(calls, frame{s, g.start[s]})
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.e < g.start[v+1] {
				w := g.pred[f.e]
				f.e++
				if index[w] == unvisited {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, g.start[w]})
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				if p := calls[len(calls)-1].v; low[v] < low[p] {
					low[p] = low[v]
				}
			}
			if low[v] != index[v] {
				continue
			}
			k := len(stack) - 1
			for stack[k] != v {
				k--
			}
			if len(stack)-k > 1 {
				comps = append(comps, append([]int32(nil), stack[k:]...))
			}
			for _, w := range stack[k:] {
				onStack[w] = false
			}
			stack = stack[:k]
		}
	}
	if len(comps) == 0 {
		return nil
	}
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	for c, members := range comps {
		for _, v := range members {
			comp[v] = int32(c)
		}
	}
	out := make([]cycle, 0, len(comps))
	parent := make([]int32, n)
	mark := make([]int32, n)
	for i := range mark {
		mark[i] = -1
	}
	for c, members := range comps {
		s := members[0]
		for _, v := range members {
			s = min(s, v)
		}
		out = append(out, g.shortestCycle(s, int32(c), comp, parent, mark))
	}
	// Report in the order of each cycle's first task.
	slices.SortFunc(out, func(a, b cycle) int { return cmp.Compare(a.task, b.task) })
	return out
}

// shortestCycle walks the dependency edges from s, breadth first, within
// component c, back to s, and returns the cycle in precedence order. mark
// records the component whose walk visited a task (each task is walked
// once, in its own component's walk).
func (g *graph) shortestCycle(s, c int32, comp, parent, mark []int32) cycle {
	parent[s] = -1
	mark[s] = c
	queue := []int32{s}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for e := g.start[v]; e < g.start[v+1]; e++ {
			w := g.pred[e]
			if comp[w] != c {
				continue
			}
			if w == s {
				// The walk went s -> p1 -> ... -> v -> s, each task depending
				// on the next. Following parents back from v gives the
				// reverse, which is precedence order: s, v, ..., p1, s.
				chain := []int32{s}
				for u := v; u != s; u = parent[u] {
					chain = append(chain, u)
				}
				chain = append(chain, s)
				// The dependency that closes the cycle: s depends on p1.
				before := chain[len(chain)-2]
				var dep int32
				for e2 := g.start[s]; e2 < g.start[s+1]; e2++ {
					if g.pred[e2] == before {
						dep = g.depIdx[e2]
						break
					}
				}
				return cycle{tasks: chain, task: s, dep: dep}
			}
			if mark[w] != c {
				mark[w] = c
				parent[w] = v
				queue = append(queue, w)
			}
		}
	}
	return cycle{tasks: []int32{s, s}, task: s}
}

// buildGraph resolves every dependency to a task position, reporting
// dangling references and dependencies on requirements into l.
func (b *Backlog) buildGraph(l *validation.List, ids resolver) *graph {
	n := b.tasks.Len()
	total := 0
	for i := range b.tasks.Items() {
		total += len(b.tasks.At(i).Dependencies)
	}
	g := &graph{start: make([]int32, n+1), pred: make([]int32, 0, total), depIdx: make([]int32, 0, total)}
	for i := range b.tasks.Items() {
		t := b.tasks.At(i)
		g.start[i] = int32(len(g.pred))
		for k := range t.Dependencies {
			id := t.Dependencies[k].Task
			if id == "" || id == t.ID {
				continue // reported by the task's own checks
			}
			r, ok := ids.find(id)
			if !ok || !r.task {
				what := "task"
				if ok {
					what = "task (it is a requirement)"
				}
				if l != nil {
					l.Add(validation.NotFound(pTasks.Index(i).Child("dependencies").Index(k).Child("task"), CodeDependencyTask, what, id))
				}
				continue
			}
			g.pred = append(g.pred, int32(r.i))
			g.depIdx = append(g.depIdx, int32(k))
		}
	}
	g.start[n] = int32(len(g.pred))
	return g
}

// Cycles returns every dependency cycle, one per group of tasks that depend
// on each other, each as task IDs in precedence order with the first task
// repeated at the end ("A", "B", "C", "A": B depends on A, C on B, A on C).
// A task that depends on itself is not listed (Validate reports it).
func (b *Backlog) Cycles() [][]string {
	g := b.buildGraph(nil, b.resolver())
	var out [][]string
	for _, c := range g.cycles() {
		out = append(out, b.cycleIDs(c))
	}
	return out
}

func (b *Backlog) cycleIDs(c cycle) []string {
	ids := make([]string, len(c.tasks))
	for i, v := range c.tasks {
		ids[i] = b.tasks.At(int(v)).ID
	}
	return ids
}
