package plan

import (
	"context"
	"errors"
	"fmt"

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
		for _, f := range runRule(r, c) {
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

// runRule calls r.Check, turning a panic into a finding so that a faulty
// custom rule cannot bring down the caller.
func runRule(r Rule, c *Context) (fs []Finding) {
	defer func() {
		if v := recover(); v != nil {
			fs = []Finding{{
				Problem:     *validation.New(validation.ErrInvalid, validation.Path{}, "plan.rule.panic", "rule %s failed: %v", r.Code, v),
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
