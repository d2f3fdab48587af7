package schemacheck

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rolloutkit/rollout/validation"
)

// Codes of the problems Validate reports.
const (
	CodeJSON               validation.Code = "schema.json"
	CodeDepth              validation.Code = "schema.depth"
	CodeFalse              validation.Code = "schema.false"
	CodeType               validation.Code = "schema.type"
	CodeEnum               validation.Code = "schema.enum"
	CodeConst              validation.Code = "schema.const"
	CodeMinimum            validation.Code = "schema.minimum"
	CodeMaximum            validation.Code = "schema.maximum"
	CodeExclusiveMinimum   validation.Code = "schema.exclusive-minimum"
	CodeExclusiveMaximum   validation.Code = "schema.exclusive-maximum"
	CodeMultipleOf         validation.Code = "schema.multiple-of"
	CodeMinLength          validation.Code = "schema.min-length"
	CodeMaxLength          validation.Code = "schema.max-length"
	CodePattern            validation.Code = "schema.pattern"
	CodeFormat             validation.Code = "schema.format"
	CodeMinItems           validation.Code = "schema.min-items"
	CodeMaxItems           validation.Code = "schema.max-items"
	CodeUniqueItems        validation.Code = "schema.unique-items"
	CodeContains           validation.Code = "schema.contains"
	CodeMinContains        validation.Code = "schema.min-contains"
	CodeMaxContains        validation.Code = "schema.max-contains"
	CodeRequired           validation.Code = "schema.required"
	CodeAdditionalProperty validation.Code = "schema.additional-property"
	CodePropertyName       validation.Code = "schema.property-name"
	CodeMinProperties      validation.Code = "schema.min-properties"
	CodeMaxProperties      validation.Code = "schema.max-properties"
	CodeDependentRequired  validation.Code = "schema.dependent-required"
	CodeAnyOf              validation.Code = "schema.any-of"
	CodeOneOf              validation.Code = "schema.one-of"
	CodeNot                validation.Code = "schema.not"
)

// maxEvalDepth bounds nested schema applications (one per $ref, allOf
// branch, property and so on) while validating one document.
const maxEvalDepth = 8 * MaxDepth

// Validate checks a JSON document against the schema and returns every
// problem as a validation.List, or nil when the document is valid.
// Malformed JSON (including duplicate object keys) is one problem with code
// schema.json at the root.
//
// Problems come in a deterministic order: for each value, the checks of its
// schema in the order $ref, type, enum, const, number, string, array
// keywords with elements by index, object keywords with required names in
// schema order and then members in document order, allOf, anyOf, oneOf,
// not, if/then/else, dependentSchemas. Paths use the project's syntax:
// members named in "properties" (and unknown members rejected by
// additionalProperties false) as .name, members checked through
// additionalProperties or patternProperties (map entries) as ["key"], and
// array elements as [i].
//
// A nil or zero Schema accepts every well-formed document.
func (s *Schema) Validate(doc []byte) error {
	v, err := parseJSON(doc)
	if err != nil {
		return validation.List{validation.Invalid(validation.Path{}, CodeJSON, "malformed JSON: %v", err)}
	}
	if s == nil || s.root == nil {
		return nil
	}
	var out validation.List
	e := evaluator{}
	e.eval(s.root, &v, &out)
	return out.Err()
}

// seg is one step of the path to the value being checked. The evaluator
// keeps the steps on a stack and builds a validation.Path only when it
// reports a problem, so valid documents cost no path allocations.
type seg struct {
	name  string
	index int
	mode  uint8
}

const (
	segChild uint8 = iota
	segKey
	segIndex
)

func (e *evaluator) push(sg seg) { e.segs = append(e.segs, sg) }
func (e *evaluator) pop()        { e.segs = e.segs[:len(e.segs)-1] }

func (e *evaluator) path() validation.Path {
	var p validation.Path
	for _, sg := range e.segs {
		switch sg.mode {
		case segChild:
			p = p.Child(sg.name)
		case segKey:
			p = p.Key(sg.name)
		default:
			p = p.Index(sg.index)
		}
	}
	return p
}

// evaluator holds the state of one Validate call.
type evaluator struct {
	depth   int
	segs    []seg
	probing int              // nesting of yes/no evaluations in progress
	memo    map[memoKey]bool // results of nested yes/no evaluations
}

type memoKey struct {
	n *node
	v *value
}

