package plan

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// Gate is a point at which the plan is checked: the activity's entry
// criterion or its exit criterion.
type Gate uint8

// The gates.
const (
	// Entry is the entry criterion: the project is committed to a product
	// release on a given date.
	Entry Gate = iota + 1
	// Exit is the exit criterion: a plan detailing all the activities
	// required for a successful launch.
	Exit
)

// String returns "entry" or "exit".
func (g Gate) String() string {
	switch g {
	case Entry:
		return "entry"
	case Exit:
		return "exit"
	}
	return fmt.Sprintf("Gate(%d)", uint8(g))
}

// MarshalText writes the gate's name.
func (g Gate) MarshalText() ([]byte, error) {
	if g != Entry && g != Exit {
		return nil, fmt.Errorf("plan: invalid gate %d", uint8(g))
	}
	return []byte(g.String()), nil
}

// UnmarshalText reads "entry" or "exit". On error g is unchanged.
func (g *Gate) UnmarshalText(b []byte) error {
	switch string(b) {
	case "entry":
		*g = Entry
	case "exit":
		*g = Exit
	default:
		return fmt.Errorf("plan: unknown gate %q (want entry or exit)", b)
	}
	return nil
}

// Finding is one problem a rule found in a plan: a validation.Problem that
// also names the sub-activity it belongs to. Its Path locates the value in
// the plan document (Path.Pointer gives the JSON Pointer) and its Subject
// names the entity it is about (kind and ID, such as the task T12), so that
// callers never parse the message. Every finding the Checker returns has a
// subject: one about no single entity (the plan's ID or schema version, a
// whole list such as an empty risk log, the budget's totals) is about the
// plan itself (SubjectPlan, named by the plan's ID). Rules build findings with a
// FindingBuilder.
type Finding struct {
	validation.Problem
	// SubActivity is the part of the activity the finding belongs to.
	SubActivity SubActivity `json:"subActivity"`
}

// Error renders the finding like its problem.
func (f *Finding) Error() string { return f.Problem.Error() }

// Unwrap returns the problem, so errors.Is sees its kind and errors.As
// finds the *validation.Problem.
func (f *Finding) Unwrap() error { return &f.Problem }

