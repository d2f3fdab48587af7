// Package resource models what a product launch needs and what it has been
// promised: people, facilities, equipment and money (sub-activities 3 and 4
// of release planning: determine the resources, then negotiate them with the
// integrated program management office, IPMO, and obtain commitments).
//
// A Demand states a need: a named resource or any resource of a role or
// kind, a Quantity (hours, seats, units or money, see package money) and a
// date range or the task that needs it.
package resource
