package calendar

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestOfAndParseValid(t *testing.T) {
	tests := []struct {
		s       string
		y       int
		m       time.Month
		d       int
		weekday time.Weekday
	}{
		{"0001-01-01", 1, time.January, 1, time.Monday},
		{"1900-02-28", 1900, time.February, 28, time.Wednesday},
		{"1900-03-01", 1900, time.March, 1, time.Thursday},
		{"1970-01-01", 1970, time.January, 1, time.Thursday},
		{"1999-12-31", 1999, time.December, 31, time.Friday},
		{"2000-02-29", 2000, time.February, 29, time.Tuesday},
		{"2000-03-01", 2000, time.March, 1, time.Wednesday},
		{"2024-02-29", 2024, time.February, 29, time.Thursday},
		{"2026-12-31", 2026, time.December, 31, time.Thursday},
		{"2027-01-01", 2027, time.January, 1, time.Friday},
		{"2027-03-01", 2027, time.March, 1, time.Monday},
		{"2027-04-30", 2027, time.April, 30, time.Friday},
		{"9999-12-31", 9999, time.December, 31, time.Friday},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			p, err := Parse(tt.s)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			o, err := Of(tt.y, tt.m, tt.d)
			if err != nil {
				t.Fatalf("Of: %v", err)
			}
			if p != o {
				t.Fatalf("Parse gives %v, Of gives %v", p, o)
			}
			if y, m, d := p.Date(); y != tt.y || m != tt.m || d != tt.d {
				t.Errorf("Date() = %d, %v, %d", y, m, d)
			}
			if p.Year() != tt.y || p.Month() != tt.m || p.Day() != tt.d {
				t.Errorf("Year/Month/Day = %d/%v/%d", p.Year(), p.Month(), p.Day())
			}
			if got := p.Weekday(); got != tt.weekday {
				t.Errorf("Weekday() = %v, want %v", got, tt.weekday)
			}
			if got := p.String(); got != tt.s {
				t.Errorf("String() = %q", got)
			}
			if !p.IsValid() || p.IsZero() {
				t.Errorf("IsValid %v IsZero %v", p.IsValid(), p.IsZero())
			}
		})
	}
}

