package plan

import (
	"fmt"
	"strings"
)

// Role is a role that takes part in the activity, such as "Release Manager".
// Users may add their own roles.
type Role string

// The activity's roles, as the process guidance names them.
const (
	ReleaseManager Role = "Release Manager"
	IPMOfficer     Role = "IPM Officer"
	ProjectManager Role = "Project Manager"
)

// RACI is a set of responsibilities a role holds for the activity.
type RACI uint8

// The RACI responsibilities.
const (
	Responsible RACI = 1 << iota
	Accountable
	Consulted
	Informed
)

var raciLetters = [...]struct {
	r    RACI
	name string
}{{Responsible, "responsible"}, {Accountable, "accountable"}, {Consulted, "consulted"}, {Informed, "informed"}}

// Has reports whether r holds every responsibility of q.
func (r RACI) Has(q RACI) bool { return r&q == q && q != 0 }

// String lists the responsibilities, such as "responsible,accountable".
func (r RACI) String() string {
	var parts []string
	for _, l := range raciLetters {
		if r&l.r != 0 {
			parts = append(parts, l.name)
		}
	}
	return strings.Join(parts, ",")
}

// MarshalText writes the responsibilities as String does.
func (r RACI) MarshalText() ([]byte, error) {
	if r&^(Responsible|Accountable|Consulted|Informed) != 0 {
		return nil, fmt.Errorf("plan: invalid RACI %d", uint8(r))
	}
	return []byte(r.String()), nil
}

// UnmarshalText reads a comma-separated list of responsibilities. On error
// r is unchanged.
func (r *RACI) UnmarshalText(b []byte) error {
	var v RACI
	if len(b) == 0 {
		*r = 0
		return nil
	}
next:
	for _, part := range strings.Split(string(b), ",") {
		p := strings.ToLower(strings.TrimSpace(part))
		for _, l := range raciLetters {
			if p == l.name || p == l.name[:1] {
				v |= l.r
				continue next
			}
		}
		return fmt.Errorf("plan: unknown RACI responsibility %q (want responsible, accountable, consulted or informed)", part)
	}
	*r = v
	return nil
}

// RoleAssignment says what a role is responsible for in the activity and
// which people fill it in this plan.
type RoleAssignment struct {
	// Role names the role.
	Role Role `json:"role"`
	// RACI is the role's responsibility for the activity.
	RACI RACI `json:"raci" jsonschema:"type=string,example=responsible,accountable"`
	// People fill the role, by name or "Name <email>".
	People []string `json:"people,omitempty"`
}

// DefaultRoles returns the activity's RACI with nobody assigned yet: the
// Release Manager responsible and accountable, the IPM Officer consulted,
// the Project Manager informed.
func DefaultRoles() []RoleAssignment {
	return []RoleAssignment{
		{Role: ReleaseManager, RACI: Responsible | Accountable},
		{Role: IPMOfficer, RACI: Consulted},
		{Role: ProjectManager, RACI: Informed},
	}
}
