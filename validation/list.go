package validation

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// List is every problem found in one check. A non-empty List is an error;
// its Unwrap method exposes each problem to errors.Is and errors.As.
// Use [List.Err] to return it, so that an empty list becomes a nil error.
type List []*Problem

// Add appends problems, skipping nil ones.
func (l *List) Add(ps ...*Problem) {
	for _, p := range ps {
		if p != nil {
			*l = append(*l, p)
		}
	}
}

// AddList appends every problem of other, each re-rooted under parent.
func (l *List) AddList(parent Path, other List) {
	for _, p := range other {
		q := *p
		q.Path = p.Path.Under(parent)
		*l = append(*l, &q)
	}
}

// Error summarises the list: the first problems, one per line.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no problems"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(l)))
	b.WriteString(" problems:")
	const shown = 10
	for i, p := range l {
		if i == shown {
			b.WriteString("\n\t... and ")
			b.WriteString(strconv.Itoa(len(l) - shown))
			b.WriteString(" more")
			break
		}
		b.WriteString("\n\t")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns every problem, for errors.Is and errors.As.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, p := range l {
		errs[i] = p
	}
	return errs
}

// Err returns the list as an error when at least one problem blocks
// (severity Error), and nil otherwise: warnings and notes alone are not an
// error. The error holds every problem, warnings included, so one
// errors.As gives the whole picture. Every Validate method of the module
// answers this way; use the list itself (such as plan.Plan.ValidateList)
// to see warnings when nothing blocks.
func (l List) Err() error {
	if !l.HasBlocking() {
		return nil
	}
	return l
}

// Blocking returns only the problems of severity Error.
func (l List) Blocking() List {
	var out List
	for _, p := range l {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// HasBlocking reports whether any problem has severity Error.
func (l List) HasBlocking() bool {
	for _, p := range l {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// WithCode returns the problems with the given code.
func (l List) WithCode(c Code) List {
	var out List
	for _, p := range l {
		if p.Code == c {
			out = append(out, p)
		}
	}
	return out
}

// Sort orders the list by path, then code, then message, in place, so that
// reports are stable whatever order the checks ran in.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Problem) int {
		return cmp.Or(
			strings.Compare(a.Path.s, b.Path.s),
			strings.Compare(string(a.Code), string(b.Code)),
			strings.Compare(a.Message, b.Message),
		)
	})
}
