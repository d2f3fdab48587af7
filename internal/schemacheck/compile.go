package schemacheck

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Errors that Compile wraps in a *SchemaError, for errors.Is.
var (
	// ErrMalformedSchema: the schema is not valid JSON, or a keyword has a
	// value of the wrong shape (such as a negative minLength or a pattern
	// Go's regexp package cannot compile).
	ErrMalformedSchema = errors.New("malformed schema")
	// ErrUnresolvedRef: a $ref names no schema in the document.
	ErrUnresolvedRef = errors.New("unresolvable $ref")
	// ErrRefCycle: schemas refer to each other without descending into the
	// instance (such as A = {"$ref": B}, B = {"allOf": [A]}), which would
	// loop forever. Recursive types, which descend through properties or
	// items, are legal.
	ErrRefCycle = errors.New("$ref cycle")
)

// SchemaError is a problem found by Compile at a location in the schema,
// written as a JSON Pointer fragment such as #/$defs/Plan/properties/risks.
type SchemaError struct {
	Location string
	Detail   string
	Err      error // one of ErrMalformedSchema, ErrUnresolvedRef, ErrRefCycle
}

func (e *SchemaError) Error() string {
	return "schemacheck: " + e.Err.Error() + " at " + e.Location + ": " + e.Detail
}

// Unwrap returns the sentinel kind of the error.
func (e *SchemaError) Unwrap() error { return e.Err }

type typeSet uint8

const (
	typeNull typeSet = 1 << iota
	typeBoolean
	typeObject
	typeArray
	typeNumber
	typeString
	typeInteger
)

var typeNames = []struct {
	name string
	t    typeSet
}{
	{"null", typeNull}, {"boolean", typeBoolean}, {"object", typeObject}, {"array", typeArray},
	{"number", typeNumber}, {"string", typeString}, {"integer", typeInteger},
}

func (t typeSet) String() string {
	var names []string
	for _, tn := range typeNames {
		if t&tn.t != 0 {
			names = append(names, tn.name)
		}
	}
	return strings.Join(names, " or ")
}

type patternNode struct {
	src string
	re  *regexp.Regexp
	n   *node
}

type enumValue struct {
	canon string // canonical form, for values other than strings
	str   string // the string itself, when isStr
	isStr bool
	text  string // JSON text, for messages
}

func newEnumValue(v *value) enumValue {
	ev := enumValue{text: render(v, 60)}
	if v.kind == kindString {
		ev.isStr, ev.str = true, v.s
	} else {
		ev.canon = canonicalString(v)
	}
	return ev
}

// matches reports whether v equals the enum or const value.
func (ev *enumValue) matches(v *value) bool {
	if v.kind == kindString {
		return ev.isStr && ev.str == v.s
	}
	return !ev.isStr && ev.canon == canonicalString(v)
}

// node is one compiled schema.
type node struct {
	loc         string // JSON Pointer fragment, for messages
	always      *bool  // set for the boolean schemas true and false
	ref         *node
	refURI      string
	refBase     string
	types       typeSet
	enum        []enumValue
	constVal    *enumValue
	minimum     *num
	maximum     *num
	exclMin     *num
	exclMax     *num
	multipleOf  *num
	numText     map[string]string // keyword -> literal, for messages
	minLength   int64
	maxLength   int64 // -1: none
	pattern     *regexp.Regexp
	format      string
	formatCheck func(string) bool

	prefixItems []*node
	items       *node
	contains    *node
	minContains int64 // -1: none (1 when contains is set)
	maxContains int64
	minItems    int64
	maxItems    int64
	uniqueItems bool

	props       map[string]*node
	required    []string
	patternProp []patternNode
	additional  *node
	propNames   *node
	minProps    int64
	maxProps    int64
	depRequired []depRequired
	depSchemas  []depSchema

	allOf, anyOf, oneOf []*node
	not                 *node
	ifN, thenN, elseN   *node
}

type depRequired struct {
	name  string
	needs []string
}

type depSchema struct {
	name string
	n    *node
}

// Schema is a compiled JSON Schema, safe for concurrent use by several
// goroutines.
type Schema struct {
	root    *node
	ignored []string
}

