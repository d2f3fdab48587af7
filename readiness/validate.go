package readiness

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/validation"
)

// Codes of the problems Validate reports. Codes never change once
// published.
const (
	CodeItemID         validation.Code = "readiness.item.id.invalid"
	CodeItemDuplicate  validation.Code = "readiness.item.id.duplicate"
	CodeItemFunction   validation.Code = "readiness.item.function.invalid"
	CodeItemTitle      validation.Code = "readiness.item.title.required"
	CodeItemDue        validation.Code = "readiness.item.due.invalid"
	CodeItemCategory   validation.Code = "readiness.item.category.invalid"
	CodeItemStatus     validation.Code = "readiness.item.status.invalid"
	CodeItemWaiver     validation.Code = "readiness.item.waiver.invalid"
	CodeItemEvidence   validation.Code = "readiness.item.evidence.invalid"
	CodeItemNoEvidence validation.Code = "readiness.item.evidence.required"
	CodeLead           validation.Code = "readiness.lead.invalid"
	CodeLeadDuplicate  validation.Code = "readiness.lead.duplicate"
	CodeHistory        validation.Code = "readiness.history.invalid"
)

// maxIDLen bounds an item's ID.
const maxIDLen = 128

// Validate checks the whole checklist and returns every problem as a
// validation.List, each with a code, a path such as items[3].due and the
// item as its subject: IDs present, unique, at most 128 bytes and without
// spaces; functions and categories kebab-case words; a title; a due date
// before or on launch day; a valid status, a waiver reason exactly when
// waived, evidence for a ready item, each piece of evidence with a link (an
// absolute URL) or a note and who and when; one lead per function, each
// with a person; and a history whose events name items of the checklist,
// each an allowed move with who and when, ending in the item's status.
func (c *Checklist) Validate() error {
	var l validation.List
	c.validate(&l)
	return l.Err()
}

func (c *Checklist) validate(l *validation.List) {
	if c == nil {
		return
	}
	seen := make(map[string]int, len(c.Items))
	for i := range c.Items {
		it := &c.Items[i]
		at := func() validation.Path { return pathItems.Index(i) }
		checkItem(l, i, it)
		if !it.Status.IsValid() {
			l.Add(validation.Invalid(at().Child("status"), CodeItemStatus, "status %q is not one of not-started, in-progress, ready, at-risk, waived", it.Status).About(subject(it.ID)))
		}
		if _, dup := seen[it.ID]; dup && it.ID != "" {
			l.Add(validation.Duplicate(at().Child("id"), CodeItemDuplicate, clip(it.ID)).About(subject(it.ID)))
		} else {
			seen[it.ID] = i
		}
		switch {
		case it.Status == Waived && strings.TrimSpace(it.WaiverReason) == "":
			l.Add(validation.Required(at().Child("waiverReason"), CodeItemWaiver, "the reason the item is waived").About(subject(it.ID)))
		case it.Status != Waived && it.WaiverReason != "":
			l.Add(validation.Invalid(at().Child("waiverReason"), CodeItemWaiver, "a %s item has no waiver reason", it.Status).About(subject(it.ID)))
		}
		if it.Status == Ready && len(it.Evidence) == 0 {
			l.Add(validation.Required(at().Child("evidence"), CodeItemNoEvidence, "evidence that the item is ready").About(subject(it.ID)))
		}
		for j, e := range it.Evidence {
			checkEvidence(l, i, j, it.ID, e)
		}
	}
	leads := make(map[Function]bool, len(c.Leads))
	for i, ld := range c.Leads {
		at := pathLeads.Index(i)
		checkLead(l, at, ld)
		if leads[ld.Function] {
			l.Add(validation.Duplicate(at.Child("function"), CodeLeadDuplicate, clip(string(ld.Function))).About(validation.Subject{Kind: SubjectLead, ID: string(ld.Function)}))
		}
		leads[ld.Function] = true
	}
	c.validateHistory(l, seen)
}

