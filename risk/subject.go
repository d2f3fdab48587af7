package risk

import "github.com/rolloutkit/rollout/validation"

// Kinds of the entities of a risk log, for the validation.Subject of a
// problem about one of them.
const (
	// SubjectRisk: a risk, named by its ID.
	SubjectRisk validation.SubjectKind = "risk"
	// SubjectIssue: an issue, named by its ID.
	SubjectIssue validation.SubjectKind = "issue"
)
