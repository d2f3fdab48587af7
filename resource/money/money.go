package money

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// ErrCurrencyMismatch is wrapped by every error about an operation that mixes
// two currencies; the error is a *MismatchError naming both.
var ErrCurrencyMismatch = validation.Sentinel(validation.ErrConflict, "currency mismatch")

// ErrUnknownCurrency is wrapped by errors about a currency code missing from
// the package's table of ISO 4217 codes.
var ErrUnknownCurrency = validation.Sentinel(validation.ErrNotSupported, "unknown currency")

// ErrInvalidAmount is wrapped by errors about malformed amount text, such as
// "EUR 12.345" (too many decimals for the euro) or "EUR 1,2".
var ErrInvalidAmount = validation.Sentinel(validation.ErrInvalid, "invalid amount")

// ErrOverflow is wrapped by errors about results that do not fit in 64-bit
// minor units (about ±9.2e18 cents).
var ErrOverflow = validation.Sentinel(validation.ErrOutOfRange, "amount overflow")

// MismatchError reports an operation on amounts in two currencies. It wraps
// ErrCurrencyMismatch.
type MismatchError struct {
	// Op names the operation, such as "add" or "compare".
	Op string
	// A and B are the currencies of the two operands.
	A, B Currency
}

// Error describes the mismatch.
func (e *MismatchError) Error() string {
	return fmt.Sprintf("money: %s: %s and %s: %v", e.Op, e.A, e.B, ErrCurrencyMismatch)
}

// Unwrap returns ErrCurrencyMismatch.
func (e *MismatchError) Unwrap() error { return ErrCurrencyMismatch }

// Money is an exact amount of money: an integer number of minor units (cents
// for EUR and USD, yen for JPY) in an ISO 4217 currency. Money is a
// comparable value; methods return new values.
//
// The zero Money has no currency and means "nothing" (no amount given). It
// is neutral in arithmetic: adding it to or subtracting it from an amount in
// any currency gives that amount, and it compares as zero against every
// currency. An amount of zero in a currency ("EUR 0.00") is not the zero
// Money: it is a real amount, and IsZero reports false for it.
type Money struct {
	minor int64
	cur   Currency
}

// FromMinor returns the amount of minor units in the currency with the given
// code, such as FromMinor("EUR", 123450) for EUR 1234.50. An unknown code
// gives an error wrapping ErrUnknownCurrency.
func FromMinor(code string, minor int64) (Money, error) {
	c, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	return Money{minor: minor, cur: c}, nil
}

// MustFromMinor is like FromMinor but panics on an unknown code. It exists
// for literals in programs and tests; never use it on input.
func MustFromMinor(code string, minor int64) Money {
	m, err := FromMinor(code, minor)
	if err != nil {
		panic(err)
	}
	return m
}

// Zero returns an amount of zero in currency c, such as EUR 0.00.
func Zero(c Currency) Money { return Money{cur: c} }

// IsZero reports whether m is the zero Money (no currency, no amount).
func (m Money) IsZero() bool { return m == Money{} }

// Currency returns the currency of m; the zero Money has none.
func (m Money) Currency() Currency { return m.cur }

// Minor returns the amount in minor units, such as 123450 for EUR 1234.50.
func (m Money) Minor() int64 { return m.minor }

// Sign returns -1, 0 or +1 by the sign of the amount.
func (m Money) Sign() int {
	switch {
	case m.minor < 0:
		return -1
	case m.minor > 0:
		return 1
	}
	return 0
}

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.minor < 0 }

// Neg returns -m. Negating the most negative amount gives an error wrapping
// ErrOverflow.
func (m Money) Neg() (Money, error) {
	if m.minor == math.MinInt64 {
		return Money{}, fmt.Errorf("money: negating %s: %w", m, ErrOverflow)
	}
	return Money{minor: -m.minor, cur: m.cur}, nil
}