// validateHistory replays the history per item.
func (c *Checklist) validateHistory(l *validation.List, index map[string]int) {
	state := make(map[string]Status, len(index))
	history := validation.NewPath("history")
	for k, ev := range c.History {
		at := func() validation.Path { return history.Index(k) }
		if _, ok := index[ev.Subject]; !ok {
			l.Add(validation.NotFound(at().Child("subject"), CodeHistory, "readiness item", clip(ev.Subject)).About(subject(ev.Subject)))
			continue
		}
		su := subject(ev.Subject)
		if strings.TrimSpace(ev.By) == "" {
			l.Add(validation.Required(at().Child("by"), CodeHistory, "who made the move").About(su))
		}
		if ev.At.IsZero() {
			l.Add(validation.Required(at().Child("at"), CodeHistory, "when the move was made").About(su))
		}
		cur, created := state[ev.Subject]
		switch {
		case ev.From == 0:
			if created {
				l.Add(validation.Conflict(at().Child("from"), CodeHistory, "item %s is created twice", clip(ev.Subject)).About(su))
			} else if _, err := machine.CheckCreate(ev.Reason); err != nil || ev.To != NotStarted {
				l.Add(validation.Invalid(at(), CodeHistory, "item %s must be created not-started for one of the creation reasons", clip(ev.Subject)).About(su))
			}
		case !created:
			l.Add(validation.Conflict(at().Child("from"), CodeHistory, "item %s moves before it is created", clip(ev.Subject)).About(su))
		case cur != ev.From:
			l.Add(validation.Conflict(at().Child("from"), CodeHistory, "item %s is %s at this point, not %s", clip(ev.Subject), cur, ev.From).About(su))
		default:
			if _, err := machine.Check(ev.From, ev.To, ev.Reason); err != nil {
				l.Add(validation.Invalid(at(), CodeHistory, "%v", err).About(su))
			}
		}
		state[ev.Subject] = ev.To
	}
	for id, s := range state {
		i := index[id]
		if c.Items[i].Status.IsValid() && c.Items[i].Status != s {
			l.Add(validation.Conflict(pathItems.Index(i).Child("status"), CodeHistory, "status %s differs from the history's last move to %s", c.Items[i].Status, s).About(subject(id)))
		}
	}
}

func checkItem(l *validation.List, i int, it *Item) {
	su := subject(it.ID)
	switch {
	case it.ID == "":
		l.Add(validation.Required(pathItems.Index(i).Child("id"), CodeItemID, "the item's ID").About(su))
	case len(it.ID) > maxIDLen || !utf8.ValidString(it.ID) || strings.IndexFunc(it.ID, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }) >= 0:
		l.Add(validation.Invalid(pathItems.Index(i).Child("id"), CodeItemID, "ID %q must be at most %d bytes of printable text without spaces", clip(it.ID), maxIDLen).About(su))
	}
	if !it.Function.IsValid() {
		l.Add(validation.Invalid(pathItems.Index(i).Child("function"), CodeItemFunction, "function %q is not a kebab-case word such as %q", clip(string(it.Function)), Support).About(su))
	}
	if strings.TrimSpace(it.Title) == "" {
		l.Add(validation.Required(pathItems.Index(i).Child("title"), CodeItemTitle, "a title").About(su))
	}
	if !it.Due.IsZero() {
		switch {
		case it.Due.Kind == backlog.AfterLaunch:
			l.Add(validation.Invalid(pathItems.Index(i).Child("due").Child("kind"), CodeItemDue, "an item is due before or on launch day, not after launch").About(su))
		case it.Due.Kind != backlog.BeforeLaunch && it.Due.Kind != backlog.OnLaunch:
			l.Add(validation.Invalid(pathItems.Index(i).Child("due").Child("kind"), CodeItemDue, "due kind %q is not before-launch or launch-day", it.Due.Kind).About(su))
		case it.Due.Workdays < 0 || it.Due.Workdays > backlog.MaxWorkdays || (it.Due.Kind == backlog.OnLaunch && it.Due.Workdays != 0):
			l.Add(validation.OutOfRange(pathItems.Index(i).Child("due").Child("workdays"), CodeItemDue, "%d workdays is outside 0 to %d (0 on launch day)", it.Due.Workdays, backlog.MaxWorkdays).About(su))
		}
	}
	if it.Category != "" && !it.Category.IsValid() {
		l.Add(validation.Invalid(pathItems.Index(i).Child("category"), CodeItemCategory, "category %q is not a kebab-case word", clip(string(it.Category))).About(su))
	}
}

func checkEvidence(l *validation.List, i, j int, id string, e Evidence) {
	at := func() validation.Path { return pathItems.Index(i).Child("evidence").Index(j) }
	su := subject(id)
	if strings.TrimSpace(e.Link) == "" && strings.TrimSpace(e.Note) == "" {
		l.Add(validation.Required(at(), CodeItemEvidence, "a link or a note").About(su))
	}
	if e.Link != "" {
		u, err := url.Parse(e.Link)
		if err != nil || !u.IsAbs() || u.Host == "" {
			l.Add(validation.Invalid(at().Child("link"), CodeItemEvidence, "link %q is not an absolute URL such as https://wiki.example/runbook", clip(e.Link)).About(su))
		}
	}
	if strings.TrimSpace(e.By) == "" {
		l.Add(validation.Required(at().Child("by"), CodeItemEvidence, "who supplied the evidence").About(su))
	}
	if e.At.IsZero() {
		l.Add(validation.Required(at().Child("at"), CodeItemEvidence, "when the evidence was supplied").About(su))
	}
}

func checkLead(l *validation.List, at validation.Path, ld Lead) {
	su := validation.Subject{Kind: SubjectLead, ID: string(ld.Function)}
	if !ld.Function.IsValid() {
		l.Add(validation.Invalid(at.Child("function"), CodeLead, "function %q is not a kebab-case word such as %q", clip(string(ld.Function)), Support).About(su))
	}
	if strings.TrimSpace(ld.Person) == "" {
		l.Add(validation.Required(at.Child("person"), CodeLead, "the lead's name").About(su))
	}
}