// MarshalJSON writes the finding as its problem does (code, severity,
// path, the path as a JSON Pointer into the plan document in "pointer",
// message, subject; see validation.Problem.MarshalJSON) with its
// "subActivity".
func (f Finding) MarshalJSON() ([]byte, error) {
	b, err := f.Problem.MarshalJSON()
	if err != nil {
		return nil, err
	}
	sa, err := json.Marshal(f.SubActivity)
	if err != nil {
		return nil, err
	}
	// b is a JSON object: add the sub-activity before its closing brace.
	b = append(b[:len(b)-1], `,"subActivity":`...)
	return append(append(b, sa...), '}'), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *Finding) UnmarshalJSON(b []byte) error {
	var p validation.Problem
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var s struct {
		SubActivity SubActivity `json:"subActivity"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*f = Finding{Problem: p, SubActivity: s.SubActivity}
	return nil
}

// Rule is one check of a plan. A rule is a plain value: a company adds its
// own rules, replaces or disables built-in ones, and unit-tests a rule by
// calling its Check function on a Context built with NewContext.
type Rule struct {
	// Code identifies the rule; findings carry it, and Rules.Replace and
	// Rules.Disable name rules by it. Built-in codes start with "plan.".
	Code validation.Code
	// Gate says which gate runs the rule. Rules of the Entry gate also run
	// at the Exit gate: what must hold to start must still hold to finish.
	Gate Gate
	// SubActivity is the part of the activity the rule checks.
	SubActivity SubActivity
	// Summary says in one line what the rule requires.
	Summary string
	// Check inspects the plan and returns what it finds wrong, best built
	// with the Context's finding builders (c.Task(id).Field("estimate").
	// Missing(...)), which fill path, subject and sub-activity. Findings
	// that leave Code or SubActivity empty get the rule's own; findings
	// without a Subject get the entity their path lies in, or else the
	// plan (SubjectPlan), so that every finding has a subject.
	Check func(c *Context) []Finding
	// Conditions list, for readers and tests, the checks the rule makes
	// and the findings each produces. Optional; the built-in rules list
	// theirs.
	Conditions []Condition
}

// Rules is an ordered set of rules with unique codes. The zero value is an
// empty set; DefaultRules returns the built-in ones. Methods that change the
// set return an error and leave it unchanged when a code is unknown or
// repeated.
type Rules struct {
	list []Rule
}

// ErrUnknownRule is wrapped by errors about a rule code not in the set.
var ErrUnknownRule = validation.Sentinel(validation.ErrNotFound, "unknown rule")

// ErrDuplicateRule is wrapped by errors about a rule code already in the set.
var ErrDuplicateRule = validation.Sentinel(validation.ErrDuplicate, "duplicate rule")

// ErrInvalidRule is wrapped by errors about a rule with no code, no gate or
// no check.
var ErrInvalidRule = validation.Sentinel(validation.ErrInvalid, "invalid rule")

func checkRule(r Rule) error {
	switch {
	case r.Code == "":
		return fmt.Errorf("plan: %w: no code", ErrInvalidRule)
	case r.Gate != Entry && r.Gate != Exit:
		return fmt.Errorf("plan: %w: rule %s has no gate", ErrInvalidRule, r.Code)
	case r.Check == nil:
		return fmt.Errorf("plan: %w: rule %s has no check", ErrInvalidRule, r.Code)
	}
	return nil
}

// NewRules returns a set holding rules, in order.
func NewRules(rules ...Rule) (Rules, error) {
	var s Rules
	for _, r := range rules {
		if err := s.Add(r); err != nil {
			return Rules{}, err
		}
	}
	return s, nil
}

// Add appends a rule. Its code must be new.
func (s *Rules) Add(r Rule) error {
	if err := checkRule(r); err != nil {
		return err
	}
	if s.index(r.Code) >= 0 {
		return fmt.Errorf("plan: rule %s: %w", r.Code, ErrDuplicateRule)
	}
	s.list = append(slices.Clip(s.list), r)
	return nil
}

// Replace puts r in the place of the rule with the same code.
func (s *Rules) Replace(r Rule) error {
	if err := checkRule(r); err != nil {
		return err
	}
	i := s.index(r.Code)
	if i < 0 {
		return fmt.Errorf("plan: rule %s: %w", r.Code, ErrUnknownRule)
	}
	list := slices.Clone(s.list)
	list[i] = r
	s.list = list
	return nil
}

// Disable removes the rules with the given codes.
func (s *Rules) Disable(codes ...validation.Code) error {
	for _, c := range codes {
		if s.index(c) < 0 {
			return fmt.Errorf("plan: rule %s: %w", c, ErrUnknownRule)
		}
	}
	s.list = slices.DeleteFunc(slices.Clone(s.list), func(r Rule) bool { return slices.Contains(codes, r.Code) })
	return nil
}

// Get returns the rule with the given code.
func (s Rules) Get(code validation.Code) (Rule, bool) {
	if i := s.index(code); i >= 0 {
		return s.list[i], true
	}
	return Rule{}, false
}

// List returns the rules in order.
func (s Rules) List() []Rule { return slices.Clone(s.list) }

// Len returns the number of rules.
func (s Rules) Len() int { return len(s.list) }

func (s Rules) index(code validation.Code) int {
	return slices.IndexFunc(s.list, func(r Rule) bool { return r.Code == code })
}

// GateResult is the result of checking a plan at a gate: every finding at once.
type GateResult struct {
	// Gate is the gate checked.
	Gate Gate `json:"gate"`
	// Revision is the plan revision checked.
	Revision int `json:"revision"`
	// Findings lists what the rules found, sorted by sub-activity, path and
	// code.
	Findings []Finding `json:"findings"`
	// Rules lists the codes of the rules that ran, in order.
	Rules []validation.Code `json:"rules"`
}

// Passed reports whether no finding has severity Error.
func (r GateResult) Passed() bool {
	for _, f := range r.Findings {
		if f.Severity == validation.Error {
			return false
		}
	}
	return true
}

// Blocking returns the findings of severity Error.
func (r GateResult) Blocking() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == validation.Error {
			out = append(out, f)
		}
	}
	return out
}

// For returns the findings that belong to sub-activity s.
func (r GateResult) For(s SubActivity) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.SubActivity == s {
			out = append(out, f)
		}
	}
	return out
}

// Err returns nil when the report has no finding of severity Error, and
// otherwise a *GateError holding the report, whose Unwrap exposes every
// blocking finding to errors.Is and errors.As.
func (r GateResult) Err() error {
	if r.Passed() {
		return nil
	}
	return &GateError{Result: r}
}

// ErrGateFailed is wrapped by every *GateError.
var ErrGateFailed = errors.New("gate failed")

// GateError is returned when a gate refuses a transition.
type GateError struct {
	// Result is the gate's result, with every blocking finding.
	Result GateResult
}

// Error summarises the blocking findings.
func (e *GateError) Error() string {
	b := e.Result.Blocking()
	var sb strings.Builder
	fmt.Fprintf(&sb, "plan: %s criterion not met: %d blocking finding(s)", e.Result.Gate, len(b))
	for i, f := range b {
		if i == 5 {
			fmt.Fprintf(&sb, "; and %d more", len(b)-5)
			break
		}
		sb.WriteString("; ")
		sb.WriteString(f.Error())
	}
	return sb.String()
}

// Unwrap returns ErrGateFailed and every blocking finding.
func (e *GateError) Unwrap() []error {
	errs := []error{ErrGateFailed}
	for _, f := range e.Result.Blocking() {
		errs = append(errs, &f)
	}
	return errs
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.SubActivity, b.SubActivity),
			strings.Compare(a.Path.String(), b.Path.String()),
			strings.Compare(string(a.Code), string(b.Code)),
			strings.Compare(a.Message, b.Message),
		)
	})
}
