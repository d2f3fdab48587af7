package calendar

import (
	"math/rand/v2"
	"testing"
)

// benchCalendar is a 10-year calendar (2027 to 2036), Monday to Friday, with
// 200 holidays: 180 single days and 20 ranges of up to two weeks.
func benchCalendar(b *testing.B) (*Calendar, Date, int) {
	r := rand.New(rand.NewPCG(10, 200))
	from := MustParse("2027-01-01")
	const span = 3652
	s := Spec{Name: "bench", Workweek: MondayToFriday, HoursPerDay: 8}
	for i := range 200 {
		d := from.AddDays(r.IntN(span))
		h := Holiday{Name: "holiday", Date: d}
		if i%10 == 0 {
			h.Through = d.AddDays(r.IntN(14))
		}
		s.Holidays = append(s.Holidays, h)
	}
	c, err := New(s)
	if err != nil {
		b.Fatal(err)
	}
	return c, from, span
}

func BenchmarkAddWorkdays(b *testing.B) {
	c, from, span := benchCalendar(b)
	r := rand.New(rand.NewPCG(1, 1))
	type move struct {
		d Date
		n int
	}
	moves := make([]move, 1024)
	for i := range moves {
		moves[i] = move{from.AddDays(r.IntN(span)), r.IntN(5001) - 2500}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m := moves[i%len(moves)]
		if _, err := c.AddWorkdays(m.d, m.n); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkWorkdaysBetween(b *testing.B) {
	c, from, span := benchCalendar(b)
	r := rand.New(rand.NewPCG(2, 2))
	pairs := make([][2]Date, 1024)
	for i := range pairs {
		pairs[i] = [2]Date{from.AddDays(r.IntN(span)), from.AddDays(r.IntN(span))}
	}
	b.ReportAllocs()
	i, sum := 0, 0
	for b.Loop() {
		p := pairs[i%len(pairs)]
		sum += c.WorkdaysBetween(p[0], p[1])
		i++
	}
	_ = sum
}

func BenchmarkParse(b *testing.B) {
	in := []string{"2027-03-01", "2024-02-29", "1999-12-31", "9999-12-31"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := Parse(in[i%len(in)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkNew(b *testing.B) {
	c, _, _ := benchCalendar(b)
	s := c.Spec()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(s); err != nil {
			b.Fatal(err)
		}
	}
}
