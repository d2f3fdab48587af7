package schemacheck_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/internal/schemacheck"
	"github.com/rolloutkit/rollout/validation"
)

// problem is the part of a validation.Problem a test pins down.
type problem struct {
	Code string
	Path string
}

func problemsOf(t *testing.T, err error) []problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var l validation.List
	if !errors.As(err, &l) {
		t.Fatalf("Validate returned %T, want validation.List: %v", err, err)
	}
	out := make([]problem, len(l))
	for i, p := range l {
		if p.Message == "" || p.Kind == nil {
			t.Errorf("problem %v has no message or kind", p)
		}
		out[i] = problem{string(p.Code), p.Path.String()}
	}
	return out
}

type keywordCase struct {
	name   string
	schema string
	doc    string
	want   []problem // nil: valid
}

func runCases(t *testing.T, cases []keywordCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := schemacheck.Compile([]byte(tc.schema))
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			if ig := s.Ignored(); len(ig) != 0 {
				t.Errorf("Ignored() = %q, want none", ig)
			}
			got := problemsOf(t, s.Validate([]byte(tc.doc)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Validate(%s) problems (-want +got):\n%s", tc.doc, diff)
			}
		})
	}
}

func p(code, path string) problem { return problem{"schema." + code, path} }

func TestType(t *testing.T) {
	runCases(t, []keywordCase{
		{"string ok", `{"type":"string"}`, `"x"`, nil},
		{"string bad", `{"type":"string"}`, `1`, []problem{p("type", "")}},
		{"integer ok", `{"type":"integer"}`, `42`, nil},
		{"integer with zero fraction", `{"type":"integer"}`, `4.000`, nil},
		{"integer exponent", `{"type":"integer"}`, `1.5e1`, nil},
		{"integer fraction", `{"type":"integer"}`, `4.5`, []problem{p("type", "")}},
		{"integer small exponent", `{"type":"integer"}`, `15e-1`, []problem{p("type", "")}},
		{"huge integer", `{"type":"integer"}`, `123456789012345678901234567890`, nil},
		{"number ok", `{"type":"number"}`, `-0.5e-7`, nil},
		{"number bad", `{"type":"number"}`, `"1"`, []problem{p("type", "")}},
		{"boolean", `{"type":"boolean"}`, `null`, []problem{p("type", "")}},
		{"null", `{"type":"null"}`, `null`, nil},
		{"array of types", `{"type":["string","null"]}`, `null`, nil},
		{"array of types bad", `{"type":["string","null"]}`, `{}`, []problem{p("type", "")}},
		{"object", `{"type":"object"}`, `[]`, []problem{p("type", "")}},
		{"array", `{"type":"array"}`, `[]`, nil},
		{"true schema", `true`, `{"a":1}`, nil},
		{"false schema", `false`, `1`, []problem{p("false", "")}},
		{"empty schema", `{}`, `[1,{"a":null}]`, nil},
	})
}

func TestNumbers(t *testing.T) {
	runCases(t, []keywordCase{
		{"minimum ok", `{"minimum":1}`, `1`, nil},
		{"minimum bad", `{"minimum":1}`, `0.999999999999999999999`, []problem{p("minimum", "")}},
		{"minimum exact beyond float64", `{"minimum":9007199254740993}`, `9007199254740992`, []problem{p("minimum", "")}},
		{"maximum ok", `{"maximum":99}`, `9.9e1`, nil},
		{"maximum bad", `{"maximum":99}`, `99.0000000000000000001`, []problem{p("maximum", "")}},
		{"maximum negative", `{"maximum":-1}`, `-0.5`, []problem{p("maximum", "")}},
		{"exclusiveMinimum equal", `{"exclusiveMinimum":0}`, `0`, []problem{p("exclusive-minimum", "")}},
		{"exclusiveMinimum negative zero", `{"exclusiveMinimum":0}`, `-0.0`, []problem{p("exclusive-minimum", "")}},
		{"exclusiveMinimum ok", `{"exclusiveMinimum":0}`, `1e-300`, nil},
		{"exclusiveMaximum equal", `{"exclusiveMaximum":1.5}`, `15e-1`, []problem{p("exclusive-maximum", "")}},
		{"exclusiveMaximum ok", `{"exclusiveMaximum":1.5}`, `1.4999`, nil},
		{"multipleOf ok", `{"multipleOf":0.01}`, `19.99`, nil},
		{"multipleOf bad", `{"multipleOf":0.01}`, `19.999`, []problem{p("multiple-of", "")}},
		{"multipleOf integer", `{"multipleOf":7}`, `7e100`, nil},
		{"multipleOf integer bad", `{"multipleOf":7}`, `1e100`, []problem{p("multiple-of", "")}},
		{"multipleOf fraction divisor", `{"multipleOf":1.5}`, `4.5`, nil},
		{"multipleOf zero", `{"multipleOf":3}`, `0`, nil},
		{"range on string ignored", `{"minimum":5}`, `"1"`, nil},
		{"both bounds", `{"type":"integer","minimum":1,"maximum":99}`, `120`, []problem{p("maximum", "")}},
	})
}

