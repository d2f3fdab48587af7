package calendar

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func mustNew(t testing.TB, s Spec) *Calendar {
	t.Helper()
	c, err := New(s)
	if err != nil {
		t.Fatalf("New(%+v): %v", s, err)
	}
	return c
}

// holidayCalendar is Monday to Friday with a Christmas shutdown, a holiday
// on a Saturday and one on a Sunday, and an overlapping pair.
func holidayCalendar(t testing.TB) *Calendar {
	return mustNew(t, Spec{
		Name:        "EMEA",
		Workweek:    MondayToFriday,
		HoursPerDay: 7.5,
		Holidays: []Holiday{
			{Name: "Christmas shutdown", Date: MustParse("2026-12-24"), Through: MustParse("2027-01-01")},
			{Name: "Saturday holiday", Date: MustParse("2027-07-03")},
			{Name: "Sunday holiday", Date: MustParse("2027-07-04")},
			{Name: "Leap day", Date: MustParse("2028-02-29")},
			{Name: "Spring break", Date: MustParse("2027-04-14"), Through: MustParse("2027-04-16")},
			{Name: "Good Friday", Date: MustParse("2027-04-16")},
		},
	})
}

func TestIsWorkday(t *testing.T) {
	std := Standard()
	hol := holidayCalendar(t)
	tests := []struct {
		date     string
		std, hol bool
	}{
		{"2026-12-23", true, true},  // Wednesday before the shutdown
		{"2026-12-24", true, false}, // first day of the range
		{"2026-12-26", false, false},
		{"2026-12-31", true, false},
		{"2027-01-01", true, false}, // last day of the range
		{"2027-01-04", true, true},  // Monday after
		{"2027-07-02", true, true},  // Friday before the weekend holidays
		{"2027-07-03", false, false},
		{"2027-07-04", false, false},
		{"2027-07-05", true, true},
		{"2027-04-13", true, true},
		{"2027-04-14", true, false},
		{"2027-04-16", true, false},
		{"2028-02-28", true, true},
		{"2028-02-29", true, false},
		{"2028-03-01", true, true},
		{"9999-12-31", true, true}, // a Friday
		{"0001-01-01", true, true}, // a Monday
	}
	for _, tt := range tests {
		d := MustParse(tt.date)
		if got := std.IsWorkday(d); got != tt.std {
			t.Errorf("Standard.IsWorkday(%s) = %v", tt.date, got)
		}
		if got := hol.IsWorkday(d); got != tt.hol {
			t.Errorf("holidays.IsWorkday(%s) = %v", tt.date, got)
		}
	}
	if std.IsWorkday(Date{}) || hol.IsWorkday(Date{}) {
		t.Error("the zero Date is a workday")
	}
}

func TestHolidaysOnWeekendsDoNotReduceWorkdays(t *testing.T) {
	std := Standard()
	weekend := mustNew(t, Spec{Workweek: MondayToFriday, HoursPerDay: 8, Holidays: []Holiday{
		{Name: "Sat", Date: MustParse("2027-07-03")},
		{Name: "Sun", Date: MustParse("2027-07-04")},
		{Name: "weekend range", Date: MustParse("2027-07-10"), Through: MustParse("2027-07-11")},
	}})
	a, b := MustParse("2027-06-28"), MustParse("2027-07-19")
	if got, want := weekend.WorkdaysBetween(a, b), std.WorkdaysBetween(a, b); got != want || got != 15 {
		t.Errorf("WorkdaysBetween = %d, standard %d, want 15", got, want)
	}
	for n := -20; n <= 20; n++ {
		g, err1 := weekend.AddWorkdays(a, n)
		w, err2 := std.AddWorkdays(a, n)
		if err1 != nil || err2 != nil || g != w {
			t.Errorf("AddWorkdays(%v, %d) = %v, standard %v (%v, %v)", a, n, g, w, err1, err2)
		}
	}
	// The holiday is still found, though it costs no workday.
	if h, ok := weekend.HolidayOn(MustParse("2027-07-11")); !ok || h.Name != "weekend range" {
		t.Errorf("HolidayOn = %+v, %v", h, ok)
	}
}

