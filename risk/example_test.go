package risk_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func exampleLog() *risk.Log {
	var log risk.Log
	at := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	for _, r := range []risk.Risk{
		{ID: "R1", Title: "Trainers unavailable", Condition: "The vendor's trainers may be booked elsewhere",
			Consequence: "help desk training slips", Category: risk.Vendor, Probability: 40, Impact: risk.VeryHigh,
			ScheduleImpactWorkdays: 5, TaskIDs: []string{"T-train"}, Owner: "ann", NextReview: calendar.MustParse("2027-01-18"),
			Response: risk.Fallback, ContingencyPlan: "Train the trainers in-house", Trigger: "No confirmation by 1 February"},
		{ID: "R2", Title: "Press embargo broken", Condition: "A journalist may publish early",
			Consequence: "the launch message is lost", Category: risk.Market, Probability: 10, Impact: risk.High,
			Owner: "bea", NextReview: calendar.MustParse("2027-01-25")},
		{ID: "R3", Title: "Keynote slot at trade show", Kind: risk.Opportunity, Condition: "A keynote slot may open",
			Consequence: "a larger audience sees the demo", Category: "trade-shows", Probability: 30, Impact: risk.Medium,
			Response: risk.Exploit, Owner: "cy", NextReview: calendar.MustParse("2027-01-11")},
	} {
		if err := log.AddRisk(r, lifecycle.Change{By: "ann", At: at}); err != nil {
			panic(err)
		}
	}
	return &log
}

// Rank the open risks by exposure and look at the top two.
func ExampleLog_TopN() {
	log := exampleLog()
	for _, r := range log.TopN(2, risk.OpenRisk) {
		fmt.Printf("%s %s: %d%% x %d = %d\n", r.ID, r.Title, r.Probability, r.Impact, r.Exposure())
	}
	// Output:
	// R1 Trainers unavailable: 40% x 5 = 200
	// R3 Keynote slot at trade show: 30% x 3 = 90
}

// Move a risk through its CMMI lifecycle; a move the table does not allow
// is refused and changes nothing.
func ExampleLog_Transition() {
	log := exampleLog()
	ev, err := log.Transition("R2", workitem.Active, lifecycle.Change{By: "bea", At: time.Date(2027, 1, 20, 10, 0, 0, 0, time.UTC)})
	fmt.Println(ev.From, "->", ev.To, "for", ev.Reason, "by", ev.By, err)

	_, err = log.Transition("R2", workitem.Proposed, lifecycle.Change{By: testBy, At: testAt})
	fmt.Println(errors.Is(err, lifecycle.ErrInvalidTransition))
	fmt.Println(err)
	// Output:
	// Proposed -> Active for Mitigation Triggered by bea <nil>
	// true
	// risk R2: cannot move from Active to Proposed (allowed from Active: Resolved, Closed)
}

