package main

import (
	"encoding"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/invopop/jsonschema"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
)

// modulePath is the import path of the module whose comments describe the
// schema.
const modulePath = "github.com/rolloutkit/rollout"

// moduleRoot finds the directory of the module's go.mod, from the working
// directory upwards.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.HasPrefix(string(b), "module "+modulePath+"\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside module " + modulePath)
		}
		dir = parent
	}
}

// generate returns the schema of plan.Plan, with the doc comments of the
// module rooted at root, indented and ending in a newline.
func generate(root string) ([]byte, error) {
	g := &generator{defs: jsonschema.Definitions{}}
	g.r = &jsonschema.Reflector{Mapper: g.mapper, Namer: schemaName}
	if err := inDir(root, func() error { return g.r.AddGoComments(modulePath, "./") }); err != nil {
		return nil, err
	}
	s := g.r.Reflect(&plan.Plan{})
	for name, d := range g.defs {
		s.Definitions[name] = d
	}
	s.ID = plan.SchemaID
	s.Title = "rollout plan document"
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// inDir runs fn with the working directory set to dir: invopop reads the
// comments relative to it.
func inDir(dir string, fn func() error) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	if err := os.Chdir(dir); err != nil {
		return err
	}
	defer os.Chdir(wd)
	return fn()
}

type generator struct {
	r    *jsonschema.Reflector
	defs jsonschema.Definitions
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
)

// enums are the text-marshalled enumerations described by their values
// (every non-zero value that marshals) and a description.
var enums = map[reflect.Type]string{
	reflect.TypeFor[resource.Kind]():            "Kind of resource.",
	reflect.TypeFor[resource.Unit]():            "Unit of a quantity.",
	reflect.TypeFor[resource.RatePer]():         "What a cost rate is charged per.",
	reflect.TypeFor[resource.CommitmentState](): "State of a commitment.",
	reflect.TypeFor[resource.CoverageStatus]():  "How far committed supply covers a demand.",
}

// named are the types with a schema of their own, kept as a definition.
var named = map[reflect.Type]func() *jsonschema.Schema{
	reflect.TypeFor[money.Money](): func() *jsonschema.Schema {
		return &jsonschema.Schema{
			Type:        "string",
			Pattern:     money.Pattern,
			Description: `An exact amount: ISO 4217 currency code, a space and a decimal number with at most the currency's decimals, such as "EUR 1234.50".`,
			Examples:    []any{"EUR 1234.50", "JPY 1500"},
		}
	},
	reflect.TypeFor[money.Currency](): func() *jsonschema.Schema {
		var enum []any
		for _, c := range money.Currencies() {
			enum = append(enum, string(c))
		}
		return &jsonschema.Schema{Type: "string", Enum: enum, Description: "ISO 4217 currency code."}
	},
	reflect.TypeFor[resource.Category](): func() *jsonschema.Schema {
		var ex []any
		for _, c := range resource.BuiltinCategories() {
			ex = append(ex, string(c))
		}
		maxLen := uint64(40)
		return &jsonschema.Schema{Type: "string", Pattern: `^[a-z](-?[a-z0-9])*$`, MaxLength: &maxLen, Examples: ex,
			Description: "Budget category: a built-in one or one declared in budget.categories."}
	},
}

// enumValues lists the text of every value of an integer enumeration from
// 1 up to the first that does not marshal.
func enumValues(t reflect.Type) []any {
	var out []any
	for i := uint64(1); i < 256; i++ {
		v := reflect.New(t).Elem()
		v.SetUint(i)
		b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil || len(b) == 0 {
			break
		}
		out = append(out, string(b))
	}
	return out
}

// mapper describes the types the reflector cannot: dates as ISO 8601
// strings, weekday sets as lists of day names, the enumerations and named
// schemas above as definitions, and every other text-marshalled scalar as a
// string.
func (g *generator) mapper(t reflect.Type) *jsonschema.Schema {
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
	case typeTime:
		return nil // invopop describes it as a date-time string
	}
	if desc, ok := enums[t]; ok {
		return g.define(t, &jsonschema.Schema{Type: "string", Enum: enumValues(t), Description: desc})
	}
	if fn, ok := named[t]; ok {
		return g.define(t, fn())
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

// define keeps s as the definition of t and returns a reference to it.
func (g *generator) define(t reflect.Type, s *jsonschema.Schema) *jsonschema.Schema {
	name := schemaName(t)
	g.defs[name] = s
	return &jsonschema.Schema{Ref: "#/$defs/" + name}
}