func TestAddWorkdays(t *testing.T) {
	std := Standard()
	hol := holidayCalendar(t)
	sunThu := mustNew(t, Spec{Workweek: WeekdaysOf(time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday), HoursPerDay: 8})
	onlyWed := mustNew(t, Spec{Workweek: WeekdaysOf(time.Wednesday), HoursPerDay: 8})
	tests := []struct {
		name string
		c    *Calendar
		from string
		n    int
		want string
	}{
		{"std zero", std, "2027-03-06", 0, "2027-03-06"}, // Saturday stays
		{"std +1 Fri", std, "2027-03-05", 1, "2027-03-08"},
		{"std +1 Sat", std, "2027-03-06", 1, "2027-03-08"},
		{"std +1 Sun", std, "2027-03-07", 1, "2027-03-08"},
		{"std -1 Mon", std, "2027-03-08", -1, "2027-03-05"},
		{"std -1 Sun", std, "2027-03-07", -1, "2027-03-05"},
		{"std +5", std, "2027-03-01", 5, "2027-03-08"},
		{"std -5", std, "2027-03-08", -5, "2027-03-01"},
		{"std month end", std, "2027-01-29", 1, "2027-02-01"},
		{"std year end", std, "2026-12-31", 1, "2027-01-01"},
		{"std year end back", std, "2027-01-01", -1, "2026-12-31"},
		{"std leap", std, "2024-02-28", 1, "2024-02-29"},
		{"std leap 2000", std, "2000-02-28", 1, "2000-02-29"},
		{"std 1900 not leap", std, "1900-02-28", 1, "1900-03-01"},
		{"std one year", std, "2027-01-04", 260, "2028-01-03"},
		{"std one year +1", std, "2027-01-04", 261, "2028-01-04"},
		{"hol across shutdown", hol, "2026-12-23", 1, "2027-01-04"},
		{"hol back across shutdown", hol, "2027-01-04", -1, "2026-12-23"},
		{"hol inside shutdown", hol, "2026-12-28", 1, "2027-01-04"},
		{"hol inside shutdown back", hol, "2026-12-28", -1, "2026-12-23"},
		{"hol weekend holidays", hol, "2027-07-02", 1, "2027-07-05"},
		{"hol spring break", hol, "2027-04-13", 1, "2027-04-19"},
		{"hol spring break +2", hol, "2027-04-13", 2, "2027-04-20"},
		{"hol leap day", hol, "2028-02-28", 1, "2028-03-01"},
		{"hol leap day back", hol, "2028-03-01", -1, "2028-02-28"},
		{"hol many", hol, "2026-12-01", 20, "2027-01-07"},
		{"sunThu Thu", sunThu, "2027-03-04", 1, "2027-03-07"},
		{"sunThu Sun back", sunThu, "2027-03-07", -1, "2027-03-04"},
		{"onlyWed", onlyWed, "2027-03-01", 1, "2027-03-03"},
		{"onlyWed +3", onlyWed, "2027-03-03", 3, "2027-03-24"},
		{"onlyWed -1", onlyWed, "2027-03-03", -1, "2027-02-24"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := MustParse(tt.from)
			got, err := tt.c.AddWorkdays(from, tt.n)
			if err != nil || got.String() != tt.want {
				t.Fatalf("AddWorkdays(%s, %d) = %v, %v; want %s", tt.from, tt.n, got, err, tt.want)
			}
			if want := naiveAdd(tt.c.Spec(), from, tt.n); want != got {
				t.Errorf("naive reference says %v", want)
			}
			if tt.n != 0 && tt.c.IsWorkday(from) {
				if back := tt.c.WorkdaysBetween(from, got); back != tt.n {
					t.Errorf("WorkdaysBetween(%s, %v) = %d, want %d", tt.from, got, back, tt.n)
				}
			}
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	std := Standard()
	hol := holidayCalendar(t)
	tests := []struct {
		c    *Calendar
		a, b string
		want int
	}{
		{std, "2027-03-01", "2027-03-01", 0},
		{std, "2027-03-01", "2027-03-02", 1},
		{std, "2027-03-01", "2027-03-08", 5},
		{std, "2027-03-06", "2027-03-08", 0}, // the weekend
		{std, "2027-03-08", "2027-03-01", -5},
		{std, "2027-01-01", "2028-01-01", 261},
		{std, "2024-01-01", "2025-01-01", 262},
		{std, "2024-02-01", "2024-03-01", 21}, // leap February
		{std, "2027-02-01", "2027-03-01", 20},
		{std, "1900-02-01", "1900-03-01", 20},
		{std, "2000-02-01", "2000-03-01", 21},
		{hol, "2026-12-01", "2027-02-01", 17 + 20},
		{hol, "2026-12-24", "2027-01-02", 0},
		{hol, "2027-07-01", "2027-07-08", 5},
		{hol, "2027-04-12", "2027-04-19", 2},
		{hol, "2028-02-01", "2028-03-01", 20},
		{std, "0001-01-01", "9999-12-31", 2608614},
		{std, "9999-12-31", "0001-01-01", -2608614},
	}
	for _, tt := range tests {
		a, b := MustParse(tt.a), MustParse(tt.b)
		if got := tt.c.WorkdaysBetween(a, b); got != tt.want {
			t.Errorf("%s: WorkdaysBetween(%s, %s) = %d, want %d", tt.c.Name(), tt.a, tt.b, got, tt.want)
		}
		if a.DaysUntil(b) < 5000 && b.DaysUntil(a) < 5000 {
			if want := naiveBetween(tt.c.Spec(), a, b); want != tt.want {
				t.Errorf("naive reference for %s..%s says %d", tt.a, tt.b, want)
			}
		}
		if got, want := tt.c.WorkHours(a, b), float64(tt.want)*tt.c.HoursPerDay(); got != want {
			t.Errorf("WorkHours = %v, want %v", got, want)
		}
	}
	d := MustParse("2027-03-01")
	if std.WorkdaysBetween(Date{}, d) != 0 || std.WorkdaysBetween(d, Date{}) != 0 {
		t.Error("WorkdaysBetween with the zero Date is not 0")
	}
}

func TestNextPreviousRoll(t *testing.T) {
	hol := holidayCalendar(t)
	tests := []struct {
		date                 string
		next, prev, fwd, bwd string
	}{
		{"2027-03-03", "2027-03-04", "2027-03-02", "2027-03-03", "2027-03-03"}, // Wednesday
		{"2027-03-06", "2027-03-08", "2027-03-05", "2027-03-08", "2027-03-05"}, // Saturday
		{"2027-03-07", "2027-03-08", "2027-03-05", "2027-03-08", "2027-03-05"}, // Sunday
		{"2027-03-05", "2027-03-08", "2027-03-04", "2027-03-05", "2027-03-05"}, // Friday
		{"2026-12-25", "2027-01-04", "2026-12-23", "2027-01-04", "2026-12-23"}, // shutdown
		{"2027-01-01", "2027-01-04", "2026-12-23", "2027-01-04", "2026-12-23"},
		{"2027-07-04", "2027-07-05", "2027-07-02", "2027-07-05", "2027-07-02"},
		{"2028-02-29", "2028-03-01", "2028-02-28", "2028-03-01", "2028-02-28"},
	}
	for _, tt := range tests {
		d := MustParse(tt.date)
		for _, f := range []struct {
			name string
			fn   func(Date) (Date, error)
			want string
		}{
			{"NextWorkday", hol.NextWorkday, tt.next},
			{"PreviousWorkday", hol.PreviousWorkday, tt.prev},
			{"RollForward", hol.RollForward, tt.fwd},
			{"RollBackward", hol.RollBackward, tt.bwd},
		} {
			got, err := f.fn(d)
			if err != nil || got.String() != f.want {
				t.Errorf("%s(%s) = %v, %v; want %s", f.name, tt.date, got, err, f.want)
			}
		}
	}
	for _, fn := range []func(Date) (Date, error){hol.NextWorkday, hol.PreviousWorkday, hol.RollForward, hol.RollBackward} {
		if got, err := fn(Date{}); !errors.Is(err, ErrInvalidDate) || !got.IsZero() {
			t.Errorf("on the zero Date: %v, %v", got, err)
		}
	}
}

func TestOutOfRange(t *testing.T) {
	std := Standard()
	sunOnly := mustNew(t, Spec{Workweek: WeekdaysOf(time.Sunday), HoursPerDay: 8})
	satOnly := mustNew(t, Spec{Workweek: WeekdaysOf(time.Saturday), HoursPerDay: 8})
	endClosed := mustNew(t, Spec{Workweek: AllWeek, HoursPerDay: 8, Holidays: []Holiday{
		{Name: "end", Date: MustParse("9999-06-01"), Through: MustParse("9999-12-31")},
		{Name: "start", Date: MustParse("0001-01-01"), Through: MustParse("0001-12-31")},
	}})
	tests := []struct {
		name string
		c    *Calendar
		from Date
		n    int
		want string // "" for ErrOutOfRange
	}{
		{"max +1", std, MaxDate, 1, ""},
		{"max -1", std, MaxDate, -1, "9999-12-30"},
		{"min -1", std, MinDate, -1, ""},
		{"min +1", std, MinDate, 1, "0001-01-02"},
		{"near max fits", std, MustParse("9999-12-24"), 5, "9999-12-31"},
		{"near max too far", std, MustParse("9999-12-24"), 6, ""},
		{"near min fits", std, MustParse("0001-01-08"), -5, "0001-01-01"},
		{"near min too far", std, MustParse("0001-01-08"), -6, ""},
		{"sun only at end", sunOnly, MustParse("9999-12-26"), 1, ""},
		{"sun only before end", sunOnly, MustParse("9999-12-25"), 1, "9999-12-26"},
		{"sat only at start", satOnly, MustParse("0001-01-06"), -1, ""},
		{"sat only after start", satOnly, MustParse("0001-01-07"), -1, "0001-01-06"},
		{"closed end", endClosed, MustParse("9999-05-31"), 1, ""},
		{"closed end back", endClosed, MustParse("9999-12-31"), -1, "9999-05-31"},
		{"closed start", endClosed, MustParse("0002-01-01"), -1, ""},
		{"closed start fwd", endClosed, MustParse("0001-01-01"), 1, "0002-01-01"},
		{"all days", std, MustParse("0001-01-01"), 2608615, ""},
		{"all days fits", std, MustParse("0001-01-01"), 2608614, "9999-12-31"},
		{"all days back", std, MustParse("9999-12-31"), -2608614, "0001-01-01"},
		{"all days back too far", std, MustParse("9999-12-31"), -2608615, ""},
		{"MaxInt", std, MustParse("2027-03-01"), math.MaxInt, ""},
		{"MinInt", std, MustParse("2027-03-01"), math.MinInt, ""},
		{"MaxInt32", std, MustParse("2027-03-01"), math.MaxInt32, ""},
		{"MinInt32", std, MustParse("2027-03-01"), math.MinInt32, ""},
		{"maxSpan", std, MustParse("2027-03-01"), maxSpan, ""},
		{"-maxSpan", std, MustParse("2027-03-01"), -maxSpan, ""},
		{"maxSpan+1", sunOnly, MustParse("2027-03-01"), maxSpan + 1, ""},
		{"MaxInt sun only", sunOnly, MustParse("2027-03-01"), math.MaxInt, ""},
		{"MinInt sun only", sunOnly, MustParse("2027-03-01"), math.MinInt, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got, err := tt.c.AddWorkdays(tt.from, tt.n)
			if el := time.Since(start); el > time.Second {
				t.Errorf("took %v", el)
			}
			if tt.want == "" {
				if !errors.Is(err, ErrOutOfRange) || !got.IsZero() {
					t.Errorf("AddWorkdays(%v, %d) = %v, %v; want ErrOutOfRange", tt.from, tt.n, got, err)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Errorf("AddWorkdays(%v, %d) = %v, %v; want %s", tt.from, tt.n, got, err, tt.want)
			}
		})
	}
	if _, err := sunOnly.RollForward(MustParse("9999-12-27")); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("RollForward past the end: %v", err)
	}
	if got, err := std.RollForward(MaxDate); err != nil || got != MaxDate {
		t.Errorf("RollForward(MaxDate) = %v, %v", got, err)
	}
	if _, err := satOnly.RollBackward(MinDate); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("RollBackward before the start: %v", err)
	}
	if _, err := std.NextWorkday(MaxDate); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("NextWorkday(MaxDate): %v", err)
	}
	if _, err := std.PreviousWorkday(MinDate); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("PreviousWorkday(MinDate): %v", err)
	}
	if got, err := std.AddWorkdays(Date{}, 1); !errors.Is(err, ErrInvalidDate) || !got.IsZero() {
		t.Errorf("AddWorkdays(zero) = %v, %v", got, err)
	}
	if got, err := std.AddWorkdays(Date{}, 0); !errors.Is(err, ErrInvalidDate) || !got.IsZero() {
		t.Errorf("AddWorkdays(zero, 0) = %v, %v", got, err)
	}
}

