package calendar

import (
	"encoding/json"
	"errors"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2027-03-01", "2024-02-29", "1900-02-29", "0000-01-01", "9999-12-31", "0001-01-01",
		"2027-13-01", "2027-02-30", "garbage", "", "+027-03-01", " 2027-03-01", "2027-03-01\n", "2027-3-1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidDate) {
				t.Fatalf("Parse(%q) error %v does not wrap ErrInvalidDate", s, err)
			}
			if !d.IsZero() {
				t.Fatalf("Parse(%q) gave %v with an error", s, d)
			}
		} else {
			if !d.IsValid() {
				t.Fatalf("Parse(%q) = invalid %v", s, d)
			}
			// The format is strict, so a valid input is its own canonical form.
			if d.String() != s {
				t.Fatalf("Parse(%q).String() = %q", s, d.String())
			}
			again, err := Parse(d.String())
			if err != nil || again != d {
				t.Fatalf("round trip of %q: %v, %v", s, again, err)
			}
			y, m, day := d.Date()
			if o, err := Of(y, m, day); err != nil || o != d {
				t.Fatalf("Of(%d, %d, %d) = %v, %v; want %v", y, m, day, o, err, d)
			}
		}
		// The text and JSON decoders agree with Parse and never panic.
		var td Date
		terr := td.UnmarshalText([]byte(s))
		if s != "" && (terr == nil) != (err == nil) {
			t.Fatalf("UnmarshalText(%q) error %v, Parse error %v", s, terr, err)
		}
		var jd Date
		_ = jd.UnmarshalJSON([]byte(s))
		_ = jd.UnmarshalJSON([]byte(`"` + s + `"`))
	})
}

// fuzzCalendar builds a Spec from fuzz bytes: the first byte is the work
// week, and every following group of 4 bytes is a holiday at a signed
// offset of up to ±127 days around base, of up to 256 days, named or not.
func fuzzCalendar(spec []byte, base Date) Spec {
	s := Spec{HoursPerDay: 8}
	if len(spec) == 0 {
		return s
	}
	s.Workweek = Weekdays(spec[0])
	spec = spec[1:]
	for i := 0; i+4 <= len(spec) && len(s.Holidays) < 16; i += 4 {
		off := int(int8(spec[i]))
		h := Holiday{Date: base.AddDays(off)}
		if spec[i+1]&1 == 1 {
			h.Through = h.Date.AddDays(int(spec[i+2]))
		}
		if spec[i+3]&1 == 1 {
			h.Name = "fuzz"
		}
		if spec[i+3]&2 == 2 {
			s.Freezes = append(s.Freezes, Freeze{Name: "freeze", From: h.Date, Through: h.Last()})
			continue
		}
		s.Holidays = append(s.Holidays, h)
	}
	return s
}

