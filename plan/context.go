package plan

import (
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule"
)

// Context is what a rule sees: the plan being checked and the policy it is
// checked against, with the analyses several rules share (the schedule,
// the resource pool with the tasks' demands) computed once, on first use.
// A Context belongs to one check; it is not safe for concurrent use.
type Context struct {
	// Plan is the plan being checked. Rules must not change it.
	Plan *Plan
	// Policy holds the thresholds and choices of the check.
	Policy Policy

	scheduled bool
	sched     *schedule.Result
	schedErr  error
	pool      *resource.Pool
	tasks     []backlog.Task
	reqs      []backlog.Requirement
	loaded    bool
	taskAt    map[string]int
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

// Pool returns the plan's resource pool with the demands of every task
// added (see Plan.EffectivePool), computed once per Context.
func (c *Context) Pool() *resource.Pool {
	if c.pool == nil {
		res, _ := c.Schedule()
		c.pool = c.Plan.effectivePool(c.Tasks(), res)
	}
	return c.pool
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