func TestNewErrors(t *testing.T) {
	d := MustParse("2027-03-01")
	tests := []struct {
		name      string
		spec      Spec
		noWork    bool
		msgSubstr string
	}{
		{"empty", Spec{}, true, "no working day"},
		{"no workdays", Spec{HoursPerDay: 8}, true, "no working day"},
		{"only bit 7", Spec{Workweek: 1 << 7, HoursPerDay: 8}, true, "not days"},
		{"bit 7", Spec{Workweek: MondayToFriday | 1<<7, HoursPerDay: 8}, false, "not days"},
		{"zero hours", Spec{Workweek: MondayToFriday}, false, "hoursPerDay"},
		{"negative hours", Spec{Workweek: MondayToFriday, HoursPerDay: -1}, false, "hoursPerDay"},
		{"too many hours", Spec{Workweek: MondayToFriday, HoursPerDay: 24.5}, false, "hoursPerDay"},
		{"NaN hours", Spec{Workweek: MondayToFriday, HoursPerDay: math.NaN()}, false, "hoursPerDay"},
		{"Inf hours", Spec{Workweek: MondayToFriday, HoursPerDay: math.Inf(1)}, false, "hoursPerDay"},
		{"holiday without date", Spec{Workweek: MondayToFriday, HoursPerDay: 8, Holidays: []Holiday{{Name: "x"}}}, false, "holidays[0].date"},
		{"holiday without date but through", Spec{Workweek: MondayToFriday, HoursPerDay: 8, Holidays: []Holiday{{Name: "x", Through: d}}}, false, "holidays[0].date"},
		{"reversed range", Spec{Workweek: MondayToFriday, HoursPerDay: 8, Holidays: []Holiday{{Date: d}, {Date: d, Through: d.AddDays(-1)}}}, false, "holidays[1]: through"},
		{"too long range", Spec{Workweek: MondayToFriday, HoursPerDay: 8, Holidays: []Holiday{{Date: d, Through: d.AddDays(MaxHolidayRange)}}}, false, "exceeds"},
		{"huge range", Spec{Workweek: MondayToFriday, HoursPerDay: 8, Holidays: []Holiday{{Date: MinDate, Through: MaxDate}}}, false, "exceeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.spec)
			if err == nil || c != nil {
				t.Fatalf("New = %v, %v; want an error", c, err)
			}
			if !errors.Is(err, ErrInvalidCalendar) {
				t.Errorf("error %v does not wrap ErrInvalidCalendar", err)
			}
			if errors.Is(err, ErrNoWorkdays) != tt.noWork {
				t.Errorf("errors.Is(err, ErrNoWorkdays) = %v, want %v (%v)", !tt.noWork, tt.noWork, err)
			}
			if !strings.Contains(err.Error(), tt.msgSubstr) {
				t.Errorf("error %q does not mention %q", err, tt.msgSubstr)
			}
		})
	}
	// Every problem is reported at once.
	_, err := New(Spec{Name: "bad", HoursPerDay: 0, Holidays: []Holiday{{}, {Date: d, Through: d.AddDays(-3)}}})
	for _, want := range []string{`"bad"`, "no working day", "hoursPerDay", "holidays[0]", "holidays[1]"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %s", err, want)
		}
	}
	// The longest range allowed, and one reaching MaxDate, are fine.
	c := mustNew(t, Spec{Workweek: AllWeek, HoursPerDay: 24, Holidays: []Holiday{
		{Date: d, Through: d.AddDays(MaxHolidayRange - 1)},
		{Date: MaxDate.AddDays(-3), Through: MaxDate},
		{Date: MinDate},
	}})
	if got := c.WorkdaysBetween(d, d.AddDays(MaxHolidayRange)); got != 0 {
		t.Errorf("workdays in the longest closure = %d", got)
	}
	if c.IsWorkday(MaxDate) || c.IsWorkday(MinDate) || !c.IsWorkday(MaxDate.AddDays(-4)) {
		t.Error("holidays at the ends of the range are wrong")
	}
}

