package schemacheck

import (
	"math/big"
	"strings"
)

// num is an exact decimal: (-1)^neg × digits × 10^exp, where digits has no
// leading or trailing zeros. Zero has empty digits and neg false.
type num struct {
	neg    bool
	digits string
	exp    int64
}

// parseNum converts a JSON number literal, already known to follow the
// JSON grammar, into a num. It reports false when the exponent lies beyond
// ±maxExponent.
func parseNum(lit string) (num, bool) {
	var n num
	if strings.HasPrefix(lit, "-") {
		n.neg = true
		lit = lit[1:]
	}
	mant, expPart := lit, ""
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		mant, expPart = lit[:i], lit[i+1:]
	}
	var e int64
	if expPart != "" {
		negExp := false
		switch expPart[0] {
		case '-':
			negExp = true
			expPart = expPart[1:]
		case '+':
			expPart = expPart[1:]
		}
		expPart = strings.TrimLeft(expPart, "0")
		if len(expPart) > 10 {
			return num{}, false
		}
		for _, c := range expPart {
			e = e*10 + int64(c-'0')
		}
		if e > maxExponent {
			return num{}, false
		}
		if negExp {
			e = -e
		}
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	digits := intPart + frac
	e -= int64(len(frac))
	digits = strings.TrimLeft(digits, "0")
	trimmed := strings.TrimRight(digits, "0")
	e += int64(len(digits) - len(trimmed))
	n.digits = trimmed
	n.exp = e
	if n.digits == "" {
		return num{}, true
	}
	return n, true
}

func (n num) isZero() bool { return n.digits == "" }

// isInteger reports whether n has no fractional part.
func (n num) isInteger() bool { return n.digits == "" || n.exp >= 0 }

// cmpNum compares a and b exactly, returning -1, 0 or +1.
func cmpNum(a, b num) int {
	switch {
	case a.isZero() && b.isZero():
		return 0
	case a.neg != b.neg:
		if a.neg {
			return -1
		}
		return 1
	case a.isZero():
		if b.neg {
			return 1
		}
		return -1
	case b.isZero():
		if a.neg {
			return -1
		}
		return 1
	}
	c := cmpMagnitude(a, b)
	if a.neg {
		return -c
	}
	return c
}

// cmpMagnitude compares |a| and |b|, both non-zero.
func cmpMagnitude(a, b num) int {
	// The position of the most significant digit decides first.
	pa := int64(len(a.digits)) + a.exp
	pb := int64(len(b.digits)) + b.exp
	switch {
	case pa < pb:
		return -1
	case pa > pb:
		return 1
	}
	// Same position: compare digit strings; with no trailing zeros, a
	// longer string that shares the shorter one's prefix is larger.
	m := min(len(a.digits), len(b.digits))
	if c := strings.Compare(a.digits[:m], b.digits[:m]); c != 0 {
		return c
	}
	switch {
	case len(a.digits) < len(b.digits):
		return -1
	case len(a.digits) > len(b.digits):
		return 1
	}
	return 0
}

// isMultipleOf reports whether a is an integer multiple of m, m > 0,
// exactly: a/m = (da/dm) × 10^(ea-em).
func isMultipleOf(a, m num) bool {
	if a.isZero() {
		return true
	}
	da, ok1 := new(big.Int).SetString(a.digits, 10)
	dm, ok2 := new(big.Int).SetString(m.digits, 10)
	if !ok1 || !ok2 || dm.Sign() == 0 {
		return false
	}
	e := a.exp - m.exp
	if e >= 0 {
		// da × 10^e ≡ 0 (mod dm)?
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(e), dm)
		p.Mul(p, da)
		return p.Mod(p, dm).Sign() == 0
	}
	// da ≡ 0 (mod dm × 10^-e)? da has no trailing zeros, so unless dm × 10^-e
	// is small enough to divide it, the answer is no.
	if -e > int64(len(a.digits)) {
		return false
	}
	div := new(big.Int).Exp(big.NewInt(10), big.NewInt(-e), nil)
	div.Mul(div, dm)
	return new(big.Int).Mod(da, div).Sign() == 0
}
