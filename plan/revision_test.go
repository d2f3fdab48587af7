package plan_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
)

func TestSetRevisionTracker(t *testing.T) {
	p := plan.New("P", plan.Release{Product: "Contoso", Version: "1.0", Date: calendar.MustParse("2027-03-01")})
	ch := lifecycle.Change{By: "ana", At: time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)}
	if err := p.SetRevisionTracker(1, backlog.TrackerRef{System: "Azure Boards", ID: "7"}); !errors.Is(err, validation.ErrNotFound) {
		t.Fatalf("revision not reached: err = %v, want ErrNotFound", err)
	}
	if len(p.RevisionTrackers) != 0 {
		t.Fatalf("a refusal changed the plan: %v", p.RevisionTrackers)
	}
	p.Revise(ch)
	p.Revise(ch)
	for _, rev := range []int{2, 1} {
		if err := p.SetRevisionTracker(rev, backlog.TrackerRef{System: "Azure Boards", ID: "7" + string(rune('0'+rev))}); err != nil {
			t.Fatal(err)
		}
	}
	want := []plan.RevisionTracker{
		{Revision: 1, Tracker: backlog.TrackerRef{System: "Azure Boards", ID: "71"}},
		{Revision: 2, Tracker: backlog.TrackerRef{System: "Azure Boards", ID: "72"}},
	}
	if d := cmp.Diff(want, p.RevisionTrackers); d != "" {
		t.Fatalf("trackers (-want +got):\n%s", d)
	}
	if tr, ok := p.RevisionTracker(2); !ok || tr.ID != "72" {
		t.Fatalf("RevisionTracker(2) = %v, %v", tr, ok)
	}
	if err := p.SetRevisionTracker(1, backlog.TrackerRef{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.RevisionTracker(1); ok {
		t.Fatal("an empty reference did not remove revision 1's")
	}
	for _, rev := range []int{0, -1, 3} {
		if err := p.SetRevisionTracker(rev, backlog.TrackerRef{ID: "1"}); !errors.Is(err, validation.ErrNotFound) {
			t.Errorf("revision %d: err = %v, want ErrNotFound", rev, err)
		}
	}
	// Round trip.
	data, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := plan.Decode(data, plan.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(p.RevisionTrackers, q.RevisionTrackers); d != "" {
		t.Fatalf("round trip (-want +got):\n%s", d)
	}
	var nilPlan *plan.Plan
	if err := nilPlan.SetRevisionTracker(1, backlog.TrackerRef{}); err == nil {
		t.Fatal("nil plan accepted")
	}
}
