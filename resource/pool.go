package resource

import (
	"fmt"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/internal/jsondoc"
	"github.com/rolloutkit/rollout/validation"
)

// Pool holds everything package resource knows about one plan: the working
// calendars, the resources, the demands, the commitments obtained for them
// and the budget. A plan document embeds one Pool.
//
// The questions a plan asks of its resources are one call each:
// CheckAllocation (is any resource over-allocated?), CheckCoverage (is every
// demand covered by commitments given against the current revision?),
// CheckBudget (does the committed budget cover the required budget?) and
// Reconfirmations (which commitments need reconfirming?). Load, Coverage and
// Budget.ByCategory give the figures behind the answers.
type Pool struct {
	// Calendars are the working calendars resources refer to by name.
	Calendars []*calendar.Calendar `json:"calendars,omitempty"`
	// Resources are the people, facilities, equipment and funds.
	Resources []Resource `json:"resources,omitempty"`
	// Demands are what the plan needs.
	Demands []Demand `json:"demands,omitempty"`
	// Commitments are the IPMO's answers to demands.
	Commitments []Commitment `json:"commitments,omitempty"`
	// Budget is the launch budget.
	Budget Budget `json:"budget,omitzero"`
}

// Calendar returns the calendar called name, calendar.Standard for the
// empty name, and false when no calendar has that name.
func (p *Pool) Calendar(name string) (*calendar.Calendar, bool) {
	if name == "" {
		return calendar.Standard(), true
	}
	for _, c := range p.Calendars {
		if c != nil && c.Name() == name {
			return c, true
		}
	}
	return nil, false
}

// Resource returns the resource with the given ID.
func (p *Pool) Resource(id string) (*Resource, bool) {
	for i := range p.Resources {
		if p.Resources[i].ID == id {
			return &p.Resources[i], true
		}
	}
	return nil, false
}

// Demand returns the demand with the given ID.
func (p *Pool) Demand(id string) (*Demand, bool) {
	for i := range p.Demands {
		if p.Demands[i].ID == id {
			return &p.Demands[i], true
		}
	}
	return nil, false
}

// Commitment returns the commitment with the given ID.
func (p *Pool) Commitment(id string) (*Commitment, bool) {
	for i := range p.Commitments {
		if p.Commitments[i].ID == id {
			return &p.Commitments[i], true
		}
	}
	return nil, false
}

// index maps IDs to positions; built once per analysis.
type index struct {
	resources map[string]int
	demands   map[string]int
}

func (p *Pool) index() index {
	ix := index{resources: make(map[string]int, len(p.Resources)), demands: make(map[string]int, len(p.Demands))}
	for i := range p.Resources {
		if _, dup := ix.resources[p.Resources[i].ID]; !dup {
			ix.resources[p.Resources[i].ID] = i
		}
	}
	for i := range p.Demands {
		if _, dup := ix.demands[p.Demands[i].ID]; !dup {
			ix.demands[p.Demands[i].ID] = i
		}
	}
	return ix
}

// Decode reads a Pool from JSON strictly (unknown fields, wrong types,
// malformed amounts, dates or states, trailing data are errors), validates
// it, and only then stores it in *p. On error *p is unchanged and the error
// is a validation.List whose problems carry paths such as
// demands[3].quantity. Warnings alone do not stop decoding; call Validate
// to see them.
func Decode(data []byte, p *Pool) error {
	if p == nil {
		return fmt.Errorf("resource: Decode into a nil *Pool: %w", jsondoc.ErrNotPointer)
	}
	var fresh Pool
	if err := jsondoc.Decode(data, &fresh, jsondoc.Options{}); err != nil {
		return err
	}
	if l := fresh.ValidateList(); l.HasBlocking() {
		return l
	}
	*p = fresh
	return nil
}

// Validate checks the pool and returns every problem at once as a
// validation.List (nil when there is none). Problems carry stable codes
// (see the Code constants) and paths such as resources[2].hoursPerDay.
func (p *Pool) Validate() error {
	var l validation.List
	p.validate(&l)
	return l.Err()
}

// ValidateList is Validate returning the list itself, for callers that
// merge problems under a parent path (a plan document).
func (p *Pool) ValidateList() validation.List {
	var l validation.List
	p.validate(&l)
	return l
}
