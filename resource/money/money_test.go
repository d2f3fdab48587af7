package money_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/resource/money"
)

func TestParseAndString(t *testing.T) {
	tests := []struct {
		in    string
		minor int64
		cur   money.Currency
		out   string
		err   error
	}{
		{"EUR 1234.50", 123450, "EUR", "EUR 1234.50", nil},
		{"EUR 1234.5", 123450, "EUR", "EUR 1234.50", nil},
		{"EUR 1234", 123400, "EUR", "EUR 1234.00", nil},
		{"EUR -0.05", -5, "EUR", "EUR -0.05", nil},
		{"EUR 0", 0, "EUR", "EUR 0.00", nil},
		{"EUR -0", 0, "EUR", "EUR 0.00", nil},
		{"JPY 1500", 1500, "JPY", "JPY 1500", nil},
		{"KWD 1.234", 1234, "KWD", "KWD 1.234", nil},
		{"USD 92233720368547758.07", math.MaxInt64, "USD", "USD 92233720368547758.07", nil},
		{"USD -92233720368547758.08", math.MinInt64, "USD", "USD -92233720368547758.08", nil},
		{"USD 92233720368547758.08", 0, "", "", money.ErrOverflow},
		{"USD 99999999999999999999999", 0, "", "", money.ErrOverflow},
		{"EUR 12.345", 0, "", "", money.ErrInvalidAmount},
		{"JPY 1.5", 0, "", "", money.ErrInvalidAmount},
		{"EUR 1,50", 0, "", "", money.ErrInvalidAmount},
		{"EUR +1", 0, "", "", money.ErrInvalidAmount},
		{"EUR .5", 0, "", "", money.ErrInvalidAmount},
		{"EUR 5.", 0, "", "", money.ErrInvalidAmount},
		{"EUR 1e3", 0, "", "", money.ErrInvalidAmount},
		{"EUR  1", 0, "", "", money.ErrInvalidAmount},
		{"EUR", 0, "", "", money.ErrInvalidAmount},
		{"1234.50", 0, "", "", money.ErrInvalidAmount},
		{"XXX 1", 0, "", "", money.ErrUnknownCurrency},
		{"eur 1", 0, "", "", money.ErrUnknownCurrency},
		{"", 0, "", "", nil},
	}
	for _, tt := range tests {
		m, err := money.Parse(tt.in)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("Parse(%q) error = %v, want %v", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if m.Minor() != tt.minor || m.Currency() != tt.cur || m.String() != tt.out {
			t.Errorf("Parse(%q) = %d %s %q, want %d %s %q", tt.in, m.Minor(), m.Currency(), m.String(), tt.minor, tt.cur, tt.out)
		}
	}
}

func TestArithmetic(t *testing.T) {
	eur := func(s string) money.Money { return money.MustParse("EUR " + s) }
	if got, err := eur("10.25").Add(eur("0.80")); err != nil || got != eur("11.05") {
		t.Errorf("Add = %v, %v", got, err)
	}
	if got, err := eur("10.25").Sub(eur("20")); err != nil || got != eur("-9.75") {
		t.Errorf("Sub = %v, %v", got, err)
	}
	if got, err := eur("95.50").Mul(3); err != nil || got != eur("286.50") {
		t.Errorf("Mul = %v, %v", got, err)
	}
	if got, err := eur("95.00").MulFrac(75, 10); err != nil || got != eur("712.50") {
		t.Errorf("MulFrac = %v, %v", got, err)
	}
	// Half away from zero: 0.01 * 1/2 = 0.005 -> 0.01; -0.005 -> -0.01.
	if got, _ := eur("0.01").MulFrac(1, 2); got != eur("0.01") {
		t.Errorf("MulFrac rounding = %v", got)
	}
	if got, _ := eur("-0.01").MulFrac(1, 2); got != eur("-0.01") {
		t.Errorf("MulFrac negative rounding = %v", got)
	}
	if got, _ := eur("0.01").MulFrac(1, 3); got != eur("0") {
		t.Errorf("MulFrac 1/3 = %v", got)
	}
	if _, err := eur("1").MulFrac(1, 0); !errors.Is(err, money.ErrInvalidAmount) {
		t.Errorf("MulFrac by zero denominator: %v", err)
	}
	if c, err := eur("1").Cmp(eur("2")); err != nil || c != -1 {
		t.Errorf("Cmp = %d, %v", c, err)
	}
	if c, err := eur("2").Cmp(money.Money{}); err != nil || c != 1 {
		t.Errorf("Cmp with zero Money = %d, %v", c, err)
	}
	if s, err := money.Sum(eur("1"), money.Money{}, eur("2.50")); err != nil || s != eur("3.50") {
		t.Errorf("Sum = %v, %v", s, err)
	}
	if s, err := money.Sum(); err != nil || !s.IsZero() {
		t.Errorf("Sum() = %v, %v", s, err)
	}
	if !eur("0").Equal(money.Money{}) || eur("0").IsZero() {
		t.Error("EUR 0.00 must equal, but not be, the zero Money")
	}
}

func TestMismatchAndOverflow(t *testing.T) {
	e, u := money.MustParse("EUR 1"), money.MustParse("USD 1")
	for name, f := range map[string]func() error{
		"add": func() error { _, err := e.Add(u); return err },
		"sub": func() error { _, err := e.Sub(u); return err },
		"cmp": func() error { _, err := e.Cmp(u); return err },
		"sum": func() error { _, err := money.Sum(e, e, u); return err },
	} {
		err := f()
		var me *money.MismatchError
		if !errors.Is(err, money.ErrCurrencyMismatch) || !errors.As(err, &me) || me.A != "EUR" || me.B != "USD" {
			t.Errorf("%s: error = %v, want a *MismatchError EUR/USD", name, err)
		}
	}
	maxM := money.MustFromMinor("EUR", math.MaxInt64)
	minM := money.MustFromMinor("EUR", math.MinInt64)
	one := money.MustFromMinor("EUR", 1)
	for name, f := range map[string]func() error{
		"add":    func() error { _, err := maxM.Add(one); return err },
		"sub":    func() error { _, err := minM.Sub(one); return err },
		"subneg": func() error { _, err := one.Sub(minM); return err },
		"mul":    func() error { _, err := maxM.Mul(2); return err },
		"mulneg": func() error { _, err := minM.Mul(-1); return err },
		"neg":    func() error { _, err := minM.Neg(); return err },
		"frac":   func() error { _, err := maxM.MulFrac(3, 2); return err },
	} {
		if err := f(); !errors.Is(err, money.ErrOverflow) {
			t.Errorf("%s: error = %v, want ErrOverflow", name, err)
		}
	}
	if got, err := minM.Mul(1); err != nil || got != minM {
		t.Errorf("MinInt64 * 1 = %v, %v", got, err)
	}
	if got, err := money.MustFromMinor("EUR", -1).Sub(maxM); err != nil || got != minM {
		t.Errorf("-1 - Max = %v, %v", got, err)
	}
}

func TestAllocate(t *testing.T) {
	parts, err := money.MustParse("EUR 100").Allocate(1, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"EUR 33.34", "EUR 33.33", "EUR 33.33"}
	for i, p := range parts {
		if p.String() != want[i] {
			t.Errorf("part %d = %s, want %s", i, p, want[i])
		}
	}
	for _, bad := range [][]int64{nil, {0, 0}, {1, -1}, {math.MaxInt64, 1}} {
		if _, err := money.MustParse("EUR 1").Allocate(bad...); err == nil {
			t.Errorf("Allocate(%v) accepted", bad)
		}
	}
}

// TestAllocateProperties checks, on random amounts and ratios, that the
// parts always sum to the whole and stay within one minor unit of the exact
// share.
func TestAllocateProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		minor := r.Int64N(1<<40) - 1<<39
		if r.IntN(20) == 0 {
			minor = []int64{math.MaxInt64, math.MinInt64, 0, 1, -1}[r.IntN(5)]
		}
		m := money.MustFromMinor("EUR", minor)
		ratios := make([]int64, 1+r.IntN(6))
		var total int64
		for i := range ratios {
			ratios[i] = r.Int64N(50)
			total += ratios[i]
		}
		if total == 0 {
			ratios[0], total = 1, 1
		}
		parts, err := m.Allocate(ratios...)
		if err != nil {
			t.Fatalf("Allocate(%v, %v): %v", m, ratios, err)
		}
		sum, err := money.Sum(parts...)
		if err != nil {
			t.Fatalf("sum of parts: %v", err)
		}
		if sum.Minor() != minor {
			t.Fatalf("Allocate(%v, %v) parts sum to %v", m, ratios, sum)
		}
		for i, p := range parts {
			exact := float64(minor) * float64(ratios[i]) / float64(total)
			if math.Abs(float64(p.Minor())-exact) > 1+math.Abs(exact)*1e-12 {
				t.Fatalf("Allocate(%v, %v)[%d] = %v, exact share %v", m, ratios, i, p, exact)
			}
			if ratios[i] == 0 && p.Minor() != 0 {
				t.Fatalf("zero ratio got %v", p)
			}
		}
	}
}

