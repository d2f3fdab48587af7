package azureboards

import (
	"net/mail"
	"strings"
)

// person splits an identity into its display name and its address (an
// e-mail address or an account such as `CONTOSO\tom`): "Ana Ortiz
// <ana@contoso.com>" is both, "ana@contoso.com" an address alone, and
// "Ana Ortiz" a name alone.
func person(s string) (name, address string) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "@") {
		if a, err := mail.ParseAddress(s); err == nil {
			return strings.TrimSpace(a.Name), a.Address
		}
	}
	if strings.HasSuffix(s, ">") {
		if i := strings.LastIndex(s, "<"); i >= 0 {
			return strings.Trim(strings.TrimSpace(s[:i]), `"`), strings.TrimSpace(s[i+1 : len(s)-1])
		}
	}
	if strings.Contains(s, "@") && !strings.ContainsAny(s, " \t") {
		return "", s
	}
	return s, ""
}

// samePerson reports whether two identities name the same person, by the
// rule documented at Identity: the addresses decide when both have one,
// else the display names (case and runs of spaces aside) when both have
// one; an address alone and a name alone are taken for different people.
func samePerson(a, b string) bool {
	if Identity(a) == Identity(b) {
		return true
	}
	na, aa := person(a)
	nb, ab := person(b)
	switch {
	case aa != "" && ab != "":
		return strings.EqualFold(aa, ab)
	case na != "" && nb != "":
		return strings.EqualFold(strings.Join(strings.Fields(na), " "), strings.Join(strings.Fields(nb), " "))
	}
	return false
}

// people are the identities the plan already holds (task assignees,
// risk and issue owners, approvers), in plan order: Apply records a new
// assignee the plan knows in the plan's own form.
func (a *applier) people() []string {
	if a.known != nil {
		return a.known
	}
	a.known = []string{}
	for _, t := range a.p.Backlog.Tasks() {
		a.known = append(a.known, t.Assignee)
	}
	if a.p.Risks != nil {
		for _, r := range a.p.Risks.Risks() {
			a.known = append(a.known, r.Owner)
		}
		for _, is := range a.p.Risks.Issues() {
			a.known = append(a.known, is.Owner)
		}
	}
	return a.known
}

// planForm is the tracker's assignee s in the form the plan already uses
// for that person, or s itself when the plan knows no one it names.
func (a *applier) planForm(s string) string {
	for _, p := range a.people() {
		if p != "" && Identity(p) == Identity(s) {
			return p
		}
	}
	for _, p := range a.people() {
		if p != "" && samePerson(p, s) {
			return p
		}
	}
	return s
}