func TestOfRejects(t *testing.T) {
	tests := []struct {
		y int
		m time.Month
		d int
	}{
		{2027, time.February, 30},
		{2027, time.February, 29},
		{1900, time.February, 29},
		{2100, time.February, 29},
		{2027, 13, 1},
		{2027, 0, 1},
		{2027, -1, 1},
		{2027, time.April, 31},
		{2027, time.January, 0},
		{2027, time.January, 32},
		{2027, time.January, -1},
		{0, time.January, 1},
		{-1, time.January, 1},
		{10000, time.January, 1},
		{math.MaxInt, time.January, 1},
		{math.MinInt, time.January, 1},
		{2027, time.January, math.MaxInt},
	}
	for _, tt := range tests {
		d, err := Of(tt.y, tt.m, tt.d)
		if !errors.Is(err, ErrInvalidDate) {
			t.Errorf("Of(%d, %d, %d) = %v, %v; want ErrInvalidDate", tt.y, tt.m, tt.d, d, err)
		}
		if !d.IsZero() {
			t.Errorf("Of(%d, %d, %d) returned non-zero date %v with error", tt.y, tt.m, tt.d, d)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{
		"",
		"2027-02-30",
		"2027-02-29",
		"1900-02-29",
		"2027-13-01",
		"2027-00-01",
		"2027-01-00",
		"2027-01-32",
		"2027-04-31",
		"0000-01-01",
		"garbage",
		"2027-3-01",
		"2027-03-1",
		"27-03-01",
		"02027-03-01",
		"2027-03-011",
		"2027/03/01",
		"20270301",
		"+2027-03-01",
		"-2027-03-01",
		"+027-03-01",
		"-027-03-01",
		"2027-+3-01",
		"2027--3-01",
		"2027-03--1",
		" 2027-03-01",
		"2027-03-01 ",
		"2027- 3-01",
		"2027-03-0 ",
		" 027-03-01",
		"2027-03-01T00:00:00Z",
		"2027_03_01",
		"２０２７-03-01",
		"2027-03-0\x00",
		strings.Repeat("9", 100),
	} {
		d, err := Parse(s)
		if !errors.Is(err, ErrInvalidDate) {
			t.Errorf("Parse(%q) = %v, %v; want ErrInvalidDate", s, d, err)
		}
		if !d.IsZero() {
			t.Errorf("Parse(%q) returned non-zero %v with error", s, d)
		}
		if err != nil && len(err.Error()) > 200 {
			t.Errorf("Parse(%q) error is too long: %d bytes", s, len(err.Error()))
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("MustParse of a bad date did not panic")
		}
	}()
	MustParse("2027-02-30")
}

// TestAgainstTime checks the civil arithmetic against package time for many
// dates spread over the whole range.
func TestAgainstTime(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	check := func(tm time.Time) {
		t.Helper()
		d := FromTime(tm)
		y, m, dd := tm.Date()
		if d.Year() != y || d.Month() != m || d.Day() != dd {
			t.Fatalf("FromTime(%v) = %v", tm, d)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v: Weekday() = %v, time says %v", d, d.Weekday(), tm.Weekday())
		}
		if want := tm.Format(time.DateOnly); d.String() != want {
			t.Fatalf("String() = %q, want %q", d.String(), want)
		}
		if !d.In(time.UTC).Equal(tm) {
			t.Fatalf("%v.In(UTC) = %v, want %v", d, d.In(time.UTC), tm)
		}
	}
	minT := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxT := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	span := int(maxT.Sub(minT).Hours() / 24)
	for range 5000 {
		k := r.IntN(span + 1)
		tm := minT.AddDate(0, 0, k)
		check(tm)
		// DaysUntil and AddDays agree with time too.
		j := r.IntN(span + 1)
		tj := minT.AddDate(0, 0, j)
		d, e := FromTime(tm), FromTime(tj)
		if got := d.DaysUntil(e); got != j-k {
			t.Fatalf("%v.DaysUntil(%v) = %d, want %d", d, e, got, j-k)
		}
		if got := d.AddDays(j - k); got != e {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", d, j-k, got, e)
		}
		if got := d.Compare(e); got != cmpInt(k, j) {
			t.Fatalf("%v.Compare(%v) = %d", d, e, got)
		}
	}
	// Every day of 1899 to 2101 in sequence: leap years, month and year ends.
	for tm := time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() < 2102; tm = tm.AddDate(0, 0, 1) {
		check(tm)
	}
	check(minT)
	check(maxT)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestLeapYears(t *testing.T) {
	tests := []struct {
		year int
		leap bool
	}{
		{1600, true}, {1700, false}, {1800, false}, {1900, false}, {2000, true},
		{2023, false}, {2024, true}, {2100, false}, {2400, true}, {4, true}, {1, false},
	}
	for _, tt := range tests {
		want := 28
		if tt.leap {
			want = 29
		}
		if got := DaysIn(tt.year, time.February); got != want {
			t.Errorf("DaysIn(%d, February) = %d, want %d", tt.year, got, want)
		}
		_, err := Of(tt.year, time.February, 29)
		if (err == nil) != tt.leap {
			t.Errorf("Of(%d, 2, 29) error = %v, leap = %v", tt.year, err, tt.leap)
		}
		jan1 := MustParse(fmt.Sprintf("%04d-01-01", tt.year))
		days := 365
		if tt.leap {
			days = 366
		}
		if got := jan1.DaysUntil(jan1.AddMonths(12)); got != days {
			t.Errorf("year %d has %d days, want %d", tt.year, got, days)
		}
	}
	for m, want := range map[time.Month]int{
		time.January: 31, time.March: 31, time.April: 30, time.May: 31, time.June: 30, time.July: 31,
		time.August: 31, time.September: 30, time.October: 31, time.November: 30, time.December: 31,
	} {
		if got := DaysIn(2027, m); got != want {
			t.Errorf("DaysIn(2027, %v) = %d, want %d", m, got, want)
		}
	}
}

func TestAddDaysAcrossEnds(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2027-01-31", 1, "2027-02-01"},
		{"2027-02-28", 1, "2027-03-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2024-02-29", 1, "2024-03-01"},
		{"1900-02-28", 1, "1900-03-01"},
		{"2000-02-28", 1, "2000-02-29"},
		{"2026-12-31", 1, "2027-01-01"},
		{"2027-01-01", -1, "2026-12-31"},
		{"2024-03-01", -1, "2024-02-29"},
		{"2027-03-01", -1, "2027-02-28"},
		{"2027-03-01", 0, "2027-03-01"},
		{"2024-01-01", 366, "2025-01-01"},
		{"2027-01-01", 365, "2028-01-01"},
		{"2000-01-01", 146097, "2400-01-01"},
		{"9999-12-30", 1, "9999-12-31"},
		{"0001-01-02", -1, "0001-01-01"},
	}
	for _, tt := range tests {
		d := MustParse(tt.from)
		got, err := d.AddDaysChecked(tt.n)
		if err != nil || got.String() != tt.want {
			t.Errorf("%s.AddDaysChecked(%d) = %v, %v; want %s", tt.from, tt.n, got, err, tt.want)
		}
		if got := d.AddDays(tt.n); got.String() != tt.want {
			t.Errorf("%s.AddDays(%d) = %v; want %s", tt.from, tt.n, got, tt.want)
		}
		if back := MustParse(tt.want).DaysUntil(d); back != -tt.n {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.want, tt.from, back, -tt.n)
		}
	}
}

func TestAddDaysOutOfRange(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want Date
	}{
		{"9999-12-31", 1, MaxDate},
		{"9999-12-01", 31, MaxDate},
		{"0001-01-01", -1, MinDate},
		{"2027-03-01", math.MaxInt, MaxDate},
		{"2027-03-01", math.MinInt, MinDate},
		{"2027-03-01", math.MaxInt32, MaxDate},
		{"2027-03-01", math.MinInt32, MinDate},
	}
	for _, tt := range tests {
		d := MustParse(tt.from)
		got, err := d.AddDaysChecked(tt.n)
		if !errors.Is(err, ErrOutOfRange) || !got.IsZero() {
			t.Errorf("%s.AddDaysChecked(%d) = %v, %v; want ErrOutOfRange", tt.from, tt.n, got, err)
		}
		if got := d.AddDays(tt.n); got != tt.want {
			t.Errorf("%s.AddDays(%d) = %v, want clamp to %v", tt.from, tt.n, got, tt.want)
		}
	}
	if MinDate.String() != "0001-01-01" || MaxDate.String() != "9999-12-31" {
		t.Errorf("MinDate %v MaxDate %v", MinDate, MaxDate)
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2027-01-31", 1, "2027-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2027-03-31", -1, "2027-02-28"},
		{"2027-03-31", 1, "2027-04-30"},
		{"2027-12-15", 1, "2028-01-15"},
		{"2027-01-15", -1, "2026-12-15"},
		{"2027-01-15", -13, "2025-12-15"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2027-06-30", 0, "2027-06-30"},
		{"9999-12-01", 1, "9999-12-31"},
		{"0001-01-15", -1, "0001-01-01"},
		{"2027-06-30", math.MaxInt, "9999-12-31"},
		{"2027-06-30", math.MinInt, "0001-01-01"},
		{"2027-06-30", math.MaxInt - 1, "9999-12-31"},
		{"2027-06-30", 120_001, "9999-12-31"},
		{"2027-06-30", -120_001, "0001-01-01"},
	}
	for _, tt := range tests {
		if got := MustParse(tt.from).AddMonths(tt.n); got.String() != tt.want {
			t.Errorf("%s.AddMonths(%d) = %v, want %s", tt.from, tt.n, got, tt.want)
		}
	}
	if got := (Date{}).AddMonths(3); !got.IsZero() {
		t.Errorf("zero.AddMonths = %v", got)
	}
}

func TestZeroDate(t *testing.T) {
	var z Date
	if !z.IsZero() || z.IsValid() {
		t.Fatalf("IsZero %v IsValid %v", z.IsZero(), z.IsValid())
	}
	if z.String() != "" {
		t.Errorf("String() = %q", z.String())
	}
	if y, m, d := z.Date(); y != 0 || m != 0 || d != 0 {
		t.Errorf("Date() = %d %v %d", y, m, d)
	}
	if z.Weekday() != time.Sunday || z.Year() != 0 || z.Month() != 0 || z.Day() != 0 {
		t.Errorf("Weekday/Year/Month/Day of zero: %v %d %v %d", z.Weekday(), z.Year(), z.Month(), z.Day())
	}
	if !z.In(time.UTC).IsZero() {
		t.Errorf("In = %v", z.In(time.UTC))
	}
	if got := z.AddDays(5); !got.IsZero() {
		t.Errorf("AddDays = %v", got)
	}
	if got, err := z.AddDaysChecked(math.MaxInt); err != nil || !got.IsZero() {
		t.Errorf("AddDaysChecked = %v, %v", got, err)
	}
	d := MustParse("2027-03-01")
	if z.DaysUntil(d) != 0 || d.DaysUntil(z) != 0 {
		t.Errorf("DaysUntil with zero is not 0")
	}
	if !z.Before(MinDate) || z.Compare(MinDate) != -1 || MinDate.Compare(z) != 1 || !MinDate.After(z) {
		t.Errorf("zero does not sort first")
	}
	if Min(z, d) != d || Min(d, z) != d || Max(z, d) != d || Max(d, z) != d {
		t.Errorf("Min/Max with zero: %v %v %v %v", Min(z, d), Min(d, z), Max(z, d), Max(d, z))
	}
	e := d.AddDays(1)
	if Min(d, e) != d || Min(e, d) != d || Max(d, e) != e || Max(e, d) != e {
		t.Errorf("Min/Max wrong")
	}
	if Min(z, z) != z || Max(z, z) != z {
		t.Errorf("Min/Max of zeros")
	}
}

func TestFromTimeAndIn(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	ny := time.FixedZone("EST", -5*3600)
	instant := time.Date(2027, 3, 1, 23, 30, 0, 0, time.UTC)
	if got := FromTime(instant); got.String() != "2027-03-01" {
		t.Errorf("FromTime UTC = %v", got)
	}
	if got := FromTime(instant.In(tokyo)); got.String() != "2027-03-02" {
		t.Errorf("FromTime Tokyo = %v", got)
	}
	if got := FromTime(instant.In(ny)); got.String() != "2027-03-01" {
		t.Errorf("FromTime New York = %v", got)
	}
	if got := FromTime(time.Time{}); got != MinDate {
		t.Errorf("FromTime(zero time) = %v, want 0001-01-01", got)
	}
	if got := FromTime(time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC)); !got.IsZero() {
		t.Errorf("FromTime(year 0) = %v, want zero", got)
	}
	if got := FromTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)); !got.IsZero() {
		t.Errorf("FromTime(year 10000) = %v, want zero", got)
	}
	d := MustParse("2027-03-01")
	if got := d.In(tokyo); !got.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, tokyo)) || got.Location() != tokyo {
		t.Errorf("In(Tokyo) = %v", got)
	}
	if got := d.In(nil); got.Location() != time.UTC || !got.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("In(nil) = %v", got)
	}
	if got := FromTime(d.In(ny)); got != d {
		t.Errorf("round trip through New York = %v", got)
	}
}

