package plan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
)

func TestDecodeRefusesWithPaths(t *testing.T) {
	p := committed(t)
	p.Assign(plan.ReleaseManager, testChange, "rita")
	good, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to     string
		wantCode, wantPath string
	}{
		{"newer schema", `"schemaVersion": 1`, `"schemaVersion": 2`, "plan.schema-version", "schemaVersion"},
		{"no schema", `"schemaVersion": 1,`, ``, "plan.schema-version", "schemaVersion"},
		{"unknown field", `"title"`, `"titel"`, "json.unknown-field", "titel"},
		{"wrong type", `"revision": 0`, `"revision": "zero"`, "json.type", "revision"},
		{"bad date", `"date": "2027-04-15"`, `"date": "2027-02-30"`, "json.value", "release.date"},
		{"bad raci", `"raci": "responsible,accountable"`, `"raci": "owner"`, "json.value", "roles[0].raci"},
		{"negative revision", `"revision": 0`, `"revision": -1`, "plan.history.invalid", "revision"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := bytes.Replace(good, []byte(tt.from), []byte(tt.to), 1)
			if bytes.Equal(doc, good) && tt.from != "" {
				// Fields without a value in the sample document get one.
				doc = bytes.Replace(good, []byte(`"id": "contoso-4.0",`), []byte(`"id": "contoso-4.0", `+tt.to+`: "x",`), 1)
			}
			_, err := plan.Decode(doc, plan.DecodeOptions{})
			var l validation.List
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("Decode = %v, want a validation.List", err)
			}
			got := []string{string(l[0].Code), l[0].Path.String()}
			if diff := cmp.Diff([]string{tt.wantCode, tt.wantPath}, got); diff != "" {
				t.Errorf("first problem (-want +got):\n%s\n%v", diff, err)
			}
			before, _ := plan.Encode(p)
			if err := plan.DecodeInto(p, doc, plan.DecodeOptions{}); err == nil {
				t.Fatal("DecodeInto accepted the document")
			}
			after, _ := plan.Encode(p)
			if !bytes.Equal(before, after) {
				t.Error("a failed DecodeInto changed the plan")
			}
		})
	}
	if _, err := plan.Decode(good, plan.DecodeOptions{MaxBytes: 100}); err == nil || !strings.Contains(err.Error(), "exceeds") {
		t.Errorf("oversized document: %v", err)
	}
}

func TestEncodeDecodeStable(t *testing.T) {
	p := committed(t)
	p.Assign(plan.ReleaseManager, testChange, "rita")
	p.Revise(by)
	if _, err := p.TakeBaseline("b1", by); err != nil {
		t.Fatal(err)
	}
	a, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := plan.Decode(a, plan.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := plan.Encode(q)
	if !bytes.Equal(a, b) {
		t.Errorf("Encode(Decode(x)) differs:\n%s", cmp.Diff(string(a), string(b)))
	}
}

// TestDecodeRefusesNull: a JSON null is not a plan, whatever the options
// (a service answers 400, not 422 for an empty plan).
func TestDecodeRefusesNull(t *testing.T) {
	for _, opts := range []plan.DecodeOptions{{}, {AllowInvalid: true}} {
		for _, in := range []string{"null", " null\n"} {
			p, err := plan.Decode([]byte(in), opts)
			var l validation.List
			if p != nil || !errors.As(err, &l) || len(l) != 1 || l[0].Code != plan.CodeType || !errors.Is(err, validation.ErrInvalid) {
				t.Errorf("Decode(%q, %+v) = %v, %v; want a %s problem", in, opts, p, err, plan.CodeType)
			}
			if _, err := plan.DecodeReader(t.Context(), strings.NewReader(in), opts); !errors.Is(err, validation.ErrInvalid) {
				t.Errorf("DecodeReader(%q) = %v", in, err)
			}
		}
	}
	// Embedded in a caller's document, null still leaves a plan alone, as
	// encoding/json does for every other value.
	var wrapper struct{ Plan *plan.Plan }
	if err := json.Unmarshal([]byte(`{"Plan":null}`), &wrapper); err != nil || wrapper.Plan != nil {
		t.Errorf("null in a wrapper: %v, %v", err, wrapper.Plan)
	}
}

// TestDecodeTooLargeIsExported: a service tells a too-large document (413)
// from a malformed one (400) by errors.Is or by the exported code.
func TestDecodeTooLargeIsExported(t *testing.T) {
	doc := []byte(`{"schemaVersion": 1, "id": "` + strings.Repeat("x", 200) + `"}`)
	_, err := plan.Decode(doc, plan.DecodeOptions{MaxBytes: 100})
	_, errReader := plan.DecodeReader(t.Context(), bytes.NewReader(doc), plan.DecodeOptions{MaxBytes: 100})
	for _, err := range []error{err, errReader} {
		var l validation.List
		if !errors.Is(err, validation.ErrTooLarge) || !errors.Is(err, validation.ErrOutOfRange) || !errors.As(err, &l) || l[0].Code != plan.CodeTooLarge {
			t.Errorf("too large: %v", err)
		}
	}
	_, err = plan.Decode([]byte(`{"schemaVersion": 1,`), plan.DecodeOptions{})
	var l validation.List
	if errors.Is(err, validation.ErrTooLarge) || !errors.As(err, &l) || l[0].Code != plan.CodeSyntax {
		t.Errorf("malformed: %v", err)
	}
}
