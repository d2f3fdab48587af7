package plan

import (
	"context"

	"github.com/rolloutkit/rollout/validation"
)

// Checker runs a set of rules under a policy. The zero Checker runs no
// rules; DefaultChecker runs the built-in rules under DefaultPolicy.
type Checker struct {
	// Rules are the rules to run.
	Rules Rules
	// Policy holds the thresholds.
	Policy Policy
}

// DefaultChecker returns the built-in rules under the default policy.
func DefaultChecker() Checker {
	return Checker{Rules: DefaultRules(), Policy: DefaultPolicy()}
}

// Check runs every rule of the gate (the Entry rules run at both gates) on
// p and returns every finding at once. It stops early, returning ctx's
// error, if ctx is cancelled. A rule that panics is reported as a finding
// of its own, never as a panic of the caller.
func (k Checker) Check(ctx context.Context, p *Plan, gate Gate) (GateResult, error) {
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
