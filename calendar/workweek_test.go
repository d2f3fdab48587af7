package calendar

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWeekdays(t *testing.T) {
	tests := []struct {
		w    Weekdays
		str  string
		json string
		len  int
	}{
		{0, "", `[]`, 0},
		{MondayToFriday, "Mon,Tue,Wed,Thu,Fri", `["Mon","Tue","Wed","Thu","Fri"]`, 5},
		{AllWeek, "Mon,Tue,Wed,Thu,Fri,Sat,Sun", `["Mon","Tue","Wed","Thu","Fri","Sat","Sun"]`, 7},
		{WeekdaysOf(time.Sunday, time.Saturday), "Sat,Sun", `["Sat","Sun"]`, 2},
		{WeekdaysOf(time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday), "Mon,Tue,Wed,Thu,Sun", `["Mon","Tue","Wed","Thu","Sun"]`, 5},
	}
	for _, tt := range tests {
		if got := tt.w.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
		if got := tt.w.Len(); got != tt.len {
			t.Errorf("%v.Len() = %d, want %d", tt.w, got, tt.len)
		}
		b, err := json.Marshal(tt.w)
		if err != nil || string(b) != tt.json {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.w, b, err, tt.json)
		}
		var back Weekdays = 0x55
		if err := json.Unmarshal(b, &back); err != nil || back != tt.w {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			want := false
			for _, x := range tt.w.Days() {
				want = want || x == d
			}
			if tt.w.Has(d) != want {
				t.Errorf("%v.Has(%v) = %v", tt.w, d, tt.w.Has(d))
			}
		}
	}
	if WeekdaysOf(time.Weekday(-1), time.Weekday(7), time.Monday) != WeekdaysOf(time.Monday) {
		t.Errorf("WeekdaysOf keeps out-of-range days")
	}
	if MondayToFriday.Has(time.Weekday(7)) || MondayToFriday.Has(time.Weekday(-1)) || AllWeek.Has(time.Weekday(200)) {
		t.Errorf("Has accepts out-of-range days")
	}
	if diff := cmp.Diff([]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, MondayToFriday.Days()); diff != "" {
		t.Errorf("Days() (-want +got):\n%s", diff)
	}
}

func TestWeekdaysUnmarshal(t *testing.T) {
	tests := []struct {
		in   string
		want Weekdays
		ok   bool
	}{
		{`["monday","TUESDAY","Wed"]`, WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday), true},
		{`["Sun"]`, WeekdaysOf(time.Sunday), true},
		{`[]`, 0, true},
		{`["Mon","Mon"]`, 0, false},
		{`["Mon","monday"]`, 0, false},
		{`["Funday"]`, 0, false},
		{`[""]`, 0, false},
		{`["Mo"]`, 0, false},
		{`[1]`, 0, false},
		{`"Mon"`, 0, false},
		{`31`, 0, false},
		{`{"Mon":true}`, 0, false},
		{`["Mon"`, 0, false},
	}
	for _, tt := range tests {
		w := AllWeek
		err := w.UnmarshalJSON([]byte(tt.in))
		if tt.ok {
			if err != nil || w != tt.want {
				t.Errorf("Unmarshal(%s) = %v, %v; want %v", tt.in, w, err, tt.want)
			}
			continue
		}
		if err == nil {
			t.Errorf("Unmarshal(%s) accepted: %v", tt.in, w)
		}
		if w != AllWeek {
			t.Errorf("Unmarshal(%s) changed the set on error to %v", tt.in, w)
		}
	}
}

func TestParseWeekday(t *testing.T) {
	for i, names := range [][]string{
		{"Sun", "sunday", "SUNDAY"},
		{"Mon", "Monday", "mon"},
		{"Tue", "tuesday"},
		{"Wed", "Wednesday"},
		{"Thu", "thursday"},
		{"Fri", "FRIDAY"},
		{"Sat", "saturday"},
	} {
		for _, n := range names {
			d, err := ParseWeekday(n)
			if err != nil || d != time.Weekday(i) {
				t.Errorf("ParseWeekday(%q) = %v, %v", n, d, err)
			}
		}
	}
	for _, n := range []string{"", "M", "Mond", "Thurs", "Someday", "7"} {
		if _, err := ParseWeekday(n); err == nil {
			t.Errorf("ParseWeekday(%q) accepted", n)
		}
	}
}