func TestDateTextAndJSON(t *testing.T) {
	for _, s := range []string{"0001-01-01", "2024-02-29", "2027-03-01", "9999-12-31"} {
		d := MustParse(s)
		txt, err := d.MarshalText()
		if err != nil || string(txt) != s {
			t.Errorf("MarshalText = %q, %v", txt, err)
		}
		app, err := d.AppendText([]byte("x="))
		if err != nil || string(app) != "x="+s {
			t.Errorf("AppendText = %q, %v", app, err)
		}
		var back Date
		if err := back.UnmarshalText(txt); err != nil || back != d {
			t.Errorf("UnmarshalText(%q) = %v, %v", txt, back, err)
		}
		js, err := json.Marshal(d)
		if err != nil || string(js) != `"`+s+`"` {
			t.Errorf("json.Marshal = %s, %v", js, err)
		}
		back = Date{}
		if err := json.Unmarshal(js, &back); err != nil || back != d {
			t.Errorf("json.Unmarshal(%s) = %v, %v", js, back, err)
		}
	}
	var z Date
	if js, _ := json.Marshal(z); string(js) != "null" {
		t.Errorf("zero JSON = %s", js)
	}
	if txt, _ := z.MarshalText(); len(txt) != 0 {
		t.Errorf("zero text = %q", txt)
	}
	if app, _ := z.AppendText([]byte("a")); string(app) != "a" {
		t.Errorf("zero AppendText = %q", app)
	}
	for _, in := range []string{`null`, `""`} {
		d := MustParse("2027-03-01")
		if err := json.Unmarshal([]byte(in), &d); err != nil || !d.IsZero() {
			t.Errorf("json.Unmarshal(%s) = %v, %v; want zero", in, d, err)
		}
	}
	// Escaped JSON strings are still strings.
	var esc Date
	if err := json.Unmarshal([]byte(`"\u0032027-03-01"`), &esc); err != nil || esc.String() != "2027-03-01" {
		t.Errorf("escaped = %v, %v", esc, err)
	}
	var _ encoding.TextAppender = Date{}
}

