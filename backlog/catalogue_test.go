package backlog_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
)

func TestDefaultCatalogueCoversTheActivity(t *testing.T) {
	c := backlog.DefaultCatalogue()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	// Every need the activity and the issue name, by group.
	want := map[backlog.Group][]backlog.Category{
		backlog.GroupTraining: {"sales-training", "support-training", "field-service-training", "operations-training", "trainer-training"},
		backlog.GroupMarketing: {"marketing-plan", "marketing-collateral", "product-launch", "marketing-communications", "press-releases",
			"trade-shows", "exhibitions", "road-shows", "product-demos"},
		backlog.GroupDeployment: {"environment-readiness", "deployment-waves", "data-migration", "cutover", "rollback", "support-handoff",
			"documentation", "licensing-legal", "maintenance-notices", "status-page-updates", "internal-announcements"},
	}
	total := 0
	for g, cats := range want {
		var got []backlog.Category
		for _, e := range c.Group(g) {
			got = append(got, e.Category)
			if e.Title == "" || e.Description == "" {
				t.Errorf("%s has no title or description", e.Category)
			}
		}
		if diff := cmp.Diff(cats, got); diff != "" {
			t.Errorf("group %s (-want +got):\n%s", g, diff)
		}
		total += len(cats)
	}
	if c.Len() != total {
		t.Errorf("catalogue has %d categories, want %d", c.Len(), total)
	}
	// Post-launch marketing and data migration are optional.
	for _, cat := range []backlog.Category{"trade-shows", "exhibitions", "road-shows", "product-demos", "data-migration",
		"maintenance-notices", "status-page-updates", "internal-announcements"} {
		if e, _ := c.Lookup(cat); e.Expected {
			t.Errorf("%s should not be expected of every launch", cat)
		}
	}
	if e, _ := c.Lookup(backlog.CategorySalesTraining); !e.Expected {
		t.Error("sales training should be expected")
	}
}

func TestDefaultCatalogueIsAFreshCopy(t *testing.T) {
	a := backlog.DefaultCatalogue()
	a.Remove(backlog.CategorySalesTraining)
	if err := a.Set(backlog.CategoryInfo{Category: backlog.CategoryCutover, Group: "deployment", Title: "Changed"}); err != nil {
		t.Fatal(err)
	}
	b := backlog.DefaultCatalogue()
	if !b.Has(backlog.CategorySalesTraining) {
		t.Error("removing from one catalogue changed the default")
	}
	if e, _ := b.Lookup(backlog.CategoryCutover); e.Title != "Cutover" {
		t.Errorf("Set on one catalogue changed the default: %q", e.Title)
	}
	all := b.All()
	all[0].Title = "x"
	if e, _ := b.Lookup(all[0].Category); e.Title == "x" {
		t.Error("All returned the catalogue's own slice")
	}
}

func TestCatalogueMissingAndUnknown(t *testing.T) {
	c := backlog.DefaultCatalogue()
	reqs := []backlog.Requirement{req("R1", backlog.CategorySalesTraining), req("R2", "partner-enablement"), req("R3", backlog.CategoryPressReleases)}
	reqs[2].State = 4 // a closed (rejected) requirement still counts as gathered
	var missing []backlog.Category
	for _, e := range c.Missing(reqs) {
		missing = append(missing, e.Category)
	}
	if slices.Contains(missing, backlog.CategorySalesTraining) || slices.Contains(missing, backlog.CategoryPressReleases) {
		t.Errorf("gathered categories reported missing: %v", missing)
	}
	if !slices.Contains(missing, backlog.CategorySupportTraining) || slices.Contains(missing, backlog.CategoryTradeShows) {
		t.Errorf("missing = %v", missing)
	}
	if len(missing) != len(c.Expected())-2 {
		t.Errorf("%d missing, want %d", len(missing), len(c.Expected())-2)
	}
	if diff := cmp.Diff([]backlog.Category{"partner-enablement"}, c.Unknown(reqs)); diff != "" {
		t.Errorf("Unknown (-want +got):\n%s", diff)
	}
	if err := c.Add(backlog.CategoryInfo{Category: "partner-enablement", Group: "training", Title: "Partner enablement", Expected: true}); err != nil {
		t.Fatal(err)
	}
	if len(c.Unknown(reqs)) != 0 {
		t.Error("added category still unknown")
	}
	if err := c.Add(backlog.CategoryInfo{Category: "partner-enablement", Group: "training", Title: "again"}); err == nil {
		t.Error("duplicate Add accepted")
	}
	if got := problems(t, c.Add(backlog.CategoryInfo{Category: "Bad Name", Group: "", Title: ""})); len(got) != 3 {
		t.Errorf("malformed entry problems: %v", got)
	}
}

func TestCatalogueJSON(t *testing.T) {
	c := backlog.DefaultCatalogue()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back backlog.Catalogue
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c.All(), back.All()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	bad := `[{"category":"a","group":"g","title":"A"},{"category":"a","group":"g","title":"B"},{"category":"b","group":"g","title":"C","colour":"red"}]`
	if err := back.UnmarshalJSON([]byte(bad)); err == nil {
		t.Error("unknown field accepted")
	}
	dup := `[{"category":"a","group":"g","title":"A"},{"category":"a","group":"g","title":"B"}]`
	got := problems(t, back.UnmarshalJSON([]byte(dup)))
	if !hasProblem(got, "backlog.catalogue.category.duplicate@[1].category") {
		t.Errorf("duplicate: %v", got)
	}
	if back.Len() != c.Len() {
		t.Error("failed decode changed the catalogue")
	}
	if _, err := backlog.NewCatalogue(backlog.CategoryInfo{Category: "x", Group: "g", Title: "X"}); err != nil {
		t.Error(err)
	}
}

func TestCatalogueCheck(t *testing.T) {
	c := backlog.DefaultCatalogue()
	reqs := []backlog.Requirement{req("R1", "parnter-training")}
	for _, e := range c.Expected() {
		if e.Category != backlog.CategoryRollback {
			reqs = append(reqs, req("X", e.Category))
		}
	}
	l := c.Check(reqs)
	want := []string{
		"backlog.requirement.category.unknown@requirements[0].category",
		"backlog.catalogue.category.missing@requirements",
	}
	if diff := cmp.Diff(want, problems(t, listErr(l))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if l.HasBlocking() {
		t.Error("catalogue gaps are warnings")
	}
	if !strings.Contains(l[1].Message, `"rollback"`) {
		t.Errorf("message %q does not name the gap", l[1].Message)
	}
}