// Abs returns |m|, with an error wrapping ErrOverflow for the most negative
// amount.
func (m Money) Abs() (Money, error) {
	if m.minor < 0 {
		return m.Neg()
	}
	return m, nil
}

// common returns the currency for a binary operation on m and n.
func common(op string, m, n Money) (Currency, error) {
	switch {
	case m.cur == n.cur:
		return m.cur, nil
	case m.IsZero():
		return n.cur, nil
	case n.IsZero():
		return m.cur, nil
	}
	return "", &MismatchError{Op: op, A: m.cur, B: n.cur}
}

// Add returns m + n. Different currencies give a *MismatchError (wrapping
// ErrCurrencyMismatch) and a result that does not fit gives an error
// wrapping ErrOverflow.
func (m Money) Add(n Money) (Money, error) {
	c, err := common("add", m, n)
	if err != nil {
		return Money{}, err
	}
	s, carry := addInt64(m.minor, n.minor)
	if carry {
		return Money{}, fmt.Errorf("money: adding %s and %s: %w", m, n, ErrOverflow)
	}
	return Money{minor: s, cur: c}, nil
}

// Sub returns m - n, with the errors of Add.
func (m Money) Sub(n Money) (Money, error) {
	c, err := common("subtract", m, n)
	if err != nil {
		return Money{}, err
	}
	s, carry := subInt64(m.minor, n.minor)
	if carry {
		return Money{}, fmt.Errorf("money: subtracting %s from %s: %w", n, m, ErrOverflow)
	}
	return Money{minor: s, cur: c}, nil
}

// Mul returns m times a whole quantity q, such as a daily rate times a
// number of days. A result that does not fit gives an error wrapping
// ErrOverflow.
func (m Money) Mul(q int64) (Money, error) {
	p, ok := mulInt64(m.minor, q)
	if !ok {
		return Money{}, fmt.Errorf("money: multiplying %s by %d: %w", m, q, ErrOverflow)
	}
	return Money{minor: p, cur: m.cur}, nil
}

// MulFrac returns m times num/den, rounded half away from zero to a whole
// minor unit, such as an hourly rate times 37.5 hours (MulFrac(75, 2)). A
// zero or negative den, or a result that does not fit, gives an error.
func (m Money) MulFrac(num, den int64) (Money, error) {
	if den <= 0 {
		return Money{}, fmt.Errorf("money: multiplying %s by %d/%d: %w: denominator must be positive", m, num, den, ErrInvalidAmount)
	}
	neg := (m.minor < 0) != (num < 0)
	a, b := absU(m.minor), absU(num)
	hi, lo := bits.Mul64(a, b)
	if hi >= uint64(den) {
		return Money{}, fmt.Errorf("money: multiplying %s by %d/%d: %w", m, num, den, ErrOverflow)
	}
	q, r := bits.Div64(hi, lo, uint64(den))
	if r >= uint64(den)-r { // r*2 >= den, written without overflow
		q++
	}
	v, ok := signed(q, neg)
	if !ok {
		return Money{}, fmt.Errorf("money: multiplying %s by %d/%d: %w", m, num, den, ErrOverflow)
	}
	return Money{minor: v, cur: m.cur}, nil
}

// Cmp compares m and n: -1 if m < n, 0 if equal, +1 if m > n. Different
// currencies give a *MismatchError; the zero Money compares as zero.
func (m Money) Cmp(n Money) (int, error) {
	if _, err := common("compare", m, n); err != nil {
		return 0, err
	}
	switch {
	case m.minor < n.minor:
		return -1, nil
	case m.minor > n.minor:
		return 1, nil
	}
	return 0, nil
}

// Equal reports whether m and n are the same amount in the same currency. A
// zero Money equals an amount of zero in any currency.
func (m Money) Equal(n Money) bool {
	c, err := m.Cmp(n)
	return err == nil && c == 0
}

