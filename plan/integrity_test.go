package plan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
)

// firstProblem returns the code and path of the first problem of err, a
// validation.List.
func firstProblem(t *testing.T, err error) (string, string) {
	t.Helper()
	var l validation.List
	if !errors.As(err, &l) || len(l) == 0 {
		t.Fatalf("err = %v, want a validation.List", err)
	}
	return string(l[0].Code), l[0].Path.String()
}

// TestWaiveRefusesWhatValidateRefuses: a waiver the document cannot hold
// is refused by Waive, with its path, and by Validate (issue 11, item 1).
func TestWaiveRefusesWhatValidateRefuses(t *testing.T) {
	p := committed(t)
	if err := p.Waive(backlog.CategoryTradeShows, "no trade show this year", by); err != nil {
		t.Fatal(err)
	}
	before, _ := plan.Encode(p)
	for _, tt := range []struct {
		name     string
		category backlog.Category
		reason   string
		wantCode string
		wantPath string
	}{
		{"not a category", "Support Training", "x", "plan.waiver.invalid", "waivers[1].category"},
		{"no category", "", "x", "plan.waiver.invalid", "waivers[1].category"},
		{"blank reason", backlog.CategoryRoadShows, "  ", "plan.waiver.invalid", "waivers[1].reason"},
		{"waived twice", backlog.CategoryTradeShows, "x", "plan.waiver.invalid", "waivers[1].category"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := p.Waive(tt.category, tt.reason, by)
			code, path := firstProblem(t, err)
			if diff := cmp.Diff([]string{tt.wantCode, tt.wantPath}, []string{code, path}); diff != "" {
				t.Errorf("Waive: (-want +got)\n%s", diff)
			}
			if after, _ := plan.Encode(p); !bytes.Equal(before, after) {
				t.Error("a refused Waive changed the plan")
			}
			q := clonePlan(t, p)
			q.Waivers = append(q.Waivers, plan.Waiver{Category: tt.category, Reason: tt.reason})
			code, path = firstProblem(t, q.Validate())
			if diff := cmp.Diff([]string{tt.wantCode, tt.wantPath}, []string{code, path}); diff != "" {
				t.Errorf("Validate: (-want +got)\n%s", diff)
			}
		})
	}
	if err := p.Unwaive(backlog.CategoryRoadShows, by); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("Unwaive of a category not waived: %v", err)
	}
	if err := p.Unwaive(backlog.CategoryTradeShows, by); err != nil {
		t.Fatal(err)
	}
	if len(p.Waivers) != 0 {
		t.Errorf("waivers after Unwaive: %v", p.Waivers)
	}
	if last := p.History[len(p.History)-1]; last.Kind != plan.EventWaiver || last.Subject != string(backlog.CategoryTradeShows) {
		t.Errorf("last event = %+v", last)
	}
}

// clonePlan returns a deep copy of p through its document.
func clonePlan(t testing.TB, p *plan.Plan) *plan.Plan {
	t.Helper()
	data, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := plan.Decode(data, plan.DecodeOptions{AllowInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestEncodeMatchesSchema: documents Encode and MarshalJSON write validate
// against plan/schema.json, also for plans decoded from minimal documents
// and zero plans (issue 11, item 2).
func TestEncodeMatchesSchema(t *testing.T) {
	minimal := `{"schemaVersion":1,"id":"p","release":{"product":"X","version":"1","date":"2027-04-15"},"state":"not-started","resources":{},"revision":0}`
	decoded, err := plan.Decode([]byte(minimal), plan.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	withReview := committed(t)
	withReview.Assign(plan.ReleaseManager, testChange, "rita")
	withReview.Decisions = append(withReview.Decisions, plan.Decision{ID: "GNG-0"})
	for name, p := range map[string]*plan.Plan{
		"decoded minimal": decoded,
		"zero":            {SchemaVersion: 1, ID: "z"},
		"new":             committed(t),
		"review":          withReview,
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := plan.Encode(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := schemaProblems(t, doc); err != nil {
				t.Errorf("Encode: %v\n%s", err, doc)
			}
			compact, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := schemaProblems(t, compact); err != nil {
				t.Errorf("json.Marshal: %v\n%s", err, compact)
			}
			var indented bytes.Buffer
			if err := json.Indent(&indented, compact, "", "  "); err != nil {
				t.Fatal(err)
			}
			indented.WriteByte('\n')
			if diff := cmp.Diff(string(doc), indented.String()); diff != "" {
				t.Errorf("json.Marshal and Encode differ (-Encode +Marshal):\n%s", diff)
			}
		})
	}
}

// TestUnmarshalJSONIsStrict: json.Unmarshal into a Plan, alone or
// embedded in a caller's type, applies Decode's strictness and changes
// nothing on error (issue 11, item 9).
func TestUnmarshalJSONIsStrict(t *testing.T) {
	p := committed(t)
	p.Assign(plan.ReleaseManager, testChange, "rita")
	good, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, from, to     string
		wantCode, wantPath string
	}{
		{"newer schema", `"schemaVersion": 1`, `"schemaVersion": 99`, "plan.schema-version", "plan.schemaVersion"},
		{"negative revision", `"revision": 0`, `"revision": -5`, "plan.history.invalid", "plan.revision"},
		{"unknown field", `"title"`, `"titel"`, "json.unknown-field", "plan.titel"},
		{"unknown nested field", `"product"`, `"produkt"`, "json.unknown-field", "plan.release.produkt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := bytes.Replace(good, []byte(tt.from), []byte(tt.to), 1)
			if bytes.Equal(doc, good) {
				doc = bytes.Replace(good, []byte(`"id": "contoso-4.0",`), []byte(`"id": "contoso-4.0", `+tt.to+`: "x",`), 1)
			}
			var req struct {
				Plan plan.Plan `json:"plan"`
			}
			req.Plan.ID = "untouched"
			err := json.Unmarshal([]byte(`{"plan":`+string(doc)+`}`), &req)
			if err == nil {
				t.Fatal("json.Unmarshal accepted the document")
			}
			if req.Plan.ID != "untouched" {
				t.Errorf("a refused decode changed the plan: ID %q", req.Plan.ID)
			}
			// Through the standard library the problems keep their paths
			// relative to the plan; jsondoc-style decoders re-root them.
			var l validation.List
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("err = %v, want a validation.List", err)
			}
			wantPath := strings.TrimPrefix(tt.wantPath, "plan.")
			if diff := cmp.Diff([]string{tt.wantCode, wantPath}, []string{string(l[0].Code), l[0].Path.String()}); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	var q plan.Plan
	if err := json.Unmarshal(good, &q); err != nil {
		t.Fatalf("json.Unmarshal of a good document: %v", err)
	}
	again, _ := plan.Encode(&q)
	if !bytes.Equal(good, again) {
		t.Errorf("json.Unmarshal then Encode differs:\n%s", cmp.Diff(string(good), string(again)))
	}
}
