package money_test

import (
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/resource/money"
)

func TestGrouped(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"EUR 0.00", "EUR 0.00"},
		{"EUR 999.99", "EUR 999.99"},
		{"EUR 1000", "EUR 1,000.00"},
		{"EUR -100000", "EUR -100,000.00"},
		{"USD 123456789.01", "USD 123,456,789.01"},
		{"JPY 999", "JPY 999"},
		{"JPY -1000", "JPY -1,000"},
		{"BHD 1234.567", "BHD 1,234.567"},
	} {
		if got := money.MustParse(tc.in).Grouped(); got != tc.want {
			t.Errorf("%s: Grouped() = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := (money.Money{}).Grouped(); got != "" {
		t.Errorf("zero Money: %q", got)
	}
}

// Without its commas the grouped form is the String form.
func TestGroupedMatchesString(t *testing.T) {
	for _, minor := range []int64{0, 1, -1, 99, 100, 12345, -999999, 1 << 40, -(1 << 62), 1<<63 - 1} {
		for _, cur := range []string{"EUR", "JPY", "BHD"} {
			m := money.MustFromMinor(cur, minor)
			if got := strings.ReplaceAll(m.Grouped(), ",", ""); got != m.String() {
				t.Errorf("%s %d: %q vs %q", cur, minor, m.Grouped(), m.String())
			}
		}
	}
}
