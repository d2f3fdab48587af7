package schemacheck

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// randomLiteral returns a JSON number literal with a varied shape.
func randomLiteral(r *rand.Rand) string {
	s := ""
	if r.IntN(3) == 0 {
		s = "-"
	}
	if r.IntN(4) == 0 {
		s += "0"
	} else {
		s += fmt.Sprint(1 + r.IntN(9))
		for range r.IntN(4) {
			s += fmt.Sprint(r.IntN(10))
		}
	}
	if r.IntN(2) == 0 {
		s += "."
		for range 1 + r.IntN(4) {
			s += fmt.Sprint(r.IntN(10))
		}
	}
	if r.IntN(3) == 0 {
		s += []string{"e", "E", "e+", "e-"}[r.IntN(4)] + fmt.Sprint(r.IntN(12))
	}
	return s
}

func rat(t *testing.T, lit string) *big.Rat {
	x, ok := new(big.Rat).SetString(lit)
	if !ok {
		t.Fatalf("big.Rat cannot read %q", lit)
	}
	return x
}

// TestNumAgainstBigRat checks the exact decimal arithmetic against
// math/big on random literals.
func TestNumAgainstBigRat(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		la, lb := randomLiteral(r), randomLiteral(r)
		a, ok1 := parseNum(la)
		b, ok2 := parseNum(lb)
		if !ok1 || !ok2 {
			t.Fatalf("parseNum(%q / %q) failed", la, lb)
		}
		ra, rb := rat(t, la), rat(t, lb)
		if got, want := cmpNum(a, b), ra.Cmp(rb); got != want {
			t.Fatalf("cmpNum(%s, %s) = %d, want %d", la, lb, got, want)
		}
		if got, want := a.isInteger(), ra.IsInt(); got != want {
			t.Fatalf("isInteger(%s) = %v, want %v", la, got, want)
		}
		if rb.Sign() > 0 {
			q := new(big.Rat).Quo(ra, rb)
			if got, want := isMultipleOf(a, b), q.IsInt(); got != want {
				t.Fatalf("isMultipleOf(%s, %s) = %v, want %v", la, lb, got, want)
			}
		}
	}
}

func TestNumExtremes(t *testing.T) {
	if _, ok := parseNum("1e1000000001"); ok {
		t.Error("exponent beyond the bound accepted")
	}
	if _, ok := parseNum("1e-99999999999999999999"); ok {
		t.Error("huge negative exponent accepted")
	}
	a, _ := parseNum("1e1000000000")
	b, _ := parseNum("9e999999999")
	if cmpNum(a, b) != 1 {
		t.Error("1e1000000000 <= 9e999999999")
	}
	m, _ := parseNum("7")
	if !isMultipleOf(mustNum("7e1000000000"), m) || isMultipleOf(mustNum("1e1000000000"), m) {
		t.Error("multipleOf with a huge exponent is wrong")
	}
	if isMultipleOf(mustNum("1e-1000000000"), m) {
		t.Error("tiny number is a multiple of 7")
	}
}

func mustNum(lit string) num {
	n, ok := parseNum(lit)
	if !ok {
		panic(lit)
	}
	return n
}
