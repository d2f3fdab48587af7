package risk

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/rolloutkit/rollout/internal/jsondoc"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// LogDocument is the JSON form of a [Log]: its risks, its issues and the
// events of both, oldest first. A plan embeds a Log, which encodes as a
// LogDocument.
type LogDocument struct {
	// Risks are the risks, in the order they were added.
	Risks []Risk `json:"risks"`
	// Issues are the issues, in the order they were added.
	Issues []Issue `json:"issues"`
	// Events is the history of both, oldest first.
	Events []Event `json:"events"`
}

// JSONSchemaAlias makes JSON Schema generators describe a Log by its
// LogDocument.
func (Log) JSONSchemaAlias() any { return LogDocument{} }

// Document returns a deep copy of the log's content; its lists are never
// nil.
func (l *Log) Document() LogDocument {
	c := l.Clone()
	return LogDocument{Risks: c.risks.Items(), Issues: c.issues.Items(), Events: c.events}
}

// Load replaces the log's content by a deep copy of doc, checked with the
// log's lifecycles as Validate checks it. When doc has blocking problems
// it returns them as a validation.List and changes nothing; warnings do
// not block.
func (l *Log) Load(doc LogDocument) error {
	own := LogDocument{Risks: make([]Risk, len(doc.Risks)), Issues: make([]Issue, len(doc.Issues))}
	for i := range doc.Risks {
		own.Risks[i] = doc.Risks[i].Clone()
	}
	for i := range doc.Issues {
		own.Issues[i] = doc.Issues[i].Clone()
	}
	own.Events = slices.Clone(doc.Events)
	return l.load(own)
}

// load is Load for a document the log may keep as it is.
func (l *Log) load(doc LogDocument) error {
	trial := *l
	trial.risks.Load(doc.Risks)
	trial.issues.Load(doc.Issues)
	trial.events = doc.Events
	trial.upgradeReasons()
	probs, _ := trial.validate()
	if b := probs.Blocking(); len(b) > 0 {
		return b
	}
	*l = trial
	return nil
}

// RestoreLog returns a log holding doc as it is, without checking it:
// invalid values, duplicate IDs and broken links are kept so that a broken
// log can be loaded to be repaired (Validate reports what is wrong).
// Lookups by a duplicated ID find its first holder. doc's lists are kept,
// not copied.
func RestoreLog(doc LogDocument) *Log {
	l := &Log{events: doc.Events}
	l.risks.Load(doc.Risks)
	l.issues.Load(doc.Issues)
	return l
}

// MarshalJSON encodes the log as a LogDocument, with empty lists as [].
// It has a value receiver so that a Log embedded by value in another
// struct encodes even when that struct is not addressable.
func (l Log) MarshalJSON() ([]byte, error) {
	doc := LogDocument{Risks: l.risks.Items(), Issues: l.issues.Items(), Events: l.events}
	if doc.Risks == nil {
		doc.Risks = []Risk{}
	}
	if doc.Issues == nil {
		doc.Issues = []Issue{}
	}
	if doc.Events == nil {
		doc.Events = []Event{}
	}
	return json.Marshal(doc)
}

// UnmarshalJSON decodes a LogDocument strictly (unknown fields, wrong
// types, out-of-range and unknown enum values, trailing data are
// rejected), validates it with the log's lifecycles, and only then
// replaces the log's content. Errors are a validation.List whose paths
// start at the log, such as risks[4].probability; on error the log is
// unchanged. JSON null leaves the log as it is.
func (l *Log) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil // as encoding/json does for other values
	}
	var doc LogDocument
	if err := jsondoc.Decode(data, &doc, jsondoc.Options{}); err != nil {
		return err
	}
	return l.load(doc)
}

// DecodeLog decodes and validates a log written by Log.MarshalJSON,
// enforcing the given lifecycles (nil for the CMMI defaults). Errors are as
// for UnmarshalJSON.
func DecodeLog(data []byte, riskLC, issueLC *lifecycle.Machine[workitem.State]) (*Log, error) {
	l := &Log{}
	if err := l.SetLifecycles(riskLC, issueLC); err != nil {
		return nil, err
	}
	if err := l.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return l, nil
}
