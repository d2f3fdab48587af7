package resource

import "github.com/rolloutkit/rollout/validation"

// Kinds of the entities of a resource pool, for the validation.Subject of a
// problem about one of them.
const (
	// SubjectResource: a person, facility or piece of equipment, named by
	// its ID.
	SubjectResource validation.SubjectKind = "resource"
	// SubjectDemand: a demand, named by its ID.
	SubjectDemand validation.SubjectKind = "demand"
	// SubjectCommitment: a commitment, named by its ID.
	SubjectCommitment validation.SubjectKind = "commitment"
	// SubjectBudgetLine: a budget line, named by its ID.
	SubjectBudgetLine validation.SubjectKind = "budget-line"
	// SubjectBudgetCategory: a budget category as a whole, named by its
	// key, such as "training".
	SubjectBudgetCategory validation.SubjectKind = "budget-category"
	// SubjectCalendar: a resource calendar, named by its name.
	SubjectCalendar validation.SubjectKind = "calendar"
)
