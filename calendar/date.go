package calendar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/validation"
)

// Date is a civil date: a year, month and day with no time of day and no
// time zone, such as a release date or a training day. Dates are comparable
// values; use == to compare two dates, and Before, After or Compare to order
// them.
//
// The zero Date means "no date" and is told apart by IsZero; it renders as
// the empty string and as JSON null. Valid dates run from 0001-01-01 to
// 9999-12-31.
type Date struct {
	// n is the number of days since 0000-12-31, so that 0001-01-01 is 1
	// and the zero value is "no date".
	n int32
}

// Bounds of the representable dates.
var (
	// MinDate is the earliest valid date, 0001-01-01.
	MinDate = Date{n: 1}
	// MaxDate is the latest valid date, 9999-12-31.
	MaxDate = Date{n: int32(daysFromCivil(9999, 12, 31) - epochOffset)}
)

// ErrInvalidDate is wrapped by every error about a malformed or impossible
// date, such as 2027-02-30 or 2027-13-01.
var ErrInvalidDate = validation.Sentinel(validation.ErrInvalid, "invalid date")

// ErrOutOfRange is wrapped by errors about results that would fall outside
// MinDate to MaxDate.
var ErrOutOfRange = validation.Sentinel(validation.ErrOutOfRange, "date out of range")

// epochOffset makes 0001-01-01 day 1.
var epochOffset = daysFromCivil(1, 1, 1) - 1

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// DaysIn returns the number of days in the given month of the given year.
func DaysIn(year int, month time.Month) int {
	switch month {
	case time.February:
		if isLeap(year) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	default:
		return 31
	}
}

// Of returns the date year-month-day. It returns an error wrapping
// ErrInvalidDate when the date does not exist (2027-02-30) or lies outside
// 0001-01-01 to 9999-12-31; it never normalises.
func Of(year int, month time.Month, day int) (Date, error) {
	if why := impossible(year, month, day); why != "" {
		return Date{}, fmt.Errorf("calendar: %04d-%02d-%02d: %w: %s", year, int(month), day, ErrInvalidDate, why)
	}
	return Date{n: int32(daysFromCivil(year, int(month), day) - epochOffset)}, nil
}

// impossible says why year-month-day is not a valid date, or "" if it is.
func impossible(year int, month time.Month, day int) string {
	switch {
	case year < 1 || year > 9999:
		return fmt.Sprintf("year %d is outside 1 to 9999", year)
	case month < time.January || month > time.December:
		return fmt.Sprintf("month %d is outside 1 to 12", int(month))
	case day < 1 || day > DaysIn(year, month):
		return fmt.Sprintf("%s %d has %d days", month, year, DaysIn(year, month))
	}
	return ""
}

// FromTime returns the civil date of t in t's own location. Convert t with
// t.In(loc) first to take the date somewhere else. A time outside the
// representable years gives the zero Date.
func FromTime(t time.Time) Date {
	y, m, d := t.Date()
	date, err := Of(y, m, d)
	if err != nil {
		return Date{}
	}
	return date
}

// In returns the first instant of d in loc: midnight, or, where the clocks
// jump over midnight that day (daylight saving time starting at 00:00, as
// in America/Santiago on 2019-09-08), the instant the day begins, such as
// 01:00. FromTime(d.In(loc)) == d in every zone, except for a day a zone
// skipped altogether (Pacific/Apia's 2011-12-30), for which In returns the
// first instant of the next day, the moment the skipped day would have
// begun. The zero Date gives the zero time.Time. A nil loc means UTC.
func (d Date) In(loc *time.Location) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	if loc == nil {
		loc = time.UTC
	}
	y, m, day := d.Date()
	t := time.Date(y, m, day, 0, 0, 0, 0, loc)
	if loc == time.UTC || (FromTime(t) == d && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && FromTime(t.Add(-time.Second)) != d) {
		return t
	}
	// Midnight does not exist or occurs twice: find the first instant
	// whose local date is d, by bisection over whole seconds (offsets
	// change at whole seconds) within a day and a half either side.
	lo, hi := t.Add(-36*time.Hour).Unix(), t.Add(36*time.Hour).Unix()
	for lo < hi {
		mid := lo + (hi-lo)/2
		if FromTime(time.Unix(mid, 0).In(loc)).Before(d) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return time.Unix(lo, 0).In(loc)
}

// IsZero reports whether d is the zero Date, meaning "no date".
func (d Date) IsZero() bool { return d.n == 0 }

// IsValid reports whether d is a real date (not the zero Date).
func (d Date) IsValid() bool { return d.n >= MinDate.n && d.n <= MaxDate.n }

// Date returns the year, month and day of d. The zero Date gives 0, 0, 0.
func (d Date) Date() (year int, month time.Month, day int) {
	if d.IsZero() {
		return 0, 0, 0
	}
	y, m, dd := civilFromDays(int(d.n) + epochOffset)
	return y, time.Month(m), dd
}

// Year returns the year of d.
func (d Date) Year() int { y, _, _ := d.Date(); return y }

// Month returns the month of d.
func (d Date) Month() time.Month { _, m, _ := d.Date(); return m }

// Day returns the day of the month of d.
func (d Date) Day() int { _, _, dd := d.Date(); return dd }