func TestNewCopiesItsInput(t *testing.T) {
	hs := []Holiday{{Name: "a", Date: MustParse("2027-03-01")}}
	c := mustNew(t, Spec{Name: "x", Workweek: MondayToFriday, HoursPerDay: 8, Holidays: hs})
	hs[0].Date = MustParse("2027-03-02")
	if c.IsWorkday(MustParse("2027-03-01")) || !c.IsWorkday(MustParse("2027-03-02")) {
		t.Error("changing the spec after New changed the calendar")
	}
	got := c.Holidays()
	got[0].Name = "changed"
	sp := c.Spec()
	sp.Holidays[0].Name = "changed too"
	if c.Holidays()[0].Name != "a" {
		t.Error("Holidays() or Spec() share the calendar's slice")
	}
	if c.Name() != "x" || c.Workweek() != MondayToFriday || c.HoursPerDay() != 8 {
		t.Errorf("accessors: %q %v %v", c.Name(), c.Workweek(), c.HoursPerDay())
	}
}

func TestZeroAndNilCalendarBehaveAsStandard(t *testing.T) {
	std := Standard()
	var zero Calendar
	var nilCal *Calendar
	for _, c := range []*Calendar{&zero, nilCal} {
		if c.Name() != std.Name() || c.Workweek() != MondayToFriday || c.HoursPerDay() != 8 || len(c.Holidays()) != 0 {
			t.Errorf("accessors: %q %v %v %v", c.Name(), c.Workweek(), c.HoursPerDay(), c.Holidays())
		}
		if diff := cmp.Diff(std.Spec(), c.Spec()); diff != "" {
			t.Errorf("Spec (-std +got):\n%s", diff)
		}
		if !c.Equal(std) || !std.Equal(c) {
			t.Error("not Equal to Standard")
		}
		if _, ok := c.HolidayOn(MustParse("2027-12-25")); ok {
			t.Error("HolidayOn found a holiday")
		}
		a := MustParse("2026-12-20")
		for i := range 60 {
			d := a.AddDays(i)
			if c.IsWorkday(d) != std.IsWorkday(d) {
				t.Errorf("IsWorkday(%v) differs", d)
			}
			if c.WorkdaysBetween(a, d) != std.WorkdaysBetween(a, d) || c.WorkHours(a, d) != std.WorkHours(a, d) {
				t.Errorf("WorkdaysBetween(%v, %v) differs", a, d)
			}
			for _, n := range []int{-7, -1, 0, 1, 3, 11} {
				g, err1 := c.AddWorkdays(d, n)
				w, err2 := std.AddWorkdays(d, n)
				if g != w || (err1 == nil) != (err2 == nil) {
					t.Errorf("AddWorkdays(%v, %d) = %v, standard %v", d, n, g, w)
				}
			}
			for _, pair := range [][2]func(Date) (Date, error){
				{c.NextWorkday, std.NextWorkday}, {c.PreviousWorkday, std.PreviousWorkday},
				{c.RollForward, std.RollForward}, {c.RollBackward, std.RollBackward},
			} {
				g, _ := pair[0](d)
				w, _ := pair[1](d)
				if g != w {
					t.Errorf("Next/Previous/Roll of %v: %v, standard %v", d, g, w)
				}
			}
		}
		b, err := c.MarshalJSON()
		sb, _ := std.MarshalJSON()
		if err != nil || string(b) != string(sb) {
			t.Errorf("MarshalJSON = %s, %v; standard %s", b, err, sb)
		}
	}
	var nilp *Calendar
	if err := nilp.UnmarshalJSON([]byte(`{"workweek":["Mon"],"hoursPerDay":8}`)); err == nil {
		t.Error("UnmarshalJSON on nil *Calendar accepted")
	}
	// Standard hands out independent copies.
	s1, s2 := Standard(), Standard()
	if s1 == s2 {
		t.Error("Standard returns a shared pointer")
	}
}