// Sum adds the amounts, which must all be in one currency (zero Money values
// are skipped). The sum of nothing is the zero Money.
func Sum(ms ...Money) (Money, error) {
	var t Money
	for _, m := range ms {
		var err error
		if t, err = t.Add(m); err != nil {
			return Money{}, err
		}
	}
	return t, nil
}

// Allocate splits m into len(ratios) parts proportional to the ratios,
// without losing or creating a minor unit: the parts always sum to m. The
// remainder left by rounding down is handed out one minor unit at a time
// to the first parts with a non-zero ratio. Ratios must be non-negative and
// not all zero.
func (m Money) Allocate(ratios ...int64) ([]Money, error) {
	if len(ratios) == 0 {
		return nil, fmt.Errorf("money: allocating %s: %w: no ratios", m, ErrInvalidAmount)
	}
	var total uint64
	for _, r := range ratios {
		if r < 0 {
			return nil, fmt.Errorf("money: allocating %s: %w: negative ratio %d", m, ErrInvalidAmount, r)
		}
		var c uint64
		total, c = bits.Add64(total, uint64(r), 0)
		if c != 0 || total > math.MaxInt64 {
			return nil, fmt.Errorf("money: allocating %s: %w: ratios too large", m, ErrOverflow)
		}
	}
	if total == 0 {
		return nil, fmt.Errorf("money: allocating %s: %w: all ratios are zero", m, ErrInvalidAmount)
	}
	neg := m.minor < 0
	a := absU(m.minor)
	parts := make([]Money, len(ratios))
	var given uint64
	for i, r := range ratios {
		hi, lo := bits.Mul64(a, uint64(r))
		q, _ := bits.Div64(hi, lo, total) // q <= a since r <= total
		given += q
		parts[i] = Money{minor: int64(q), cur: m.cur}
	}
	left := a - given // < number of non-zero ratios
	for i := 0; left > 0; i++ {
		if ratios[i] > 0 {
			parts[i].minor++
			left--
		}
	}
	if neg {
		for i := range parts {
			// |part| <= |m| = 2^63 at most; negate through uint64.
			parts[i].minor = int64(-uint64(parts[i].minor))
		}
	}
	return parts, nil
}

func absU(v int64) uint64 {
	if v < 0 {
		return -uint64(v)
	}
	return uint64(v)
}