// probe answers whether v is valid against n without collecting problems.
// Answers to probes made inside other probes are remembered, so that
// alternatives nested in alternatives (anyOf inside anyOf along a deep
// document) cost time linear in the document, not exponential.
func (e *evaluator) probe(n *node, v *value) bool {
	if n.always != nil {
		return *n.always
	}
	nested := e.probing > 0
	key := memoKey{n, v}
	if nested {
		if r, ok := e.memo[key]; ok {
			return r
		}
	}
	e.probing++
	r := e.eval(n, v, nil)
	e.probing--
	if nested {
		if e.memo == nil {
			e.memo = map[memoKey]bool{}
		}
		e.memo[key] = r
	}
	return r
}

func describe(v *value) string {
	switch v.kind {
	case kindNumber:
		return "number " + render(v, 40)
	case kindString:
		return "string " + render(v, 40)
	case kindBool:
		return "boolean " + render(v, 40)
	}
	return v.kind.String()
}

func typeOK(t typeSet, v *value) bool {
	switch v.kind {
	case kindNull:
		return t&typeNull != 0
	case kindBool:
		return t&typeBoolean != 0
	case kindString:
		return t&typeString != 0
	case kindArray:
		return t&typeArray != 0
	case kindObject:
		return t&typeObject != 0
	}
	if t&typeNumber != 0 {
		return true
	}
	if t&typeInteger != 0 {
		n, _ := parseNum(v.s)
		return n.isInteger()
	}
	return false
}

// eval checks v against n. With out nil it only answers whether v is valid
// and stops at the first failure; otherwise it adds every problem to out.
func (e *evaluator) eval(n *node, v *value, out *validation.List) bool {
	if n.always != nil {
		if !*n.always && out != nil {
			out.Add(validation.Forbidden(e.path(), CodeFalse, "no value is allowed here"))
		}
		return *n.always
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxEvalDepth {
		if out != nil {
			out.Add(validation.Invalid(e.path(), CodeDepth, "schema applications nest deeper than %d levels", maxEvalDepth))
		}
		return false
	}
	ok := true
	if n.ref != nil {
		if !e.eval(n.ref, v, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if n.types != 0 && !typeOK(n.types, v) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Invalid(e.path(), CodeType, "got %s, want %s", describe(v), n.types))
	}
	if n.enum != nil || n.constVal != nil {
		if n.enum != nil && !enumHas(n.enum, v) {
			if out == nil {
				return false
			}
			ok = false
			texts := make([]string, len(n.enum))
			for i, ev := range n.enum {
				texts[i] = ev.text
			}
			out.Add(validation.New(validation.ErrNotSupported, e.path(), CodeEnum, "%s is not one of %s", render(v, 60), clip(strings.Join(texts, ", "), 200)))
		}
		if n.constVal != nil && !n.constVal.matches(v) {
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.Invalid(e.path(), CodeConst, "%s is not %s", render(v, 60), n.constVal.text))
		}
	}
	switch v.kind {
	case kindNumber:
		if !e.number(n, v, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	case kindString:
		if !e.string(n, v, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	case kindArray:
		if !e.array(n, v, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	case kindObject:
		if !e.object(n, v, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if !e.logic(n, v, out) {
		ok = false
	}
	return ok
}

func enumHas(enum []enumValue, v *value) bool {
	if v.kind == kindString {
		for i := range enum {
			if enum[i].isStr && enum[i].str == v.s {
				return true
			}
		}
		return false
	}
	c := canonicalString(v)
	for i := range enum {
		if !enum[i].isStr && enum[i].canon == c {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

func (e *evaluator) number(n *node, v *value, out *validation.List) bool {
	if n.minimum == nil && n.maximum == nil && n.exclMin == nil && n.exclMax == nil && n.multipleOf == nil {
		return true
	}
	x, _ := parseNum(v.s)
	ok := true
	check := func(bad bool, code validation.Code, kw, rel string) bool {
		if !bad {
			return true
		}
		if out != nil {
			out.Add(validation.OutOfRange(e.path(), code, "%s is %s %s", v.s, rel, n.numText[kw]))
		}
		ok = false
		return out != nil
	}
	if n.minimum != nil && !check(cmpNum(x, *n.minimum) < 0, CodeMinimum, "minimum", "less than the minimum") {
		return false
	}
	if n.maximum != nil && !check(cmpNum(x, *n.maximum) > 0, CodeMaximum, "maximum", "greater than the maximum") {
		return false
	}
	if n.exclMin != nil && !check(cmpNum(x, *n.exclMin) <= 0, CodeExclusiveMinimum, "exclusiveMinimum", "not greater than") {
		return false
	}
	if n.exclMax != nil && !check(cmpNum(x, *n.exclMax) >= 0, CodeExclusiveMaximum, "exclusiveMaximum", "not less than") {
		return false
	}
	if n.multipleOf != nil && !isMultipleOf(x, *n.multipleOf) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Invalid(e.path(), CodeMultipleOf, "%s is not a multiple of %s", v.s, n.numText["multipleOf"]))
	}
	return ok
}

func (e *evaluator) string(n *node, v *value, out *validation.List) bool {
	ok := true
	if n.minLength > 0 || n.maxLength >= 0 {
		c := int64(utf8.RuneCountInString(v.s))
		if c < n.minLength {
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.OutOfRange(e.path(), CodeMinLength, "%d characters, want at least %d", c, n.minLength))
		}
		if n.maxLength >= 0 && c > n.maxLength {
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.OutOfRange(e.path(), CodeMaxLength, "%d characters, want at most %d", c, n.maxLength))
		}
	}
	if n.pattern != nil && !n.pattern.MatchString(v.s) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Invalid(e.path(), CodePattern, "%s does not match the pattern %s", render(v, 60), n.pattern))
	}
	if n.formatCheck != nil && !n.formatCheck(v.s) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Invalid(e.path(), CodeFormat, "%s is not a valid %s", render(v, 60), n.format))
	}
	return ok
}