func FuzzAddWorkdays(f *testing.F) {
	f.Add([]byte{byte(MondayToFriday), 2, 1, 10, 0}, int32(739000), int64(5))
	f.Add([]byte{byte(MondayToFriday)}, int32(1), int64(-1))
	f.Add([]byte{1}, int32(3652059), int64(1))
	f.Add([]byte{0}, int32(739000), int64(3))
	f.Add([]byte{0x80}, int32(739000), int64(3))
	f.Add([]byte{byte(AllWeek), 0, 1, 255, 1, 0x80, 1, 255, 0}, int32(739000), int64(-300))
	f.Add([]byte{byte(MondayToFriday)}, int32(739000), int64(-1<<63))
	f.Add([]byte{byte(MondayToFriday)}, int32(739000), int64(1<<63-1))
	f.Add([]byte{}, int32(0), int64(0))
	f.Fuzz(func(t *testing.T, spec []byte, day int32, n64 int64) {
		n := int(n64)
		var d Date
		if day != 0 {
			// Map day onto the whole valid range.
			span := int64(MaxDate.n)
			d = Date{n: int32((int64(day)%span+span)%span + 1)}
		}
		base := d
		if base.IsZero() {
			base = MustParse("2027-03-01")
		}
		s := fuzzCalendar(spec, base)
		c, err := New(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidCalendar) {
				t.Fatalf("New error %v does not wrap ErrInvalidCalendar", err)
			}
			if s.Workweek&AllWeek == 0 && !errors.Is(err, ErrNoWorkdays) {
				t.Fatalf("empty work week without ErrNoWorkdays: %v", err)
			}
			// Carry on with the zero Calendar, which is Standard.
			c = &Calendar{}
			s = Standard().Spec()
		}
		got, err := c.AddWorkdays(d, n)
		if err != nil {
			if !errors.Is(err, ErrOutOfRange) && !errors.Is(err, ErrInvalidDate) {
				t.Fatalf("AddWorkdays(%v, %d): unexpected error %v", d, n, err)
			}
			if !got.IsZero() {
				t.Fatalf("AddWorkdays(%v, %d) = %v with error %v", d, n, got, err)
			}
		}
		if d.IsZero() {
			if !errors.Is(err, ErrInvalidDate) {
				t.Fatalf("AddWorkdays(zero, %d) = %v, %v", n, got, err)
			}
			return
		}
		if n >= -60 && n <= 60 {
			want := naiveAdd(s, d, n)
			if want.IsZero() != (err != nil) || got != want {
				t.Fatalf("%+v\nAddWorkdays(%v, %d) = %v, %v; naive %v", s, d, n, got, err, want)
			}
		}
		if err != nil || n == 0 {
			return
		}
		if !c.IsWorkday(got) {
			t.Fatalf("AddWorkdays(%v, %d) = %v is not a workday", d, n, got)
		}
		if c.IsWorkday(d) {
			if back, err := c.AddWorkdays(got, -n); err != nil || back != d {
				t.Fatalf("AddWorkdays(AddWorkdays(%v, %d) = %v, %d) = %v, %v", d, n, got, -n, back, err)
			}
			if k := c.WorkdaysBetween(d, got); k != n {
				t.Fatalf("WorkdaysBetween(%v, %v) = %d, want %d", d, got, k, n)
			}
		}
	})
}

func FuzzCalendarJSON(f *testing.F) {
	f.Add([]byte(`{"name":"EMEA","workweek":["Mon","Tue","Wed","Thu","Fri"],"hoursPerDay":7.5,"holidays":[{"name":"Christmas","date":"2027-12-24","through":"2027-12-31"}]}`))
	f.Add([]byte(`{"workweek":[],"hoursPerDay":8}`))
	f.Add([]byte(`{"workweek":["sunday"],"hoursPerDay":24}`))
	f.Add([]byte(`{"workweek":["Mon"],"hoursPerDay":8,"holidays":[{"date":"9999-12-31"}]}`))
	f.Add([]byte(`{"workweek":["Mon"],"hoursPerDay":1e400}`))
	f.Add([]byte(`{"workweek":["Mon","Tue"],"hoursPerDay":8,"freezes":[{"name":"Q4 close","from":"2027-12-20","through":"2028-01-05"}]}`))
	f.Add([]byte(`{"workweek":["Mon"],"hoursPerDay":8,"freezes":[{"name":"","from":"2027-12-20","through":"2027-12-01"}]}`))
	f.Add([]byte(`{"workweek":["Mon"],"hoursPerDay":8,"freezes":[{"name":"x","from":"0001-01-01","through":"9999-12-31"}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"workweek":["Mon"],"hoursPerDay":8} []`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := Standard()
		if err := c.UnmarshalJSON(data); err != nil {
			if !c.Equal(Standard()) {
				t.Fatalf("calendar changed on error %v", err)
			}
			return
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal after a successful decode: %v", err)
		}
		var back Calendar
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("decoding our own output %s: %v", b, err)
		}
		if !back.Equal(c) {
			t.Fatalf("round trip of %s differs: %+v vs %+v", b, back.Spec(), c.Spec())
		}
		b2, err := json.Marshal(&back)
		if err != nil || string(b2) != string(b) {
			t.Fatalf("encoding not stable:\n%s\n%s", b, b2)
		}
		// Decoded calendars work.
		if _, err := c.AddWorkdays(MustParse("2027-03-01"), 10); err != nil && !errors.Is(err, ErrOutOfRange) {
			t.Fatal(err)
		}
	})
}
