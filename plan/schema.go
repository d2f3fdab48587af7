package plan

import (
	_ "embed"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/invopop/jsonschema"
	"github.com/rolloutkit/rollout/calendar"
)

//go:generate env ROLLOUT_UPDATE_SCHEMA=1 go test -run ^TestJSONSchemaUpToDate$ .

//go:embed schema.json
var schemaJSON []byte

// SchemaID is the $id of the plan document's JSON Schema.
const SchemaID = "https://github.com/rolloutkit/rollout/plan/schema.json"

// JSONSchema returns the JSON Schema (draft 2020-12) of a plan document, as
// generated from the Go types with their doc comments as descriptions.
// The schema is generated at development time and committed (see
// schema.json beside this file); a test fails when it is stale.
func JSONSchema() []byte { return slices.Clone(schemaJSON) }

// NewSchemaReflector returns the reflector that generates JSONSchema from
// the Go types: dates as ISO 8601 strings, weekday sets as lists of day
// names, and every other text-marshalled scalar as a string.
func NewSchemaReflector() *jsonschema.Reflector {
	return &jsonschema.Reflector{
		Mapper: schemaMapper,
		Namer:  schemaName,
	}
}

// schemaName names the definition of a type after its package and name,
// such as "resource.Kind", so that types of the same name in different
// packages (risk.Category, backlog.Category) stay apart.
func schemaName(t reflect.Type) string {
	name := t.Name()
	if i := strings.IndexByte(name, '['); i >= 0 {
		// Generic instances: Event[.../workitem.State] -> Event.workitem.State
		args := name[i+1 : len(name)-1]
		name = name[:i]
		for _, a := range strings.Split(args, ",") {
			a = a[strings.LastIndexByte(a, '/')+1:]
			name += "." + a
		}
	}
	pkg := t.PkgPath()
	pkg = pkg[strings.LastIndexByte(pkg, '/')+1:]
	if pkg == "" {
		return name
	}
	return pkg + "." + name
}

var (
	typeDate        = reflect.TypeFor[calendar.Date]()
	typeWeekdays    = reflect.TypeFor[calendar.Weekdays]()
	typeRawMessage  = reflect.TypeFor[json.RawMessage]()
	textMarshalerTy = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshalerTy = reflect.TypeFor[json.Marshaler]()
	typeTime        = reflect.TypeFor[time.Time]()
	schemaProvider  = reflect.TypeFor[interface{ JSONSchema() *jsonschema.Schema }]()
)

func schemaMapper(t reflect.Type) *jsonschema.Schema {
	switch t {
	case typeDate:
		return &jsonschema.Schema{
			Description: "A civil date in ISO 8601 form (YYYY-MM-DD); null or absent means no date.",
			OneOf: []*jsonschema.Schema{
				{Type: "string", Format: "date"},
				{Type: "null"},
			},
		}
	case typeWeekdays:
		days := []any{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
		return &jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{Type: "string", Enum: days}, UniqueItems: true}
	case typeRawMessage:
		return &jsonschema.Schema{Description: "An embedded JSON document."}
	}
	if t.Implements(schemaProvider) || reflect.PointerTo(t).Implements(schemaProvider) {
		return nil // the type describes itself
	}
	if t == typeTime {
		return nil // invopop describes it as a date-time string
	}
	if t.Kind() != reflect.Slice && t.Kind() != reflect.Map && t.Kind() != reflect.Pointer && t.Kind() != reflect.String &&
		(t.Implements(textMarshalerTy) || reflect.PointerTo(t).Implements(textMarshalerTy)) &&
		!t.Implements(jsonMarshalerTy) && !reflect.PointerTo(t).Implements(jsonMarshalerTy) {
		// Values that marshal as text are JSON strings, structs (such as
		// risk.Proximity) included.
		return &jsonschema.Schema{Type: "string"}
	}
	return nil
}
