package sample_test

import (
	"testing"

	"github.com/rolloutkit/rollout/plan/sample"
)

// TestLevelSample levels the sample plan, whose deployment tasks follow
// the deployment calendar with its quarter-end freeze and whose trainings
// and marketing are placed as late as possible: the release date holds,
// no deployment work falls in the freeze, and the trainings end within
// weeks of the launch.
func TestLevelSample(t *testing.T) {
	p := build(t)
	l, err := p.Level()
	if err != nil {
		t.Fatal(err)
	}
	if !l.MeetsDeadline() || len(l.Missed()) != 0 {
		t.Errorf("levelled, the release work is ready on %s (release %s), missed %+v", l.Ready(), sample.ReleaseDate, l.Missed())
	}
	deploy, err := sample.DeploymentCalendar()
	if err != nil {
		t.Fatal(err)
	}
	n := p.LevelNetwork()
	trainings := 0
	for _, a := range n.Activities {
		tm, err := l.Timing(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Calendar == sample.DeploymentCalendarName {
			for d := tm.Start; !d.After(tm.Finish); d = d.AddDays(1) {
				if f, frozen := deploy.FreezeOn(d); frozen {
					t.Errorf("%s works %s..%s, inside the freeze %q", a.ID, tm.Start, tm.Finish, f.Name)
				}
			}
		}
		if len(a.ID) > 17 && a.ID[len(a.ID)-17:] == "/deliver-sessions" {
			trainings++
			if tm.Finish.DaysUntil(sample.ReleaseDate) > 42 {
				t.Errorf("training %s ends on %s, more than six weeks before the launch on %s", a.ID, tm.Finish, sample.ReleaseDate)
			}
		}
	}
	if trainings < 3 {
		t.Errorf("%d trainings levelled; the sample has more", trainings)
	}
}