func TestStrings(t *testing.T) {
	runCases(t, []keywordCase{
		{"minLength runes", `{"minLength":3}`, `"äöü"`, nil},
		{"minLength bad", `{"minLength":3}`, `"ab"`, []problem{p("min-length", "")}},
		{"maxLength runes", `{"maxLength":2}`, `"日本"`, nil},
		{"maxLength bad", `{"maxLength":2}`, `"日本語"`, []problem{p("max-length", "")}},
		{"maxLength zero", `{"maxLength":0}`, `""`, nil},
		{"pattern ok", `{"pattern":"^R-[0-9]+$"}`, `"R-12"`, nil},
		{"pattern bad", `{"pattern":"^R-[0-9]+$"}`, `"R-x"`, []problem{p("pattern", "")}},
		{"pattern unanchored", `{"pattern":"[0-9]"}`, `"ab1c"`, nil},
		{"escaped string", `{"const":"a\"b\u00e9"}`, `"a\"bé"`, nil},
		{"date ok", `{"format":"date"}`, `"2024-02-29"`, nil},
		{"date not a day", `{"format":"date"}`, `"2023-02-29"`, []problem{p("format", "")}},
		{"date shape", `{"format":"date"}`, `"2023-2-1"`, []problem{p("format", "")}},
		{"date-time ok", `{"format":"date-time"}`, `"2026-11-27T06:00:00.123+01:00"`, nil},
		{"date-time Z", `{"format":"date-time"}`, `"2026-11-27T06:00:00Z"`, nil},
		{"date-time no zone", `{"format":"date-time"}`, `"2026-11-27T06:00:00"`, []problem{p("format", "")}},
		{"date-time bad hour", `{"format":"date-time"}`, `"2026-11-27T25:00:00Z"`, []problem{p("format", "")}},
		{"email ok", `{"format":"email"}`, `"pm@example.com"`, nil},
		{"email bad", `{"format":"email"}`, `"PM <pm@example.com>"`, []problem{p("format", "")}},
		{"uri ok", `{"format":"uri"}`, `"https://example.com/a?b=c"`, nil},
		{"uri relative", `{"format":"uri"}`, `"/a/b"`, []problem{p("format", "")}},
		{"uuid", `{"format":"uuid"}`, `"123e4567-e89b-12d3-a456-42661417400"`, []problem{p("format", "")}},
		{"ipv4", `{"format":"ipv4"}`, `"10.0.0.1"`, nil},
		{"format on number ignored", `{"format":"date"}`, `5`, nil},
	})
}

