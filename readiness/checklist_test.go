package readiness_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/validation"
)

func TestSampleChecklistValidates(t *testing.T) {
	c := sampleChecklist()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range c.Blocking() {
		ids = append(ids, it.ID)
	}
	if diff := cmp.Diff([]string{"support/trained", "ops/runbooks"}, ids); diff != "" {
		t.Errorf("Blocking (-want +got):\n%s", diff)
	}
	it, _ := c.Item("mkt/newsletter")
	if it.Status != readiness.Waived || it.WaiverReason != "Covered by the launch mail" {
		t.Errorf("waived item = %+v", it)
	}
	if got := len(c.History); got != 4+4 {
		t.Errorf("history has %d events, want 8", got)
	}
}

func TestAddRefusals(t *testing.T) {
	ok := readiness.Item{ID: "x/1", Function: readiness.Legal, Title: "Terms approved"}
	tests := []struct {
		name string
		it   readiness.Item
		ch   lifecycle.Change
		code validation.Code
		path string
		kind error
	}{
		{"blank id", readiness.Item{Function: readiness.Legal, Title: "t"}, change("", ""), readiness.CodeItemID, "items[4].id", validation.ErrRequired},
		{"id with space", readiness.Item{ID: "a b", Function: readiness.Legal, Title: "t"}, change("", ""), readiness.CodeItemID, "items[4].id", validation.ErrInvalid},
		{"duplicate", readiness.Item{ID: "sales/briefed", Function: readiness.Legal, Title: "t"}, change("", ""), readiness.CodeItemDuplicate, "items[4].id", validation.ErrDuplicate},
		{"function", readiness.Item{ID: "x", Function: "Sales", Title: "t"}, change("", ""), readiness.CodeItemFunction, "items[4].function", validation.ErrInvalid},
		{"title", readiness.Item{ID: "x", Function: readiness.Legal, Title: "  "}, change("", ""), readiness.CodeItemTitle, "items[4].title", validation.ErrRequired},
		{"after launch", readiness.Item{ID: "x", Function: readiness.Legal, Title: "t", Due: backlog.After(3)}, change("", ""), readiness.CodeItemDue, "items[4].due.kind", validation.ErrInvalid},
		{"lead out of range", readiness.Item{ID: "x", Function: readiness.Legal, Title: "t", Due: backlog.Before(-1)}, change("", ""), readiness.CodeItemDue, "items[4].due.workdays", validation.ErrOutOfRange},
		{"category", readiness.Item{ID: "x", Function: readiness.Legal, Title: "t", Category: "Legal"}, change("", ""), readiness.CodeItemCategory, "items[4].category", validation.ErrInvalid},
		{"not new", readiness.Item{ID: "x", Function: readiness.Legal, Title: "t", Status: readiness.Ready}, change("", ""), readiness.CodeItemStatus, "items[4].status", validation.ErrInvalid},
		{"evidence link", readiness.Item{ID: "x", Function: readiness.Legal, Title: "t", Evidence: []readiness.Evidence{{Link: "wiki/page", By: "a", At: testAt}}}, change("", ""), readiness.CodeItemEvidence, "items[4].evidence[0].link", validation.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := sampleChecklist()
			before := c.Clone()
			err := c.Add(tc.it, tc.ch)
			var l validation.List
			if !errors.As(err, &l) {
				t.Fatalf("Add = %v, want a validation.List", err)
			}
			found := false
			for _, p := range l {
				if p.Code == tc.code && p.Path.String() == tc.path && errors.Is(p, tc.kind) && p.Subject.Kind == readiness.SubjectItem {
					found = true
				}
			}
			if !found {
				t.Errorf("Add = %v, want %s at %s (%v)", err, tc.code, tc.path, tc.kind)
			}
			if diff := cmp.Diff(before, c); diff != "" {
				t.Errorf("refused Add changed the checklist (-before +after):\n%s", diff)
			}
		})
	}
	t.Run("change without who", func(t *testing.T) {
		c := sampleChecklist()
		before := c.Clone()
		err := c.Add(ok, lifecycle.Change{At: testAt})
		if !errors.Is(err, lifecycle.ErrChangeIncomplete) {
			t.Errorf("Add = %v, want ErrChangeIncomplete", err)
		}
		if diff := cmp.Diff(before, c); diff != "" {
			t.Errorf("refused Add changed the checklist:\n%s", diff)
		}
	})
}

