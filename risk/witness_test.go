package risk_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/risk"
)

// The tests of this file pin conditions that the mutation run on package
// risk (gremlins, see the README) found no test to notice when flipped.
//
// The mutants that survive are equivalent: no caller can tell them apart.
//   - rankedKeys (query.go): n >= 0 -> n > 0 and n <= smallTop -> n <
//     smallTop or n > smallTop only choose between the sorted buffer and
//     the full sort, which give the same keys; len(filters) > 0 -> >= 0
//     calls matchRisk with no filter, which is true; compareKeys(...) >= 0
//     -> > 0: compareKeys is 0 only for the same position, never met;
//     len(top) > n -> >= n and n < len(keys) -> <= cut to the length the
//     slice already has; n >= 0 -> n > 0 in the full sort: n is 0 there
//     only after the buffer's path was taken.
//   - validateIDs (logvalidate.go): the map's size hint (a sum) as a
//     difference only sizes the map; a negative hint is taken as 0.
//   - checkIDs (validate.go): len(ids) > 16 -> >= 16 or <= 16 only chooses
//     between a map and a scan of the earlier entries to find duplicates.

func TestEscalationIsZero(t *testing.T) {
	tests := []struct {
		name string
		e    risk.Escalation
		want bool
	}{
		{"none", risk.Escalation{}, true},
		{"flag", risk.Escalation{Escalated: true}, false},
		{"to", risk.Escalation{To: "ipmo"}, false},
		{"on", risk.Escalation{On: calendar.MustParse("2027-02-01")}, false},
	}
	for _, tt := range tests {
		if got := tt.e.IsZero(); got != tt.want {
			t.Errorf("%s: Escalation%+v.IsZero() = %v, want %v", tt.name, tt.e, got, tt.want)
		}
	}
}

func TestBlocksIsZero(t *testing.T) {
	tests := []struct {
		name string
		b    risk.Blocks
		want bool
	}{
		{"nothing", risk.Blocks{}, true},
		{"empty lists", risk.Blocks{TaskIDs: []string{}, RequirementIDs: []string{}, MilestoneIDs: []string{}}, true},
		{"launch", risk.Blocks{Launch: true}, false},
		{"task", risk.Blocks{TaskIDs: []string{"T1"}}, false},
		{"requirement", risk.Blocks{RequirementIDs: []string{"REQ-1"}}, false},
		{"milestone", risk.Blocks{MilestoneIDs: []string{"LAUNCH"}}, false},
	}
	for _, tt := range tests {
		if got := tt.b.IsZero(); got != tt.want {
			t.Errorf("%s: Blocks%+v.IsZero() = %v, want %v", tt.name, tt.b, got, tt.want)
		}
	}
}

// TestRankedCopiesEveryList: Ranked and TopN copy each list of each risk
// whatever the mix of lists (the copies share one buffer sized from the
// lists' lengths summed), and the copies equal the log's risks: ranked
// all together, and each alone.
func TestRankedCopiesEveryList(t *testing.T) {
	var l risk.Log
	only := func(id string, edit func(r *risk.Risk)) {
		r := sampleRisk(id, 40, risk.High)
		r.TaskIDs, r.RequirementIDs, r.IssueIDs, r.Tags = nil, nil, nil, nil
		edit(&r)
		mustAddRisk(t, &l, r)
	}
	only("R1", func(r *risk.Risk) { r.TaskIDs = []string{"T1", "T2"} })
	only("R2", func(r *risk.Risk) { r.RequirementIDs = []string{"REQ-1", "REQ-2"} })
	only("R3", func(r *risk.Risk) { r.Tags = []string{"vendor", "training"} })
	only("R4", func(r *risk.Risk) {})
	only("R5", func(r *risk.Risk) {})
	if _, err := l.Promote("R5", "I1", ch("ann", "2027-01-11T09:00:00Z", "")); err != nil {
		t.Fatal(err)
	}
	if r, _ := l.Risk("R5"); !cmp.Equal(r.IssueIDs, []string{"I1"}) {
		t.Fatalf("R5 links issues %v, want [I1]", r.IssueIDs)
	}
	if err := l.Validate(); err != nil {
		t.Fatalf("log does not validate: %v", err)
	}
	all := l.Risks() // the risks tie: ranked by ID, as added
	for name, got := range map[string][]risk.Risk{"Ranked": l.Ranked(), "TopN(3)": l.TopN(3), "TopN(100)": l.TopN(100)} {
		want := all
		if name == "TopN(3)" {
			want = all[:3]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-Risks +got):\n%s", name, diff)
		}
	}
	for _, r := range all {
		alone := func(x risk.Risk) bool { return x.ID == r.ID }
		if diff := cmp.Diff([]risk.Risk{r}, l.Ranked(alone)); diff != "" {
			t.Errorf("Ranked(only %s) (-want +got):\n%s", r.ID, diff)
		}
		if diff := cmp.Diff([]risk.Risk{r}, l.TopN(100, alone)); diff != "" {
			t.Errorf("TopN(100, only %s) (-want +got):\n%s", r.ID, diff)
		}
	}
}