func TestArrays(t *testing.T) {
	runCases(t, []keywordCase{
		{"items ok", `{"items":{"type":"integer"}}`, `[1,2,3]`, nil},
		{"items bad", `{"items":{"type":"integer"}}`, `[1,"2",3,true]`, []problem{p("type", "[1]"), p("type", "[3]")}},
		{"prefixItems", `{"prefixItems":[{"type":"string"},{"type":"integer"}],"items":false}`, `["a",1,2]`, []problem{p("false", "[2]")}},
		{"prefixItems short", `{"prefixItems":[{"type":"string"},{"type":"integer"}]}`, `["a"]`, nil},
		{"draft-07 tuple", `{"items":[{"type":"string"}],"additionalItems":{"type":"integer"}}`, `["a","b"]`, []problem{p("type", "[1]")}},
		{"minItems", `{"minItems":2}`, `[1]`, []problem{p("min-items", "")}},
		{"maxItems", `{"maxItems":1}`, `[1,2]`, []problem{p("max-items", "")}},
		{"uniqueItems ok", `{"uniqueItems":true}`, `[1,"1",[1],{"a":1}]`, nil},
		{"uniqueItems numbers", `{"uniqueItems":true}`, `[1,2,1.0]`, []problem{p("unique-items", "[2]")}},
		{"uniqueItems objects", `{"uniqueItems":true}`, `[{"a":1,"b":2},{"b":2,"a":1}]`, []problem{p("unique-items", "[1]")}},
		{"uniqueItems false", `{"uniqueItems":false}`, `[1,1]`, nil},
		{"contains ok", `{"contains":{"const":"x"}}`, `["a","x"]`, nil},
		{"contains bad", `{"contains":{"const":"x"}}`, `["a"]`, []problem{p("contains", "")}},
		{"minContains", `{"contains":{"type":"integer"},"minContains":2}`, `[1,"a"]`, []problem{p("min-contains", "")}},
		{"maxContains", `{"contains":{"type":"integer"},"maxContains":1}`, `[1,2]`, []problem{p("max-contains", "")}},
		{"nested paths", `{"items":{"items":{"minimum":0}}}`, `[[0],[1,-1]]`, []problem{p("minimum", "[1][1]")}},
	})
}

func TestObjects(t *testing.T) {
	const risk = `{"type":"object","properties":{"id":{"type":"string"},"probability":{"type":"integer","minimum":1,"maximum":99}},"required":["id","probability"],"additionalProperties":false}`
	runCases(t, []keywordCase{
		{"valid", risk, `{"id":"R1","probability":50}`, nil},
		{"required", risk, `{}`, []problem{p("required", "id"), p("required", "probability")}},
		{"additional", risk, `{"id":"R1","probability":5,"impact":3}`, []problem{p("additional-property", "impact")}},
		{"document order", risk, `{"probability":0,"x":1,"id":7}`, []problem{p("minimum", "probability"), p("additional-property", "x"), p("type", "id")}},
		{"nested path", `{"properties":{"risks":{"items":` + risk + `}}}`, `{"risks":[{"id":"a","probability":1},{"id":"b","probability":1},{"id":"c","probability":1},{"id":"d","probability":1},{"id":"e","probability":120}]}`,
			[]problem{p("maximum", "risks[4].probability")}},
		{"map values", `{"additionalProperties":{"type":"integer"}}`, `{"x":1,"y.z":"2"}`, []problem{p("type", `["y.z"]`)}},
		{"map in struct", `{"properties":{"owners":{"additionalProperties":{"minLength":1}}}}`, `{"owners":{"ops":""}}`, []problem{p("min-length", `owners["ops"]`)}},
		{"patternProperties", `{"patternProperties":{"^[0-9]+$":{"type":"string"}},"additionalProperties":false}`, `{"1":"a","2":3,"x":"b"}`,
			[]problem{p("type", `["2"]`), p("additional-property", "x")}},
		{"propertyNames", `{"propertyNames":{"pattern":"^[a-z]+$"}}`, `{"ok":1,"Bad":2}`, []problem{p("property-name", "Bad")}},
		{"minProperties", `{"minProperties":1}`, `{}`, []problem{p("min-properties", "")}},
		{"maxProperties", `{"maxProperties":1}`, `{"a":1,"b":2}`, []problem{p("max-properties", "")}},
		{"dependentRequired", `{"dependentRequired":{"end":["start"]}}`, `{"end":1}`, []problem{p("dependent-required", "start")}},
		{"dependentRequired absent", `{"dependentRequired":{"end":["start"]}}`, `{"x":1}`, nil},
		{"dependentSchemas", `{"dependentSchemas":{"end":{"required":["start"]}}}`, `{"end":1}`, []problem{p("required", "start")}},
		{"large object required", `{"required":["k19","zz"]}`, `{` + manyMembers(20) + `}`, []problem{p("required", "zz")}},
	})
}

