package kebab_test

import (
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/internal/kebab"
)

func TestIsWord(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"sales", true},
		{"field-service-training", true},
		{"q1-close", true},
		{"a", true},
		{strings.Repeat("a", kebab.MaxLen), true},
		{strings.Repeat("a", kebab.MaxLen+1), false},
		{"", false},
		{"Sales", false},
		{"1st", false},
		{"-sales", false},
		{"sales-", false},
		{"sales--ops", false},
		{"sales ops", false},
		{"sales_ops", false},
		{"ventes-é", false},
	}
	for _, tt := range tests {
		if got := kebab.IsWord(tt.s); got != tt.want {
			t.Errorf("IsWord(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func FuzzIsWord(f *testing.F) {
	for _, s := range []string{"sales", "a-b", "-", "A", "a--b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !kebab.IsWord(s) {
			return
		}
		if len(s) > kebab.MaxLen || strings.Contains(s, "--") || strings.HasSuffix(s, "-") || strings.ToLower(s) != s {
			t.Fatalf("IsWord(%q) accepted a malformed word", s)
		}
	})
}
