package calendar

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// The naive reference: one day at a time, with the weekday from package time
// and the holidays scanned from the spec. It shares nothing with the
// calendar's counting code.

func naiveIsWorkday(s Spec, d Date) bool {
	if !d.IsValid() || !s.Workweek.Has(d.In(time.UTC).Weekday()) {
		return false
	}
	for _, h := range s.Holidays {
		last := h.Through
		if last.IsZero() {
			last = h.Date
		}
		if d.Compare(h.Date) >= 0 && d.Compare(last) <= 0 {
			return false
		}
	}
	for _, f := range s.Freezes {
		if f.Contains(d) {
			return false
		}
	}
	return true
}

// naiveAdd returns the zero Date when the result is out of range.
func naiveAdd(s Spec, d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		var err error
		if d, err = d.AddDaysChecked(step); err != nil {
			return Date{}
		}
		if naiveIsWorkday(s, d) {
			n--
		}
	}
	return d
}

func naiveBetween(s Spec, a, b Date) int {
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a; d.Before(b); d = d.AddDays(1) {
		if naiveIsWorkday(s, d) {
			n++
		}
	}
	return sign * n
}

// randSpec returns a random valid calendar: a random non-empty work week
// and up to maxHolidays holidays, single days and ranges, within
// [from, from+span).
func randSpec(r *rand.Rand, from Date, span, maxHolidays int) Spec {
	s := Spec{
		Name:        "random",
		Workweek:    Weekdays(r.IntN(127) + 1),
		HoursPerDay: float64(r.IntN(24) + 1),
	}
	k := r.IntN(maxHolidays + 1)
	for range k {
		d := from.AddDays(r.IntN(span))
		h := Holiday{Name: "h", Date: d}
		if r.IntN(3) == 0 {
			h.Through = d.AddDays(r.IntN(20))
		}
		s.Holidays = append(s.Holidays, h)
	}
	return s
}

func randDate(r *rand.Rand, from Date, span int) Date { return from.AddDays(r.IntN(span)) }

func TestPropertiesAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(2027, 3))
	from := MustParse("2026-06-01")
	const span = 3 * 365
	cases := 0
	for range 150 {
		s := randSpec(r, from, span, 40)
		c, err := New(s)
		if err != nil {
			t.Fatalf("New(%+v): %v", s, err)
		}
		for range 25 {
			cases++
			d := randDate(r, from.AddDays(100), span-200)
			n := r.IntN(61) - 30
			got, err := c.AddWorkdays(d, n)
			if err != nil {
				t.Fatalf("%v: AddWorkdays(%v, %d): %v", s, d, n, err)
			}
			if want := naiveAdd(s, d, n); got != want {
				t.Fatalf("%+v\nAddWorkdays(%v, %d) = %v, naive %v", s, d, n, got, want)
			}
			if c.IsWorkday(d) != naiveIsWorkday(s, d) {
				t.Fatalf("IsWorkday(%v) = %v", d, c.IsWorkday(d))
			}
			// The result of a non-zero move is a workday.
			if n != 0 && !c.IsWorkday(got) {
				t.Fatalf("AddWorkdays(%v, %d) = %v is not a workday", d, n, got)
			}
			// Counting back the distance gives n, adjusted for d itself.
			want := n
			if n > 0 {
				want = n - 1
				if c.IsWorkday(d) {
					want = n
				}
			}
			if between := c.WorkdaysBetween(d, got); between != want {
				t.Fatalf("WorkdaysBetween(%v, AddWorkdays(%v, %d) = %v) = %d, want %d", d, d, n, got, between, want)
			}
			// From a workday, n there and -n back returns to it.
			w, err := c.RollForward(d)
			if err != nil {
				t.Fatal(err)
			}
			if w != naiveRoll(s, d, 1) {
				t.Fatalf("RollForward(%v) = %v, naive %v", d, w, naiveRoll(s, d, 1))
			}
			if bw, _ := c.RollBackward(d); bw != naiveRoll(s, d, -1) {
				t.Fatalf("RollBackward(%v) = %v, naive %v", d, bw, naiveRoll(s, d, -1))
			}
			there, err := c.AddWorkdays(w, n)
			if err != nil {
				t.Fatal(err)
			}
			if back, err := c.AddWorkdays(there, -n); err != nil || back != w {
				t.Fatalf("AddWorkdays(AddWorkdays(%v, %d) = %v, %d) = %v, %v", w, n, there, -n, back, err)
			}
			// For workdays a and b, adding the workdays between lands on b.
			e, _ := c.RollForward(randDate(r, from.AddDays(100), span-200))
			k := c.WorkdaysBetween(w, e)
			if got, err := c.AddWorkdays(w, k); err != nil || got != e {
				t.Fatalf("AddWorkdays(%v, WorkdaysBetween(%v, %v) = %d) = %v, %v", w, w, e, k, got, err)
			}
			if k != -c.WorkdaysBetween(e, w) {
				t.Fatalf("WorkdaysBetween is not antisymmetric for %v, %v", w, e)
			}
			// Counting agrees with the naive reference.
			a, b := randDate(r, from, span), randDate(r, from, span)
			if a.DaysUntil(b) > 400 {
				b = a.AddDays(400)
			}
			if got, want := c.WorkdaysBetween(a, b), naiveBetween(s, a, b); got != want {
				t.Fatalf("%+v\nWorkdaysBetween(%v, %v) = %d, naive %d", s, a, b, got, want)
			}
		}
	}
	t.Logf("%d cases", cases)
}