// Weekday returns the day of the week of d. The zero Date gives Sunday.
func (d Date) Weekday() time.Weekday {
	if d.IsZero() {
		return time.Sunday
	}
	// 1970-01-01 was a Thursday.
	z := int(d.n) + epochOffset
	w := (z%7 + 7 + 4) % 7
	return time.Weekday(w)
}

// AddDays returns d moved by n days (n may be negative). The zero Date stays
// zero. Results beyond MinDate or MaxDate are clamped to them; use
// AddDaysChecked to be told instead.
func (d Date) AddDays(n int) Date {
	r, err := d.AddDaysChecked(n)
	if err != nil {
		if n < 0 {
			return MinDate
		}
		return MaxDate
	}
	return r
}

// AddDaysChecked returns d moved by n days, or an error wrapping
// ErrOutOfRange if the result would leave MinDate to MaxDate. The zero Date
// stays zero.
func (d Date) AddDaysChecked(n int) (Date, error) {
	if d.IsZero() {
		return d, nil
	}
	r := int64(d.n) + int64(n)
	if r < int64(MinDate.n) || r > int64(MaxDate.n) {
		return Date{}, fmt.Errorf("calendar: %s %+d days: %w", d, n, ErrOutOfRange)
	}
	return Date{n: int32(r)}, nil
}

// AddMonths returns d moved by n calendar months, keeping the day of the
// month where it exists and otherwise taking the month's last day
// (2027-01-31 plus one month is 2027-02-28). The zero Date stays zero and
// results are clamped to MinDate and MaxDate.
func (d Date) AddMonths(n int) Date {
	if d.IsZero() {
		return d
	}
	// Anything beyond 12*10,000 months leaves the range whatever d is; the
	// bound also keeps the arithmetic below from overflowing.
	const months = 12 * 10_000
	switch {
	case n > months:
		return MaxDate
	case n < -months:
		return MinDate
	}
	y, m, day := d.Date()
	total := int64(y)*12 + int64(m-1) + int64(n)
	ny, nm := total/12, time.Month(total%12+1)
	if total < 12 {
		return MinDate
	}
	if ny > 9999 {
		return MaxDate
	}
	day = min(day, DaysIn(int(ny), nm))
	r, _ := Of(int(ny), nm, day)
	return r
}

// DaysUntil returns the number of days from d to e: positive when e is
// later. It is 0 when either date is zero.
func (d Date) DaysUntil(e Date) int {
	if d.IsZero() || e.IsZero() {
		return 0
	}
	return int(e.n - d.n)
}

// Before reports whether d is earlier than e. The zero Date is earlier than
// every real date.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.n > e.n }

// Compare returns -1, 0 or +1 as d is before, equal to or after e, for use
// with slices.SortFunc. The zero Date sorts first.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// Min returns the earlier of d and e, ignoring a zero Date.
func Min(d, e Date) Date {
	if d.IsZero() || (!e.IsZero() && e.n < d.n) {
		return e
	}
	return d
}

// Max returns the later of d and e.
func Max(d, e Date) Date {
	if e.n > d.n {
		return e
	}
	return d
}

// String formats d as ISO 8601, such as 2027-03-01. The zero Date gives the
// empty string.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b [10]byte
	return string(d.appendISO(b[:0]))
}

func (d Date) appendISO(b []byte) []byte {
	y, m, day := d.Date()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+day/10), byte('0'+day%10))
}

// Parse reads an ISO 8601 calendar date in the extended form YYYY-MM-DD,
// such as 2027-03-01. Anything else, including impossible dates such as
// 2027-02-30, gives an error wrapping ErrInvalidDate.
func Parse(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("calendar: parsing %q: %w (want YYYY-MM-DD)", truncate(s), ErrInvalidDate)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("calendar: parsing %q: %w (want YYYY-MM-DD)", truncate(s), ErrInvalidDate)
	}
	if why := impossible(y, time.Month(m), d); why != "" {
		return Date{}, fmt.Errorf("calendar: parsing %q: %w: %s", s, ErrInvalidDate, why)
	}
	return Date{n: int32(daysFromCivil(y, m, d) - epochOffset)}, nil
}

// MustParse is like Parse but panics on error. It exists for dates written
// as literals in programs and tests; never use it on input.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// MarshalText formats d as YYYY-MM-DD; the zero Date gives empty text.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return d.appendISO(make([]byte, 0, 10)), nil
}

// UnmarshalText parses YYYY-MM-DD; empty text gives the zero Date. On error
// d is left unchanged.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	r, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = r
	return nil
}

// AppendText appends d as YYYY-MM-DD to b (nothing for the zero Date); it
// implements encoding.TextAppender.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.IsZero() {
		return b, nil
	}
	return d.appendISO(b), nil
}

// MarshalJSON formats d as a JSON string "YYYY-MM-DD", or null for the zero
// Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.appendISO(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a JSON string "YYYY-MM-DD"; null and "" give the zero
// Date. On error d is left unchanged.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("calendar: date must be a JSON string \"YYYY-MM-DD\": %w", ErrInvalidDate)
	}
	if bytes.IndexByte(b, '\\') >= 0 {
		// A string with escapes, such as "\u0032027-03-01": let encoding/json
		// unquote it.
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("calendar: date must be a JSON string \"YYYY-MM-DD\": %w", ErrInvalidDate)
		}
		return d.UnmarshalText([]byte(s))
	}
	return d.UnmarshalText(b[1 : len(b)-1])
}
