package backlog

import (
	"encoding/json"
	"slices"

	"github.com/rolloutkit/rollout/internal/jsondoc"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Document is the JSON form of a [Backlog]. A plan embeds a Backlog, which
// encodes as a Document.
type Document struct {
	// Requirements are the requirements, in the order they were added.
	Requirements []Requirement `json:"requirements"`
	// Tasks are the tasks, in the order they were added.
	Tasks []Task `json:"tasks"`
	// Events is the history of both, oldest first.
	Events []Event `json:"events"`
	// Suppressed are the tombstones of removed generated tasks.
	Suppressed []Suppression `json:"suppressed,omitempty"`
}

// JSONSchemaAlias makes JSON Schema generators describe a Backlog by its
// Document.
func (Backlog) JSONSchemaAlias() any { return Document{} }

// Document returns a deep copy of the backlog's content.
func (b *Backlog) Document() Document {
	return Document{Requirements: b.Requirements(), Tasks: b.Tasks(), Events: b.Events(), Suppressed: b.Suppressed()}
}

// Load replaces the backlog's content by a deep copy of doc, checked with
// the backlog's lifecycles as Validate checks it. When doc has blocking
// problems it returns them as a validation.List and changes nothing;
// warnings do not block.
func (b *Backlog) Load(doc Document) error {
	own := Document{
		Requirements: make([]Requirement, len(doc.Requirements)),
		Tasks:        make([]Task, len(doc.Tasks)),
		Events:       slices.Clone(doc.Events),
		Suppressed:   (&Backlog{suppressed: doc.Suppressed}).Suppressed(),
	}
	for i := range doc.Requirements {
		own.Requirements[i] = doc.Requirements[i].Clone()
	}
	for i := range doc.Tasks {
		own.Tasks[i] = doc.Tasks[i].Clone()
	}
	return b.load(own)
}

// load is Load for a document the backlog may keep as it is.
func (b *Backlog) load(doc Document) error {
	trial := &Backlog{requirements: b.requirements, tasks: b.tasks, events: doc.Events, suppressed: doc.Suppressed}
	trial.requirements.Load(doc.Requirements)
	trial.tasks.Load(doc.Tasks)
	trial.upgradeReasons()
	var probs validation.List
	trial.validate(&probs)
	if bl := probs.Blocking(); len(bl) > 0 {
		return bl
	}
	*b = *trial
	return nil
}

// Restore returns a backlog holding doc as it is, without checking it:
// dangling references, cycles, duplicate IDs and malformed values are kept
// so that a broken backlog can be loaded to be repaired (Validate reports
// what is wrong). Lookups by a duplicated ID find its first holder. doc's
// lists are kept, not copied.
func Restore(doc Document) *Backlog {
	b := &Backlog{events: doc.Events, suppressed: doc.Suppressed}
	b.requirements.Load(doc.Requirements)
	b.tasks.Load(doc.Tasks)
	return b
}

// MarshalJSON encodes the backlog as a Document, with empty lists as [].
func (b Backlog) MarshalJSON() ([]byte, error) {
	doc := Document{Requirements: b.requirements.Items(), Tasks: b.tasks.Items(), Events: b.events, Suppressed: b.suppressed}
	if doc.Requirements == nil {
		doc.Requirements = []Requirement{}
	}
	if doc.Tasks == nil {
		doc.Tasks = []Task{}
	}
	if doc.Events == nil {
		doc.Events = []Event{}
	}
	return json.Marshal(doc)
}

// UnmarshalJSON decodes a Document strictly (unknown fields, wrong types,
// unknown enum values and trailing data are rejected), validates it with
// the backlog's lifecycles, and only then replaces the backlog's content.
// Errors are a validation.List whose paths start at the backlog, such as
// tasks[3].estimate.mostLikely; on error the backlog is unchanged.
func (b *Backlog) UnmarshalJSON(data []byte) error {
	var doc Document
	if err := jsondoc.Decode(data, &doc, jsondoc.Options{}); err != nil {
		return err
	}
	return b.load(doc) // the freshly decoded document needs no copy
}

// Decode decodes and validates a backlog written by MarshalJSON, enforcing
// the given lifecycles (nil for the CMMI defaults). Errors are as for
// UnmarshalJSON.
func Decode(data []byte, requirementLC, taskLC *lifecycle.Machine[workitem.State]) (*Backlog, error) {
	b := &Backlog{}
	if err := b.SetLifecycles(requirementLC, taskLC); err != nil {
		return nil, err
	}
	if err := b.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return b, nil
}