func TestHolidayOn(t *testing.T) {
	hol := holidayCalendar(t)
	tests := []struct {
		date, name string
	}{
		{"2026-12-24", "Christmas shutdown"},
		{"2026-12-27", "Christmas shutdown"},
		{"2027-01-01", "Christmas shutdown"},
		{"2027-01-02", ""},
		{"2026-12-23", ""},
		{"2027-07-03", "Saturday holiday"},
		{"2027-04-16", "Spring break"}, // the first that covers it
	}
	for _, tt := range tests {
		h, ok := hol.HolidayOn(MustParse(tt.date))
		if ok != (tt.name != "") || h.Name != tt.name {
			t.Errorf("HolidayOn(%s) = %+v, %v; want %q", tt.date, h, ok, tt.name)
		}
	}
	if _, ok := hol.HolidayOn(Date{}); ok {
		t.Error("HolidayOn(zero) found one")
	}
	if got := (Holiday{Date: MustParse("2027-03-01")}).Last(); got.String() != "2027-03-01" {
		t.Errorf("Last() = %v", got)
	}
}

func TestCalendarJSONRoundTrip(t *testing.T) {
	for _, c := range []*Calendar{Standard(), holidayCalendar(t), mustNew(t, Spec{Workweek: WeekdaysOf(time.Sunday), HoursPerDay: 0.25})} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back Calendar
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(c.Spec(), back.Spec()); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
		if !back.Equal(c) {
			t.Error("round trip not Equal")
		}
		b2, _ := json.Marshal(&back)
		if string(b) != string(b2) {
			t.Errorf("second encoding differs:\n%s\n%s", b, b2)
		}
	}
	want := `{"name":"EMEA","workweek":["Mon","Tue","Wed","Thu","Fri"],"hoursPerDay":7.5,"holidays":[` +
		`{"name":"Christmas shutdown","date":"2026-12-24","through":"2027-01-01"},{"name":"Saturday holiday","date":"2027-07-03"},` +
		`{"name":"Sunday holiday","date":"2027-07-04"},{"name":"Leap day","date":"2028-02-29"},` +
		`{"name":"Spring break","date":"2027-04-14","through":"2027-04-16"},{"name":"Good Friday","date":"2027-04-16"}]}`
	if b, _ := json.Marshal(holidayCalendar(t)); string(b) != want {
		t.Errorf("JSON =\n%s\nwant\n%s", b, want)
	}
	// Inside a struct, by value and by pointer; null leaves things alone.
	type doc struct {
		Cal  Calendar  `json:"cal"`
		PCal *Calendar `json:"pcal"`
	}
	var dd doc
	if err := json.Unmarshal([]byte(`{"cal":{"workweek":["Sat"],"hoursPerDay":4},"pcal":{"workweek":["Sun"],"hoursPerDay":5}}`), &dd); err != nil {
		t.Fatal(err)
	}
	if dd.Cal.Workweek() != WeekdaysOf(time.Saturday) || dd.PCal.Workweek() != WeekdaysOf(time.Sunday) || dd.PCal.HoursPerDay() != 5 {
		t.Errorf("decoded %v %v", dd.Cal.Spec(), dd.PCal.Spec())
	}
	if err := json.Unmarshal([]byte(`{"cal":null,"pcal":null}`), &dd); err != nil {
		t.Fatal(err)
	}
	if dd.Cal.Workweek() != WeekdaysOf(time.Saturday) || dd.PCal != nil {
		t.Errorf("null: %v %v", dd.Cal.Spec(), dd.PCal)
	}
}

