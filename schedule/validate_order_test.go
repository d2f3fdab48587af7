package schedule

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/validation"
)

// TestValidateProblemOrder pins the codes, paths and order of the problems
// of a network with many bad IDs and links at once: duplicates (an ID three
// times), empty IDs, unknown and missing ends, self-links through known and
// unknown IDs, bad types and lags, over more activities and links than one
// lookup batch.
func TestValidateProblemOrder(t *testing.T) {
	n := Network{Start: d("2027-01-04")}
	for i := range 300 {
		n.Activities = append(n.Activities, Activity{ID: fmt.Sprintf("t%d", i), Duration: 1})
	}
	n.Activities[7].ID = "t3"
	n.Activities[150].ID = ""
	n.Activities[299].ID = "t3"
	for i := range 299 {
		n.Dependencies = append(n.Dependencies, Dependency{From: fmt.Sprintf("t%d", i), To: fmt.Sprintf("t%d", i+1)})
	}
	n.Dependencies[5] = Dependency{From: "t5", To: "t5"}
	n.Dependencies[140] = Dependency{From: "nope", To: "nope"}
	n.Dependencies[200] = Dependency{From: "", To: "t201", Type: LinkType(9)}
	n.Dependencies[250] = Dependency{From: "t250", To: "", Lag: MaxLag + 1}
	err := n.Validate()
	var l validation.List
	if !errors.As(err, &l) {
		t.Fatalf("Validate() = %v, want a validation.List", err)
	}
	var got []string
	for _, e := range l.Unwrap() {
		var p *validation.Problem
		if !errors.As(e, &p) {
			t.Fatalf("problem %v is not a *validation.Problem", e)
		}
		got = append(got, string(p.Code)+" "+p.Path.String())
	}
	want := []string{
		"schedule.activity.id.duplicate activities[7].id",
		"schedule.activity.id.required activities[150].id",
		"schedule.activity.id.duplicate activities[299].id",
		"schedule.dependency.self dependencies[5]",
		"schedule.dependency.unknown dependencies[6].to",
		"schedule.dependency.unknown dependencies[7].from",
		"schedule.dependency.unknown dependencies[140].from",
		"schedule.dependency.unknown dependencies[140].to",
		"schedule.dependency.self dependencies[140]",
		"schedule.dependency.unknown dependencies[149].to",
		"schedule.dependency.unknown dependencies[150].from",
		"schedule.dependency.from.required dependencies[200].from",
		"schedule.dependency.type dependencies[200].type",
		"schedule.dependency.to.required dependencies[250].to",
		"schedule.dependency.lag.range dependencies[250].lag",
		"schedule.dependency.unknown dependencies[298].to",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
