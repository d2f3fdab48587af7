package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/internal/jsondoc"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// Codes of the problems Decode reports besides those of the document's
// content. A service answers 413 for CodeTooLarge (its problem also
// matches validation.ErrTooLarge) and 400 for the others.
const (
	CodeSchemaVersion validation.Code = "plan.schema-version"
	// CodeTooLarge: the document exceeds DecodeOptions.MaxBytes.
	CodeTooLarge validation.Code = jsondoc.CodeTooLarge
	// CodeSyntax: the document is not JSON.
	CodeSyntax validation.Code = jsondoc.CodeSyntax
	// CodeUnknownField: a member the document format does not have.
	CodeUnknownField validation.Code = jsondoc.CodeUnknownField
	// CodeType: a value of the wrong JSON type (a string for a number, a
	// null document).
	CodeType validation.Code = jsondoc.CodeType
	// CodeValue: a value its type refuses (a date such as 2027-02-30).
	CodeValue validation.Code = jsondoc.CodeValue
	// CodeTrailing: data after the document.
	CodeTrailing validation.Code = jsondoc.CodeTrailing
	// CodeEmpty: an empty input.
	CodeEmpty validation.Code = jsondoc.CodeEmpty
)

// DecodeOptions tune Decode. The zero value is ready to use.
type DecodeOptions struct {
	// MaxBytes limits the size of the document; 0 means 256 MiB.
	MaxBytes int
	// AllowInvalid returns a plan whose content breaks validation rules
	// instead of refusing it, so that a tool can load a broken plan to
	// repair it: dangling references (a dependency on a missing task, an
	// issue naming an unknown risk), dependency cycles, duplicate IDs,
	// malformed or unknown categories, refused states and any other
	// problem Validate reports are loaded as they are, and Validate and
	// the gates report them. Only the form is still enforced: malformed
	// JSON, unknown fields, values of the wrong JSON type, values their
	// own type cannot read (a date such as 2027-02-30, an unknown state
	// name, a calendar its constructor refuses), a missing or newer schema
	// version and oversized input are refused regardless. The plan's
	// methods keep refusing changes that would add a problem; repair the
	// plan with them or by editing its fields.
	AllowInvalid bool
}

// document is the plan as its JSON document has it: a Plan without its
// methods, so that encoding/json encodes and decodes its fields directly.
type document Plan

// document returns a shallow copy of p with the lists and parts that the
// JSON Schema requires present (never null) filled in, so that every
// encoded plan validates against plan/schema.json.
func (p *Plan) document() *document {
	d := document(*p)
	d.observers = nil
	if d.Roles == nil {
		d.Roles = []RoleAssignment{}
	}
	if d.Backlog == nil {
		d.Backlog = newBacklog()
	}
	if d.Risks == nil {
		d.Risks = newRiskLog()
	}
	if d.Readiness != nil && d.Readiness.Items == nil {
		r := *d.Readiness
		r.Items = []readiness.Item{}
		d.Readiness = &r
	}
	cloned := false
	for i := range d.Decisions {
		if d.Decisions[i].Ballots == nil {
			if !cloned {
				d.Decisions, cloned = slices.Clone(d.Decisions), true
			}
			d.Decisions[i].Ballots = []Ballot{}
		}
	}
	return &d
}

// repairDocument is a plan document whose backlog and risk log are read
// as they are, without the validation their own decoders apply, for
// DecodeOptions.AllowInvalid. Its Backlog and Risks come first so that
// they shadow the document's own.
type repairDocument struct {
	Backlog *backlog.Document `json:"backlog"`
	Risks   *risk.LogDocument `json:"risks"`
	document
}

// MarshalJSON encodes the plan as its JSON document, as Encode does but
// without indentation. It lets a plan be embedded in a caller's own JSON
// document; the result validates against JSONSchema.
func (p Plan) MarshalJSON() ([]byte, error) {
	return json.Marshal(p.document())
}

// UnmarshalJSON decodes a plan document as Decode does with the zero
// DecodeOptions, with the same strictness: unknown fields, wrong types,
// a newer or missing schemaVersion and invalid content are refused as a
// validation.List (its paths start at the plan), and on error the plan is
// unchanged. Observers registered on p are kept. JSON null leaves the plan
// as it is, as encoding/json does for other values. It lets a service embed
// a plan in its own request type and decode it with encoding/json.
func (p *Plan) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	return DecodeInto(p, data, DecodeOptions{})
}