func (e *evaluator) array(n *node, v *value, out *validation.List) bool {
	ok := true
	count := int64(len(v.elems))
	if count < n.minItems {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.OutOfRange(e.path(), CodeMinItems, "%d items, want at least %d", count, n.minItems))
	}
	if n.maxItems >= 0 && count > n.maxItems {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.OutOfRange(e.path(), CodeMaxItems, "%d items, want at most %d", count, n.maxItems))
	}
	if n.uniqueItems && len(v.elems) > 1 {
		seen := make(map[string]int, len(v.elems))
		for i := range v.elems {
			c := canonicalString(&v.elems[i])
			if first, dup := seen[c]; dup {
				if out == nil {
					return false
				}
				ok = false
				e.push(seg{index: i, mode: segIndex})
				out.Add(validation.New(validation.ErrDuplicate, e.path(), CodeUniqueItems, "item %d repeats item %d", i, first))
				e.pop()
				continue
			}
			seen[c] = i
		}
	}
	for i := range v.elems {
		var s *node
		if i < len(n.prefixItems) {
			s = n.prefixItems[i]
		} else {
			s = n.items
		}
		if s == nil {
			continue
		}
		e.push(seg{index: i, mode: segIndex})
		good := e.eval(s, &v.elems[i], out)
		e.pop()
		if !good {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if n.contains != nil {
		var matches int64
		for i := range v.elems {
			e.push(seg{index: i, mode: segIndex})
			if e.probe(n.contains, &v.elems[i]) {
				matches++
			}
			e.pop()
		}
		switch {
		case matches < n.minContains:
			if out == nil {
				return false
			}
			ok = false
			if n.minContains == 1 {
				out.Add(validation.Invalid(e.path(), CodeContains, "no item matches the contains schema"))
			} else {
				out.Add(validation.OutOfRange(e.path(), CodeMinContains, "%d items match the contains schema, want at least %d", matches, n.minContains))
			}
		case n.maxContains >= 0 && matches > n.maxContains:
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.OutOfRange(e.path(), CodeMaxContains, "%d items match the contains schema, want at most %d", matches, n.maxContains))
		}
	}
	return ok
}

// objectIndex finds members by name, linearly for small objects.
type objectIndex struct {
	v *value
	m map[string]int
}

func (x *objectIndex) has(name string) bool {
	if len(x.v.keys) <= 16 {
		for _, k := range x.v.keys {
			if k == name {
				return true
			}
		}
		return false
	}
	if x.m == nil {
		x.m = make(map[string]int, len(x.v.keys))
		for i, k := range x.v.keys {
			x.m[k] = i
		}
	}
	_, ok := x.m[name]
	return ok
}

