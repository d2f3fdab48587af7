package risk_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

func rankingLog(t *testing.T) *risk.Log {
	t.Helper()
	var l risk.Log
	add := func(id string, p risk.Probability, i risk.Impact, sched int) {
		r := sampleRisk(id, p, i)
		r.ScheduleImpactWorkdays = sched
		mustAddRisk(t, &l, r)
	}
	add("R5", 40, 5, 3)  // 200
	add("R1", 50, 4, 3)  // 200, lower impact
	add("R3", 40, 5, 10) // 200, impact 5, more schedule impact
	add("R2", 40, 5, 3)  // 200, ties R5 but for ID
	add("R4", 90, 5, 0)  // 450
	add("R6", 5, 1, 0)   // 5
	return &l
}

func TestRanking(t *testing.T) {
	l := rankingLog(t)
	want := []string{"R4", "R3", "R2", "R5", "R1", "R6"}
	if diff := cmp.Diff(want, ids(l.Ranked())); diff != "" {
		t.Errorf("Ranked (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:3], ids(l.TopN(3))); diff != "" {
		t.Errorf("TopN(3) (-want +got):\n%s", diff)
	}
	if got := l.TopN(0); len(got) != 0 {
		t.Errorf("TopN(0) = %v", ids(got))
	}
	if got := l.TopN(100); len(got) != 6 {
		t.Errorf("TopN(100) gave %d", len(got))
	}
	if _, err := l.Transition("R4", workitem.Closed, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"R3", "R2"}, ids(l.TopN(2, risk.OpenRisk))); diff != "" {
		t.Errorf("TopN(2, open) (-want +got):\n%s", diff)
	}
	// Rank and CompareExposure agree with the log, whatever the input order.
	rs := l.Risks()
	slices.Reverse(rs)
	ranked := risk.Rank(rs)
	if diff := cmp.Diff(want, ids(ranked)); diff != "" {
		t.Errorf("Rank (-want +got):\n%s", diff)
	}
	if !slices.IsSortedFunc(ranked, risk.CompareExposure) {
		t.Error("Rank disagrees with CompareExposure")
	}
	for i := range ranked {
		for j := range ranked {
			c := risk.CompareExposure(ranked[i], ranked[j])
			if (c == 0) != (i == j) || (c < 0) != (i < j) {
				t.Fatalf("CompareExposure(%s, %s) = %d: not a total order", ranked[i].ID, ranked[j].ID, c)
			}
		}
	}
}