func TestCalendarJSONRejects(t *testing.T) {
	tests := []struct {
		name, in string
		noWork   bool
	}{
		{"empty object", `{}`, true},
		{"empty workweek", `{"workweek":[],"hoursPerDay":8}`, true},
		{"no hours", `{"workweek":["Mon"]}`, false},
		{"unknown field", `{"workweek":["Mon"],"hoursPerDay":8,"timezone":"UTC"}`, false},
		{"unknown holiday field", `{"workweek":["Mon"],"hoursPerDay":8,"holidays":[{"date":"2027-03-01","until":"2027-03-02"}]}`, false},
		{"bad day", `{"workweek":["Funday"],"hoursPerDay":8}`, false},
		{"twice", `{"workweek":["Mon","mon"],"hoursPerDay":8}`, false},
		{"bad date", `{"workweek":["Mon"],"hoursPerDay":8,"holidays":[{"date":"2027-02-30"}]}`, false},
		{"missing date", `{"workweek":["Mon"],"hoursPerDay":8,"holidays":[{"name":"x"}]}`, false},
		{"reversed", `{"workweek":["Mon"],"hoursPerDay":8,"holidays":[{"date":"2027-03-02","through":"2027-03-01"}]}`, false},
		{"too long", `{"workweek":["Mon"],"hoursPerDay":8,"holidays":[{"date":"2027-01-01","through":"2028-12-31"}]}`, false},
		{"hours string", `{"workweek":["Mon"],"hoursPerDay":"8"}`, false},
		{"hours 25", `{"workweek":["Mon"],"hoursPerDay":25}`, false},
		{"trailing data", `{"workweek":["Mon"],"hoursPerDay":8} {}`, false},
		{"trailing garbage", `{"workweek":["Mon"],"hoursPerDay":8}x`, false},
		{"array", `[]`, false},
		{"string", `"standard"`, false},
		{"truncated", `{"workweek":["Mon"],`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := holidayCalendar(t)
			before := c.Spec()
			err := c.UnmarshalJSON([]byte(tt.in))
			if err == nil {
				t.Fatalf("accepted: %+v", c.Spec())
			}
			if errors.Is(err, ErrNoWorkdays) != tt.noWork {
				t.Errorf("errors.Is(ErrNoWorkdays) = %v: %v", !tt.noWork, err)
			}
			if !errors.Is(err, ErrInvalidCalendar) {
				t.Errorf("error %v does not wrap ErrInvalidCalendar", err)
			}
			if strings.Contains(tt.in, "2027-02-30") && !errors.Is(err, ErrInvalidDate) {
				t.Errorf("error %v does not wrap ErrInvalidDate", err)
			}
			if diff := cmp.Diff(before, c.Spec()); diff != "" {
				t.Errorf("calendar changed on error (-before +after):\n%s", diff)
			}
			var c2 Calendar
			if json.Unmarshal([]byte(tt.in), &c2) == nil {
				t.Error("json.Unmarshal accepted")
			}
		})
	}
}

