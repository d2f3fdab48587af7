package azureboards

import "testing"

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