func TestDateUnmarshalRejects(t *testing.T) {
	orig := MustParse("2027-03-01")
	for _, in := range []string{
		`"2027-02-30"`, `"2027-13-01"`, `"0000-01-01"`, `"garbage"`, `20270301`, `true`, `{}`, `[]`,
		`"2027-03-01`, `2027-03-01"`, `"`, `"\u0000"`, `"\"2027-03-01\""`, `"2027-03-01T00:00:00Z"`,
		`" 2027-03-01"`, `"\x"`,
	} {
		d := orig
		err := d.UnmarshalJSON([]byte(in))
		if err == nil {
			t.Errorf("UnmarshalJSON(%s) accepted: %v", in, d)
			continue
		}
		if !errors.Is(err, ErrInvalidDate) {
			t.Errorf("UnmarshalJSON(%s) error %v does not wrap ErrInvalidDate", in, err)
		}
		if d != orig {
			t.Errorf("UnmarshalJSON(%s) changed the date to %v", in, d)
		}
	}
	d := orig
	if err := d.UnmarshalText([]byte("2027-02-30")); !errors.Is(err, ErrInvalidDate) || d != orig {
		t.Errorf("UnmarshalText bad = %v, %v", d, err)
	}
}

func TestDateInStruct(t *testing.T) {
	type event struct {
		Name     string `json:"name"`
		On       Date   `json:"on"`
		Optional Date   `json:"optional,omitzero"`
		Ptr      *Date  `json:"ptr,omitempty"`
	}
	on := MustParse("2027-03-01")
	tests := []struct {
		in   event
		want string
	}{
		{event{Name: "a"}, `{"name":"a","on":null}`},
		{event{Name: "b", On: on}, `{"name":"b","on":"2027-03-01"}`},
		{event{Name: "c", On: on, Optional: on.AddDays(1), Ptr: &on}, `{"name":"c","on":"2027-03-01","optional":"2027-03-02","ptr":"2027-03-01"}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal = %s, %v; want %s", b, err, tt.want)
			continue
		}
		var back event
		if err := json.Unmarshal(b, &back); err != nil {
			t.Errorf("Unmarshal(%s): %v", b, err)
			continue
		}
		if diff := cmp.Diff(tt.in, back, cmp.Comparer(func(a, b Date) bool { return a == b })); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
	var e event
	if err := json.Unmarshal([]byte(`{"name":"x","on":"2027-02-30"}`), &e); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("bad date in struct: %v", err)
	}
	// As a map key, through the text methods.
	m := map[Date]int{on: 1, on.AddDays(1): 2}
	b, err := json.Marshal(m)
	if err != nil || string(b) != `{"2027-03-01":1,"2027-03-02":2}` {
		t.Errorf("map JSON = %s, %v", b, err)
	}
	var mback map[Date]int
	if err := json.Unmarshal(b, &mback); err != nil || !cmp.Equal(m, mback) {
		t.Errorf("map round trip = %v, %v", mback, err)
	}
}