func TestCalendarEqual(t *testing.T) {
	a := holidayCalendar(t)
	b := holidayCalendar(t)
	if !a.Equal(b) {
		t.Error("same spec not Equal")
	}
	sp := b.Spec()
	sp.Holidays[0].Name = "other"
	if a.Equal(mustNew(t, sp)) {
		t.Error("different holiday name Equal")
	}
	if a.Equal(Standard()) {
		t.Error("different calendars Equal")
	}
	d := MustParse("2027-03-01")
	if !d.Equal(MustParse("2027-03-01")) || d.Equal(d.AddDays(1)) {
		t.Error("Date.Equal")
	}
}

func TestConcurrentUse(t *testing.T) {
	c := holidayCalendar(t)
	d := MustParse("2026-12-01")
	want, _ := c.AddWorkdays(d, 100)
	done := make(chan Date)
	for range 4 {
		go func() {
			var got Date
			for range 200 {
				got, _ = c.AddWorkdays(d, 100)
				_ = c.WorkdaysBetween(d, got)
				_ = c.Spec()
			}
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("concurrent AddWorkdays = %v, want %v", got, want)
		}
	}
}

func TestFreezes(t *testing.T) {
	spec := Spec{Name: "deploy", Workweek: MondayToFriday, HoursPerDay: 8,
		Freezes: []Freeze{{Name: "Q1 close", From: MustParse("2027-03-25"), Through: MustParse("2027-04-02")}}}
	c, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day    string
		work   bool
		frozen bool
	}{
		{"2027-03-24", true, false},
		{"2027-03-25", false, true},
		{"2027-03-27", false, true}, // a Saturday inside the window
		{"2027-04-02", false, true},
		{"2027-04-05", true, false},
	}
	for _, tc := range tests {
		d := MustParse(tc.day)
		_, frozen := c.FreezeOn(d)
		if got := c.IsWorkday(d); got != tc.work || frozen != tc.frozen {
			t.Errorf("%s: workday %v frozen %v, want %v %v", tc.day, got, frozen, tc.work, tc.frozen)
		}
	}
	// Five workdays from Monday 22 March: 22, 23, 24, then 5 and 6 April.
	got, err := c.AddWorkdays(MustParse("2027-03-22"), 4)
	if err != nil || got != MustParse("2027-04-06") {
		t.Errorf("AddWorkdays across the freeze = %s, %v; want 2027-04-06", got, err)
	}
	if n := c.WorkdaysBetween(MustParse("2027-03-22"), MustParse("2027-04-07")); n != 5 {
		t.Errorf("WorkdaysBetween = %d, want 5", n)
	}
	if diff := cmp.Diff(spec, c.Spec()); diff != "" {
		t.Errorf("Spec() (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"deploy","workweek":["Mon","Tue","Wed","Thu","Fri"],"hoursPerDay":8,"freezes":[{"name":"Q1 close","from":"2027-03-25","through":"2027-04-02"}]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	var back Calendar
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(c) {
		t.Errorf("round trip: %v, equal %v", err, back.Equal(c))
	}
	other := spec
	other.Freezes = nil
	if o, _ := New(other); o.Equal(c) {
		t.Error("calendars with and without a freeze compare equal")
	}
}

func TestFreezeInvalid(t *testing.T) {
	d := MustParse("2027-03-01")
	tests := []struct {
		name string
		f    Freeze
		want string
	}{
		{"no name", Freeze{From: d, Through: d}, "freezes[0].name is required"},
		{"no from", Freeze{Name: "x", Through: d}, "freezes[0].from is required"},
		{"no through", Freeze{Name: "x", From: d}, "freezes[0].through is required"},
		{"reversed", Freeze{Name: "x", From: d, Through: d.AddDays(-1)}, "is before from"},
		{"too long", Freeze{Name: "x", From: d, Through: d.AddDays(MaxFreezeRange)}, "exceeds"},
		{"everything", Freeze{Name: "x", From: MinDate, Through: MaxDate}, "exceeds"},
	}
	for _, tc := range tests {
		_, err := New(Spec{Workweek: MondayToFriday, HoursPerDay: 8, Freezes: []Freeze{tc.f}})
		if !errors.Is(err, ErrInvalidCalendar) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want ErrInvalidCalendar with %q", tc.name, err, tc.want)
		}
	}
}
