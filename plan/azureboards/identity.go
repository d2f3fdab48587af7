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

// peopleIndex finds, among the identities the plan already holds (task
// assignees, risk and issue owners, in plan order), the first one that
// names a given person, in constant time per lookup: by the whole
// identity, by address and by display name (case-folded, runs of spaces
// as one), so that reading back thousands of items is not a scan of the
// plan per item.
type peopleIndex struct {
	byIdentity map[string]int
	byAddress  map[string]int // identities with an address
	byName     map[string]int // identities with a display name
	byNameOnly map[string]int // identities with a display name and no address
	people     []string
}

// nameKey is a display name as samePerson compares it.
func nameKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

func newPeopleIndex(people []string) *peopleIndex {
	x := &peopleIndex{byIdentity: map[string]int{}, byAddress: map[string]int{}, byName: map[string]int{},
		byNameOnly: map[string]int{}, people: people}
	first := func(m map[string]int, k string, i int) {
		if _, ok := m[k]; !ok {
			m[k] = i
		}
	}
	for i, p := range people {
		if p == "" {
			continue
		}
		first(x.byIdentity, Identity(p), i)
		name, addr := person(p)
		if addr != "" {
			first(x.byAddress, strings.ToLower(addr), i)
		}
		if name != "" {
			first(x.byName, nameKey(name), i)
			if addr == "" {
				first(x.byNameOnly, nameKey(name), i)
			}
		}
	}
	return x
}

// find returns the first identity that names the same person as s (see
// samePerson), preferring one of the very same form, or s itself.
func (x *peopleIndex) find(s string) string {
	if i, ok := x.byIdentity[Identity(s)]; ok {
		return x.people[i]
	}
	best := -1
	consider := func(m map[string]int, k string) {
		if i, ok := m[k]; ok && (best < 0 || i < best) && samePerson(x.people[i], s) {
			best = i
		}
	}
	name, addr := person(s)
	switch {
	case addr != "":
		consider(x.byAddress, strings.ToLower(addr))
		if name != "" {
			consider(x.byNameOnly, nameKey(name))
		}
	case name != "":
		consider(x.byName, nameKey(name))
	}
	if best < 0 {
		return s
	}
	return x.people[best]
}

// planForm is the tracker's assignee s in the form the plan already uses
// for that person, or s itself when the plan knows no one it names.
func (a *applier) planForm(s string) string {
	if a.known == nil {
		var people []string
		for _, t := range a.p.Backlog.Tasks() {
			people = append(people, t.Assignee)
		}
		if a.p.Risks != nil {
			for _, r := range a.p.Risks.Risks() {
				people = append(people, r.Owner)
			}
			for _, is := range a.p.Risks.Issues() {
				people = append(people, is.Owner)
			}
		}
		a.known = newPeopleIndex(people)
	}
	return a.known.find(s)
}
