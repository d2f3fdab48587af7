package validation

// SubjectKind names a kind of entity a problem can be about, such as
// "task" or "risk". Each package that owns an entity defines the kind's
// constant beside it (backlog.SubjectTask, risk.SubjectRisk,
// resource.SubjectDemand, plan.SubjectRole, ...); kinds are stable, like
// codes.
type SubjectKind string

// Subject names the entity a problem is about: its kind and its ID, such
// as {Kind: "task", ID: "REQ-1/brief"}. It lets a caller act on a problem
// (link to the task, group findings by risk) without parsing the message.
//
// The zero Subject means the problem is about no single entity (a missing
// list, a document-wide figure). An entity without an ID of its own, such
// as the plan's notification, has a Kind and an empty ID; a demand or
// budget line is named by its own ID, a role by its name, a requirement
// category by its key.
type Subject struct {
	// Kind is the kind of entity, such as "task".
	Kind SubjectKind `json:"kind"`
	// ID identifies the entity within its kind, such as "T12".
	ID string `json:"id,omitempty"`
}

// IsZero reports whether s names no entity.
func (s Subject) IsZero() bool { return s == Subject{} }

// String renders the subject as "kind ID", such as "task T12", or just
// the kind when it has no ID.
func (s Subject) String() string {
	if s.ID == "" {
		return string(s.Kind)
	}
	return string(s.Kind) + " " + s.ID
}

// About returns a copy of p about subject s.
func (p *Problem) About(s Subject) *Problem {
	q := *p
	q.Subject = s
	return &q
}
