package resource

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource/money"
)

// Quantity is an amount of a resource: a number of hours, seats or units,
// or an amount of money.
//
// For Unit hours, seats and units, Value holds the number and Money is
// zero; for Unit money, Money holds the amount and Value is zero.
type Quantity struct {
	// Value is the number of hours, seats or units; fractions are allowed
	// for hours (7.5 hours).
	Value float64 `json:"value,omitzero" jsonschema:"minimum=0"`
	// Unit says what is counted.
	Unit Unit `json:"unit"`
	// Money is the amount of a money quantity.
	Money money.Money `json:"money,omitzero"`
}

// HoursOf returns a quantity of h hours.
func HoursOf(h float64) Quantity { return Quantity{Value: h, Unit: UnitHours} }

// SeatsOf returns a quantity of n seats.
func SeatsOf(n float64) Quantity { return Quantity{Value: n, Unit: UnitSeats} }

// UnitsOf returns a quantity of n units of equipment.
func UnitsOf(n float64) Quantity { return Quantity{Value: n, Unit: UnitUnits} }

// MoneyOf returns a money quantity.
func MoneyOf(m money.Money) Quantity { return Quantity{Unit: UnitMoney, Money: m} }

// IsZero reports whether q is the zero Quantity.
func (q Quantity) IsZero() bool { return q == Quantity{} }

// String formats q, such as "37.5 hours", "12 seats" or "EUR 1200.00".
func (q Quantity) String() string {
	if q.Unit == UnitMoney {
		return q.Money.String()
	}
	return formatFloat(q.Value) + " " + q.Unit.String()
}

// Demand is something the plan needs: a named resource, or any resource of
// a role or kind, in some quantity, over a date range or for a task.
//
// Who: ResourceID names one resource; otherwise Role (for people, such as
// "trainer") and/or Kind ask for any resource of that role or kind. Money
// demands have Kind money and may name a budget Category.
//
// When: From and To (both inclusive) give the date range; otherwise TaskID
// names the task that needs the resource, and the plan resolves the task's
// dates (see WithDates). How the quantity spreads over the range depends on
// the unit:
//
//   - hours are a total effort, spread evenly over the resource's workdays
//     in the range (40 hours from Monday to Friday is 8 hours a day);
//   - seats and units are held on every workday of the range (12 seats from
//     Monday to Wednesday is 12 seats on each of the three days);
//   - money is one amount for the whole demand.
type Demand struct {
	// ID identifies the demand, stable across plan revisions.
	ID string `json:"id" jsonschema:"minLength=1"`
	// ResourceID names the resource needed; empty asks for any resource of
	// Role and Kind.
	ResourceID string `json:"resourceId,omitzero"`
	// Role asks for any person with this role, such as "trainer".
	Role string `json:"role,omitzero"`
	// Kind is the kind of resource needed; when zero, the kind counted in
	// the quantity's unit (hours: person, seats: facility, units:
	// equipment, money: money). Validate checks it against the resource
	// named and the role.
	Kind Kind `json:"kind,omitzero"`
	// Quantity is how much is needed.
	Quantity Quantity `json:"quantity"`
	// From is the first day the resource is needed.
	From calendar.Date `json:"from,omitzero"`
	// To is the last day the resource is needed (inclusive).
	To calendar.Date `json:"to,omitzero"`
	// TaskID names the task that needs the resource.
	TaskID string `json:"taskId,omitzero"`
	// Category is the budget category a money demand is charged to, such
	// as "training".
	Category Category `json:"category,omitzero"`
	// Note is free text.
	Note string `json:"note,omitzero"`
}

// EffectiveKind returns the kind of resource the demand asks for: Kind if
// given, else the kind of the quantity's unit.
func (d *Demand) EffectiveKind() Kind {
	if d.Kind != 0 {
		return d.Kind
	}
	return d.Quantity.Unit.Kind()
}

// HasDates reports whether the demand has a date range.
func (d *Demand) HasDates() bool { return !d.From.IsZero() && !d.To.IsZero() }

// WithDates returns a copy of d with the range From..To, such as the dates
// the plan scheduled for d.TaskID.
func (d Demand) WithDates(from, to calendar.Date) Demand {
	d.From, d.To = from, to
	return d
}

// Fingerprint returns a digest of what the demand asks for: who (ResourceID,
// Role, Kind), how much (Quantity), when (From, To, TaskID) and the budget
// Category. ID and Note do not count, so editing a note does not disturb a
// commitment. A commitment stores the fingerprint of the demand it was given
// for; when the demand's fingerprint changes, the commitment needs
// reconfirmation.
func (d *Demand) Fingerprint() string {
	fp := d.fingerprint()
	return string(fp[:])
}

// fingerprint computes Fingerprint without allocating.
func (d *Demand) fingerprint() (out [32]byte) {
	var buf [256]byte
	b := buf[:0]
	str := func(s string) {
		b = binary.LittleEndian.AppendUint64(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(d.ResourceID)
	str(d.Role)
	str(d.EffectiveKind().String())
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(d.Quantity.Value+0)) // +0 folds -0 into 0
	str(d.Quantity.Unit.String())
	b, _ = d.Quantity.Money.AppendText(b)
	b = append(b, 0)
	b, _ = d.From.AppendText(b)
	b = append(b, 0)
	b, _ = d.To.AppendText(b)
	str(d.TaskID)
	str(string(d.Category))
	sum := sha256.Sum256(b)
	hex.Encode(out[:], sum[:16])
	return out
}