func manyMembers(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"k` + itoa(i) + `":` + itoa(i))
	}
	return b.String()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestEnumConst(t *testing.T) {
	runCases(t, []keywordCase{
		{"enum ok", `{"enum":["low","high",null,1]}`, `"high"`, nil},
		{"enum number value", `{"enum":["low",1]}`, `1.0`, nil},
		{"enum bad", `{"enum":["low","high"]}`, `"medium"`, []problem{p("enum", "")}},
		{"enum type sensitive", `{"enum":["1"]}`, `1`, []problem{p("enum", "")}},
		{"enum object", `{"enum":[{"a":[1,2]}]}`, `{"a":[1,2.0]}`, nil},
		{"const ok", `{"const":{"a":1,"b":[true]}}`, `{"b":[true],"a":1}`, nil},
		{"const bad", `{"const":0}`, `false`, []problem{p("const", "")}},
	})
}

func TestLogic(t *testing.T) {
	runCases(t, []keywordCase{
		{"allOf", `{"allOf":[{"minimum":1},{"maximum":5}]}`, `7`, []problem{p("maximum", "")}},
		{"anyOf ok", `{"anyOf":[{"type":"string"},{"type":"integer"}]}`, `3`, nil},
		{"anyOf bad", `{"anyOf":[{"type":"string"},{"type":"integer"}]}`, `3.5`, []problem{p("any-of", "")}},
		{"oneOf ok", `{"oneOf":[{"minimum":5},{"maximum":1}]}`, `7`, nil},
		{"oneOf two match", `{"oneOf":[{"minimum":5},{"maximum":10}]}`, `7`, []problem{p("one-of", "")}},
		{"oneOf none", `{"oneOf":[{"type":"string"},{"type":"boolean"}]}`, `7`, []problem{p("one-of", "")}},
		{"nullable explains the real branch", `{"properties":{"a":{"oneOf":[{"type":"object","properties":{"n":{"type":"integer"}}},{"type":"null"}]}}}`,
			`{"a":{"n":"x"}}`, []problem{p("type", "a.n")}},
		{"nullable null", `{"oneOf":[{"type":"string"},{"type":"null"}]}`, `null`, nil},
		{"not", `{"not":{"const":"x"}}`, `"x"`, []problem{p("not", "")}},
		{"not ok", `{"not":{"const":"x"}}`, `"y"`, nil},
		{"if then", `{"if":{"properties":{"kind":{"const":"a"}}},"then":{"required":["x"]},"else":{"required":["y"]}}`, `{"kind":"a"}`, []problem{p("required", "x")}},
		{"if else", `{"if":{"properties":{"kind":{"const":"a"}}},"then":{"required":["x"]},"else":{"required":["y"]}}`, `{"kind":"b"}`, []problem{p("required", "y")}},
		{"then without if", `{"then":false}`, `1`, nil},
	})
}

func TestRefs(t *testing.T) {
	const tree = `{"$id":"https://example.com/tree","$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"#/$defs/Node","$defs":{"Node":{"type":"object","properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/Node"}}},"additionalProperties":false}}}`
	runCases(t, []keywordCase{
		{"recursive ok", tree, `{"v":1,"kids":[{"v":2,"kids":[{"v":3}]}]}`, nil},
		{"recursive bad", tree, `{"v":1,"kids":[{"v":2,"kids":[{"v":"3"}]}]}`, []problem{p("type", "kids[0].kids[0].v")}},
		{"definitions", `{"definitions":{"a":{"type":"string"}},"properties":{"x":{"$ref":"#/definitions/a"}}}`, `{"x":1}`, []problem{p("type", "x")}},
		{"root ref", `{"properties":{"self":{"$ref":"#"}},"type":"object"}`, `{"self":{"self":3}}`, []problem{p("type", "self.self")}},
		{"anchor", `{"$defs":{"a":{"$anchor":"pos","minimum":0}},"$ref":"#pos"}`, `-1`, []problem{p("minimum", "")}},
		{"absolute", `{"$id":"https://example.com/s","$defs":{"a":{"$id":"other","type":"string"}},"$ref":"https://example.com/other"}`, `1`, []problem{p("type", "")}},
		{"escaped pointer", `{"$defs":{"a/b~c":{"type":"string"}},"$ref":"#/$defs/a~1b~0c"}`, `1`, []problem{p("type", "")}},
		{"ref with siblings", `{"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","maxLength":1}`, `"ab"`, []problem{p("max-length", "")}},
	})
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name   string
		schema string
		want   error
	}{
		{"not JSON", `{"type":`, schemacheck.ErrMalformedSchema},
		{"trailing", `{} {}`, schemacheck.ErrMalformedSchema},
		{"duplicate key", `{"type":"string","type":"integer"}`, schemacheck.ErrMalformedSchema},
		{"schema is a number", `1`, schemacheck.ErrMalformedSchema},
		{"unknown type", `{"type":"text"}`, schemacheck.ErrMalformedSchema},
		{"type twice", `{"type":["string","string"]}`, schemacheck.ErrMalformedSchema},
		{"negative minLength", `{"minLength":-1}`, schemacheck.ErrMalformedSchema},
		{"fractional maxItems", `{"maxItems":1.5}`, schemacheck.ErrMalformedSchema},
		{"string minimum", `{"minimum":"1"}`, schemacheck.ErrMalformedSchema},
		{"zero multipleOf", `{"multipleOf":0}`, schemacheck.ErrMalformedSchema},
		{"lookahead pattern", `{"pattern":"^(?=a)"}`, schemacheck.ErrMalformedSchema},
		{"bad patternProperties", `{"patternProperties":{"(":{}}}`, schemacheck.ErrMalformedSchema},
		{"required not strings", `{"required":[1]}`, schemacheck.ErrMalformedSchema},
		{"empty anyOf", `{"anyOf":[]}`, schemacheck.ErrMalformedSchema},
		{"sub-schema is a string", `{"properties":{"a":"string"}}`, schemacheck.ErrMalformedSchema},
		{"huge exponent", `{"minimum":1e9999999999}`, schemacheck.ErrMalformedSchema},
		{"missing def", `{"$ref":"#/$defs/Nope"}`, schemacheck.ErrUnresolvedRef},
		{"missing anchor", `{"$ref":"#nope"}`, schemacheck.ErrUnresolvedRef},
		{"other document", `{"$ref":"https://example.com/x.json"}`, schemacheck.ErrUnresolvedRef},
		{"ref to a number", `{"$defs":{"a":{"minimum":1}},"$ref":"#/$defs/a/minimum"}`, schemacheck.ErrUnresolvedRef},
		{"self loop", `{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}`, schemacheck.ErrRefCycle},
		{"loop through allOf", `{"$defs":{"a":{"allOf":[{"$ref":"#/$defs/b"}]},"b":{"anyOf":[{"$ref":"#/$defs/a"}]}},"$ref":"#/$defs/a"}`, schemacheck.ErrRefCycle},
		{"root loop", `{"not":{"$ref":"#"}}`, schemacheck.ErrRefCycle},
		{"too deep", strings.Repeat(`{"not":`, 600) + `{}` + strings.Repeat(`}`, 600), schemacheck.ErrMalformedSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schemacheck.Compile([]byte(tt.schema))
			if !errors.Is(err, tt.want) {
				t.Fatalf("Compile error = %v, want %v", err, tt.want)
			}
			var se *schemacheck.SchemaError
			if s != nil || !errors.As(err, &se) || se.Location == "" || !strings.HasPrefix(err.Error(), "schemacheck: ") {
				t.Errorf("Compile = %v, %#v", s, err)
			}
		})
	}
}