// signed returns ±u as int64, reporting whether it fits.
func signed(u uint64, neg bool) (int64, bool) {
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return int64(-u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

func addInt64(a, b int64) (int64, bool) {
	s := a + b
	return s, (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0)
}

func subInt64(a, b int64) (int64, bool) {
	s := a - b
	return s, (b < 0 && a >= 0 && s < 0) || (b > 0 && a < 0 && s >= 0) || (b == math.MinInt64 && a >= 0)
}

func mulInt64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(absU(a), absU(b))
	if hi != 0 {
		return 0, false
	}
	return signed(lo, (a < 0) != (b < 0))
}

// String formats m as the currency code, a space and the amount with the
// currency's number of decimals, such as "EUR 1234.50", "JPY 1500" or
// "EUR -0.05". The zero Money gives the empty string.
func (m Money) String() string {
	if m.IsZero() {
		return ""
	}
	return string(m.appendText(make([]byte, 0, 28)))
}

func (m Money) appendText(b []byte) []byte {
	b = append(b, m.cur...)
	b = append(b, ' ')
	if m.minor < 0 {
		b = append(b, '-')
	}
	digits := m.cur.Digits()
	var buf [24]byte
	s := strconv.AppendUint(buf[:0], absU(m.minor), 10)
	switch {
	case digits == 0:
		return append(b, s...)
	case len(s) > digits:
		b = append(b, s[:len(s)-digits]...)
		b = append(b, '.')
		return append(b, s[len(s)-digits:]...)
	}
	b = append(b, '0', '.')
	for range digits - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// Parse reads an amount written as a currency code, one space and a decimal
// number, such as "EUR 1234.50", "EUR 1234.5", "EUR 1234", "EUR -0.05" or
// "JPY 1500". The number has an optional minus sign, at least one digit
// before the optional point, and at most as many decimals as the currency
// has (two for EUR, none for JPY); no thousands separators, exponents or plus
// signs. The empty string gives the zero Money. Errors wrap
// ErrUnknownCurrency, ErrInvalidAmount or ErrOverflow.
func Parse(s string) (Money, error) {
	if s == "" {
		return Money{}, nil
	}
	code, num, ok := strings.Cut(s, " ")
	if !ok {
		return Money{}, fmt.Errorf("money: parsing %q: %w (want e.g. \"EUR 1234.50\")", clip(s), ErrInvalidAmount)
	}
	c, err := ParseCurrency(code)
	if err != nil {
		return Money{}, fmt.Errorf("money: parsing %q: %w", clip(s), err)
	}
	v, err := parseAmount(num, c.Digits())
	if err != nil {
		return Money{}, fmt.Errorf("money: parsing %q: %w", clip(s), err)
	}
	return Money{minor: v, cur: c}, nil
}

// MustParse is like Parse but panics on error. It exists for literals in
// programs and tests; never use it on input.
func MustParse(s string) Money {
	m, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return m
}

// ParseAmount reads a decimal number such as "1234.50" as an amount in
// currency c, with the rules of Parse.
func ParseAmount(c Currency, num string) (Money, error) {
	if _, err := ParseCurrency(string(c)); err != nil {
		return Money{}, err
	}
	v, err := parseAmount(num, c.Digits())
	if err != nil {
		return Money{}, fmt.Errorf("money: parsing %q: %w", clip(num), err)
	}
	return Money{minor: v, cur: c}, nil
}

func parseAmount(s string, digits int) (int64, error) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || (hasPoint && frac == "") {
		return 0, fmt.Errorf("%w: want digits, an optional point and decimals", ErrInvalidAmount)
	}
	for _, part := range [2]string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if ch := part[i]; ch < '0' || ch > '9' {
				return 0, fmt.Errorf("%w: unexpected %q", ErrInvalidAmount, ch)
			}
		}
	}
	if len(frac) > digits {
		return 0, fmt.Errorf("%w: %d decimals, the currency has %d", ErrInvalidAmount, len(frac), digits)
	}
	var u uint64
	for _, part := range [2]string{whole, frac} {
		for i := 0; i < len(part); i++ {
			ch := part[i]
			if u > (math.MaxUint64-9)/10 {
				return 0, ErrOverflow
			}
			u = u*10 + uint64(ch-'0')
		}
	}
	for range digits - len(frac) {
		if u > math.MaxUint64/10 {
			return 0, ErrOverflow
		}
		u *= 10
	}
	v, ok := signed(u, neg)
	if !ok {
		return 0, ErrOverflow
	}
	return v, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Grouped returns m for people to read: the currency code, then the amount
// with a comma between groups of three digits and the currency's decimals,
// such as "EUR 1,234,567.50" or "JPY -12,000". The zero Money gives "".
// String and the JSON form stay ungrouped so that they parse back.
func (m Money) Grouped() string {
	if m.IsZero() {
		return ""
	}
	return string(m.AppendGrouped(make([]byte, 0, 32)))
}

// AppendGrouped appends the Grouped form of m to b.
func (m Money) AppendGrouped(b []byte) []byte {
	if m.IsZero() {
		return b
	}
	b = append(b, m.cur...)
	b = append(b, ' ')
	if m.minor < 0 {
		b = append(b, '-')
	}
	digits := m.cur.Digits()
	var buf [24]byte
	s := strconv.AppendUint(buf[:0], absU(m.minor), 10)
	for len(s) <= digits {
		s = append([]byte{'0'}, s...)
	}
	whole, frac := s[:len(s)-digits], s[len(s)-digits:]
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	if digits > 0 {
		b = append(b, '.')
		b = append(b, frac...)
	}
	return b
}
