// Package calendar provides civil dates and working-day calendars, the
// leaf on which every rollout package builds.
//
// A [Date] is a day with no time and no zone (a release date, a training
// day). Its zero value means "no date". Dates parse and format as ISO 8601
// (2027-03-01), marshal to JSON and text, and convert to and from time.Time
// in a given location.
//
// A [Calendar] says which days are worked: the worked days of the week, the
// holidays (single days and named ranges), the freeze windows and the hours
// in a workday. Build
// one from a [Spec] with [New], or take [Standard] (Monday to Friday, 8
// hours). Calendars count and add workdays in time logarithmic in the
// number of holidays, whatever the distance, so they stay fast over years.
//
// A [Freeze] is a named blackout range (a change freeze, a quarter-end
// close): its days are not worked, as holidays are not, and
// [Calendar.FreezeOn] tells which window covers a date, so that a caller
// holding a fixed date inside one reports it instead of moving it. A window
// is at most [MaxFreezeRange] days long, so a calendar with a work week
// always has workdays outside its freezes.
//
// Workdays are counted in half-open ranges: WorkdaysBetween(a, b) counts the
// workdays d with a <= d < b, and AddWorkdays(d, n) returns the n-th workday
// after d. For workdays a and b, AddWorkdays(a, WorkdaysBetween(a, b)) == b.
//
// Bad input gets an error wrapping [ErrInvalidDate], [ErrOutOfRange],
// [ErrInvalidCalendar] or [ErrNoWorkdays]; nothing in this package panics
// on input (MustParse, for literals, aside) or loops without end.
package calendar
