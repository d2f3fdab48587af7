package ical_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/plan/ical"
	"github.com/rolloutkit/rollout/plan/sample"
)

// The sample plan's launch as calendar programs receive it.
func ExampleMarshal() {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	b, err := ical.Marshal(context.Background(), p, ical.Options{
		Domain: "example.com",
		Stamp:  time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC),
	})
	if err != nil {
		panic(err)
	}
	for ev := range strings.SplitSeq(string(b), "BEGIN:VEVENT\r\n") {
		if strings.Contains(ev, "UID:launch.") {
			fmt.Print(strings.ReplaceAll(ev, "\r\n", "\n"))
		}
	}
	// Output:
	// UID:launch.contoso-ledger-4.0@example.com
	// DTSTAMP:20270301T090000Z
	// SEQUENCE:1
	// DTSTART;VALUE=DATE:20270415
	// DTEND;VALUE=DATE:20270416
	// SUMMARY:Launch of Contoso Ledger 4.0
	// CATEGORIES:launch
	// TRANSP:OPAQUE
	// END:VEVENT
}

func ExampleFold() {
	fmt.Printf("%q\n", ical.Fold("SUMMARY:"+ical.Escape("Road show; Berlin, Munich and Hamburg with demos of the new release")))
	// Output:
	// "SUMMARY:Road show\\; Berlin\\, Munich and Hamburg with demos of the new relea\r\n se\r\n"
}
