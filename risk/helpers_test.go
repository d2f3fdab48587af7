package risk_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

var day = calendar.MustParse

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ch(by, when string, reason lifecycle.Reason) lifecycle.Change {
	return lifecycle.Change{By: by, At: at(when), Reason: reason}
}

// sampleRisk returns a valid threat with the given ID, probability and
// impact.
func sampleRisk(id string, p risk.Probability, i risk.Impact) risk.Risk {
	return risk.Risk{
		ID:                     id,
		Title:                  "Trainers unavailable " + id,
		Condition:              "The vendor's trainers may be booked elsewhere",
		Consequence:            "help desk training slips past launch",
		Category:               risk.Vendor,
		Probability:            p,
		Impact:                 i,
		ScheduleImpactWorkdays: 5,
		CostImpact:             risk.Cost{MinorUnits: 1_500_000, Currency: "EUR"},
		Proximity:              risk.ProximityAt(risk.BeforeLaunch),
		Response:               risk.Reduce,
		MitigationPlan:         "Book two trainers now",
		ContingencyPlan:        "Train the trainers in-house",
		Trigger:                "No confirmation by 2027-02-01",
		Owner:                  "ann",
		Raised:                 day("2027-01-04"),
		NextReview:             day("2027-01-18"),
		TaskIDs:                []string{"T1", "T2"},
		RequirementIDs:         []string{"REQ-7"},
		Tags:                   []string{"training"},
	}
}

func sampleIssue(id string, p risk.Priority) risk.Issue {
	return risk.Issue{
		ID:            id,
		Title:         "Demo environment down " + id,
		Description:   "The sales demo environment fails to start",
		Priority:      p,
		Owner:         "bob",
		Raised:        day("2027-01-10"),
		TargetResolve: day("2027-01-20"),
		Blocks:        risk.Blocks{TaskIDs: []string{"T9"}},
	}
}

func mustAddRisk(t testing.TB, l *risk.Log, r risk.Risk) {
	t.Helper()
	if err := l.AddRisk(r, ch("ann", "2027-01-04T09:00:00Z", "")); err != nil {
		t.Fatalf("AddRisk(%s): %v", r.ID, err)
	}
}

func mustAddIssue(t testing.TB, l *risk.Log, i risk.Issue) {
	t.Helper()
	if err := l.AddIssue(i, ch("bob", "2027-01-10T09:00:00Z", "")); err != nil {
		t.Fatalf("AddIssue(%s): %v", i.ID, err)
	}
}

// codesAndPaths lists "path code" for every problem in err.
func codesAndPaths(t testing.TB, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var l validation.List
	if !errors.As(err, &l) {
		t.Fatalf("error %v (%T) is not a validation.List", err, err)
	}
	out := make([]string, len(l))
	for i, p := range l {
		out[i] = p.Path.String() + " " + string(p.Code)
	}
	return out
}

// blocking lists only the blocking problems of err as "path code".
func blocking(t testing.TB, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var l validation.List
	if !errors.As(err, &l) {
		t.Fatalf("error %v (%T) is not a validation.List", err, err)
	}
	return codesAndPaths(t, l.Blocking().Err())
}

func ids[T interface{ risk.Risk | risk.Issue }](xs []T) []string {
	out := []string{}
	for _, x := range xs {
		switch v := any(x).(type) {
		case risk.Risk:
			out = append(out, v.ID)
		case risk.Issue:
			out = append(out, v.ID)
		}
	}
	return out
}

func docDiff(a, b *risk.Log) string {
	return cmp.Diff(a.Document(), b.Document())
}

var _ = workitem.Proposed

func calendar0() calendar.Date { return calendar.Date{} }

// listErr is l as an error, nil when l is empty: the problems of a
// ValidateList, warnings included, for the helpers that take an error.
func listErr(l validation.List) error {
	if len(l) == 0 {
		return nil
	}
	return l
}
