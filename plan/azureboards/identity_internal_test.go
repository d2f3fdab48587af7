package azureboards

import (
	"math/rand/v2"
	"testing"
)

// FuzzSamePerson: the identity rule is reflexive and symmetric, takes an
// identity for the same person as its Identity form, and never panics.
func FuzzSamePerson(f *testing.F) {
	for _, s := range [][2]string{
		{"Tom Becker", "Tom Becker <tom@contoso.com>"},
		{`"Becker, Tom" <tom@contoso.com>`, "tom@contoso.com"},
		{`Tom <CONTOSO\tom>`, "<>"},
		{"", " "},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !samePerson(a, a) || !samePerson(a, Identity(a)) {
			t.Errorf("%q is not the same person as itself (%q)", a, Identity(a))
		}
		if samePerson(a, b) != samePerson(b, a) {
			t.Errorf("samePerson(%q, %q) = %v, not symmetric", a, b, samePerson(a, b))
		}
	})
}

// TestPeopleIndexFindsAsTheScan: the index gives, for every identity,
// the same person as a scan of the plan's identities in order with the
// same rule (the first of the very same form, else the first samePerson).
func TestPeopleIndexFindsAsTheScan(t *testing.T) {
	forms := []string{"", "Tom Becker", "tom becker", "Tom  Becker <tom@contoso.com>", "TOM@contoso.com", "Tom Becker <t.becker@contoso.com>",
		"Ana Ortiz", "Ana Ortiz <ana@contoso.com>", `Ana <CONTOSO\ana>`, "ana@contoso.com", `"Ortiz, Ana" <ANA@contoso.com>`, "Ben"}
	scan := func(people []string, s string) string {
		for _, p := range people {
			if p != "" && Identity(p) == Identity(s) {
				return p
			}
		}
		for _, p := range people {
			if p != "" && samePerson(p, s) {
				return p
			}
		}
		return s
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		people := make([]string, r.IntN(6))
		for i := range people {
			people[i] = forms[r.IntN(len(forms))]
		}
		x := newPeopleIndex(people)
		for _, s := range forms {
			if got, want := x.find(s), scan(people, s); got != want {
				t.Fatalf("people %q, find(%q) = %q, the scan gives %q", people, s, got, want)
			}
		}
	}
}
