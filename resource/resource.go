package resource

import (
	"fmt"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource/money"
)

// Resource is something the plan can draw on: a person, a facility, a stock
// of equipment or a fund.
//
// Capacity is counted per workday of the resource's calendar, in the unit
// of its kind (see Kind.Unit): a person offers HoursPerDay hours (or the
// calendar's hours per day when HoursPerDay is zero), a facility offers
// Capacity seats and equipment offers Capacity units on each workday. On
// the days of an Absence the capacity is zero.
type Resource struct {
	// ID identifies the resource, stable across plan revisions.
	ID string `json:"id" jsonschema:"minLength=1"`
	// Name is the display name, such as "Ana Ortiz" or "Training room B".
	Name string `json:"name" jsonschema:"minLength=1"`
	// Kind says what the resource is.
	Kind Kind `json:"kind"`
	// Role is a person's role, such as "trainer" or "support-engineer";
	// demands may ask for any person with a role.
	Role string `json:"role,omitzero"`
	// Skills are a person's skills, such as "product-x" or "german".
	Skills []string `json:"skills,omitempty"`
	// HoursPerDay is a person's capacity in hours per workday; zero means
	// the hours per day of the calendar.
	HoursPerDay float64 `json:"hoursPerDay,omitzero" jsonschema:"minimum=0,maximum=24"`
	// Capacity is the number of seats of a facility or units of equipment
	// available on each workday.
	Capacity float64 `json:"capacity,omitzero" jsonschema:"minimum=0"`
	// Calendar names the working calendar, one of Pool.Calendars; empty
	// means calendar.Standard.
	Calendar string `json:"calendar,omitzero"`
	// Absences are periods in which the resource is not available:
	// leave, maintenance, a loan.
	Absences []Absence `json:"absences,omitempty"`
	// Rate is the cost of using the resource, if it has one.
	Rate Rate `json:"rate,omitzero"`
	// Note is free text.
	Note string `json:"note,omitzero"`
}

// HasSkill reports whether the resource lists skill.
func (r *Resource) HasSkill(skill string) bool {
	for _, s := range r.Skills {
		if s == skill {
			return true
		}
	}
	return false
}

// DailyCapacity returns the capacity on one workday with calendar cal: the
// hours of a person, the seats of a facility, the units of equipment. Funds
// have no daily capacity.
func (r *Resource) DailyCapacity(cal *calendar.Calendar) float64 {
	switch r.Kind {
	case KindPerson:
		if r.HoursPerDay > 0 {
			return r.HoursPerDay
		}
		return cal.HoursPerDay()
	case KindFacility, KindEquipment:
		return r.Capacity
	}
	return 0
}

// IsAbsent reports whether d falls in one of the resource's absences.
func (r *Resource) IsAbsent(d calendar.Date) bool {
	for _, a := range r.Absences {
		if a.Contains(d) {
			return true
		}
	}
	return false
}

// Absence is a period, both ends inclusive, in which a resource is not
// available.
type Absence struct {
	// From is the first day of the absence.
	From calendar.Date `json:"from"`
	// To is the last day (inclusive); zero means the single day From.
	To calendar.Date `json:"to,omitzero"`
	// Reason says why, such as "parental leave".
	Reason string `json:"reason,omitzero"`
}

// Last returns the last day of the absence.
func (a Absence) Last() calendar.Date {
	if a.To.IsZero() {
		return a.From
	}
	return a.To
}

// Contains reports whether d falls in the absence.
func (a Absence) Contains(d calendar.Date) bool {
	return !d.Before(a.From) && !d.After(a.Last())
}

// RatePer is what a cost rate is charged per: an hour, a day or a unit.
type RatePer uint8

// The rate bases. The zero RatePer means "not given".
const (
	// PerHour charges each hour of a person's time.
	PerHour RatePer = iota + 1
	// PerDay charges each workday the resource is used.
	PerDay
	// PerUnit charges each seat or unit once, whatever the number of days.
	PerUnit
)

var ratePerNames = [...]string{"", "hour", "day", "unit"}

// String returns hour, day or unit.
func (p RatePer) String() string {
	if int(p) < len(ratePerNames) {
		return ratePerNames[p]
	}
	return fmt.Sprintf("RatePer(%d)", p)
}

// IsValid reports whether p is one of the three bases.
func (p RatePer) IsValid() bool { return p >= PerHour && p <= PerUnit }

// MarshalText returns the text form; an invalid value is an error.
func (p RatePer) MarshalText() ([]byte, error) {
	if p != 0 && !p.IsValid() {
		return nil, fmt.Errorf("resource: marshalling %v: %w", p, ErrUnknownValue)
	}
	return []byte(ratePerNames[p]), nil
}

// UnmarshalText reads hour, day, unit or empty text; on error p is
// unchanged.
func (p *RatePer) UnmarshalText(b []byte) error {
	for i, n := range ratePerNames {
		if n == string(b) {
			*p = RatePer(i)
			return nil
		}
	}
	return fmt.Errorf("resource: rate basis %q: %w (want hour, day or unit)", clip(string(b)), ErrUnknownValue)
}

// Rate is the cost of a resource: an amount per hour, per day or per unit.
type Rate struct {
	// Amount is the price of one hour, day or unit.
	Amount money.Money `json:"amount"`
	// Per says what Amount is charged per.
	Per RatePer `json:"per"`
}

// IsZero reports whether no rate is given.
func (r Rate) IsZero() bool { return r == Rate{} }

// String formats the rate, such as "EUR 95.00/hour".
func (r Rate) String() string {
	if r.IsZero() {
		return ""
	}
	return r.Amount.String() + "/" + r.Per.String()
}

// Cost returns the cost of using a quantity q of the resource on workdays
// days, for a resource offering hoursPerDay hours a day: per hour, the
// rate times the hours; per day, the rate times the days (for hours, the
// hours divided by hoursPerDay, rounded to the cent); per unit, the rate
// times the seats or units. Money quantities have no rate cost. Results are
// rounded half away from zero to the minor unit.
func (r Rate) Cost(q Quantity, days int, hoursPerDay float64) (money.Money, error) {
	if r.IsZero() || q.Unit == UnitMoney {
		return money.Money{}, nil
	}
	// Quantities are carried to 1/10000 of a unit.
	const scale = 10000
	v := q.Value
	switch r.Per {
	case PerHour:
		if q.Unit != UnitHours {
			return money.Money{}, fmt.Errorf("resource: an hourly rate cannot price %s: %w", q, ErrUnknownValue)
		}
	case PerDay:
		if q.Unit == UnitHours {
			if !(hoursPerDay > 0) {
				return money.Money{}, fmt.Errorf("resource: a daily rate needs the hours per day: %w", ErrUnknownValue)
			}
			v = q.Value / hoursPerDay
		} else {
			v = float64(days)
		}
	case PerUnit:
		if q.Unit == UnitHours {
			return money.Money{}, fmt.Errorf("resource: a unit rate cannot price %s: %w", q, ErrUnknownValue)
		}
	default:
		return money.Money{}, fmt.Errorf("resource: rate basis %v: %w", r.Per, ErrUnknownValue)
	}
	n := v * scale
	if !(n >= -9e15 && n <= 9e15) {
		return money.Money{}, fmt.Errorf("resource: pricing %s: %w", q, money.ErrOverflow)
	}
	return r.Amount.MulFrac(roundHalfAway(n), scale)
}

func roundHalfAway(f float64) int64 {
	if f < 0 {
		return -int64(-f + 0.5)
	}
	return int64(f + 0.5)
}
