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

// The days the sample's ring 1 is deployed, past the point of no
// return, as calendar programs receive them.
func ExampleMarshal_waveDeployment() {
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
		if strings.Contains(ev, "UID:wave%2FW3-ring1%2Fdeploy.") {
			// Unfold the long lines, and break the description at its
			// escaped line breaks, for reading.
			ev = strings.ReplaceAll(strings.ReplaceAll(ev, "\r\n ", ""), "\r\n", "\n")
			fmt.Print(strings.ReplaceAll(ev, `\n`, "\n  "))
		}
	}
	// Output:
	// UID:wave%2FW3-ring1%2Fdeploy.contoso-ledger-4.0@example.com
	// DTSTAMP:20270301T090000Z
	// SEQUENCE:1
	// DTSTART;VALUE=DATE:20270416
	// DTEND;VALUE=DATE:20270420
	// SUMMARY:Deploy wave W3-ring1: Ring 1: North American hosted tenants
	// DESCRIPTION:Deploy wave W3-ring1 (broad) to North American hosted tenants (100 customers\, 25 %).
	//   Rollback: Past the point of no return: fix forward with a 4.0 hotfix (runbook HOST-FF-4)\; no way back to 3.8 (decided by Head of Hosting Operations)
	//   Past the point of no return: it cannot be rolled back.
	//   Customers noticed on 2027-03-09 (REQ-24/notice-W3-ring1).
	// CATEGORIES:deploy
	// TRANSP:OPAQUE
	// END:VEVENT
}