func (e *evaluator) object(n *node, v *value, out *validation.List) bool {
	ok := true
	idx := objectIndex{v: v}
	count := int64(len(v.keys))
	if count < n.minProps {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.OutOfRange(e.path(), CodeMinProperties, "%d members, want at least %d", count, n.minProps))
	}
	if n.maxProps >= 0 && count > n.maxProps {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.OutOfRange(e.path(), CodeMaxProperties, "%d members, want at most %d", count, n.maxProps))
	}
	for _, name := range n.required {
		if !idx.has(name) {
			if out == nil {
				return false
			}
			ok = false
			e.push(seg{name: name, mode: segChild})
			out.Add(validation.Required(e.path(), CodeRequired, strconv.Quote(name)))
			e.pop()
		}
	}
	for _, d := range n.depRequired {
		if !idx.has(d.name) {
			continue
		}
		for _, need := range d.needs {
			if !idx.has(need) {
				if out == nil {
					return false
				}
				ok = false
				e.push(seg{name: need, mode: segChild})
				out.Add(validation.Required(e.path(), CodeDependentRequired, fmt.Sprintf("%q (because %q is present)", need, d.name)))
				e.pop()
			}
		}
	}
	for i, k := range v.keys {
		e.push(seg{name: k, mode: segChild})
		good := e.member(n, k, &v.elems[i], out)
		e.pop()
		if !good {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	return ok
}

// member checks the object member k, whose path is on top of the stack.
func (e *evaluator) member(n *node, k string, mv *value, out *validation.List) bool {
	ok := true
	top := len(e.segs) - 1 // index, not pointer: nested checks may grow e.segs
	if n.propNames != nil {
		kv := value{kind: kindString, s: k}
		if !e.eval(n.propNames, &kv, nil) {
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.Invalid(e.path(), CodePropertyName, "the name %q is not allowed", k))
		}
	}
	matched := false
	if s, found := n.props[k]; found {
		matched = true
		if !e.eval(s, mv, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	} else {
		e.segs[top].mode = segKey
	}
	for _, pp := range n.patternProp {
		if !pp.re.MatchString(k) {
			continue
		}
		matched = true
		if !e.eval(pp.n, mv, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if matched || n.additional == nil {
		return ok
	}
	if a := n.additional; a.always != nil && !*a.always {
		if out == nil {
			return false
		}
		e.segs[top].mode = segChild
		out.Add(validation.Forbidden(e.path(), CodeAdditionalProperty, "unknown member %q", k))
		return false
	}
	if !e.eval(n.additional, mv, out) {
		return false
	}
	return ok
}

// logic applies allOf, anyOf, oneOf, not, if/then/else and dependentSchemas.
func (e *evaluator) logic(n *node, v *value, out *validation.List) bool {
	ok := true
	for _, s := range n.allOf {
		if !e.eval(s, v, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if n.anyOf != nil {
		matched := false
		for _, s := range n.anyOf {
			if e.probe(s, v) {
				matched = true
				break
			}
		}
		if !matched {
			if out == nil {
				return false
			}
			ok = false
			e.explain(n.anyOf, v, out, CodeAnyOf, "matches none of the %d alternatives")
		}
	}
	if n.oneOf != nil {
		var matches []int
		for i, s := range n.oneOf {
			if e.probe(s, v) {
				matches = append(matches, i)
			}
		}
		switch len(matches) {
		case 1:
		case 0:
			if out == nil {
				return false
			}
			ok = false
			e.explain(n.oneOf, v, out, CodeOneOf, "matches none of the %d alternatives")
		default:
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.Conflict(e.path(), CodeOneOf, "matches alternatives %d and %d, want exactly one", matches[0]+1, matches[1]+1))
		}
	}
	if n.not != nil && e.probe(n.not, v) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Forbidden(e.path(), CodeNot, "matches a schema it must not match"))
	}
	if n.ifN != nil {
		branch := n.elseN
		if e.probe(n.ifN, v) {
			branch = n.thenN
		}
		if branch != nil && !e.eval(branch, v, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if len(n.depSchemas) > 0 && v.kind == kindObject {
		idx := objectIndex{v: v}
		for _, d := range n.depSchemas {
			if idx.has(d.name) && !e.eval(d.n, v, out) {
				if out == nil {
					return false
				}
				ok = false
			}
		}
	}
	return ok
}

// explain reports a failed anyOf or oneOf. When exactly one alternative
// accepts the value's own type (the usual case for optional values written
// as oneOf [T, {"type": "null"}]), its detailed problems are more useful
// than a summary, so they are reported instead.
func (e *evaluator) explain(alts []*node, v *value, out *validation.List, code validation.Code, format string) {
	var candidate *node
	candidates := 0
	for _, s := range alts {
		if !wrongType(s, v, 8) {
			candidates++
			candidate = s
		}
	}
	if candidates == 1 {
		before := len(*out)
		e.eval(candidate, v, out)
		if len(*out) > before {
			return
		}
	}
	out.Add(validation.Invalid(e.path(), code, format, len(alts)))
}

// wrongType reports whether n rejects v for its type alone (or is the
// false schema), looking through $ref and allOf up to budget levels.
func wrongType(n *node, v *value, budget int) bool {
	if n.always != nil {
		return !*n.always
	}
	if n.types != 0 && !typeOK(n.types, v) {
		return true
	}
	if budget == 0 {
		return false
	}
	if n.ref != nil && wrongType(n.ref, v, budget-1) {
		return true
	}
	for _, s := range n.allOf {
		if wrongType(s, v, budget-1) {
			return true
		}
	}
	return false
}