// Ignored lists the keywords Compile did not understand and so does not
// check, sorted, each as "location: keyword" (for example
// "#/$defs/Plan: x-order"), and formats it does not check as
// `location: format "hostname"`. Annotations without effect on validity
// (title, description, $comment, default, examples, deprecated, readOnly,
// writeOnly, contentEncoding, contentMediaType, contentSchema, $schema) are
// not listed.
func (s *Schema) Ignored() []string {
	if s == nil {
		return nil
	}
	return slices.Clone(s.ignored)
}

type compiler struct {
	root    *value
	nodes   map[*value]*node
	locs    map[*value]string // JSON Pointer of every schema-shaped value seen by scan
	bases   map[*value]string // base URI in effect at each schema
	ids     map[string]*value // resource URI (no fragment) -> schema
	anchors map[string]*value // URI with plain-name fragment -> schema
	refs    []*node           // nodes whose $ref awaits resolution
	ignored []string
}

func malformed(loc, format string, args ...any) error {
	return &SchemaError{Location: loc, Detail: fmt.Sprintf(format, args...), Err: ErrMalformedSchema}
}

// Compile parses and checks a JSON Schema (draft 2020-12, with the draft-07
// spellings "definitions", array-valued "items" and "additionalItems" also
// understood) and resolves its references. Errors are *SchemaError values
// wrapping ErrMalformedSchema, ErrUnresolvedRef or ErrRefCycle.
func Compile(schema []byte) (*Schema, error) {
	raw, err := parseJSON(schema)
	if err != nil {
		return nil, &SchemaError{Location: "#", Detail: err.Error(), Err: ErrMalformedSchema}
	}
	c := &compiler{
		root:    &raw,
		nodes:   map[*value]*node{},
		locs:    map[*value]string{},
		bases:   map[*value]string{},
		ids:     map[string]*value{},
		anchors: map[string]*value{},
	}
	if err := c.scan(&raw, "", "#"); err != nil {
		return nil, err
	}
	if _, ok := c.ids[""]; !ok {
		c.ids[""] = &raw // fragment-only references resolve against the root
	}
	root, err := c.compile(&raw, c.bases[&raw], "#")
	if err != nil {
		return nil, err
	}
	for len(c.refs) > 0 {
		n := c.refs[0]
		c.refs = c.refs[1:]
		if err := c.resolve(n); err != nil {
			return nil, err
		}
	}
	if err := checkCycles(root); err != nil {
		return nil, err
	}
	slices.Sort(c.ignored)
	return &Schema{root: root, ignored: slices.Compact(c.ignored)}, nil
}

// Subschema keywords by shape, for scan and compile.
var (
	schemaKeywords    = []string{"additionalProperties", "propertyNames", "items", "additionalItems", "contains", "not", "if", "then", "else"}
	schemaMapKeywords = []string{"$defs", "definitions", "properties", "patternProperties", "dependentSchemas"}
	schemaArrKeywords = []string{"allOf", "anyOf", "oneOf", "prefixItems", "items"}
)