func TestJSON(t *testing.T) {
	type doc struct {
		A money.Money `json:"a"`
		B money.Money `json:"b,omitzero"`
	}
	in := doc{A: money.MustParse("EUR 1234.5")}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"a":"EUR 1234.50"}` {
		t.Errorf("Marshal = %s", b)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("round trip = %+v, %v", out, err)
	}
	for _, bad := range []string{`{"a":1234.5}`, `{"a":"EUR 1.234"}`, `{"a":"ABC 1"}`, `{"a":true}`} {
		keep := doc{A: money.MustParse("USD 1")}
		if err := json.Unmarshal([]byte(bad), &keep); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
		if keep.A != money.MustParse("USD 1") {
			t.Errorf("Unmarshal(%s) changed the value to %v", bad, keep.A)
		}
	}
	var z doc
	if err := json.Unmarshal([]byte(`{"a":null,"b":""}`), &z); err != nil || !z.A.IsZero() || !z.B.IsZero() {
		t.Errorf("null and empty = %+v, %v", z, err)
	}
}

func TestCurrencies(t *testing.T) {
	cs := money.Currencies()
	if len(cs) < 30 {
		t.Fatalf("only %d currencies", len(cs))
	}
	for i := 1; i < len(cs); i++ {
		if cs[i-1] >= cs[i] {
			t.Fatalf("not sorted at %d: %s %s", i, cs[i-1], cs[i])
		}
	}
	cs[0] = "ZZZ" // a copy: the table must not change
	if money.Currency("ZZZ").IsValid() {
		t.Error("Currencies returned the table itself")
	}
	for code, digits := range map[money.Currency]int{"EUR": 2, "JPY": 0, "KWD": 3, "USD": 2, "GBP": 2, "CHF": 2} {
		if code.Digits() != digits {
			t.Errorf("%s digits = %d, want %d", code, code.Digits(), digits)
		}
	}
	var c money.Currency
	if err := c.UnmarshalText([]byte("XYZ")); !errors.Is(err, money.ErrUnknownCurrency) {
		t.Errorf("UnmarshalText(XYZ) = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"EUR 1234.50", "JPY 1", "KWD -0.001", "USD 92233720368547758.07", "EUR 1.", "EUR -", "", "EUR 00001.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := money.Parse(s)
		if err != nil {
			return
		}
		// Whatever parses formats back to text that parses to the same value.
		back, err := money.Parse(m.String())
		if err != nil || back != m {
			t.Fatalf("Parse(%q) = %v; reparse of %q = %v, %v", s, m, m.String(), back, err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var j money.Money
		if err := json.Unmarshal(b, &j); err != nil || j != m {
			t.Fatalf("JSON round trip of %v: %s -> %v, %v", m, b, j, err)
		}
	})
}

func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"EUR 1.00"`, `null`, `""`, `1.5`, `"\u0045UR 1"`, `{"amount":"1"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m := money.MustParse("CHF 7.00")
		if err := m.UnmarshalJSON(b); err != nil {
			if m != money.MustParse("CHF 7.00") {
				t.Fatalf("failed UnmarshalJSON(%q) changed the value to %v", b, m)
			}
			return
		}
		out, err := m.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var n money.Money
		if err := n.UnmarshalJSON(out); err != nil || n != m {
			t.Fatalf("re-decoding %s gave %v, %v; want %v", out, n, err, m)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := money.Parse("EUR 1234567.89"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkString(b *testing.B) {
	m := money.MustParse("EUR 1234567.89")
	b.ReportAllocs()
	for b.Loop() {
		_ = m.String()
	}
}

func TestSmallHelpers(t *testing.T) {
	m, err := money.ParseAmount("JPY", "1500")
	if err != nil || m.String() != "JPY 1500" {
		t.Errorf("ParseAmount = %v, %v", m, err)
	}
	if _, err := money.ParseAmount("XXX", "1"); !errors.Is(err, money.ErrUnknownCurrency) {
		t.Errorf("ParseAmount unknown currency: %v", err)
	}
	if _, err := money.ParseAmount("EUR", "1.001"); !errors.Is(err, money.ErrInvalidAmount) {
		t.Errorf("ParseAmount too many decimals: %v", err)
	}
	neg := money.MustParse("EUR -3.20")
	if a, _ := neg.Abs(); a != money.MustParse("EUR 3.20") || neg.Sign() != -1 || !neg.IsNegative() {
		t.Errorf("Abs/Sign of %v", neg)
	}
	if z := money.Zero("EUR"); z.IsZero() || z.String() != "EUR 0.00" || z.Sign() != 0 {
		t.Errorf("Zero(EUR) = %q", z)
	}
	if _, err := money.FromMinor("eur", 1); !errors.Is(err, money.ErrUnknownCurrency) {
		t.Errorf("FromMinor lower-case code: %v", err)
	}
	b, _ := money.MustParse("KWD 1.5").MarshalText()
	if string(b) != "KWD 1.500" {
		t.Errorf("MarshalText = %s", b)
	}
	var m2 money.Money
	if err := m2.UnmarshalText([]byte("CHF 2")); err != nil || m2.String() != "CHF 2.00" {
		t.Errorf("UnmarshalText = %v, %v", m2, err)
	}
	if b, _ := (money.Money{}).MarshalJSON(); string(b) != `""` {
		t.Errorf("zero Money JSON = %s", b)
	}
}

func TestParseMessages(t *testing.T) {
	_, err := money.Parse("EUR 12.5.0")
	if err == nil || !strings.Contains(err.Error(), `unexpected '.'`) {
		t.Errorf("Parse(EUR 12.5.0) = %v", err)
	}
}