func TestCycleErrorNamesTheLoop(t *testing.T) {
	_, err := schemacheck.Compile([]byte(`{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}`))
	if err == nil || !strings.Contains(err.Error(), "#/$defs/a -> #/$defs/b -> #/$defs/a") {
		t.Errorf("error = %v", err)
	}
}

func TestIgnored(t *testing.T) {
	s, err := schemacheck.Compile([]byte(`{"title":"t","description":"d","$comment":"c","examples":[1],"default":1,"properties":{"a":{"x-order":1,"format":"hostname"},"b":{"unevaluatedProperties":false}}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`#/properties/a: format "hostname"`, "#/properties/a: x-order", "#/properties/b: unevaluatedProperties"}
	if diff := cmp.Diff(want, s.Ignored()); diff != "" {
		t.Errorf("Ignored (-want +got):\n%s", diff)
	}
}

func TestMalformedDocuments(t *testing.T) {
	s, err := schemacheck.Compile([]byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{``, `   `, `{`, `[1,]`, `{"a":1,"a":2}`, `01`, `1.`, `"\x"`, "\"a\tb\"", `tru`, `1 2`, `1e99999999999`, strings.Repeat(`[`, 600) + strings.Repeat(`]`, 600)} {
		got := problemsOf(t, s.Validate([]byte(doc)))
		if diff := cmp.Diff([]problem{p("json", "")}, got); diff != "" {
			t.Errorf("Validate(%.30q) (-want +got):\n%s", doc, diff)
		}
	}
	if err := s.Validate([]byte(strings.Repeat(`[`, 500) + strings.Repeat(`]`, 500))); err != nil {
		t.Errorf("nesting of 500 rejected: %v", err)
	}
}

func TestProblemKinds(t *testing.T) {
	s, err := schemacheck.Compile([]byte(`{"properties":{"p":{"maximum":5},"e":{"enum":["a"]}},"required":["r"],"additionalProperties":false}`))
	if err != nil {
		t.Fatal(err)
	}
	err = s.Validate([]byte(`{"p":6,"e":"b","x":1}`))
	for _, kind := range []error{validation.ErrRequired, validation.ErrOutOfRange, validation.ErrNotSupported, validation.ErrForbidden} {
		if !errors.Is(err, kind) {
			t.Errorf("errors.Is(%v, %v) = false", err, kind)
		}
	}
	want := "4 problems:\n\tr: \"r\" is required [schema.required]\n\tp: 6 is greater than the maximum 5 [schema.maximum]\n\te: \"b\" is not one of \"a\" [schema.enum]\n\tx: unknown member \"x\" [schema.additional-property]"
	if err.Error() != want {
		t.Errorf("Error() =\n%s\nwant\n%s", err, want)
	}
}

func TestNestedAlternativesStayLinear(t *testing.T) {
	// Two alternatives at every level of a 400-deep document: without
	// remembering nested answers this would take 2^400 steps.
	for _, kw := range []string{"anyOf", "oneOf"} {
		schema := `{"$defs":{"t":{"` + kw + `":[{"type":"array","items":{"$ref":"#/$defs/t"}},{"type":"array","maxItems":1,"items":{"$ref":"#/$defs/t"}}]}},"$ref":"#/$defs/t"}`
		s, err := schemacheck.Compile([]byte(schema))
		if err != nil {
			t.Fatal(err)
		}
		doc := strings.Repeat("[", 400) + `"leaf"` + strings.Repeat("]", 400)
		err = s.Validate([]byte(doc))
		if err == nil {
			t.Errorf("%s: invalid leaf accepted", kw)
		}
		if doc := strings.Repeat("[", 400) + strings.Repeat("]", 400); s.Validate([]byte(doc)) == nil && kw == "oneOf" {
			t.Errorf("%s: both alternatives match, want a one-of problem", kw)
		}
	}
}

func TestZeroSchemaAndConcurrentUse(t *testing.T) {
	var zero *schemacheck.Schema
	if err := zero.Validate([]byte(`{"a":1}`)); err != nil || zero.Ignored() != nil {
		t.Errorf("nil schema: %v, %v", err, zero.Ignored())
	}
	if err := (&schemacheck.Schema{}).Validate([]byte(`{`)); err == nil {
		t.Error("zero schema accepted malformed JSON")
	}
	s, err := schemacheck.Compile([]byte(`{"items":{"anyOf":[{"type":"integer","maximum":5},{"type":"string"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []problem)
	for range 4 {
		go func() {
			var got []problem
			for range 50 {
				err := s.Validate([]byte(`[1,"a",7,true]`))
				var l validation.List
				errors.As(err, &l)
				got = got[:0]
				for _, p := range l {
					got = append(got, problem{string(p.Code), p.Path.String()})
				}
			}
			done <- got
		}()
	}
	want := []problem{p("maximum", "[2]"), p("any-of", "[3]")}
	for range 4 {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent Validate (-want +got):\n%s", diff)
		}
	}
}