func TestTransitionRefusals(t *testing.T) {
	tests := []struct {
		name string
		id   string
		to   readiness.Status
		ch   lifecycle.Change
		want error
	}{
		{"unknown item", "nope", readiness.InProgress, change("", ""), validation.ErrNotFound},
		{"not in table", "ops/runbooks", readiness.Ready, change("", ""), lifecycle.ErrInvalidTransition},
		{"ready waived", "sales/briefed", readiness.Waived, change("", "why"), lifecycle.ErrInvalidTransition},
		{"unknown reason", "ops/runbooks", readiness.InProgress, change("Because", ""), lifecycle.ErrUnknownReason},
		{"no evidence", "support/trained", readiness.Ready, change("", ""), readiness.ErrNoEvidence},
		{"waiver without reason", "ops/runbooks", readiness.Waived, change("", " "), readiness.ErrNoWaiverReason},
		{"no when", "ops/runbooks", readiness.InProgress, lifecycle.Change{By: "x"}, lifecycle.ErrChangeIncomplete},
		{"zero status", "ops/runbooks", 0, change("", ""), lifecycle.ErrInvalidTransition},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := sampleChecklist()
			before := c.Clone()
			ev, err := c.Transition(tc.id, tc.to, tc.ch)
			if !errors.Is(err, tc.want) {
				t.Errorf("Transition = %v, want %v", err, tc.want)
			}
			if ev != (readiness.Event{}) {
				t.Errorf("refused Transition returned event %+v", ev)
			}
			if diff := cmp.Diff(before, c); diff != "" {
				t.Errorf("refused Transition changed the checklist (-before +after):\n%s", diff)
			}
		})
	}
}

func TestTransitionRecordsAndClearsWaiver(t *testing.T) {
	c := sampleChecklist()
	ev, err := c.Transition("mkt/newsletter", readiness.NotStarted, change("", "Needed after all"))
	if err != nil {
		t.Fatal(err)
	}
	want := readiness.Event{Subject: "mkt/newsletter", From: readiness.Waived, To: readiness.NotStarted,
		Reason: readiness.ReasonWaiverWithdrawn, By: "Rita Alvarez", At: testAt, Note: "Needed after all"}
	if diff := cmp.Diff(want, ev); diff != "" {
		t.Errorf("event (-want +got):\n%s", diff)
	}
	if it, _ := c.Item("mkt/newsletter"); it.WaiverReason != "" || it.Status != readiness.NotStarted {
		t.Errorf("item after withdrawal = %+v", it)
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
}

func TestAddEvidenceRefusals(t *testing.T) {
	tests := []struct {
		name, id, link, note string
		ch                   lifecycle.Change
		want                 error
	}{
		{"nothing", "ops/runbooks", "", " ", change("", ""), validation.ErrRequired},
		{"relative link", "ops/runbooks", "/runbook", "", change("", ""), validation.ErrInvalid},
		{"unknown", "nope", "", "note", change("", ""), validation.ErrNotFound},
		{"no who", "ops/runbooks", "", "note", lifecycle.Change{At: testAt}, lifecycle.ErrChangeIncomplete},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := sampleChecklist()
			before := c.Clone()
			if err := c.AddEvidence(tc.id, tc.link, tc.note, tc.ch); !errors.Is(err, tc.want) {
				t.Errorf("AddEvidence = %v, want %v", err, tc.want)
			}
			if diff := cmp.Diff(before, c); diff != "" {
				t.Errorf("refused AddEvidence changed the checklist:\n%s", diff)
			}
		})
	}
}

func TestUpdateKeepsStatus(t *testing.T) {
	c := sampleChecklist()
	it, _ := c.Item("sales/briefed")
	it.Owner = "Sally"
	it.Status = readiness.NotStarted
	it.Evidence = nil
	if err := c.Update(it); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Item("sales/briefed")
	if got.Owner != "Sally" || got.Status != readiness.Ready || len(got.Evidence) != 1 {
		t.Errorf("updated item = %+v", got)
	}
	before := c.Clone()
	it.Title = ""
	if err := c.Update(it); !errors.Is(err, validation.ErrRequired) {
		t.Errorf("Update without title = %v", err)
	}
	if err := c.Update(readiness.Item{ID: "nope", Function: readiness.Legal, Title: "t"}); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("Update of unknown item = %v", err)
	}
	if diff := cmp.Diff(before, c); diff != "" {
		t.Errorf("refused Update changed the checklist:\n%s", diff)
	}
}

