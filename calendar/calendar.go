package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"time"

	"github.com/rolloutkit/rollout/validation"
)

// ErrNoWorkdays is wrapped by the error for a calendar with no working day.
var ErrNoWorkdays = validation.Sentinel(validation.ErrInvalid, "calendar has no working day")

// ErrInvalidCalendar is wrapped by every error about a malformed calendar
// specification.
var ErrInvalidCalendar = validation.Sentinel(validation.ErrInvalid, "invalid calendar")

// MaxHolidayRange is the longest holiday range, in days, that a calendar
// accepts. Longer closures are better modelled as a different calendar.
const MaxHolidayRange = 366

// Holiday is a named day, or a named range of days, on which no work is done.
type Holiday struct {
	// Name says what the day is, such as "Christmas shutdown".
	Name string `json:"name,omitempty"`
	// Date is the holiday, or the first day of the range.
	Date Date `json:"date"`
	// Through is the last day of a range, inclusive; zero for a single day.
	Through Date `json:"through,omitzero"`
}

// Last returns the last day of the holiday.
func (h Holiday) Last() Date {
	if h.Through.IsZero() {
		return h.Date
	}
	return h.Through
}

// MaxFreezeRange is the longest freeze window, in days, that a calendar
// accepts.
const MaxFreezeRange = 3 * 366

// Freeze is a named blackout range: a change freeze, a quarter-end close,
// a peak-season moratorium. No activity on the calendar is worked inside
// it, as on a holiday; unlike a holiday it is a rule rather than a day
// off, so a fixed date inside it is a conflict to report (see FreezeOn),
// not a date to roll to the next workday.
type Freeze struct {
	// Name says what the window is, such as "Q4 close"; required.
	Name string `json:"name"`
	// From is the first day of the window.
	From Date `json:"from"`
	// Through is the last day of the window, inclusive.
	Through Date `json:"through"`
}

// Contains reports whether d lies in the window.
func (f Freeze) Contains(d Date) bool {
	return d.IsValid() && !d.Before(f.From) && !d.After(f.Through)
}

// Spec is the editable, serialisable definition of a working calendar. Turn
// it into a Calendar with New.
type Spec struct {
	// Name identifies the calendar, such as "EMEA".
	Name string `json:"name,omitempty"`
	// Workweek is the set of worked days of the week.
	Workweek Weekdays `json:"workweek"`
	// HoursPerDay is the number of working hours in a workday, above 0 and
	// at most 24.
	HoursPerDay float64 `json:"hoursPerDay" jsonschema:"exclusiveMinimum=0,maximum=24"`
	// Holidays are dates, or ranges, that are not worked.
	Holidays []Holiday `json:"holidays,omitempty"`
	// Freezes are named blackout ranges (change freezes) in which nothing
	// on this calendar is worked.
	Freezes []Freeze `json:"freezes,omitempty"`
}

// Calendar is a working calendar: the worked days of the week, the holidays
// and the hours in a workday. A Calendar is immutable and safe for
// concurrent use; build one with New or take Standard.
//
// The zero Calendar behaves as Standard: Monday to Friday, 8 hours a day,
// no holidays.
//
// A workday is a date whose weekday is in the work week and which is not a
// holiday. Durations count workdays in half-open ranges: WorkdaysBetween(a,
// b) counts the workdays d with a <= d < b.
type Calendar struct {
	name     string
	week     Weekdays
	perWeek  int
	hours    float64
	holidays []Holiday
	freezes  []Freeze
	// off holds, sorted and unique, the day numbers of holidays that fall
	// on a worked weekday; only those change the count of workdays.
	off []int32
}

var standard = Calendar{name: "standard", week: MondayToFriday, perWeek: 5, hours: 8}

// Standard returns the standard calendar: Monday to Friday, 8 hours a day,
// no holidays.
func Standard() *Calendar {
	c := standard
	return &c
}

