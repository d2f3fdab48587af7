package sample

import (
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/readiness"
)

// ReviewHeld is when the go/no-go review is held: 15:00 UTC on Monday
// 2027-04-12, three workdays before the launch, after every readiness item
// is due.
var ReviewHeld = time.Date(2027, time.April, 12, 15, 0, 0, 0, time.UTC)

// lead is one function's lead: the role they fill and their name.
type lead struct {
	function readiness.Function
	role     plan.Role
	person   string
}

// leads returns the lead of every function, each of whom signs off their
// function's readiness at the go/no-go review.
func leads() []lead {
	return []lead{
		{readiness.Sales, "Sales Lead", "Lena Novak"},
		{readiness.Support, "Support Lead", "Fiona Walsh"},
		{readiness.FieldService, "Field Service Lead", "Greta Lind"},
		{readiness.Operations, "Operations Lead", "Ben Carter"},
		{readiness.Marketing, "Marketing Lead", "Maya Chen"},
		{readiness.Legal, "Legal Counsel", "Paul Adler"},
		{readiness.Documentation, "Documentation Lead", "Grace Lee"},
		{readiness.Infrastructure, "Infrastructure Lead", "Aisha Bello"},
		{readiness.Security, "Security Officer", "Sofia Reyes"},
	}
}

// readinessOwners names the owner of the items of each function, where it
// is not the lead.
var readinessOwners = map[readiness.Function]string{
	readiness.Sales:          "Ravi Kumar",
	readiness.Support:        "Luis Romero",
	readiness.FieldService:   "Greta Lind",
	readiness.Operations:     "Owen Price",
	readiness.Marketing:      "Jonas Weber",
	readiness.Legal:          "Paul Adler",
	readiness.Documentation:  "Grace Lee",
	readiness.Infrastructure: "Ivan Petrov",
	readiness.Security:       "Sofia Reyes",
}

// ownItems are the checklist items of Contoso's own, beside the standard
// ones of the requirement categories.
func ownItems() []readiness.Item {
	return []readiness.Item{
		{ID: "sales/price-list", Function: readiness.Sales, Title: "4.0 price list and licence SKUs loaded in the quoting tool",
			MustHave: true, Due: backlog.Before(10)},
		{ID: "support/known-issues", Function: readiness.Support, Title: "Known-issues article and 4.0 escalation path published in the help centre",
			MustHave: true, Due: backlog.Before(5)},
		{ID: "operations/monitoring", Function: readiness.Operations, Title: "4.0 dashboards and alerts live, paging tested end to end",
			MustHave: true, Due: backlog.Before(5)},
	}
}

// checklist builds the launch readiness checklist: the standard items of
// the plan's categories plus Contoso's own, each owned, with the function
// leads named; then moves the items as far as they had got by the end of
// February.
func (b *builder) checklist() error {
	p := b.p
	ch := b.change(ReleaseManager, at(time.February, 22, 9), "Launch readiness checklist set up from the requirement categories")
	for _, l := range leads() {
		if err := p.Assign(l.role, ch, l.person); err != nil {
			return err
		}
	}
	items := append(readiness.Defaults(Policy().Catalogue, p.Backlog.Requirements()), ownItems()...)
	for i := range items {
		items[i].Owner = readinessOwners[items[i].Function]
	}
	if err := p.AddReadinessItems(ch, items...); err != nil {
		return err
	}
	for _, l := range leads() {
		if err := p.SetReadinessLead(l.function, l.person, ch); err != nil {
			return err
		}
	}
	type move struct {
		id, by   string
		day      int
		to       readiness.Status
		evidence string
		note     string
	}
	for _, m := range []move{
		{"marketing-plan/approved", "Jonas Weber", 16, readiness.InProgress, "", ""},
		{"marketing-plan/approved", "Maya Chen", 17, readiness.Ready, "https://wiki.contoso.example/ledger-4/marketing-plan", "Approved by the CMO with budget and channels"},
		{"environment-readiness/capacity", "Ivan Petrov", 22, readiness.InProgress, "", "Load test at 1.2x peak passed; 1.5x run booked"},
		{"environment-readiness/security-review", "Sofia Reyes", 23, readiness.AtRisk, "", "External penetration test slot moved to 2027-03-29"},
		{"licensing-legal/approved", "Paul Adler", 22, readiness.InProgress, "", "DPA changes under review (issue of the promoted risk)"},
		{"sales/price-list", "Ravi Kumar", 24, readiness.InProgress, "", ""},
		{"exhibitions/stand", "Maya Chen", 24, readiness.Waived, "", "The Accounting Software Forum is 30 workdays after launch; its stand is tracked with the event, not as a launch criterion"},
	} {
		if m.evidence != "" {
			if err := p.AddReadinessEvidence(m.id, m.evidence, m.note, b.change(m.by, at(time.February, m.day, 11), "")); err != nil {
				return err
			}
		}
		c := b.change(m.by, at(time.February, m.day, 12), m.note)
		if m.to == readiness.Waived {
			c.Reason = readiness.ReasonNotNeeded
		}
		if err := p.TransitionReadiness(m.id, m.to, c); err != nil {
			return err
		}
	}
	return nil
}

// approvers returns the go/no-go review's approvers: the Release Manager,
// the Project Manager and every function's lead.
func approvers() []string {
	out := []string{ReleaseManager, ProjectManager}
	for _, l := range leads() {
		out = append(out, l.person)
	}
	return out
}