// TestTextOfValuesOutOfRange: the String of a value past the last name
// spells the number rather than panicking, and the last named value has
// its name.
func TestTextOfValuesOutOfRange(t *testing.T) {
	tests := []struct {
		got  fmt.Stringer
		want string
	}{
		{risk.Opportunity, "opportunity"},
		{risk.Kind(2), "Kind(2)"},
		{risk.VeryHigh, "very high"},
		{risk.Impact(6), "Impact(6)"},
		{risk.AfterLaunch, "after-launch"},
		{risk.LaunchPhase(4), "LaunchPhase(4)"},
		{risk.Red, "red"},
		{risk.Zone(4), "Zone(4)"},
	}
	for _, tt := range tests {
		if got := tt.got.String(); got != tt.want {
			t.Errorf("%T(%v): String() = %q, want %q", tt.got, tt.want, got, tt.want)
		}
	}
}

// TestCategoryLength: a category of 64 bytes is valid, one of 65 is not.
func TestCategoryLength(t *testing.T) {
	for n, want := range map[int]bool{63: true, 64: true, 65: false} {
		c := risk.Category(strings.Repeat("a", n))
		if got := c.IsValid(); got != want {
			t.Errorf("a category of %d bytes: IsValid() = %v, want %v", n, got, want)
		}
	}
}

// TestCurrencyLetterBounds: A and Z are letters of a currency code, the
// characters next to them are not.
func TestCurrencyLetterBounds(t *testing.T) {
	for code, want := range map[string]bool{"ZAR": true, "AUD": true, "AZA": true, "@UD": false, "ZA[": false} {
		if got := risk.ValidCurrency(code); got != want {
			t.Errorf("ValidCurrency(%q) = %v, want %v", code, got, want)
		}
	}
}

// TestProximityAtEveryPhase: each phase gives a proximity holding it; a
// phase outside the three gives the zero Proximity.
func TestProximityAtEveryPhase(t *testing.T) {
	for _, ph := range []risk.LaunchPhase{risk.BeforeLaunch, risk.AtLaunch, risk.AfterLaunch} {
		if p := risk.ProximityAt(ph); p.Phase() != ph || p.IsZero() {
			t.Errorf("ProximityAt(%v) = %v (phase %v)", ph, p, p.Phase())
		}
	}
	for _, ph := range []risk.LaunchPhase{0, risk.AfterLaunch + 1} {
		if p := risk.ProximityAt(ph); !p.IsZero() {
			t.Errorf("ProximityAt(%d) = %v, want the zero Proximity", ph, p)
		}
	}
}

// TestErrorQuotesShortTextWhole: an error quotes bad text of up to 40
// bytes whole, and longer text cut to 40 bytes and "...".
func TestErrorQuotesShortTextWhole(t *testing.T) {
	for _, n := range []int{40, 41} {
		text := "X" + strings.Repeat("x", n-1) // upper case: not a category
		var c risk.Category
		err := c.UnmarshalText([]byte(text))
		quoted := text
		if n > 40 {
			quoted = text[:40] + "..."
		}
		want := fmt.Sprintf("risk: invalid category %q (want a lower-case kebab-case word such as %q)", quoted, risk.LegalAndCompliance)
		if err == nil || err.Error() != want {
			t.Errorf("%d bytes: UnmarshalText = %v, want %s", n, err, want)
		}
	}
}

// TestIDLength: an ID of 128 bytes is valid, one of 129 is not.
func TestIDLength(t *testing.T) {
	for n, want := range map[int][]string{128: nil, 129: {"id risk.id.invalid"}} {
		var l risk.Log
		err := l.AddRisk(sampleRisk(strings.Repeat("R", n), 40, risk.High), ch("ann", "2027-01-04T09:00:00Z", ""))
		if diff := cmp.Diff(want, codesAndPaths(t, err)); diff != "" {
			t.Errorf("AddRisk with an ID of %d bytes (-want +got):\n%s", n, diff)
		}
	}
}

// TestIssueRiskIDChecked: an issue's risk ID is checked as an ID (an empty
// one names no risk and is fine).
func TestIssueRiskIDChecked(t *testing.T) {
	for id, want := range map[string][]string{
		"":                       nil,
		"R1":                     nil,
		" R1":                    {"riskId issue.riskId.invalid"},
		strings.Repeat("R", 129): {"riskId issue.riskId.invalid"},
	} {
		is := sampleIssue("I1", 2)
		is.RiskID = id
		var got []string
		for _, p := range is.ValidateList() {
			if p.Path.String() == "riskId" {
				got = append(got, p.Path.String()+" "+string(p.Code))
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("AddIssue with risk ID %q (-want +got):\n%s", id, diff)
		}
	}
}

// TestCostOfZeroAccepted: a cost impact of 0 in a currency is not
// negative; -1 is.
func TestCostOfZeroAccepted(t *testing.T) {
	for units, want := range map[int64][]string{0: nil, 1: nil, -1: {"costImpact.minorUnits risk.costImpact.minorUnits.range"}} {
		r := sampleRisk("R1", 40, risk.High)
		r.CostImpact = risk.Cost{MinorUnits: units, Currency: "EUR"}
		var l risk.Log
		err := l.AddRisk(r, ch("ann", "2027-01-04T09:00:00Z", ""))
		if diff := cmp.Diff(want, codesAndPaths(t, err)); diff != "" {
			t.Errorf("AddRisk with a cost impact of %d EUR (-want +got):\n%s", units, diff)
		}
	}
}
