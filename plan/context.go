package plan

import (
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
)

// Context is what a rule sees: the plan being checked and the policy it is
// checked against, with the analyses several rules share (the schedule,
// the resource pool with the tasks' demands) computed once, on first use.
// A Context belongs to one check; it is not safe for concurrent use.
type Context struct {
	// Plan is the plan being checked. Rules must not change it: the
	// Checker reports a rule that does (CodeRuleChangedPlan).
	Plan *Plan
	// Policy holds the thresholds and choices of the check.
	Policy Policy

	scheduled bool
	sched     *schedule.Result
	schedErr  error
	levelled  bool
	lev       *schedule.Levelled
	levErr    error
	pool      *resource.Pool
	tasks     []backlog.Task
	reqs      []backlog.Requirement
	loaded    bool
	taskAt    map[string]int
	docIndex  *docIndex
	// origins holds, for each demand of the pool Pool returns, its path
	// in the plan document.
	origins []validation.Path
}

func (c *Context) load() {
	if !c.loaded {
		c.reqs, c.tasks = c.Plan.backlogItems()
		c.loaded = true
	}
}

// Requirements returns the plan's requirements, read once per Context.
// Rules must not change them.
func (c *Context) Requirements() []backlog.Requirement {
	c.load()
	return c.reqs
}

// Tasks returns the plan's tasks, read once per Context. Rules must not
// change them.
func (c *Context) Tasks() []backlog.Task {
	c.load()
	return c.tasks
}

// NewContext returns the context in which rules check p under policy.
func NewContext(p *Plan, policy Policy) *Context {
	return &Context{Plan: p, Policy: policy}
}

// Schedule returns the critical-path schedule of the plan's tasks (see
// Plan.Schedule), computed once per Context.
func (c *Context) Schedule() (*schedule.Result, error) {
	if !c.scheduled {
		c.sched, c.schedErr = schedule.Schedule(c.Plan.network(c.Requirements(), c.Tasks()))
		c.scheduled = true
	}
	return c.sched, c.schedErr
}

// level returns the levelled schedule of the plan's tasks (see
// Plan.Level), computed once per Context: the rules that judge levelled
// dates under Policy.LevelResources share it.
func (c *Context) level() (*schedule.Levelled, error) {
	if !c.levelled {
		c.lev, c.levErr = c.Plan.Level()
		c.levelled = true
	}
	return c.lev, c.levErr
}

// Pool returns the plan's resource pool with the demands of every task
// added (see Plan.EffectivePool), computed once per Context.
func (c *Context) Pool() *resource.Pool {
	if c.pool == nil {
		res, _ := c.Schedule()
		c.pool, c.origins = c.Plan.effectivePool(c.Tasks(), res)
	}
	return c.pool
}

// poolFindings turns problems about the pool Pool returns into findings of
// sub-activity sub whose paths point into the plan document: a problem
// about the pool's k-th demand points where the document holds that
// demand (a task's demand lives at backlog.tasks[i].demands[j], not in the
// derived pool), and other paths are re-rooted under resources.
func (c *Context) poolFindings(sub SubActivity, l validation.List) []Finding {
	c.Pool()
	out := make([]Finding, 0, len(l))
	for _, p := range l {
		f := Finding{Problem: *p, SubActivity: sub}
		f.Path = c.documentPath(p.Path)
		if f.Subject.IsZero() {
			f.Subject = c.subjectAt(f.Path)
		}
		out = append(out, f)
	}
	return out
}

// documentPath maps a path into the pool Pool returns to the path of the
// same value in the plan document.
func (c *Context) documentPath(p validation.Path) validation.Path {
	tok := p.Tokens()
	if len(tok) >= 2 && tok[0] == "demands" {
		if k, err := strconv.Atoi(tok[1]); err == nil && k >= 0 && k < len(c.origins) {
			head := "demands[" + tok[1] + "]"
			if rest, ok := strings.CutPrefix(p.String(), head); ok {
				return validation.ParsePath(c.origins[k].String() + rest)
			}
		}
	}
	return p.Under(pathResources)
}

// taskIndex maps task IDs to their positions in the backlog.
func (c *Context) taskIndex() map[string]int {
	if c.taskAt == nil {
		tasks := c.Tasks()
		c.taskAt = make(map[string]int, len(tasks))
		for i, t := range tasks {
			if _, dup := c.taskAt[t.ID]; !dup {
				c.taskAt[t.ID] = i
			}
		}
	}
	return c.taskAt
}