// A risk whose trigger fired becomes an issue.
func ExampleLog_Promote() {
	log := exampleLog()
	issue, err := log.Promote("R1", "I1", lifecycle.Change{By: "ann", At: time.Date(2027, 2, 2, 8, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	r, _ := log.Risk("R1")
	fmt.Println(issue.ID, "from", issue.RiskID, "priority", issue.Priority, "raised", issue.Raised, "blocks", issue.Blocks.TaskIDs)
	fmt.Println(r.ID, r.State, r.Reason, "issues", r.IssueIDs)
	for _, e := range log.History("R1") {
		fmt.Printf("%q -> %v (%s) %q\n", e.From.String(), e.To, e.Reason, e.Note)
	}
	// Output:
	// I1 from R1 priority P1 raised 2027-02-02 blocks [T-train]
	// R1 Active Mitigation Triggered issues [I1]
	// "" -> Proposed (New) ""
	// "Proposed" -> Active (Mitigation Triggered) "promoted to issue I1"
}

// Draw the probability by impact matrix with an organisation's own zones.
func ExampleLog_Matrix() {
	log := exampleLog()
	m, err := log.Matrix(risk.MatrixSpec{Zones: risk.Zones{AmberFrom: 4, RedFrom: 10}})
	if err != nil {
		panic(err)
	}
	for band := len(m.Cells); band >= 1; band-- {
		var row []string
		for impact := risk.VeryLow; impact <= risk.VeryHigh; impact++ {
			c, _ := m.Cell(band, impact)
			row = append(row, fmt.Sprintf("%-5s %d", c.Zone, c.Count))
		}
		fmt.Println(strings.Join(row, " | "))
	}
	fmt.Println("red:", m.Count(risk.Red), "amber:", m.Count(risk.Amber), "green:", m.Count(risk.Green))
	// Output:
	// amber 0 | red   0 | red   0 | red   0 | red   0
	// amber 0 | amber 0 | red   0 | red   0 | red   0
	// green 0 | amber 0 | amber 0 | red   0 | red   0
	// green 0 | amber 0 | amber 1 | amber 0 | red   1
	// green 0 | green 0 | green 0 | amber 1 | amber 0
	// red: 1 amber: 2 green: 0
}

// Find the risks due for review on a date.
func ExampleLog_DueForReview() {
	log := exampleLog()
	for _, r := range log.DueForReview(calendar.MustParse("2027-01-18")) {
		fmt.Println(r.ID, r.NextReview, r.Owner)
	}
	// Output:
	// R3 2027-01-11 cy
	// R1 2027-01-18 ann
}

// Validation reports every problem at once, with codes and paths.
func ExampleLog_Validate() {
	doc := exampleLog().Document()
	doc.Risks[1].Probability = 120
	doc.Risks[2].Response = risk.Avoid
	var log risk.Log
	err := log.Load(doc)
	var list validation.List
	if errors.As(err, &list) {
		for _, p := range list {
			fmt.Println(p.Path, p.Code)
		}
	}
	fmt.Println(errors.Is(err, validation.ErrOutOfRange))
	// Output:
	// risks[1].probability risk.probability.range
	// risks[2].response risk.response.kind
	// true
}

// A company adds its own reasons to the CMMI tables.
func ExampleLog_SetLifecycles() {
	custom, err := risk.RiskLifecycle().WithReasons(workitem.Proposed, workitem.Closed, "Transferred to Vendor")
	if err != nil {
		panic(err)
	}
	log := exampleLog()
	if err := log.SetLifecycles(custom, nil); err != nil {
		panic(err)
	}
	ev, err := log.Transition("R2", workitem.Closed, lifecycle.Change{By: testBy, At: testAt, Reason: "Transferred to Vendor"})
	fmt.Println(ev.To, ev.Reason, err)
	// Output:
	// Closed Transferred to Vendor <nil>
}

// Open issues, most urgent first, and those blocking the launch.
func ExampleLog_OpenIssuesByPriority() {
	var log risk.Log
	for _, i := range []risk.Issue{
		{ID: "I1", Title: "Demo server down", Priority: 2, Owner: "bob"},
		{ID: "I2", Title: "Press kit not approved", Priority: 1, Owner: "bea", Blocks: risk.Blocks{MilestoneIDs: []string{"M-launch"}}},
		{ID: "I3", Title: "Typo in help article", Priority: 4, Owner: "cy"},
	} {
		if err := log.AddIssue(i, lifecycle.Change{By: testBy, At: testAt}); err != nil {
			panic(err)
		}
	}
	for _, i := range log.OpenIssuesByPriority() {
		fmt.Println(i.Priority, i.ID, i.Title)
	}
	fmt.Println("blocking launch:", len(log.BlockingLaunch("M-launch")))
	// Output:
	// P1 I2 Press kit not approved
	// P2 I1 Demo server down
	// P4 I3 Typo in help article
	// blocking launch: 1
}