// Encode writes p as an indented JSON document that validates against
// JSONSchema. Encoding is stable: Encode(Decode(Encode(p))) gives the same
// bytes as Encode(p).
func Encode(p *Plan) ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("plan: encoding a nil plan")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p.document()); err != nil {
		return nil, fmt.Errorf("plan: encoding: %w", err)
	}
	return buf.Bytes(), nil
}

// Decode reads a plan document strictly: unknown fields, wrong types,
// out-of-range values, a newer schema version, oversized input
// (CodeTooLarge, validation.ErrTooLarge) and a JSON null (CodeType: null
// is no plan) are refused, each problem with its path, as a
// validation.List. Unless opts.AllowInvalid is set, the plan's content must
// also validate; warnings do not refuse it.
func Decode(data []byte, opts DecodeOptions) (*Plan, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = jsondoc.DefaultMaxBytes
	}
	if len(data) <= limit {
		if string(bytes.TrimSpace(data)) == "null" {
			return nil, validation.List{validation.Invalid(validation.Path{}, CodeType, "want a plan document (an object), got null")}
		}
		if l := checkSchemaVersion(data); l != nil {
			return nil, l
		}
	}
	var p *Plan
	if opts.AllowInvalid {
		rd := new(repairDocument)
		if err := jsondoc.Decode(data, rd, jsondoc.Options{MaxBytes: limit}); err != nil {
			return nil, err
		}
		p = (*Plan)(&rd.document)
		if rd.Backlog != nil {
			p.Backlog = backlog.Restore(*rd.Backlog)
		}
		if rd.Risks != nil {
			p.Risks = risk.RestoreLog(*rd.Risks)
		}
	} else {
		d := new(document)
		if err := jsondoc.Decode(data, d, jsondoc.Options{MaxBytes: limit}); err != nil {
			return nil, err
		}
		p = (*Plan)(d)
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

// DecodeReader reads a plan document from r and decodes it as Decode does.
// It reads at most opts.MaxBytes (0 means 256 MiB) and refuses a longer
// document without reading the rest. The context is checked between reads;
// a cancelled read returns the context's error.
func DecodeReader(ctx context.Context, r io.Reader, opts DecodeOptions) (*Plan, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = jsondoc.DefaultMaxBytes
	}
	data, err := readLimited(ctx, r, limit)
	if err != nil {
		return nil, err
	}
	return Decode(data, opts)
}

// readLimited reads all of r, refusing more than limit bytes. It sizes its
// buffer from r's length when r tells it (bytes.Reader, strings.Reader,
// bytes.Buffer), so that reading costs no more than the input.
func readLimited(ctx context.Context, r io.Reader, limit int) ([]byte, error) {
	size := 64 << 10
	if l, ok := r.(interface{ Len() int }); ok {
		size = l.Len() + 1
	}
	if size > limit+1 {
		size = limit + 1
	}
	buf := make([]byte, 0, size)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			if len(buf) > limit {
				return nil, validation.List{validation.New(validation.ErrTooLarge, validation.Path{}, CodeTooLarge, "document exceeds the limit of %d bytes", limit)}
			}
			grow := min(cap(buf), limit+1-len(buf))
			buf = slices.Grow(buf, max(grow, 512))
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), limit+1)])
		buf = buf[:len(buf)+n]
		if len(buf) > limit {
			return nil, validation.List{validation.New(validation.ErrTooLarge, validation.Path{}, CodeTooLarge, "document exceeds the limit of %d bytes", limit)}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("plan: reading the document: %w", err)
		}
	}
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

// normalise fills what a document may leave out, and keeps baseline
// snapshots compact as TakeBaseline makes them (a document holds them
// indented), so that a decoded plan equals the plan that was encoded.
func (p *Plan) normalise() {
	for i := range p.Baselines {
		var buf bytes.Buffer
		if json.Compact(&buf, p.Baselines[i].Snapshot) == nil {
			p.Baselines[i].Snapshot = buf.Bytes()
		}
	}
	if p.Risks == nil {
		p.Risks = newRiskLog()
	}
	if p.Backlog == nil {
		p.Backlog = newBacklog()
	}
	if p.Readiness != nil && len(p.Readiness.Items) == 0 {
		p.Readiness.Items = nil
	}
}
