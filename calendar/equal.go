package calendar

import "slices"

// Equal reports whether d and e are the same date. It is the same as
// d == e, and lets github.com/google/go-cmp compare structs holding dates.
func (d Date) Equal(e Date) bool { return d == e }

// Equal reports whether c and o define the same calendar: the same name,
// work week, hours per day, holidays and freeze windows. A nil or zero Calendar equals
// Standard. It lets github.com/google/go-cmp compare values holding
// calendars.
func (c *Calendar) Equal(o *Calendar) bool {
	a, b := c.Spec(), o.Spec()
	return a.Name == b.Name && a.Workweek == b.Workweek && a.HoursPerDay == b.HoursPerDay && slices.Equal(a.Holidays, b.Holidays) && slices.Equal(a.Freezes, b.Freezes)
}

// JSONSchemaAlias makes JSON Schema generators (such as
// github.com/invopop/jsonschema) describe a Calendar by its Spec, the form
// it takes in JSON.
func (Calendar) JSONSchemaAlias() any { return Spec{} }
