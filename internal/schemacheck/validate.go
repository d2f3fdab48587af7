package schemacheck

import (
	"fmt"
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
func (s *Schema) Validate(doc []byte) error {
	v, err := parseJSON(doc)
	if err != nil {
		return validation.List{validation.Invalid(validation.Path{}, CodeJSON, "malformed JSON: %v", err)}
	}
	var out validation.List
	e := evaluator{}
	e.eval(s.root, &v, &loc{}, &out)
	return out.Err()
}

// loc is a path under construction, kept on the stack and turned into a
// validation.Path only when a problem is reported.
type loc struct {
	parent *loc
	name   string
	index  int
	mode   uint8
}

const (
	locRoot uint8 = iota
	locChild
	locKey
	locIndex
)

func (l *loc) path() validation.Path {
	if l == nil || l.mode == locRoot {
		return validation.Path{}
	}
	p := l.parent.path()
	switch l.mode {
	case locChild:
		return p.Child(l.name)
	case locKey:
		return p.Key(l.name)
	default:
		return p.Index(l.index)
	}
}

type evaluator struct {
	depth int
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

func (e *evaluator) typeOK(t typeSet, v *value) bool {
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
func (e *evaluator) eval(n *node, v *value, l *loc, out *validation.List) bool {
	if n.always != nil {
		if !*n.always && out != nil {
			out.Add(validation.Forbidden(l.path(), CodeFalse, "no value is allowed here"))
		}
		return *n.always
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxEvalDepth {
		if out != nil {
			out.Add(validation.Invalid(l.path(), CodeDepth, "schema applications nest deeper than %d levels", maxEvalDepth))
		}
		return false
	}
	ok := true
	if n.ref != nil {
		if !e.eval(n.ref, v, l, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if n.types != 0 && !e.typeOK(n.types, v) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Invalid(l.path(), CodeType, "got %s, want %s", describe(v), n.types))
	}
	if n.enum != nil || n.constVal != nil {
		c := canonicalString(v)
		if n.enum != nil && !enumHas(n.enum, c) {
			if out == nil {
				return false
			}
			ok = false
			texts := make([]string, len(n.enum))
			for i, ev := range n.enum {
				texts[i] = ev.text
			}
			out.Add(validation.New(validation.ErrNotSupported, l.path(), CodeEnum, "%s is not one of %s", render(v, 60), clip(strings.Join(texts, ", "), 200)))
		}
		if n.constVal != nil && n.constVal.canon != c {
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.Invalid(l.path(), CodeConst, "%s is not %s", render(v, 60), n.constVal.text))
		}
	}
	switch v.kind {
	case kindNumber:
		if !e.number(n, v, l, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	case kindString:
		if !e.string(n, v, l, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	case kindArray:
		if !e.array(n, v, l, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	case kindObject:
		if !e.object(n, v, l, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if !e.logic(n, v, l, out) {
		ok = false
	}
	return ok
}

func enumHas(enum []enumValue, c string) bool {
	for _, ev := range enum {
		if ev.canon == c {
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

func (e *evaluator) number(n *node, v *value, l *loc, out *validation.List) bool {
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
			out.Add(validation.OutOfRange(l.path(), code, "%s is %s %s", v.s, rel, n.numText[kw]))
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
		out.Add(validation.Invalid(l.path(), CodeMultipleOf, "%s is not a multiple of %s", v.s, n.numText["multipleOf"]))
	}
	return ok
}

func (e *evaluator) string(n *node, v *value, l *loc, out *validation.List) bool {
	ok := true
	if n.minLength > 0 || n.maxLength >= 0 {
		c := int64(utf8.RuneCountInString(v.s))
		if c < n.minLength {
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.OutOfRange(l.path(), CodeMinLength, "%d characters, want at least %d", c, n.minLength))
		}
		if n.maxLength >= 0 && c > n.maxLength {
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.OutOfRange(l.path(), CodeMaxLength, "%d characters, want at most %d", c, n.maxLength))
		}
	}
	if n.pattern != nil && !n.pattern.MatchString(v.s) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Invalid(l.path(), CodePattern, "%s does not match the pattern %s", render(v, 60), n.pattern))
	}
	if n.formatCheck != nil && !n.formatCheck(v.s) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Invalid(l.path(), CodeFormat, "%s is not a valid %s", render(v, 60), n.format))
	}
	return ok
}

func (e *evaluator) array(n *node, v *value, l *loc, out *validation.List) bool {
	ok := true
	count := int64(len(v.elems))
	if count < n.minItems {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.OutOfRange(l.path(), CodeMinItems, "%d items, want at least %d", count, n.minItems))
	}
	if n.maxItems >= 0 && count > n.maxItems {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.OutOfRange(l.path(), CodeMaxItems, "%d items, want at most %d", count, n.maxItems))
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
				il := loc{parent: l, index: i, mode: locIndex}
				out.Add(validation.New(validation.ErrDuplicate, il.path(), CodeUniqueItems, "item %d repeats item %d", i, first))
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
		il := loc{parent: l, index: i, mode: locIndex}
		if !e.eval(s, &v.elems[i], &il, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if n.contains != nil {
		var matches int64
		for i := range v.elems {
			il := loc{parent: l, index: i, mode: locIndex}
			if e.eval(n.contains, &v.elems[i], &il, nil) {
				matches++
			}
		}
		switch {
		case matches < n.minContains:
			if out == nil {
				return false
			}
			ok = false
			if n.minContains == 1 {
				out.Add(validation.Invalid(l.path(), CodeContains, "no item matches the contains schema"))
			} else {
				out.Add(validation.OutOfRange(l.path(), CodeMinContains, "%d items match the contains schema, want at least %d", matches, n.minContains))
			}
		case n.maxContains >= 0 && matches > n.maxContains:
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.OutOfRange(l.path(), CodeMaxContains, "%d items match the contains schema, want at most %d", matches, n.maxContains))
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

func (e *evaluator) object(n *node, v *value, l *loc, out *validation.List) bool {
	ok := true
	idx := objectIndex{v: v}
	count := int64(len(v.keys))
	if count < n.minProps {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.OutOfRange(l.path(), CodeMinProperties, "%d members, want at least %d", count, n.minProps))
	}
	if n.maxProps >= 0 && count > n.maxProps {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.OutOfRange(l.path(), CodeMaxProperties, "%d members, want at most %d", count, n.maxProps))
	}
	for _, name := range n.required {
		if !idx.has(name) {
			if out == nil {
				return false
			}
			ok = false
			ml := loc{parent: l, name: name, mode: locChild}
			out.Add(validation.Required(ml.path(), CodeRequired, fmt.Sprintf("%q", name)))
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
				ml := loc{parent: l, name: need, mode: locChild}
				out.Add(validation.Required(ml.path(), CodeDependentRequired, fmt.Sprintf("%q (because %q is present)", need, d.name)))
			}
		}
	}
	for i, k := range v.keys {
		mv := &v.elems[i]
		ml := loc{parent: l, name: k, mode: locChild}
		if n.propNames != nil {
			kv := value{kind: kindString, s: k}
			if !e.eval(n.propNames, &kv, &ml, nil) {
				if out == nil {
					return false
				}
				ok = false
				out.Add(validation.Invalid(ml.path(), CodePropertyName, "the name %q is not allowed", k))
			}
		}
		matched := false
		if s, found := n.props[k]; found {
			matched = true
			if !e.eval(s, mv, &ml, out) {
				if out == nil {
					return false
				}
				ok = false
			}
		} else {
			ml.mode = locKey
		}
		for _, pp := range n.patternProp {
			if !pp.re.MatchString(k) {
				continue
			}
			matched = true
			if !e.eval(pp.n, mv, &ml, out) {
				if out == nil {
					return false
				}
				ok = false
			}
		}
		if matched || n.additional == nil {
			continue
		}
		if a := n.additional; a.always != nil && !*a.always {
			if out == nil {
				return false
			}
			ok = false
			ml.mode = locChild
			out.Add(validation.Forbidden(ml.path(), CodeAdditionalProperty, "unknown member %q", k))
			continue
		}
		if !e.eval(n.additional, mv, &ml, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	return ok
}

// logic applies allOf, anyOf, oneOf, not, if/then/else and dependentSchemas.
func (e *evaluator) logic(n *node, v *value, l *loc, out *validation.List) bool {
	ok := true
	for _, s := range n.allOf {
		if !e.eval(s, v, l, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if n.anyOf != nil {
		matched := false
		for _, s := range n.anyOf {
			if e.eval(s, v, l, nil) {
				matched = true
				break
			}
		}
		if !matched {
			if out == nil {
				return false
			}
			ok = false
			e.explain(n.anyOf, v, l, out, CodeAnyOf, "matches none of the %d alternatives")
		}
	}
	if n.oneOf != nil {
		var matches []int
		for i, s := range n.oneOf {
			if e.eval(s, v, l, nil) {
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
			e.explain(n.oneOf, v, l, out, CodeOneOf, "matches none of the %d alternatives")
		default:
			if out == nil {
				return false
			}
			ok = false
			out.Add(validation.Conflict(l.path(), CodeOneOf, "matches alternatives %d and %d, want exactly one", matches[0]+1, matches[1]+1))
		}
	}
	if n.not != nil && e.eval(n.not, v, l, nil) {
		if out == nil {
			return false
		}
		ok = false
		out.Add(validation.Forbidden(l.path(), CodeNot, "matches a schema it must not match"))
	}
	if n.ifN != nil {
		branch := n.elseN
		if e.eval(n.ifN, v, l, nil) {
			branch = n.thenN
		}
		if branch != nil && !e.eval(branch, v, l, out) {
			if out == nil {
				return false
			}
			ok = false
		}
	}
	if len(n.depSchemas) > 0 && v.kind == kindObject {
		idx := objectIndex{v: v}
		for _, d := range n.depSchemas {
			if idx.has(d.name) && !e.eval(d.n, v, l, out) {
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
// fails for reasons other than the value's own type (the usual case for
// optional values written as oneOf [T, null]), its detailed problems are
// more useful than a summary, so they are reported instead.
func (e *evaluator) explain(alts []*node, v *value, l *loc, out *validation.List, code validation.Code, format string) {
	here := l.path()
	var best validation.List
	candidates := 0
	for _, s := range alts {
		var probs validation.List
		e.eval(s, v, l, &probs)
		typeOnly := false
		for _, p := range probs {
			if p.Code == CodeType && p.Path == here {
				typeOnly = true
				break
			}
		}
		if !typeOnly {
			candidates++
			best = probs
		}
	}
	if candidates == 1 && len(best) > 0 {
		*out = append(*out, best...)
		return
	}
	out.Add(validation.Invalid(here, code, format, len(alts)))
}