func TestSetLead(t *testing.T) {
	c := sampleChecklist()
	if err := c.SetLead(readiness.Sales, "Sally"); err != nil {
		t.Fatal(err)
	}
	if got := c.Lead(readiness.Sales); got != "Sally" {
		t.Errorf("Lead(sales) = %q", got)
	}
	before := c.Clone()
	if err := c.SetLead("Sales", "x"); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("SetLead(bad function) = %v", err)
	}
	if err := c.SetLead(readiness.Legal, "  "); !errors.Is(err, validation.ErrRequired) {
		t.Errorf("SetLead(blank person) = %v", err)
	}
	if diff := cmp.Diff(before, c); diff != "" {
		t.Errorf("refused SetLead changed the checklist:\n%s", diff)
	}
	if err := c.SetLead(readiness.Support, ""); err != nil || c.Lead(readiness.Support) != "" {
		t.Errorf("removing a lead: %v, lead %q", err, c.Lead(readiness.Support))
	}
}

func TestByFunction(t *testing.T) {
	c := sampleChecklist()
	if err := c.Add(readiness.Item{ID: "own/1", Function: "customer-success", Title: "CSMs briefed"}, change("", "")); err != nil {
		t.Fatal(err)
	}
	want := []readiness.FunctionSummary{
		{Function: readiness.Sales, Lead: "Sam", Items: 1, MustHave: 1, Ready: 1},
		{Function: readiness.Support, Lead: "Sue", Items: 1, MustHave: 1, AtRisk: 1, Blocking: 1},
		{Function: readiness.Operations, Items: 1, MustHave: 1, NotStarted: 1, Blocking: 1},
		{Function: readiness.Marketing, Items: 1, Waived: 1},
		{Function: "customer-success", Items: 1, NotStarted: 1},
	}
	if diff := cmp.Diff(want, c.ByFunction()); diff != "" {
		t.Errorf("ByFunction (-want +got):\n%s", diff)
	}
	var nilList *readiness.Checklist
	if nilList.ByFunction() != nil || nilList.Blocking() != nil || nilList.Lead(readiness.Sales) != "" {
		t.Error("a nil checklist is not empty")
	}
}

func TestStatusText(t *testing.T) {
	for _, s := range []readiness.Status{readiness.NotStarted, readiness.InProgress, readiness.Ready, readiness.AtRisk, readiness.Waived} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		got, err := readiness.ParseStatus(string(b))
		if err != nil || got != s {
			t.Errorf("ParseStatus(%q) = %v, %v", b, got, err)
		}
	}
	if _, err := readiness.ParseStatus(""); err == nil {
		t.Error("ParseStatus(\"\") accepted")
	}
	s := readiness.Ready
	if err := s.UnmarshalText([]byte("done")); err == nil || s != readiness.Ready {
		t.Errorf("UnmarshalText(done) = %v, status %v", err, s)
	}
	if _, err := readiness.Status(9).MarshalText(); err == nil {
		t.Error("Status(9) marshalled")
	}
	if readiness.Status(9).String() != "Status(9)" || readiness.Status(0).IsValid() {
		t.Error("invalid statuses")
	}
}

func TestFunctionTitles(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range readiness.Functions() {
		if !f.IsValid() || f.Title() == string(f) && f != "" && f.Title()[0] >= 'a' {
			t.Errorf("function %q: valid %v, title %q", f, f.IsValid(), f.Title())
		}
		seen[f.Title()] = true
	}
	if len(seen) != 9 {
		t.Errorf("%d distinct titles, want 9", len(seen))
	}
	if readiness.Function("customer-success").Title() != "customer-success" {
		t.Error("own function title")
	}
}

func TestErrorKinds(t *testing.T) {
	for _, tc := range []struct {
		err, kind error
	}{
		{readiness.ErrNoEvidence, validation.ErrRequired},
		{readiness.ErrNoWaiverReason, validation.ErrRequired},
	} {
		if !errors.Is(tc.err, tc.kind) {
			t.Errorf("%v is not %v", tc.err, tc.kind)
		}
	}
}
