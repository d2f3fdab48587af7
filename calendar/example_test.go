package calendar_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/calendar"
)

func ExampleParse() {
	d, err := calendar.Parse("2027-03-01")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d, d.Weekday())

	_, err = calendar.Parse("2027-02-30")
	fmt.Println(errors.Is(err, calendar.ErrInvalidDate))
	// Output:
	// 2027-03-01 Monday
	// true
}

func ExampleDate_AddDays() {
	d := calendar.MustParse("2024-02-28")
	fmt.Println(d.AddDays(1), d.AddDays(2), d.AddDays(-59))
	fmt.Println(d.DaysUntil(calendar.MustParse("2025-02-28")))
	// Output:
	// 2024-02-29 2024-03-01 2023-12-31
	// 366
}

func ExampleCalendar_AddWorkdays() {
	cal := calendar.Standard() // Monday to Friday
	friday := calendar.MustParse("2027-03-05")

	next, _ := cal.AddWorkdays(friday, 1)
	back, _ := cal.AddWorkdays(friday, -5)
	fmt.Println(next, next.Weekday())
	fmt.Println(back, back.Weekday())

	_, err := cal.AddWorkdays(calendar.MaxDate, 1)
	fmt.Println(errors.Is(err, calendar.ErrOutOfRange))
	// Output:
	// 2027-03-08 Monday
	// 2027-02-26 Friday
	// true
}

func ExampleNew() {
	cal, err := calendar.New(calendar.Spec{
		Name:        "EMEA",
		Workweek:    calendar.MondayToFriday,
		HoursPerDay: 7.5,
		Holidays: []calendar.Holiday{
			{Name: "Christmas shutdown", Date: calendar.MustParse("2027-12-24"), Through: calendar.MustParse("2027-12-31")},
			{Name: "Labour Day", Date: calendar.MustParse("2027-05-01")}, // a Saturday: costs no workday
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := calendar.MustParse("2027-12-23")
	next, _ := cal.NextWorkday(d)
	h, _ := cal.HolidayOn(d.AddDays(1))
	fmt.Println(next, h.Name)

	_, err = calendar.New(calendar.Spec{Name: "never", HoursPerDay: 8})
	fmt.Println(errors.Is(err, calendar.ErrNoWorkdays))
	// Output:
	// 2028-01-03 Christmas shutdown
	// true
}

func ExampleCalendar_WorkdaysBetween() {
	cal := calendar.Standard()
	start := calendar.MustParse("2027-03-01")
	launch := calendar.MustParse("2027-04-01")

	n := cal.WorkdaysBetween(start, launch) // start counted, launch not
	fmt.Println(n, cal.WorkHours(start, launch))

	back, _ := cal.AddWorkdays(start, n)
	fmt.Println(back)
	// Output:
	// 23 184
	// 2027-04-01
}

func ExampleFromTime() {
	instant := time.Date(2027, 3, 1, 22, 0, 0, 0, time.UTC)
	tokyo := time.FixedZone("JST", 9*60*60)

	fmt.Println(calendar.FromTime(instant))
	fmt.Println(calendar.FromTime(instant.In(tokyo)))
	fmt.Println(calendar.MustParse("2027-03-02").In(tokyo))
	// Output:
	// 2027-03-01
	// 2027-03-02
	// 2027-03-02 00:00:00 +0900 JST
}

func ExampleCalendar_UnmarshalJSON() {
	var cal calendar.Calendar
	err := json.Unmarshal([]byte(`{
		"name": "Gulf",
		"workweek": ["Sun", "Mon", "Tue", "Wed", "Thu"],
		"hoursPerDay": 8,
		"holidays": [{"name": "Eid", "date": "2027-03-09", "through": "2027-03-11"}]
	}`), &cal)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := cal.NextWorkday(calendar.MustParse("2027-03-08"))
	fmt.Println(cal.Name(), cal.Workweek(), d, d.Weekday())

	err = json.Unmarshal([]byte(`{"workweek":[],"hoursPerDay":8}`), &cal)
	fmt.Println(errors.Is(err, calendar.ErrNoWorkdays))
	// Output:
	// Gulf Mon,Tue,Wed,Thu,Sun 2027-03-14 Sunday
	// true
}

func ExampleDate_MarshalJSON() {
	type milestone struct {
		Name string        `json:"name"`
		Due  calendar.Date `json:"due"`
		Done calendar.Date `json:"done,omitzero"`
	}
	b, _ := json.Marshal([]milestone{
		{Name: "code complete", Due: calendar.MustParse("2027-03-01")},
		{Name: "launch"},
	})
	fmt.Println(string(b))
	// Output:
	// [{"name":"code complete","due":"2027-03-01"},{"name":"launch","due":null}]
}

// A deployment calendar with a quarter-end change freeze: nothing on it is
// worked inside the window, and FreezeOn names the window that covers a
// date.
func ExampleFreeze() {
	deploy, err := calendar.New(calendar.Spec{
		Name: "deployment", Workweek: calendar.MondayToFriday, HoursPerDay: 8,
		Freezes: []calendar.Freeze{{Name: "Q1 close", From: calendar.MustParse("2027-03-25"), Through: calendar.MustParse("2027-04-02")}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	cutover := calendar.MustParse("2027-03-29")
	if f, ok := deploy.FreezeOn(cutover); ok {
		fmt.Printf("%s is inside %q (%s to %s)\n", cutover, f.Name, f.From, f.Through)
	}
	next, _ := deploy.RollForward(cutover)
	fmt.Println("first deployment day:", next)
	// Output:
	// 2027-03-29 is inside "Q1 close" (2027-03-25 to 2027-04-02)
	// first deployment day: 2027-04-05
}
