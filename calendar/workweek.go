package calendar

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Weekdays is a set of days of the week, such as the days a calendar works.
// The zero value is the empty set.
type Weekdays uint8

// Common sets of weekdays.
const (
	// MondayToFriday is the standard working week.
	MondayToFriday Weekdays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday
	// AllWeek is every day of the week.
	AllWeek Weekdays = 1<<7 - 1
)

// WeekdaysOf returns the set holding the given days.
func WeekdaysOf(days ...time.Weekday) Weekdays {
	var w Weekdays
	for _, d := range days {
		if d >= time.Sunday && d <= time.Saturday {
			w |= 1 << d
		}
	}
	return w
}

// Has reports whether the set holds day.
func (w Weekdays) Has(day time.Weekday) bool {
	return day >= time.Sunday && day <= time.Saturday && w&(1<<day) != 0
}

// Len returns how many days the set holds.
func (w Weekdays) Len() int {
	n := 0
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w.Has(d) {
			n++
		}
	}
	return n
}

var shortDays = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// Days returns the days of the set from Monday to Sunday.
func (w Weekdays) Days() []time.Weekday {
	var out []time.Weekday
	for i := 1; i <= 7; i++ {
		d := time.Weekday(i % 7)
		if w.Has(d) {
			out = append(out, d)
		}
	}
	return out
}

// String lists the days from Monday, such as "Mon,Tue,Wed,Thu,Fri".
func (w Weekdays) String() string {
	var names []string
	for _, d := range w.Days() {
		names = append(names, shortDays[d])
	}
	return strings.Join(names, ",")
}

// ParseWeekday reads a day name, short ("Mon") or long ("Monday"), in any
// case.
func ParseWeekday(s string) (time.Weekday, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for i, n := range shortDays {
		long := strings.ToLower(time.Weekday(i).String())
		if t == strings.ToLower(n) || t == long {
			return time.Weekday(i), nil
		}
	}
	return 0, fmt.Errorf("calendar: unknown weekday %q", truncate(s))
}

// MarshalJSON writes the set as a list of short day names.
func (w Weekdays) MarshalJSON() ([]byte, error) {
	names := []string{}
	for _, d := range w.Days() {
		names = append(names, shortDays[d])
	}
	return json.Marshal(names)
}

// UnmarshalJSON reads a list of day names, short or long. A repeated day is
// an error. On error w is left unchanged.
func (w *Weekdays) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return fmt.Errorf("calendar: weekdays must be a list of day names: %w", err)
	}
	var set Weekdays
	for _, n := range names {
		d, err := ParseWeekday(n)
		if err != nil {
			return err
		}
		if set.Has(d) {
			return fmt.Errorf("calendar: weekday %s listed twice", d)
		}
		set |= 1 << d
	}
	*w = set
	return nil
}