func pointerEscape(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// scan records the location, base URI, $id and $anchor of every schema.
func (c *compiler) scan(v *value, base, loc string) error {
	if v.kind != kindObject {
		return nil
	}
	if _, ok := c.locs[v]; ok {
		return nil
	}
	if id, ok := member(v, "$id"); ok {
		if id.kind != kindString {
			return malformed(loc, "$id must be a string")
		}
		u, err := resolveURI(base, id.s)
		if err != nil {
			return malformed(loc, "$id %q: %v", id.s, err)
		}
		frag := u.Fragment
		u.Fragment, u.RawFragment = "", ""
		if frag != "" {
			c.anchors[u.String()+"#"+frag] = v
		} else {
			base = u.String()
			if prev, dup := c.ids[base]; dup && prev != v {
				return malformed(loc, "$id %q is used twice", id.s)
			}
			c.ids[base] = v
		}
	}
	c.locs[v] = loc
	c.bases[v] = base
	if a, ok := member(v, "$anchor"); ok {
		if a.kind != kindString || a.s == "" {
			return malformed(loc, "$anchor must be a non-empty string")
		}
		c.anchors[base+"#"+a.s] = v
	}
	for i, k := range v.keys {
		e := &v.elems[i]
		kl := loc + "/" + pointerEscape(k)
		switch {
		case slices.Contains(schemaKeywords, k) && e.kind == kindObject:
			if err := c.scan(e, base, kl); err != nil {
				return err
			}
		case slices.Contains(schemaArrKeywords, k) && e.kind == kindArray:
			for j := range e.elems {
				if err := c.scan(&e.elems[j], base, kl+"/"+strconv.Itoa(j)); err != nil {
					return err
				}
			}
		case slices.Contains(schemaMapKeywords, k) && e.kind == kindObject:
			for j, name := range e.keys {
				if err := c.scan(&e.elems[j], base, kl+"/"+pointerEscape(name)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func resolveURI(base, ref string) (*url.URL, error) {
	r, err := url.Parse(ref)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	if base == "" {
		return r, nil
	}
	b, err := url.Parse(base)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	return b.ResolveReference(r), nil
}

func member(v *value, key string) (*value, bool) {
	for i, k := range v.keys {
		if k == key {
			return &v.elems[i], true
		}
	}
	return nil, false
}

// annotations are keywords without effect on validity.
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$anchor": true, "$comment": true, "$defs": true, "definitions": true,
	"title": true, "description": true, "default": true, "examples": true, "deprecated": true,
	"readOnly": true, "writeOnly": true, "contentEncoding": true, "contentMediaType": true, "contentSchema": true,
}

func (c *compiler) compile(v *value, base, loc string) (*node, error) {
	if n, ok := c.nodes[v]; ok {
		return n, nil
	}
	if l, ok := c.locs[v]; ok {
		loc = l
		base = c.bases[v]
	}
	n := &node{loc: loc, maxLength: -1, maxItems: -1, maxProps: -1, minContains: -1, maxContains: -1}
	switch v.kind {
	case kindBool:
		b := v.b
		n.always = &b
		c.nodes[v] = n
		return n, nil
	case kindObject:
	default:
		return nil, malformed(loc, "a schema must be an object or a boolean, not %s", v.kind)
	}
	c.nodes[v] = n
	sub := func(k string, e *value) (*node, error) {
		return c.compile(e, base, loc+"/"+pointerEscape(k))
	}
	subArray := func(k string, e *value, allowEmpty bool) ([]*node, error) {
		if e.kind != kindArray || (!allowEmpty && len(e.elems) == 0) {
			return nil, malformed(loc, "%s must be a non-empty array of schemas", k)
		}
		out := make([]*node, len(e.elems))
		for j := range e.elems {
			s, err := c.compile(&e.elems[j], base, loc+"/"+pointerEscape(k)+"/"+strconv.Itoa(j))
			if err != nil {
				return nil, err
			}
			out[j] = s
		}
		return out, nil
	}
	count := func(k string, e *value) (int64, error) {
		if e.kind == kindNumber {
			if x, ok := parseNum(e.s); ok && !x.neg && x.isInteger() {
				if x.isZero() {
					return 0, nil
				}
				if int64(len(x.digits))+x.exp <= 15 {
					i, err := strconv.ParseInt(x.digits+strings.Repeat("0", int(x.exp)), 10, 64)
					if err == nil {
						return i, nil
					}
				}
			}
		}
		return 0, malformed(loc, "%s must be a non-negative integer of at most 15 digits", k)
	}
	number := func(k string, e *value) (*num, error) {
		if e.kind != kindNumber {
			return nil, malformed(loc, "%s must be a number", k)
		}
		x, _ := parseNum(e.s)
		if n.numText == nil {
			n.numText = map[string]string{}
		}
		n.numText[k] = e.s
		return &x, nil
	}
	var err error
	var additionalItems *value
	itemsIsArray := false
	for i, k := range v.keys {
		e := &v.elems[i]
		switch k {
		case "$ref":
			if e.kind != kindString {
				return nil, malformed(loc, "$ref must be a string")
			}
			u, uerr := resolveURI(base, e.s)
			if uerr != nil {
				return nil, &SchemaError{Location: loc, Detail: fmt.Sprintf("%q: %v", e.s, uerr), Err: ErrUnresolvedRef}
			}
			n.refURI = u.String()
			n.refBase = e.s
			c.refs = append(c.refs, n)
		case "type":
			n.types, err = parseTypes(loc, e)
		case "enum":
			if e.kind != kindArray {
				return nil, malformed(loc, "enum must be an array")
			}
			n.enum = make([]enumValue, len(e.elems))
			for j := range e.elems {
				n.enum[j] = newEnumValue(&e.elems[j])
			}
		case "const":
			ev := newEnumValue(e)
			n.constVal = &ev
		case "minimum":
			n.minimum, err = number(k, e)
		case "maximum":
			n.maximum, err = number(k, e)
		case "exclusiveMinimum":
			n.exclMin, err = number(k, e)
		case "exclusiveMaximum":
			n.exclMax, err = number(k, e)
		case "multipleOf":
			n.multipleOf, err = number(k, e)
			if err == nil && (n.multipleOf.isZero() || n.multipleOf.neg) {
				err = malformed(loc, "multipleOf must be greater than 0")
			}
		case "minLength":
			n.minLength, err = count(k, e)
		case "maxLength":
			n.maxLength, err = count(k, e)
		case "pattern":
			if e.kind != kindString {
				return nil, malformed(loc, "pattern must be a string")
			}
			n.pattern, err = compilePattern(loc, e.s)
		case "format":
			if e.kind != kindString {
				return nil, malformed(loc, "format must be a string")
			}
			n.format = e.s
			n.formatCheck = formats[e.s]
			if n.formatCheck == nil {
				c.ignored = append(c.ignored, fmt.Sprintf("%s: format %q", loc, e.s))
			}
		case "items":
			if e.kind == kindArray { // draft-07 tuple form
				itemsIsArray = true
				n.prefixItems, err = subArray(k, e, true)
			} else {
				n.items, err = sub(k, e)
			}
		case "additionalItems":
			additionalItems = e
		case "prefixItems":
			n.prefixItems, err = subArray(k, e, false)
		case "contains":
			n.contains, err = sub(k, e)
		case "minContains":
			n.minContains, err = count(k, e)
		case "maxContains":
			n.maxContains, err = count(k, e)
		case "minItems":
			n.minItems, err = count(k, e)
		case "maxItems":
			n.maxItems, err = count(k, e)
		case "uniqueItems":
			if e.kind != kindBool {
				return nil, malformed(loc, "uniqueItems must be a boolean")
			}
			n.uniqueItems = e.b
		case "properties":
			if e.kind != kindObject {
				return nil, malformed(loc, "properties must be an object")
			}
			n.props = make(map[string]*node, len(e.keys))
			for j, name := range e.keys {
				s, serr := c.compile(&e.elems[j], base, loc+"/properties/"+pointerEscape(name))
				if serr != nil {
					return nil, serr
				}
				n.props[name] = s
			}
		case "required":
			n.required, err = stringSet(loc, k, e)
		case "patternProperties":
			if e.kind != kindObject {
				return nil, malformed(loc, "patternProperties must be an object")
			}
			for j, src := range e.keys {
				re, rerr := compilePattern(loc, src)
				if rerr != nil {
					return nil, rerr
				}
				s, serr := c.compile(&e.elems[j], base, loc+"/patternProperties/"+pointerEscape(src))
				if serr != nil {
					return nil, serr
				}
				n.patternProp = append(n.patternProp, patternNode{src: src, re: re, n: s})
			}
		case "additionalProperties":
			n.additional, err = sub(k, e)
		case "propertyNames":
			n.propNames, err = sub(k, e)
		case "minProperties":
			n.minProps, err = count(k, e)
		case "maxProperties":
			n.maxProps, err = count(k, e)
		case "dependentRequired":
			if e.kind != kindObject {
				return nil, malformed(loc, "dependentRequired must be an object")
			}
			for j, name := range e.keys {
				needs, serr := stringSet(loc, k+"/"+name, &e.elems[j])
				if serr != nil {
					return nil, serr
				}
				n.depRequired = append(n.depRequired, depRequired{name: name, needs: needs})
			}
		case "dependentSchemas":
			if e.kind != kindObject {
				return nil, malformed(loc, "dependentSchemas must be an object")
			}
			for j, name := range e.keys {
				s, serr := c.compile(&e.elems[j], base, loc+"/dependentSchemas/"+pointerEscape(name))
				if serr != nil {
					return nil, serr
				}
				n.depSchemas = append(n.depSchemas, depSchema{name: name, n: s})
			}
		case "allOf":
			n.allOf, err = subArray(k, e, false)
		case "anyOf":
			n.anyOf, err = subArray(k, e, false)
		case "oneOf":
			n.oneOf, err = subArray(k, e, false)
		case "not":
			n.not, err = sub(k, e)
		case "if":
			n.ifN, err = sub(k, e)
		case "then":
			n.thenN, err = sub(k, e)
		case "else":
			n.elseN, err = sub(k, e)
		case "$defs", "definitions":
			if e.kind != kindObject {
				return nil, malformed(loc, "%s must be an object", k)
			}
			for j, name := range e.keys {
				if _, serr := c.compile(&e.elems[j], base, loc+"/"+k+"/"+pointerEscape(name)); serr != nil {
					return nil, serr
				}
			}
		default:
			if !annotations[k] {
				c.ignored = append(c.ignored, loc+": "+k)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if additionalItems != nil {
		if itemsIsArray {
			if n.items, err = sub("additionalItems", additionalItems); err != nil {
				return nil, err
			}
		} else {
			c.ignored = append(c.ignored, loc+": additionalItems")
		}
	}
	if n.contains == nil {
		n.minContains, n.maxContains = -1, -1
	} else if n.minContains < 0 {
		n.minContains = 1
	}
	if n.ifN == nil {
		n.thenN, n.elseN = nil, nil
	}
	return n, nil
}

func parseTypes(loc string, e *value) (typeSet, error) {
	one := func(s *value) (typeSet, error) {
		if s.kind == kindString {
			for _, tn := range typeNames {
				if tn.name == s.s {
					return tn.t, nil
				}
			}
		}
		return 0, malformed(loc, "unknown type %s", render(s, 40))
	}
	if e.kind != kindArray {
		return one(e)
	}
	if len(e.elems) == 0 {
		return 0, malformed(loc, "type must not be an empty array")
	}
	var ts typeSet
	for j := range e.elems {
		t, err := one(&e.elems[j])
		if err != nil {
			return 0, err
		}
		if ts&t != 0 {
			return 0, malformed(loc, "type lists %s twice", e.elems[j].s)
		}
		ts |= t
	}
	return ts, nil
}

func stringSet(loc, k string, e *value) ([]string, error) {
	if e.kind != kindArray {
		return nil, malformed(loc, "%s must be an array of strings", k)
	}
	out := make([]string, 0, len(e.elems))
	for j := range e.elems {
		s := &e.elems[j]
		if s.kind != kindString {
			return nil, malformed(loc, "%s must be an array of strings", k)
		}
		if slices.Contains(out, s.s) {
			return nil, malformed(loc, "%s lists %q twice", k, s.s)
		}
		out = append(out, s.s)
	}
	return out, nil
}

func compilePattern(loc, src string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, malformed(loc, "pattern %q is not supported by Go's regexp: %v", src, err)
	}
	return re, nil
}

// resolve finds the schema that n's $ref names, compiling it on demand
// when it lies outside the keywords scan knows.
func (c *compiler) resolve(n *node) error {
	u, err := url.Parse(n.refURI)
	if err != nil {
		return &SchemaError{Location: n.loc, Detail: fmt.Sprintf("%q: %v", n.refBase, err), Err: ErrUnresolvedRef}
	}
	frag := u.Fragment
	u.Fragment, u.RawFragment = "", ""
	res, ok := c.ids[u.String()]
	if !ok {
		return &SchemaError{Location: n.loc, Detail: fmt.Sprintf("%q: no schema has $id %q", n.refBase, u.String()), Err: ErrUnresolvedRef}
	}
	target := res
	targetLoc := c.locs[res]
	switch {
	case frag == "":
	case strings.HasPrefix(frag, "/"):
		for tok := range strings.SplitSeq(frag[1:], "/") {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
			targetLoc += "/" + pointerEscape(tok)
			var next *value
			switch target.kind {
			case kindObject:
				next, _ = member(target, tok)
			case kindArray:
				if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(target.elems) && strconv.Itoa(i) == tok {
					next = &target.elems[i]
				}
			}
			if next == nil {
				return &SchemaError{Location: n.loc, Detail: fmt.Sprintf("%q: nothing at %s", n.refBase, targetLoc), Err: ErrUnresolvedRef}
			}
			target = next
		}
	default:
		a, ok := c.anchors[u.String()+"#"+frag]
		if !ok {
			return &SchemaError{Location: n.loc, Detail: fmt.Sprintf("%q: no $anchor %q", n.refBase, frag), Err: ErrUnresolvedRef}
		}
		target = a
		targetLoc = c.locs[a]
	}
	if target.kind != kindObject && target.kind != kindBool {
		return &SchemaError{Location: n.loc, Detail: fmt.Sprintf("%q names a %s, not a schema", n.refBase, target.kind), Err: ErrUnresolvedRef}
	}
	t, err := c.compile(target, c.bases[res], targetLoc)
	if err != nil {
		return err
	}
	n.ref = t
	return nil
}

// sameInstance lists the subschemas that apply to the same instance as n,
// the edges along which a cycle would never end.
func sameInstance(n *node) []*node {
	var out []*node
	if n.ref != nil {
		out = append(out, n.ref)
	}
	out = append(out, n.allOf...)
	out = append(out, n.anyOf...)
	out = append(out, n.oneOf...)
	for _, s := range []*node{n.not, n.ifN, n.thenN, n.elseN} {
		if s != nil {
			out = append(out, s)
		}
	}
	for _, d := range n.depSchemas {
		out = append(out, d.n)
	}
	return out
}

// children lists the subschemas that apply to values inside the instance.
func children(n *node) []*node {
	var out []*node
	out = append(out, n.prefixItems...)
	for _, s := range []*node{n.items, n.contains, n.additional, n.propNames} {
		if s != nil {
			out = append(out, s)
		}
	}
	for _, name := range slices.Sorted(mapsKeys(n.props)) {
		out = append(out, n.props[name])
	}
	for _, p := range n.patternProp {
		out = append(out, p.n)
	}
	return out
}

func mapsKeys(m map[string]*node) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// checkCycles rejects cycles along same-instance edges, with an explicit
// stack so that deep schemas cannot exhaust the Go stack.
func checkCycles(root *node) error {
	const (
		white = iota
		grey
		black
	)
	color := map[*node]int{}
	// Every node reachable from root is a possible start of a cycle.
	var all []*node
	seen := map[*node]bool{root: true}
	for queue := []*node{root}; len(queue) > 0; {
		n := queue[0]
		queue = queue[1:]
		all = append(all, n)
		for _, s := range append(sameInstance(n), children(n)...) {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	type frame struct {
		n    *node
		next []*node
	}
	for _, start := range all {
		if color[start] != white {
			continue
		}
		stack := []frame{{n: start, next: sameInstance(start)}}
		color[start] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if len(top.next) == 0 {
				color[top.n] = black
				stack = stack[:len(stack)-1]
				continue
			}
			s := top.next[0]
			top.next = top.next[1:]
			switch color[s] {
			case grey:
				var path []string
				for i := range stack {
					if stack[i].n == s {
						for _, f := range stack[i:] {
							path = append(path, f.n.loc)
						}
					}
				}
				path = append(path, s.loc)
				return &SchemaError{Location: s.loc, Detail: "schemas apply to the same value in a loop: " + strings.Join(path, " -> "), Err: ErrRefCycle}
			case white:
				color[s] = grey
				stack = append(stack, frame{n: s, next: sameInstance(s)})
			}
		}
	}
	return nil
}
