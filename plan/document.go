package plan

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/rolloutkit/rollout/internal/jsondoc"
	"github.com/rolloutkit/rollout/validation"
)

// Codes of the problems Decode reports besides those of the document's
// content.
const (
	CodeSchemaVersion validation.Code = "plan.schema-version"
)

// DecodeOptions tune Decode. The zero value is ready to use.
type DecodeOptions struct {
	// MaxBytes limits the size of the document; 0 means 256 MiB.
	MaxBytes int
	// AllowInvalid returns a plan whose content breaks validation rules
	// (such as a dangling reference) instead of refusing it, so that a tool
	// can load a broken plan to repair it. Malformed JSON, unknown fields,
	// wrong types and newer schema versions are refused regardless.
	AllowInvalid bool
}

// Encode writes p as an indented JSON document. Encoding is stable:
// Encode(Decode(Encode(p))) gives the same bytes as Encode(p).
func Encode(p *Plan) ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("plan: encoding a nil plan")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("plan: encoding: %w", err)
	}
	return buf.Bytes(), nil
}

// Decode reads a plan document strictly: unknown fields, wrong types,
// out-of-range values, a newer schema version and oversized input are
// refused, each problem with its path, as a validation.List. Unless
// opts.AllowInvalid is set, the plan's content must also validate.
func Decode(data []byte, opts DecodeOptions) (*Plan, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = jsondoc.DefaultMaxBytes
	}
	if len(data) <= limit {
		if l := checkSchemaVersion(data); l != nil {
			return nil, l
		}
	}
	p := new(Plan)
	if err := jsondoc.Decode(data, p, jsondoc.Options{MaxBytes: limit}); err != nil {
		return nil, err
	}
	p.normalise()
	if !opts.AllowInvalid {
		// The backlog and the risk log validated themselves as they were
		// decoded; check the rest.
		reqs, tasks := p.backlogItems()
		if l := p.validate(reqs, tasks, false).Blocking(); len(l) > 0 {
			return nil, l
		}
	}
	return p, nil
}

// checkSchemaVersion reads the document's schemaVersion, looking only at
// the top-level members before it (Encode writes it first), and reports
// a missing, malformed or newer version. Malformed JSON is left to the
// decoder, which reports it with its position.
func checkSchemaVersion(data []byte) validation.List {
	path := validation.NewPath("schemaVersion")
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		if key, _ := tok.(string); key != "schemaVersion" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
			continue
		}
		var n json.Number
		if err := dec.Decode(&n); err != nil {
			return validation.List{validation.Invalid(path, CodeSchemaVersion, "schemaVersion must be a positive integer")}
		}
		v, err := n.Int64()
		switch {
		case err != nil || v < 1:
			return validation.List{validation.Invalid(path, CodeSchemaVersion, "schemaVersion %s is not a positive integer", n)}
		case v > SchemaVersion:
			return validation.List{validation.NotSupported(path, CodeSchemaVersion, n.String(), []string{fmt.Sprint(SchemaVersion)}).WithMessage(
				fmt.Sprintf("schemaVersion %d is newer than this library reads (up to %d): upgrade github.com/rolloutkit/rollout", v, SchemaVersion))}
		}
		return nil
	}
	return validation.List{validation.Required(path, CodeSchemaVersion, "the document's schemaVersion")}
}

// DecodeInto decodes data as Decode does and, only on success, replaces
// *p with the result. On error *p is left exactly as it was. Observers
// registered on p are kept.
func DecodeInto(p *Plan, data []byte, opts DecodeOptions) error {
	q, err := Decode(data, opts)
	if err != nil {
		return err
	}
	obs := p.observers
	*p = *q
	p.observers = obs
	return nil
}

// normalise fills what a document may leave out.
func (p *Plan) normalise() {
	if p.Risks == nil {
		p.Risks = newRiskLog()
	}
	if p.Backlog == nil {
		p.Backlog = newBacklog()
	}
}
