package readiness

import (
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// ErrNoEvidence is wrapped by the error for a move to Ready of an item
// that has no evidence.
var ErrNoEvidence = validation.Sentinel(validation.ErrRequired, "an item is ready only with evidence")

// ErrNoWaiverReason is wrapped by the error for a move to Waived without a
// reason in the change's Note.
var ErrNoWaiverReason = validation.Sentinel(validation.ErrRequired, "a waiver needs a reason")

// Checklist is a launch readiness checklist: the items, the lead who signs
// off each function, and the history of the items' status moves. The zero
// Checklist is empty and ready to use. A Checklist is a value with exported
// fields, encoded as JSON as it is; change it through its methods, which
// check each change and, on error, change nothing. It is not safe for
// concurrent modification.
type Checklist struct {
	// Items are the items, in the order they were added.
	Items []Item `json:"items"`
	// Leads name who signs off each function's readiness at the go/no-go
	// review.
	Leads []Lead `json:"leads,omitempty"`
	// History records every accepted status move, oldest first.
	History []Event `json:"history,omitempty"`
}

var (
	pathItems = validation.NewPath("items")
	pathLeads = validation.NewPath("leads")
)

// Clone returns a copy that shares nothing with c.
func (c *Checklist) Clone() *Checklist {
	if c == nil {
		return nil
	}
	out := &Checklist{Items: make([]Item, len(c.Items)), Leads: slices.Clone(c.Leads), History: slices.Clone(c.History)}
	for i := range c.Items {
		out.Items[i] = c.Items[i].Clone()
	}
	return out
}

func (c *Checklist) index(id string) int {
	if c == nil {
		return -1
	}
	return slices.IndexFunc(c.Items, func(it Item) bool { return it.ID == id })
}

// Item returns a copy of the item with the ID.
func (c *Checklist) Item(id string) (Item, bool) {
	if i := c.index(id); i >= 0 {
		return c.Items[i].Clone(), true
	}
	return Item{}, false
}

// Lead returns the person who signs off function f, or "".
func (c *Checklist) Lead(f Function) string {
	if c == nil {
		return ""
	}
	for _, l := range c.Leads {
		if l.Function == f {
			return l.Person
		}
	}
	return ""
}

// Blocking returns the must-have items that are neither ready nor waived,
// in checklist order: what a go vote waits for.
func (c *Checklist) Blocking() []Item {
	if c == nil {
		return nil
	}
	var out []Item
	for _, it := range c.Items {
		if it.Blocking() {
			out = append(out, it.Clone())
		}
	}
	return out
}

// notFound is the error for an ID the checklist does not hold.
func notFound(id string) error {
	return validation.List{validation.NotFound(pathItems, CodeItemID, "readiness item", clip(id)).About(validation.Subject{Kind: SubjectItem, ID: id})}
}

// Add appends an item in status NotStarted and records its creation with
// ch (who, when, and a reason among the lifecycle's creation reasons). The
// item's Status must be zero or NotStarted, and it may not carry a waiver
// reason: a later status is reached with Transition. A malformed item or a
// duplicate ID is refused as a validation.List with the paths the item
// would have (items[n].title), and changes nothing.
func (c *Checklist) Add(it Item, ch lifecycle.Change) error {
	ev, err := machine.Create(it.ID, ch)
	if err != nil {
		return err
	}
	at := pathItems.Index(len(c.Items))
	var l validation.List
	if it.Status == 0 {
		it.Status = NotStarted
	}
	if it.Status != NotStarted {
		l.Add(validation.Invalid(at.Child("status"), CodeItemStatus,
			"a new item starts not-started, not %s: move it with Transition", it.Status).About(subject(it.ID)))
	}
	checkItem(&l, len(c.Items), &it)
	for j, e := range it.Evidence {
		checkEvidence(&l, len(c.Items), j, it.ID, e)
	}
	if c.index(it.ID) >= 0 {
		l.Add(validation.Duplicate(at.Child("id"), CodeItemDuplicate, clip(it.ID)).About(subject(it.ID)))
	}
	if err := l.Err(); err != nil {
		return err
	}
	c.Items = append(c.Items, it.Clone())
	c.History = append(c.History, ev)
	return nil
}

// Update replaces the descriptive fields of the item with it.ID (function,
// title, owner, must-have flag, due date, category), keeping its status,
// waiver reason and evidence, which only Transition and AddEvidence
// change. An unknown ID or a malformed item is refused as a
// validation.List and changes nothing.
func (c *Checklist) Update(it Item) error {
	i := c.index(it.ID)
	if i < 0 {
		return notFound(it.ID)
	}
	old := c.Items[i]
	it.Status, it.WaiverReason, it.Evidence = old.Status, old.WaiverReason, old.Evidence
	var l validation.List
	checkItem(&l, i, &it)
	if err := l.Err(); err != nil {
		return err
	}
	c.Items[i] = it.Clone()
	return nil
}

// Transition moves the item with the ID to status to and records the move
// with ch: who, when, and a reason among the move's reasons (empty means
// the default). A move the lifecycle does not allow returns a
// *lifecycle.TransitionError; a move to Ready of an item without evidence
// an error wrapping ErrNoEvidence; a move to Waived without a reason in
// ch.Note an error wrapping ErrNoWaiverReason (the note becomes the item's
// WaiverReason, cleared again when it leaves Waived). On error nothing
// changes.
func (c *Checklist) Transition(id string, to Status, ch lifecycle.Change) (Event, error) {
	i := c.index(id)
	if i < 0 {
		return Event{}, notFound(id)
	}
	it := &c.Items[i]
	ev, err := machine.Apply(id, it.Status, to, ch)
	if err != nil {
		return Event{}, err
	}
	at := pathItems.Index(i)
	switch {
	case to == Ready && len(it.Evidence) == 0:
		return Event{}, validation.List{validation.New(ErrNoEvidence, at.Child("evidence"), CodeItemNoEvidence,
			"item %s is ready only with evidence: add a link or a note first", clip(id)).About(subject(id))}
	case to == Waived && strings.TrimSpace(ch.Note) == "":
		return Event{}, validation.List{validation.New(ErrNoWaiverReason, at.Child("waiverReason"), CodeItemWaiver,
			"item %s is waived only with a reason: give it in the change's note", clip(id)).About(subject(id))}
	}
	it.Status = to
	it.WaiverReason = ""
	if to == Waived {
		it.WaiverReason = ch.Note
	}
	c.History = append(c.History, ev)
	return ev, nil
}

// AddEvidence adds evidence to the item with the ID: a link (an absolute
// URL) and/or a note, supplied by ch.By at ch.At. An unknown ID, a change
// without who or when, or evidence with neither a link nor a note, or with
// a malformed link, is refused and changes nothing.
func (c *Checklist) AddEvidence(id, link, note string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	i := c.index(id)
	if i < 0 {
		return notFound(id)
	}
	e := Evidence{Link: link, Note: note, By: ch.By, At: ch.At}
	var l validation.List
	checkEvidence(&l, i, len(c.Items[i].Evidence), id, e)
	if err := l.Err(); err != nil {
		return err
	}
	c.Items[i].Evidence = append(slices.Clip(c.Items[i].Evidence), e)
	return nil
}

// SetLead names the person who signs off function f; an empty person
// removes the lead. A malformed function or a blank person is refused and
// changes nothing.
func (c *Checklist) SetLead(f Function, person string) error {
	i := slices.IndexFunc(c.Leads, func(l Lead) bool { return l.Function == f })
	at := pathLeads.Index(i)
	if i < 0 {
		at = pathLeads.Index(len(c.Leads))
	}
	if person == "" {
		if i >= 0 {
			c.Leads = slices.Delete(slices.Clone(c.Leads), i, i+1)
		}
		return nil
	}
	var l validation.List
	checkLead(&l, at, Lead{Function: f, Person: person})
	if err := l.Err(); err != nil {
		return err
	}
	if i >= 0 {
		c.Leads[i].Person = person
		return nil
	}
	c.Leads = append(c.Leads, Lead{Function: f, Person: person})
	return nil
}

// FunctionSummary counts one function's items for a report.
type FunctionSummary struct {
	// Function is the function counted.
	Function Function
	// Lead is the person who signs it off, or "".
	Lead string
	// Items counts its items; MustHave those that are must-have.
	Items, MustHave int
	// NotStarted, InProgress, Ready, AtRisk and Waived count its items by
	// status.
	NotStarted, InProgress, Ready, AtRisk, Waived int
	// Blocking counts its must-have items neither ready nor waived.
	Blocking int
}

// ByFunction counts the items per function: the built-in functions that
// have items, in the order of Functions, then a company's own, in order of
// first use.
func (c *Checklist) ByFunction() []FunctionSummary {
	if c == nil {
		return nil
	}
	pos := map[Function]int{}
	var out []FunctionSummary
	order := Functions()
	for _, it := range c.Items {
		if _, ok := pos[it.Function]; !ok {
			pos[it.Function] = len(out)
			out = append(out, FunctionSummary{Function: it.Function, Lead: c.Lead(it.Function)})
		}
		s := &out[pos[it.Function]]
		s.Items++
		if it.MustHave {
			s.MustHave++
		}
		switch it.Status {
		case NotStarted:
			s.NotStarted++
		case InProgress:
			s.InProgress++
		case Ready:
			s.Ready++
		case AtRisk:
			s.AtRisk++
		case Waived:
			s.Waived++
		}
		if it.Blocking() {
			s.Blocking++
		}
	}
	rank := func(f Function) int {
		if i := slices.Index(order, f); i >= 0 {
			return i
		}
		return len(order) + pos[f]
	}
	slices.SortStableFunc(out, func(a, b FunctionSummary) int { return rank(a.Function) - rank(b.Function) })
	return out
}

func subject(id string) validation.Subject { return validation.Subject{Kind: SubjectItem, ID: id} }
