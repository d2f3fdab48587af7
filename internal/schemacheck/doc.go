// Package schemacheck is a small, strict JSON Schema validator. Its job in
// rollout is to prove in tests that documents (such as the built-in sample
// plan) validate against the JSON Schema that
// github.com/invopop/jsonschema generates from the Go types, so that the
// published schema and the Go decoders never drift apart.
//
// [Compile] parses a schema (draft 2020-12; the draft-07 spellings
// "definitions", array-valued "items" and "additionalItems" are understood
// too), checks the shape of every keyword, compiles every pattern once with
// Go's regexp package (a pattern it cannot compile is an error, never a
// silent pass) and resolves every $ref: "#" and JSON Pointer fragments such
// as "#/$defs/Plan", "$anchor" names, and URIs matching an "$id". Recursive
// types are legal; schemas that apply to the same value in a loop without
// descending into it (A = {"$ref": B}, B = {"allOf": [A]}) are rejected
// with [ErrRefCycle].
//
// [Schema.Validate] decodes the document exactly (numbers are kept as
// decimal text and compared without floating point; duplicate keys are an
// error) and returns every problem as a validation.List, with stable codes
// such as schema.type, schema.required or schema.enum and paths in the
// project's syntax, such as risks[4].probability or owners["ops"].
//
// Supported keywords: $ref, $defs, definitions, $id, $anchor, type,
// enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
// multipleOf, minLength, maxLength (counted in runes), pattern, format
// (date, date-time, time, email, uri, uri-reference, ipv4, ipv6, uuid),
// items, prefixItems, additionalItems, contains, minContains, maxContains,
// minItems, maxItems, uniqueItems, properties, required,
// additionalProperties, patternProperties, propertyNames, minProperties,
// maxProperties, dependentRequired, dependentSchemas, allOf, anyOf, oneOf,
// not, if/then/else, and the boolean schemas true and false. Annotations
// (title, description, default, examples, $comment, ...) have no effect.
// Any other keyword, and any other format, is not checked and is listed by
// [Schema.Ignored], so a test can assert that nothing was skipped.
//
// Neither function panics on any input: nesting is bounded by [MaxDepth],
// and number exponents beyond ±10⁹ are rejected as malformed.
package schemacheck
