package backlog

import "github.com/rolloutkit/rollout/validation"

// Kinds of the entities of a backlog, for the validation.Subject of a
// problem about one of them.
const (
	// SubjectRequirement: a requirement, named by its ID.
	SubjectRequirement validation.SubjectKind = "requirement"
	// SubjectTask: a task, named by its ID.
	SubjectTask validation.SubjectKind = "task"
	// SubjectCategory: a requirement category, named by its key, such as
	// "support-training".
	SubjectCategory validation.SubjectKind = "category"
)
