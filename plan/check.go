package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// Checker runs a set of rules under a policy. DefaultChecker runs the
// built-in rules under DefaultPolicy. A Checker without rules, such as the
// zero Checker, checks nothing: its Check returns an error wrapping
// ErrNoRules instead of a passing result, so that a forgotten rule set can
// never let a plan through a gate.
type Checker struct {
	// Rules are the rules to run.
	Rules Rules
	// Policy holds the thresholds.
	Policy Policy
}

// ErrNoRules is wrapped by the error of checking with a Checker that has
// no rules, such as the zero Checker.
var ErrNoRules = errors.New("checker has no rules")

// ErrNilPlan is wrapped by the error of Checker.Check, Checker.Status,
// Plan.Validate, Plan.Schedule, Plan.Forecast and the activity's moves
// (Start, Complete, Reopen) given a nil *Plan.
var ErrNilPlan = errors.New("nil plan")

// DefaultChecker returns the built-in rules under the default policy.
func DefaultChecker() Checker {
	return Checker{Rules: DefaultRules(), Policy: DefaultPolicy()}
}

// Check runs every rule of the gate (the Entry rules run at both gates) on
// p and returns every finding at once. It stops early, returning ctx's
// error, if ctx is cancelled. A rule that panics is reported as a finding
// of its own, never as a panic of the caller.
//
// Check returns an error wrapping ErrNilPlan for a nil plan, ErrNoRules
// when the checker has no rule, and an error for a gate that is neither
// Entry nor Exit.
func (k Checker) Check(ctx context.Context, p *Plan, gate Gate) (GateResult, error) {
	switch {
	case p == nil:
		return GateResult{}, fmt.Errorf("plan: checking: %w", ErrNilPlan)
	case k.Rules.Len() == 0:
		return GateResult{}, fmt.Errorf("plan: checking: %w (use DefaultChecker, or set Checker.Rules)", ErrNoRules)
	case gate != Entry && gate != Exit:
		return GateResult{}, fmt.Errorf("plan: checking: invalid gate %d", uint8(gate))
	}
	rep := GateResult{Gate: gate, Revision: p.Revision, Findings: []Finding{}, Rules: []validation.Code{}}
	c := NewContext(p, k.Policy)
	for _, r := range k.Rules.list {
		if r.Gate != Entry && r.Gate != gate {
			continue
		}
		if err := ctx.Err(); err != nil {
			return GateResult{}, err
		}
		rep.Rules = append(rep.Rules, r.Code)
		before := shapeOf(p)
		fs := runRule(r, c)
		if shapeOf(p) != before {
			f := Finding{
				Problem: *validation.New(validation.ErrForbidden, validation.Path{}, CodeRuleChangedPlan,
					"rule %s changed the plan it checked (rules get the plan to read, not to change)", r.Code),
				SubActivity: r.SubActivity,
			}
			f.Subject = validation.Subject{Kind: SubjectPlan, ID: before.id}
			fs = append(fs, f)
		}
		for _, f := range fs {
			if f.Code == "" {
				f.Code = r.Code
			}
			if f.SubActivity == WholeActivity {
				f.SubActivity = r.SubActivity
			}
			if f.Kind == nil {
				f.Kind = validation.ErrInvalid
			}
			if f.Subject.IsZero() {
				f.Subject = c.subjectAt(f.Path)
			}
			rep.Findings = append(rep.Findings, f)
		}
	}
	sortFindings(rep.Findings)
	return rep, nil
}

// Codes of the findings the checker itself reports about a rule.
const (
	// CodeRulePanic: the rule panicked; the finding's message says how.
	CodeRulePanic validation.Code = "plan.rule.panic"
	// CodeRuleChangedPlan: the rule changed the plan it checked (its
	// release, notification, roles, revision, state or the size of any of
	// its lists). The change is not undone; the finding has severity
	// Error, so the gate fails.
	CodeRuleChangedPlan validation.Code = "plan.rule.changed-plan"
)

// shape is what Check compares before and after each rule to notice a
// rule that changed the plan: the plan's own fields and the length of
// every list, cheap enough to take around every rule of a large plan.
type shape struct {
	id                       string
	release                  Release
	notification             Notification
	kickoff                  string
	state                    ActivityState
	revision                 int
	roles, waivers           int
	decisions, history       int
	baselines                int
	requirements, tasks      int
	risks, issues            int
	resources, demands       int
	commitments, budgetLines int
	currency                 string
	roleSum                  string
}

func shapeOf(p *Plan) shape {
	s := shape{
		id: p.ID, release: p.Release, notification: p.Notification, kickoff: p.Kickoff.String(), state: p.State,
		revision: p.Revision, roles: len(p.Roles), waivers: len(p.Waivers), decisions: len(p.Decisions),
		history: len(p.History), baselines: len(p.Baselines),
		resources: len(p.Resources.Resources), demands: len(p.Resources.Demands),
		commitments: len(p.Resources.Commitments), budgetLines: len(p.Resources.Budget.Lines),
		currency: string(p.Resources.Budget.Currency),
	}
	if p.Backlog != nil {
		s.requirements, s.tasks = p.Backlog.NumRequirements(), p.Backlog.NumTasks()
	}
	if p.Risks != nil {
		s.risks, s.issues = p.Risks.NumRisks(), p.Risks.NumIssues()
	}
	var b strings.Builder
	for _, r := range p.Roles {
		fmt.Fprintf(&b, "%s/%d/%d;", r.Role, r.RACI, len(r.People))
	}
	s.roleSum = b.String()
	return s
}

// runRule calls r.Check, turning a panic into a finding so that a faulty
// custom rule cannot bring down the caller.
func runRule(r Rule, c *Context) (fs []Finding) {
	defer func() {
		if v := recover(); v != nil {
			fs = []Finding{{
				Problem:     *validation.New(validation.ErrInvalid, validation.Path{}, CodeRulePanic, "rule %s failed: %v", r.Code, v),
				SubActivity: r.SubActivity,
			}}
		}
	}()
	return r.Check(c)
}

// Status returns the status of each of the six sub-activities, derived from
// the plan's content and the Exit rules that belong to each: Pending when
// nothing has been entered for it, Done when none of its rules finds a
// blocking problem, Underway otherwise.
func (k Checker) Status(ctx context.Context, p *Plan) (map[SubActivity]Status, error) {
	if p == nil {
		return nil, fmt.Errorf("plan: status: %w", ErrNilPlan)
	}
	rep, err := k.Check(ctx, p, Exit)
	if err != nil {
		return nil, err
	}
	out := make(map[SubActivity]Status, 6)
	for _, s := range SubActivities() {
		switch {
		case !p.started(s):
			out[s] = Pending
		case hasBlocking(rep.For(s)):
			out[s] = Underway
		default:
			out[s] = Done
		}
	}
	return out, nil
}

func hasBlocking(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == validation.Error {
			return true
		}
	}
	return false
}
