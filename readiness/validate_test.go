package readiness_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(c *readiness.Checklist)
		code   validation.Code
		path   string
	}{
		{"status zero", func(c *readiness.Checklist) { c.Items[2].Status = 0 }, readiness.CodeItemStatus, "items[2].status"},
		{"duplicate id", func(c *readiness.Checklist) { c.Items[2].ID = c.Items[0].ID }, readiness.CodeItemDuplicate, "items[2].id"},
		{"waived without reason", func(c *readiness.Checklist) { c.Items[3].WaiverReason = "" }, readiness.CodeItemWaiver, "items[3].waiverReason"},
		{"reason when not waived", func(c *readiness.Checklist) { c.Items[0].WaiverReason = "x" }, readiness.CodeItemWaiver, "items[0].waiverReason"},
		{"ready without evidence", func(c *readiness.Checklist) { c.Items[0].Evidence = nil }, readiness.CodeItemNoEvidence, "items[0].evidence"},
		{"evidence without who", func(c *readiness.Checklist) { c.Items[0].Evidence[0].By = "" }, readiness.CodeItemEvidence, "items[0].evidence[0].by"},
		{"evidence without when", func(c *readiness.Checklist) { c.Items[0].Evidence[0].At = time.Time{} }, readiness.CodeItemEvidence, "items[0].evidence[0].at"},
		{"evidence empty", func(c *readiness.Checklist) { c.Items[0].Evidence[0].Link, c.Items[0].Evidence[0].Note = "", "" }, readiness.CodeItemEvidence, "items[0].evidence[0]"},
		{"launch day with workdays", func(c *readiness.Checklist) { c.Items[1].Due = backlog.Timing{Kind: backlog.OnLaunch, Workdays: 2} }, readiness.CodeItemDue, "items[1].due.workdays"},
		{"lead function", func(c *readiness.Checklist) { c.Leads[0].Function = "Sales" }, readiness.CodeLead, "leads[0].function"},
		{"lead person", func(c *readiness.Checklist) { c.Leads[0].Person = "" }, readiness.CodeLead, "leads[0].person"},
		{"lead twice", func(c *readiness.Checklist) { c.Leads[1].Function = c.Leads[0].Function }, readiness.CodeLeadDuplicate, "leads[1].function"},
		{"history unknown item", func(c *readiness.Checklist) { c.History[0].Subject = "gone" }, readiness.CodeHistory, "history[0].subject"},
		{"history without who", func(c *readiness.Checklist) { c.History[5].By = "" }, readiness.CodeHistory, "history[5].by"},
		{"history without when", func(c *readiness.Checklist) { c.History[5].At = time.Time{} }, readiness.CodeHistory, "history[5].at"},
		{"history move before creation", func(c *readiness.Checklist) { c.History[0], c.History[5] = c.History[5], c.History[0] }, readiness.CodeHistory, "history[0].from"},
		{"history created twice", func(c *readiness.Checklist) { c.History[1].Subject = c.History[0].Subject }, readiness.CodeHistory, "history[1].from"},
		{"history bad creation", func(c *readiness.Checklist) { c.History[0].Reason = "Found" }, readiness.CodeHistory, "history[0]"},
		{"history refused move", func(c *readiness.Checklist) { c.History[5].To = readiness.Waived }, readiness.CodeHistory, "history[5]"},
		{"history from mismatch", func(c *readiness.Checklist) { c.History[6].From = readiness.AtRisk }, readiness.CodeHistory, "history[6].from"},
		{"status differs from history", func(c *readiness.Checklist) { c.Items[2].Status = readiness.InProgress }, readiness.CodeHistory, "items[2].status"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := sampleChecklist()
			tc.break_(c)
			err := c.Validate()
			var l validation.List
			if !errors.As(err, &l) {
				t.Fatalf("Validate = %v, want a validation.List", err)
			}
			got := l.WithCode(tc.code)
			if len(got) == 0 || got[0].Path.String() != tc.path {
				t.Fatalf("Validate = %v, want %s at %s", err, tc.code, tc.path)
			}
			if got[0].Subject.IsZero() {
				t.Errorf("problem %v has no subject", got[0])
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	items := readiness.Defaults(nil, nil)
	var c readiness.Checklist
	functions := map[readiness.Function]bool{}
	for _, it := range items {
		if err := c.Add(it, change("", "")); err != nil {
			t.Fatalf("default item %s refused: %v", it.ID, err)
		}
		functions[it.Function] = true
		if it.Due.Kind != backlog.BeforeLaunch || it.Due.Workdays < 5 || it.Owner != "" || !strings.HasPrefix(it.ID, string(it.Category)+"/") {
			t.Errorf("default item %+v", it)
		}
	}
	for _, f := range readiness.Functions() {
		if !functions[f] {
			t.Errorf("no default item for function %s", f)
		}
	}
	for _, info := range backlog.DefaultCatalogue().Expected() {
		if !strings.Contains(idsOf(items), string(info.Category)+"/") {
			t.Errorf("expected category %s gives no item", info.Category)
		}
	}
	if strings.Contains(idsOf(items), "trade-shows/") {
		t.Error("an unexpected, unused category gives an item")
	}
	withShow := readiness.Defaults(backlog.DefaultCatalogue(), []backlog.Requirement{{ID: "R", Category: backlog.CategoryTradeShows}})
	if len(withShow) != len(items)+1 || !strings.Contains(idsOf(withShow), "trade-shows/booth") {
		t.Errorf("a used category gives no item: %s", idsOf(withShow))
	}
	// Due dates follow the category's requirements when their work is
	// due earlier than the standard lead.
	reqs := []backlog.Requirement{
		{ID: "MP", Category: backlog.CategoryMarketingPlan, Timing: backlog.Before(40)},
		{ID: "ST1", Category: backlog.CategorySalesTraining, Timing: backlog.Before(25)},
		{ID: "ST2", Category: backlog.CategorySalesTraining, Timing: backlog.Before(15)},
		{ID: "ST3", Category: backlog.CategorySalesTraining, Timing: backlog.Before(30), State: workitem.Closed},
		{ID: "SUP", Category: backlog.CategorySupportTraining, Timing: backlog.Before(2)},
		{ID: "PL", Category: backlog.CategoryProductLaunch, Timing: backlog.OnLaunchDay()},
		{ID: "RS", Category: backlog.CategoryRoadShows, Timing: backlog.After(10)},
		{ID: "DOC", Category: backlog.CategoryDocumentation},
	}
	wantDue := map[string]backlog.Timing{
		"marketing-plan/approved":          backlog.Before(40), // the requirement's, earlier than 20
		"sales-training/briefed":           backlog.Before(15), // the latest open one's, earlier than 10
		"support-training/trained":         backlog.Before(10), // standard: the training ends after it
		"product-launch/announcement":      backlog.Before(5),  // standard: launch day
		"road-shows/agenda":                backlog.Before(10), // standard: after launch
		"documentation/published":          backlog.Before(5),  // standard: no timing
		"field-service-training/certified": backlog.Before(10), // standard: no requirement
	}
	for _, it := range readiness.Defaults(nil, reqs) {
		if want, ok := wantDue[it.ID]; ok && it.Due != want {
			t.Errorf("%s due %s, want %s", it.ID, it.Due, want)
		}
		delete(wantDue, it.ID)
	}
	if len(wantDue) > 0 {
		t.Errorf("no items %v", wantDue)
	}
	var empty backlog.Catalogue
	if got := readiness.Defaults(&empty, nil); got != nil {
		t.Errorf("an empty catalogue gives %d items", len(got))
	}
}

func idsOf(items []readiness.Item) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.ID + " ")
	}
	return b.String()
}

func TestDecodeRoundTrip(t *testing.T) {
	c := sampleChecklist()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readiness.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestDecodeRefusals(t *testing.T) {
	tests := []struct {
		name, doc, path string
	}{
		{"unknown field", `{"items":[],"extra":1}`, "extra"},
		{"unknown status", `{"items":[{"id":"a","function":"sales","title":"t","status":"done"}]}`, "items[0].status"},
		{"wrong type", `{"items":[{"id":1}]}`, "items[0].id"},
		{"content", `{"items":[{"id":"a","function":"sales","title":"","status":"not-started"}]}`, "items[0].title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := readiness.Decode([]byte(tc.doc))
			var l validation.List
			if c != nil || !errors.As(err, &l) || l[0].Path.String() != tc.path {
				t.Errorf("Decode = %v, %v; want a problem at %s", c, err, tc.path)
			}
		})
	}
}
