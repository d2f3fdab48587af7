package resource

import (
	"fmt"

	"github.com/rolloutkit/rollout/validation"
)

// ErrUnknownValue is wrapped by errors about text that is not one of a
// type's documented values, such as an unknown resource kind or unit.
var ErrUnknownValue = validation.Sentinel(validation.ErrNotSupported, "unknown value")

// Kind is the kind of a resource or of a demand: a person, a facility, a
// piece of equipment or money.
type Kind uint8

// The resource kinds. The zero Kind means "not given".
const (
	// KindPerson is someone whose working hours are planned: a trainer, a
	// product marketer, a support engineer.
	KindPerson Kind = iota + 1
	// KindFacility is a place with a number of seats: a training room, a booth.
	KindFacility
	// KindEquipment is a stock of interchangeable units: demo laptops, kiosks.
	KindEquipment
	// KindMoney is money from a budget.
	KindMoney
)

var kindNames = [...]string{"", "person", "facility", "equipment", "money"}

// Kinds returns every kind in order.
func Kinds() []Kind { return []Kind{KindPerson, KindFacility, KindEquipment, KindMoney} }

// String returns the text form: person, facility, equipment or money; the
// zero Kind gives "".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// IsValid reports whether k is one of the four kinds.
func (k Kind) IsValid() bool { return k >= KindPerson && k <= KindMoney }

// ParseKind reads the text form of a kind; "" gives the zero Kind.
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("resource: kind %q: %w (want person, facility, equipment or money)", clip(s), ErrUnknownValue)
}

// MarshalText returns the text form; an invalid kind is an error.
func (k Kind) MarshalText() ([]byte, error) {
	if k != 0 && !k.IsValid() {
		return nil, fmt.Errorf("resource: marshalling %v: %w", k, ErrUnknownValue)
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText reads the text form; on error k is unchanged.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Unit is the unit of a demanded or supplied quantity.
type Unit uint8

// The units. The zero Unit means "not given".
const (
	// UnitHours counts a person's working time.
	UnitHours Unit = iota + 1
	// UnitSeats counts seats in a facility.
	UnitSeats
	// UnitUnits counts units of equipment.
	UnitUnits
	// UnitMoney: the quantity is an amount of money (Quantity.Money).
	UnitMoney
)

var unitNames = [...]string{"", "hours", "seats", "units", "money"}

// String returns the text form: hours, seats, units or money.
func (u Unit) String() string {
	if int(u) < len(unitNames) {
		return unitNames[u]
	}
	return fmt.Sprintf("Unit(%d)", u)
}

// IsValid reports whether u is one of the four units.
func (u Unit) IsValid() bool { return u >= UnitHours && u <= UnitMoney }

// ParseUnit reads the text form of a unit; "" gives the zero Unit.
func ParseUnit(s string) (Unit, error) {
	for i, n := range unitNames {
		if n == s {
			return Unit(i), nil
		}
	}
	return 0, fmt.Errorf("resource: unit %q: %w (want hours, seats, units or money)", clip(s), ErrUnknownValue)
}

// MarshalText returns the text form; an invalid unit is an error.
func (u Unit) MarshalText() ([]byte, error) {
	if u != 0 && !u.IsValid() {
		return nil, fmt.Errorf("resource: marshalling %v: %w", u, ErrUnknownValue)
	}
	return []byte(unitNames[u]), nil
}

// UnmarshalText reads the text form; on error u is unchanged.
func (u *Unit) UnmarshalText(b []byte) error {
	v, err := ParseUnit(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// Unit returns the unit in which demands on resources of kind k are
// counted: hours for people, seats for facilities, units for equipment and
// money for funds.
func (k Kind) Unit() Unit {
	if k.IsValid() {
		return Unit(k)
	}
	return 0
}

// Kind returns the resource kind counted in unit u.
func (u Unit) Kind() Kind {
	if u.IsValid() {
		return Kind(u)
	}
	return 0
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