// New checks spec and returns the calendar it defines. It reports every
// problem at once in an error wrapping ErrInvalidCalendar, and ErrNoWorkdays
// when the work week is empty.
func New(spec Spec) (*Calendar, error) {
	var errs []error
	if spec.Workweek&^AllWeek != 0 {
		errs = append(errs, fmt.Errorf("workweek %#x holds bits that are not days", uint8(spec.Workweek)))
	}
	if spec.Workweek&AllWeek == 0 {
		errs = append(errs, ErrNoWorkdays)
	}
	if !(spec.HoursPerDay > 0 && spec.HoursPerDay <= 24) {
		errs = append(errs, fmt.Errorf("hoursPerDay %v must be above 0 and at most 24", spec.HoursPerDay))
	}
	c := &Calendar{
		name:     spec.Name,
		week:     spec.Workweek & AllWeek,
		perWeek:  (spec.Workweek & AllWeek).Len(),
		hours:    spec.HoursPerDay,
		holidays: slices.Clone(spec.Holidays),
		freezes:  slices.Clone(spec.Freezes),
	}
	for i, h := range spec.Holidays {
		switch {
		case !h.Date.IsValid():
			errs = append(errs, fmt.Errorf("holidays[%d].date is required", i))
			continue
		case !h.Through.IsZero() && !h.Through.IsValid():
			errs = append(errs, fmt.Errorf("holidays[%d].through is not a valid date", i))
			continue
		case h.Through.Before(h.Date) && !h.Through.IsZero():
			errs = append(errs, fmt.Errorf("holidays[%d]: through %s is before date %s", i, h.Through, h.Date))
			continue
		case h.Date.DaysUntil(h.Last())+1 > MaxHolidayRange:
			errs = append(errs, fmt.Errorf("holidays[%d]: range of %d days exceeds %d", i, h.Date.DaysUntil(h.Last())+1, MaxHolidayRange))
			continue
		}
		for d := h.Date; !d.After(h.Last()); d = d.AddDays(1) {
			if c.week.Has(d.Weekday()) {
				c.off = append(c.off, d.n)
			}
			if d == MaxDate {
				break
			}
		}
	}
	for i, f := range spec.Freezes {
		switch {
		case f.Name == "":
			errs = append(errs, fmt.Errorf("freezes[%d].name is required", i))
			continue
		case !f.From.IsValid():
			errs = append(errs, fmt.Errorf("freezes[%d].from is required", i))
			continue
		case !f.Through.IsValid():
			errs = append(errs, fmt.Errorf("freezes[%d].through is required", i))
			continue
		case f.Through.Before(f.From):
			errs = append(errs, fmt.Errorf("freezes[%d]: through %s is before from %s", i, f.Through, f.From))
			continue
		case f.From.DaysUntil(f.Through)+1 > MaxFreezeRange:
			errs = append(errs, fmt.Errorf("freezes[%d]: window of %d days exceeds %d", i, f.From.DaysUntil(f.Through)+1, MaxFreezeRange))
			continue
		}
		for d := f.From; !d.After(f.Through); d = d.AddDays(1) {
			if c.week.Has(d.Weekday()) {
				c.off = append(c.off, d.n)
			}
			if d == MaxDate {
				break
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("calendar %q: %w: %w", spec.Name, ErrInvalidCalendar, errors.Join(errs...))
	}
	slices.Sort(c.off)
	c.off = slices.Compact(c.off)
	return c, nil
}

// eff returns the calendar to use: the standard one for a nil or zero
// Calendar.
func (c *Calendar) eff() *Calendar {
	if c == nil || c.week == 0 {
		return &standard
	}
	return c
}

// Spec returns the definition of c, for editing or storing.
func (c *Calendar) Spec() Spec {
	e := c.eff()
	return Spec{Name: e.name, Workweek: e.week, HoursPerDay: e.hours, Holidays: slices.Clone(e.holidays), Freezes: slices.Clone(e.freezes)}
}

// Freezes returns a copy of the calendar's freeze windows.
func (c *Calendar) Freezes() []Freeze { return slices.Clone(c.eff().freezes) }

// FreezeOn returns the freeze window that covers d, if any.
func (c *Calendar) FreezeOn(d Date) (Freeze, bool) {
	for _, f := range c.eff().freezes {
		if f.Contains(d) {
			return f, true
		}
	}
	return Freeze{}, false
}

// Name returns the calendar's name.
func (c *Calendar) Name() string { return c.eff().name }

// Workweek returns the worked days of the week.
func (c *Calendar) Workweek() Weekdays { return c.eff().week }

// HoursPerDay returns the working hours in one workday.
func (c *Calendar) HoursPerDay() float64 { return c.eff().hours }

// Holidays returns a copy of the calendar's holidays.
func (c *Calendar) Holidays() []Holiday { return slices.Clone(c.eff().holidays) }

// HolidayOn returns the holiday that covers d, if any, whether or not d
// falls on a worked weekday.
func (c *Calendar) HolidayOn(d Date) (Holiday, bool) {
	for _, h := range c.eff().holidays {
		if !d.Before(h.Date) && !d.After(h.Last()) {
			return h, true
		}
	}
	return Holiday{}, false
}

func (c *Calendar) isOff(n int32) bool {
	_, found := slices.BinarySearch(c.off, n)
	return found
}

// IsWorkday reports whether d is worked: its weekday is in the work week and
// it is neither a holiday nor inside a freeze window. The zero Date is never a workday.
func (c *Calendar) IsWorkday(d Date) bool {
	if !d.IsValid() {
		return false
	}
	e := c.eff()
	return e.week.Has(d.Weekday()) && !e.isOff(d.n)
}

// weekdaysIn counts the days in [a, b) whose weekday is worked, a <= b.
func (c *Calendar) weekdaysIn(a, b int32) int {
	span := int(b - a)
	n := span / 7 * c.perWeek
	w := Date{n: a}.Weekday()
	for i := 0; i < span%7; i++ {
		if c.week.Has(time.Weekday((int(w) + i) % 7)) {
			n++
		}
	}
	return n
}

// offIn counts the holidays on worked weekdays in [a, b).
func (c *Calendar) offIn(a, b int32) int {
	i := sort.Search(len(c.off), func(i int) bool { return c.off[i] >= a })
	j := sort.Search(len(c.off), func(i int) bool { return c.off[i] >= b })
	return j - i
}

// count returns the workdays in [a, b), a <= b.
func (c *Calendar) count(a, b int32) int {
	return c.weekdaysIn(a, b) - c.offIn(a, b)
}

// WorkdaysBetween returns the number of workdays d with a <= d < b; when b
// is before a it returns minus the number of workdays in [b, a). It returns 0
// when either date is zero.
//
// For workdays a and b, AddWorkdays(a, WorkdaysBetween(a, b)) is b.
func (c *Calendar) WorkdaysBetween(a, b Date) int {
	if !a.IsValid() || !b.IsValid() {
		return 0
	}
	e := c.eff()
	if b.n < a.n {
		return -e.count(b.n, a.n)
	}
	return e.count(a.n, b.n)
}

// AddWorkdays returns the n-th workday after d when n > 0, the |n|-th
// workday before d when n < 0, and d itself when n is 0, whether d is a
// workday or not. It returns an error wrapping ErrOutOfRange when the result
// would fall outside MinDate to MaxDate, and an error wrapping
// ErrInvalidDate for the zero Date.
//
// The time it takes grows with the logarithm of the number of holidays and
// does not depend on n.
func (c *Calendar) AddWorkdays(d Date, n int) (Date, error) {
	if !d.IsValid() {
		return Date{}, fmt.Errorf("calendar: adding workdays to %q: %w", d.String(), ErrInvalidDate)
	}
	if n == 0 {
		return d, nil
	}
	if n > maxSpan || n < -maxSpan {
		return Date{}, fmt.Errorf("calendar: %s plus %d workdays: %w", d, n, ErrOutOfRange)
	}
	e := c.eff()
	from := int64(d.n)
	if n > 0 {
		// The answer is the (n+k)-th worked weekday after d, where k counts
		// the holidays passed on the way. With i the first holiday after d,
		// k is the smallest j-i such that holiday j (if any) lies beyond
		// the (n+j-i)-th worked weekday; that test is monotone in j, so
		// binary search finds it.
		i, _ := slices.BinarySearch(e.off, d.n+1)
		lo, hi := i, len(e.off)
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if int64(e.off[mid]) > e.nthAfter(from, int64(n+mid-i)) {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		x := e.nthAfter(from, int64(n+lo-i))
		if x > int64(MaxDate.n) {
			return Date{}, fmt.Errorf("calendar: %s plus %d workdays: %w", d, n, ErrOutOfRange)
		}
		return Date{n: int32(x)}, nil
	}
	m := -n
	// The mirror image: i is the last holiday before d, and t counts the
	// holidays passed going back.
	i, _ := slices.BinarySearch(e.off, d.n)
	i--
	lo, hi := 0, i+1
	for lo < hi {
		t := int(uint(lo+hi) >> 1)
		if int64(e.off[i-t]) < e.nthBefore(from, int64(m+t)) {
			hi = t
		} else {
			lo = t + 1
		}
	}
	x := e.nthBefore(from, int64(m+lo))
	if x < int64(MinDate.n) {
		return Date{}, fmt.Errorf("calendar: %s minus %d workdays: %w", d, m, ErrOutOfRange)
	}
	return Date{n: int32(x)}, nil
}

// weekdayOfDay returns the day of the week of day number n, which may lie
// outside MinDate to MaxDate.
func weekdayOfDay(n int64) int {
	z := n + int64(epochOffset)
	return int((z%7 + 7 + 4) % 7)
}

// nthAfter returns the day number of the m-th worked weekday after day a,
// m >= 1, ignoring holidays; it may lie beyond MaxDate.
func (c *Calendar) nthAfter(a, m int64) int64 {
	per := int64(c.perWeek)
	r := (m-1)%per + 1
	x := a + (m-1)/per*7
	for w := weekdayOfDay(x); ; {
		x++
		if w++; w == 7 {
			w = 0
		}
		if c.week&(1<<w) != 0 {
			if r--; r == 0 {
				return x
			}
		}
	}
}

// nthBefore returns the day number of the m-th worked weekday before day
// a, m >= 1, ignoring holidays; it may lie before MinDate.
func (c *Calendar) nthBefore(a, m int64) int64 {
	per := int64(c.perWeek)
	r := (m-1)%per + 1
	x := a - (m-1)/per*7
	for w := weekdayOfDay(x); ; {
		x--
		if w--; w < 0 {
			w = 6
		}
		if c.week&(1<<w) != 0 {
			if r--; r == 0 {
				return x
			}
		}
	}
}

// NextWorkday returns the first workday strictly after d.
func (c *Calendar) NextWorkday(d Date) (Date, error) { return c.AddWorkdays(d, 1) }

// PreviousWorkday returns the last workday strictly before d.
func (c *Calendar) PreviousWorkday(d Date) (Date, error) { return c.AddWorkdays(d, -1) }

// RollForward returns d when it is a workday and the next workday otherwise.
func (c *Calendar) RollForward(d Date) (Date, error) {
	if c.IsWorkday(d) {
		return d, nil
	}
	return c.AddWorkdays(d, 1)
}

// RollBackward returns d when it is a workday and the previous workday
// otherwise.
func (c *Calendar) RollBackward(d Date) (Date, error) {
	if c.IsWorkday(d) {
		return d, nil
	}
	return c.AddWorkdays(d, -1)
}

// WorkHours returns the working hours in [a, b): the workdays between them
// times the hours per workday.
func (c *Calendar) WorkHours(a, b Date) float64 {
	return float64(c.WorkdaysBetween(a, b)) * c.eff().hours
}

// MarshalJSON writes the calendar's Spec.
func (c *Calendar) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.Spec())
}

// UnmarshalJSON reads a Spec and checks it as New does. Unknown fields and
// data after the object are errors. JSON null leaves c unchanged, as
// encoding/json expects. On error c is left unchanged.
func (c *Calendar) UnmarshalJSON(b []byte) error {
	if c == nil {
		return fmt.Errorf("calendar: UnmarshalJSON on a nil *Calendar: %w", ErrInvalidCalendar)
	}
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var s Spec
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return fmt.Errorf("calendar: %w: %w", ErrInvalidCalendar, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("calendar: %w: data after the calendar object", ErrInvalidCalendar)
	}
	nc, err := New(s)
	if err != nil {
		return err
	}
	*c = *nc
	return nil
}

// maxSpan exceeds the number of days from MinDate to MaxDate.
const maxSpan = 4_000_000
