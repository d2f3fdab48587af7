// Command quickstart builds the sample rollout plan for a fictional product
// release from built-in data and prints a summary. It is the project's main
// job: go run ./examples/quickstart
package main

import (
	"fmt"
	"os"

	"github.com/rolloutkit/rollout/calendar"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error {
	cal, err := calendar.New(calendar.Spec{
		Name:        "Contoso HQ",
		Workweek:    calendar.MondayToFriday,
		HoursPerDay: 8,
		Holidays: []calendar.Holiday{
			{Name: "Good Friday", Date: calendar.MustParse("2027-03-26")},
			{Name: "Easter Monday", Date: calendar.MustParse("2027-03-29")},
		},
	})
	if err != nil {
		return err
	}
	release := calendar.MustParse("2027-04-15")
	kickoff := calendar.MustParse("2027-01-11")
	fmt.Printf("Release date: %s (%s)\n", release, release.Weekday())
	fmt.Printf("Workdays from kickoff %s to release: %d\n", kickoff, cal.WorkdaysBetween(kickoff, release))
	return nil
}