func TestMatrix(t *testing.T) {
	l := rankingLog(t)
	m, err := l.Matrix(risk.MatrixSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 5 || len(m.Cells[0]) != 5 {
		t.Fatalf("matrix is %dx%d", len(m.Cells), len(m.Cells[0]))
	}
	c, _ := m.Cell(2, 5) // 40% is band 2
	want := risk.Cell{Band: 2, Impact: 5, Score: 10, Zone: risk.Amber, Count: 3, IDs: []string{"R3", "R2", "R5"}}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("cell (2,5) (-want +got):\n%s", diff)
	}
	c, _ = m.Cell(5, 5)
	if c.Zone != risk.Red || c.Score != 25 || !cmp.Equal(c.IDs, []string{"R4"}) {
		t.Errorf("cell (5,5) = %+v", c)
	}
	c, _ = m.Cell(1, 1)
	if c.Zone != risk.Green || !cmp.Equal(c.IDs, []string{"R6"}) {
		t.Errorf("cell (1,1) = %+v", c)
	}
	if got := [3]int{m.Count(risk.Green), m.Count(risk.Amber), m.Count(risk.Red)}; got != [3]int{1, 4, 1} {
		t.Errorf("zone counts green/amber/red = %v", got)
	}
	if _, ok := m.Cell(6, 1); ok {
		t.Error("Cell(6,1) exists")
	}

	// Another organisation's cut and a 3-band scale.
	spec := risk.MatrixSpec{Bands: []risk.Probability{33, 66, 99}, Zones: risk.Zones{AmberFrom: 3, RedFrom: 10}}
	m, err = l.Matrix(spec, risk.RiskOwnedBy("ann"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 3 {
		t.Fatalf("%d rows", len(m.Cells))
	}
	c, _ = m.Cell(2, 5) // 40 and 50 percent are band 2 of 3
	if c.Score != 10 || c.Zone != risk.Red || c.Count != 3 {
		t.Errorf("cell (2,5) of 3 bands = %+v", c)
	}
	c, _ = m.Cell(2, 4)
	if !cmp.Equal(c.IDs, []string{"R1"}) || c.Zone != risk.Amber {
		t.Errorf("cell (2,4) of 3 bands = %+v", c)
	}
}

func TestMatrixSpecValidate(t *testing.T) {
	tests := []struct {
		spec risk.MatrixSpec
		want []string
	}{
		{risk.MatrixSpec{}, nil},
		{risk.DefaultMatrixSpec(), nil},
		{risk.MatrixSpec{Zones: risk.Zones{AmberFrom: 1, RedFrom: 25}}, nil},
		{risk.MatrixSpec{Zones: risk.Zones{AmberFrom: 10, RedFrom: 5}}, []string{"zones.redFrom matrix.zones.order"}},
		{risk.MatrixSpec{Zones: risk.Zones{AmberFrom: 5, RedFrom: 26}}, []string{"zones.redFrom matrix.zones.redFrom.range"}},
		{risk.MatrixSpec{Bands: []risk.Probability{50, 40, 99}}, []string{"bands[1] matrix.bands.order"}},
		{risk.MatrixSpec{Bands: []risk.Probability{50, 90}}, []string{"bands[1] matrix.bands.last"}},
		{risk.MatrixSpec{Bands: []risk.Probability{50, 99}, Zones: risk.Zones{AmberFrom: 5, RedFrom: 15}}, []string{"zones.redFrom matrix.zones.redFrom.range"}},
	}
	for i, tt := range tests {
		if diff := cmp.Diff(tt.want, codesAndPaths(t, tt.spec.Validate())); diff != "" {
			t.Errorf("case %d (-want +got):\n%s", i, diff)
		}
	}
	var l risk.Log
	if _, err := l.Matrix(tests[3].spec); err == nil {
		t.Error("Matrix accepted bad zones")
	}
	z := risk.Zones{}
	for score, want := range map[int]risk.Zone{0: 0, 1: risk.Green, 4: risk.Green, 5: risk.Amber, 14: risk.Amber, 15: risk.Red, 25: risk.Red} {
		if got := z.Zone(score); got != want {
			t.Errorf("default Zone(%d) = %v, want %v", score, got, want)
		}
	}
	d := risk.DefaultBands()
	d[0] = 1
	if risk.DefaultBands()[0] != 20 {
		t.Error("DefaultBands exposes package state")
	}
}

func TestNewMatrixUnassessed(t *testing.T) {
	rs := []risk.Risk{sampleRisk("R1", 30, 3), sampleRisk("R2", 0, 3), sampleRisk("R3", 30, 9)}
	m, err := risk.NewMatrix(risk.MatrixSpec{}, rs)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(m.Unassessed, []string{"R3", "R2"}) {
		t.Errorf("Unassessed = %v", m.Unassessed)
	}
	if c, _ := m.Cell(2, 3); c.Count != 1 {
		t.Errorf("cell (2,3) = %+v", c)
	}
}

func TestReviewAndProximity(t *testing.T) {
	var l risk.Log
	add := func(id, review string, prox risk.Proximity) {
		r := sampleRisk(id, 30, 3)
		r.NextReview = day(review)
		r.Proximity = prox
		mustAddRisk(t, &l, r)
	}
	add("R1", "2027-02-01", risk.ProximityOn(day("2027-02-10")))
	add("R2", "2027-01-20", risk.ProximityAt(risk.BeforeLaunch))
	add("R3", "2027-02-02", risk.ProximityAt(risk.AfterLaunch))
	add("R4", "2027-01-20", risk.ProximityAt(risk.AtLaunch))
	add("R5", "2027-01-10", risk.Proximity{})
	if _, err := l.Transition("R5", workitem.Closed, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"R2", "R4", "R1"}, ids(l.DueForReview(day("2027-02-01")))); diff != "" {
		t.Errorf("DueForReview (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"R2", "R4"}, ids(l.OverdueForReview(day("2027-02-01")))); diff != "" {
		t.Errorf("OverdueForReview (-want +got):\n%s", diff)
	}
	launch := day("2027-03-01")
	if diff := cmp.Diff([]string{"R1"}, ids(l.ProximityPassed(day("2027-02-11"), launch))); diff != "" {
		t.Errorf("ProximityPassed before launch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"R1", "R2", "R4"}, ids(l.ProximityPassed(day("2027-03-02"), launch))); diff != "" {
		t.Errorf("ProximityPassed after launch (-want +got):\n%s", diff)
	}
}

func TestIssueQueries(t *testing.T) {
	var l risk.Log
	add := func(id string, p risk.Priority, target string, f func(*risk.Issue)) {
		i := sampleIssue(id, p)
		i.TargetResolve = day(target)
		if f != nil {
			f(&i)
		}
		mustAddIssue(t, &l, i)
	}
	add("I1", 2, "2027-01-25", nil)
	add("I2", 1, "2027-01-30", func(i *risk.Issue) { i.Blocks.MilestoneIDs = []string{"M-launch"} })
	add("I3", 2, "2027-01-15", func(i *risk.Issue) { i.Escalation = risk.Escalation{Escalated: true, To: "cio", On: day("2027-01-12")} })
	add("I4", 1, "2027-01-12", func(i *risk.Issue) { i.Blocks.Launch = true })
	add("I5", 1, "2027-01-11", func(i *risk.Issue) {
		i.Blocks.Launch = true
		i.Escalation = risk.Escalation{Escalated: true, To: "cio"}
	})
	if _, err := l.Transition("I5", workitem.Closed, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Transition("I3", workitem.Active, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"I4", "I2", "I3", "I1"}, ids(l.OpenIssuesByPriority())); diff != "" {
		t.Errorf("OpenIssuesByPriority (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"I4", "I3"}, ids(l.OverdueIssues(day("2027-01-16")))); diff != "" {
		t.Errorf("OverdueIssues (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"I3"}, ids(l.EscalatedIssues())); diff != "" {
		t.Errorf("EscalatedIssues (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"I4"}, ids(l.BlockingLaunch())); diff != "" {
		t.Errorf("BlockingLaunch() (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"I4", "I2"}, ids(l.BlockingLaunch("M-launch"))); diff != "" {
		t.Errorf("BlockingLaunch(M-launch) (-want +got):\n%s", diff)
	}
}

func TestIteration(t *testing.T) {
	l := rankingLog(t)
	if _, err := l.Transition("R1", workitem.Active, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Fatal(err)
	}
	r := sampleRisk("R7", 20, 2)
	r.Category, r.Tags = "data-migration", []string{"db"}
	mustAddRisk(t, l, r)
	var got []string
	for _, r := range l.Risks(risk.RiskIn(workitem.Proposed), risk.RiskInCategory(risk.Vendor)) {
		got = append(got, r.ID)
	}
	if diff := cmp.Diff([]string{"R5", "R3", "R2", "R4", "R6"}, got); diff != "" {
		t.Errorf("Risks(filters) (-want +got):\n%s", diff)
	}
	got = nil
	for _, r := range l.Risks() {
		got = append(got, r.ID)
		if len(got) == 2 {
			break
		}
	}
	if !cmp.Equal(got, []string{"R5", "R1"}) {
		t.Errorf("early break gave %v", got)
	}
	got = nil
	for _, r := range l.Risks(risk.RiskTagged("db"), risk.RiskOnTask("T1"), risk.RiskOfKind(risk.Threat)) {
		r.TaskIDs[0] = "changed" // a copy
		got = append(got, r.ID)
	}
	if !cmp.Equal(got, []string{"R7"}) {
		t.Errorf("tag filter gave %v", got)
	}
	if again, _ := l.Risk("R7"); again.TaskIDs[0] != "T1" {
		t.Error("yielded value shares slices with the log")
	}
	r8 := sampleRisk("R8", 20, 2)
	r8.ScheduleImpactWorkdays = 0
	mustAddRisk(t, l, r8)
	r9 := sampleRisk("R9", 20, 2)
	r9.TaskIDs = nil
	mustAddRisk(t, l, r9)
	if n := len(l.Risks(risk.RiskAffectsSchedule)); n != 5 {
		t.Errorf("%d risks affect the schedule, want 5", n)
	}
	i := sampleIssue("I1", 3)
	i.RiskID = "R7"
	mustAddIssue(t, l, i)
	mustAddIssue(t, l, sampleIssue("I2", 3))
	if diff := cmp.Diff([]string{"I1"}, ids(l.Issues(risk.IssueFromRisk("R7"), risk.OpenIssue, risk.IssueOwnedBy("bob")))); diff != "" {
		t.Errorf("Issues(filters) (-want +got):\n%s", diff)
	}
	if n := len(l.Events()); n != 12 {
		t.Errorf("%d events, want 12", n)
	}
}

// TopN is the head of the full ranking, whatever n and the filters.
func TestTopNIsPrefixOfRanking(t *testing.T) {
	var l risk.Log
	for i := range 300 {
		// Few distinct figures, so that ties are common.
		r := sampleRisk(fmt.Sprintf("R%03d", (i*37)%300), risk.Probability(10+10*(i%3)), risk.Impact(1+i%5))
		r.ScheduleImpactWorkdays = i % 2
		mustAddRisk(t, &l, r)
		if i%4 == 0 {
			if _, err := l.Transition(r.ID, workitem.Closed, lifecycle.Change{By: testBy, At: testAt}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, open := range []bool{false, true} {
		var fs []risk.RiskFilter
		if open {
			fs = append(fs, risk.OpenRisk)
		}
		all := ids(l.Ranked(fs...))
		for _, n := range []int{0, 1, 2, 10, 63, 64, 65, 100, 224, 225, 300, 500} {
			want := all
			if n < len(all) {
				want = all[:n]
			}
			if diff := cmp.Diff(want, ids(l.TopN(n, fs...))); diff != "" {
				t.Errorf("TopN(%d, open=%v) (-want +got):\n%s", n, open, diff)
			}
		}
	}
}

// Every risk lands in exactly one cell, the one of its band and impact, and
// cells list their risks in ranking order.
func TestMatrixProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var rs []risk.Risk
	for i := range 500 {
		rs = append(rs, sampleRisk(fmt.Sprintf("R%d", i), risk.Probability(rng.IntN(101)), risk.Impact(rng.IntN(7))))
	}
	for _, spec := range []risk.MatrixSpec{{}, {Bands: []risk.Probability{10, 50, 99}}, {Bands: []risk.Probability{99}, Zones: risk.Zones{AmberFrom: 2, RedFrom: 5}}} {
		m, err := risk.NewMatrix(spec, rs)
		if err != nil {
			t.Fatal(err)
		}
		where := map[string][2]int{}
		total := 0
		for b, row := range m.Cells {
			for i, c := range row {
				if c.Band != b+1 || int(c.Impact) != i+1 || c.Score != c.Band*int(c.Impact) || c.Count != len(c.IDs) {
					t.Fatalf("cell %+v at [%d][%d]", c, b, i)
				}
				if c.Zone != m.Spec.Zones.Zone(c.Score) {
					t.Fatalf("cell %+v has zone %v", c, c.Zone)
				}
				total += c.Count
				for _, id := range c.IDs {
					if _, dup := where[id]; dup {
						t.Fatalf("%s in two cells", id)
					}
					where[id] = [2]int{c.Band, int(c.Impact)}
				}
			}
		}
		if total+len(m.Unassessed) != len(rs) {
			t.Fatalf("%d placed + %d unassessed != %d", total, len(m.Unassessed), len(rs))
		}
		rank := map[string]int{}
		for i, r := range risk.Rank(rs) {
			rank[r.ID] = i
		}
		for _, r := range rs {
			cell, placed := where[r.ID]
			valid := r.Probability.IsValid() && r.Impact.IsValid()
			if placed != valid {
				t.Fatalf("%s (p %d, i %d) placed = %v", r.ID, r.Probability, r.Impact, placed)
			}
			if placed && (cell[0] != m.Spec.Band(r.Probability) || cell[1] != int(r.Impact)) {
				t.Fatalf("%s in cell %v", r.ID, cell)
			}
		}
		for _, row := range m.Cells {
			for _, c := range row {
				if !slices.IsSortedFunc(c.IDs, func(a, b string) int { return rank[a] - rank[b] }) {
					t.Fatalf("cell %d/%d not in ranking order", c.Band, c.Impact)
				}
			}
		}
	}
}

// The copies Ranked returns are independent of each other and of the log.
func TestRankedCopiesIndependent(t *testing.T) {
	l := rankingLog(t)
	got := l.Ranked()
	got[0].Tags = append(got[0].Tags, "extra")
	got[0].TaskIDs[0] = "changed"
	if !cmp.Equal(got[1].TaskIDs, []string{"T1", "T2"}) || !cmp.Equal(got[1].Tags, []string{"training"}) {
		t.Errorf("neighbour changed: %v %v", got[1].TaskIDs, got[1].Tags)
	}
	if r, _ := l.Risk(got[0].ID); r.TaskIDs[0] != "T1" || len(r.Tags) != 1 {
		t.Errorf("log changed: %v %v", r.TaskIDs, r.Tags)
	}
}
