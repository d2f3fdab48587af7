package resource

import "github.com/invopop/jsonschema"

func enumSchema(desc string, names []string) *jsonschema.Schema {
	enum := make([]any, len(names))
	for i, n := range names {
		enum[i] = n
	}
	return &jsonschema.Schema{Type: "string", Enum: enum, Description: desc}
}

// JSONSchema describes Kind as a string enumeration.
func (Kind) JSONSchema() *jsonschema.Schema {
	return enumSchema("Kind of resource.", kindNames[1:])
}

// JSONSchema describes Unit as a string enumeration.
func (Unit) JSONSchema() *jsonschema.Schema {
	return enumSchema("Unit of a quantity.", unitNames[1:])
}

// JSONSchema describes RatePer as a string enumeration.
func (RatePer) JSONSchema() *jsonschema.Schema {
	return enumSchema("What a cost rate is charged per.", ratePerNames[1:])
}

// JSONSchema describes CommitmentState as a string enumeration.
func (CommitmentState) JSONSchema() *jsonschema.Schema {
	return enumSchema("State of a commitment.", stateNames[1:])
}

// JSONSchema describes CoverageStatus as a string enumeration.
func (CoverageStatus) JSONSchema() *jsonschema.Schema {
	return enumSchema("How far committed supply covers a demand.", coverageNames[1:])
}

// JSONSchema describes Category as a kebab-case word; the built-in
// categories are listed as examples, since users may add their own.
func (Category) JSONSchema() *jsonschema.Schema {
	ex := make([]any, 0, 8)
	for _, c := range BuiltinCategories() {
		ex = append(ex, string(c))
	}
	return &jsonschema.Schema{Type: "string", Pattern: `^[a-z](-?[a-z0-9])*$`, MaxLength: ptr(uint64(40)), Examples: ex,
		Description: "Budget category: a built-in one or one declared in budget.categories."}
}

func ptr[T any](v T) *T { return &v }