func naiveRoll(s Spec, d Date, step int) Date {
	if naiveIsWorkday(s, d) {
		return d
	}
	return naiveAdd(s, d, step)
}

// TestPropertiesNearBounds checks random calendars with holidays at both
// ends of the representable range: results agree with the naive reference,
// and a move past the ends is ErrOutOfRange.
func TestPropertiesNearBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(9999, 1))
	for i := range 200 {
		start := MinDate
		if i%2 == 1 {
			start = MaxDate.AddDays(-119)
		}
		s := randSpec(r, start, 120, 6)
		// Keep holidays inside the range.
		for j := range s.Holidays {
			if s.Holidays[j].Through.IsZero() {
				continue
			}
			if MaxDate.Before(s.Holidays[j].Through) || s.Holidays[j].Through.Before(s.Holidays[j].Date) {
				s.Holidays[j].Through = MaxDate
			}
		}
		c, err := New(s)
		if err != nil {
			t.Fatalf("New(%+v): %v", s, err)
		}
		for range 20 {
			d := randDate(r, start, 120)
			n := r.IntN(81) - 40
			got, err := c.AddWorkdays(d, n)
			want := naiveAdd(s, d, n)
			if want.IsZero() {
				if !errors.Is(err, ErrOutOfRange) || !got.IsZero() {
					t.Fatalf("%+v\nAddWorkdays(%v, %d) = %v, %v; want ErrOutOfRange", s, d, n, got, err)
				}
				continue
			}
			if err != nil || got != want {
				t.Fatalf("%+v\nAddWorkdays(%v, %d) = %v, %v; naive %v", s, d, n, got, err, want)
			}
		}
	}
}

// TestLargeMovesRoundTrip checks long moves over a 10-year calendar, where
// the naive reference would be slow: the round trip and the counting
// identities must hold.
func TestLargeMovesRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	from := MustParse("2026-01-01")
	for range 40 {
		s := randSpec(r, from, 3650, 200)
		c, err := New(s)
		if err != nil {
			t.Fatal(err)
		}
		for range 50 {
			w, err := c.RollForward(randDate(r, from, 3650))
			if err != nil {
				t.Fatal(err)
			}
			n := r.IntN(5001) - 2500
			there, err := c.AddWorkdays(w, n)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.WorkdaysBetween(w, there); got != n {
				t.Fatalf("WorkdaysBetween(%v, %v) = %d, want %d", w, there, got, n)
			}
			if back, err := c.AddWorkdays(there, -n); err != nil || back != w {
				t.Fatalf("round trip of %d from %v: %v, %v", n, w, back, err)
			}
		}
	}
}

// TestDenseHolidays packs many overlapping holidays into a short window, so
// that a move crosses long runs of them.
func TestDenseHolidays(t *testing.T) {
	r := rand.New(rand.NewPCG(77, 7))
	from := MustParse("2030-01-01")
	for range 100 {
		s := randSpec(r, from, 150, 60)
		c, err := New(s)
		if err != nil {
			t.Fatal(err)
		}
		for range 20 {
			d := randDate(r, from.AddDays(-30), 210)
			n := r.IntN(121) - 60
			got, err := c.AddWorkdays(d, n)
			if want := naiveAdd(s, d, n); err != nil || got != want {
				t.Fatalf("%+v\nAddWorkdays(%v, %d) = %v, %v; naive %v", s, d, n, got, err, want)
			}
		}
	}
}
