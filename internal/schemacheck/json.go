package schemacheck

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth bounds the nesting of arrays and objects in schemas and
// documents. Deeper input is rejected with an error instead of risking the
// stack.
const MaxDepth = 512

// maxExponent bounds the exponent of JSON numbers so that exact decimal
// arithmetic on them stays cheap. Larger exponents cannot come from Go's
// encoding/json, which marshals float64 values only.
const maxExponent = 1_000_000_000

type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k kind) String() string { return kindNames[k] }

// value is a decoded JSON value. Objects keep their members in document
// order; numbers keep their literal text so that they are compared exactly.
type value struct {
	kind  kind
	b     bool
	s     string   // string contents or number literal
	elems []value  // array elements or object member values
	keys  []string // object member names, parallel to elems
}

// syntaxError is malformed JSON at a byte offset.
type syntaxError struct {
	offset int
	msg    string
	data   []byte
}

func (e *syntaxError) Error() string {
	line, col := 1, 1
	end := min(e.offset, len(e.data))
	for _, c := range e.data[:end] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("%s at line %d, column %d", e.msg, line, col)
}

type parser struct {
	data  []byte
	pos   int
	depth int
	// Members of the arrays and objects being parsed, on shared stacks so
	// that each container gets one exactly sized allocation when it closes.
	vals  []value
	keys  []string
	names map[string]string // interned object keys
}

// parseJSON decodes exactly one JSON value with optional surrounding white
// space. Duplicate object keys, nesting beyond MaxDepth and numbers with
// exponents beyond maxExponent are errors.
func parseJSON(data []byte) (value, error) {
	p := &parser{data: data}
	p.skipSpace()
	if p.pos == len(p.data) {
		return value{}, p.errorf("empty input")
	}
	v, err := p.parseValue()
	if err != nil {
		return value{}, err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return value{}, p.errorf("unexpected data after the value")
	}
	return v, nil
}

func (p *parser) errorf(format string, args ...any) error {
	return &syntaxError{offset: p.pos, msg: fmt.Sprintf(format, args...), data: p.data}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) parseValue() (value, error) {
	if p.pos >= len(p.data) {
		return value{}, p.errorf("unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.parseObject()
	case c == '[':
		return p.parseArray()
	case c == '"':
		s, err := p.parseString()
		return value{kind: kindString, s: s}, err
	case c == '-' || (c >= '0' && c <= '9'):
		return p.parseNumber()
	case c == 't':
		return value{kind: kindBool, b: true}, p.literal("true")
	case c == 'f':
		return value{kind: kindBool}, p.literal("false")
	case c == 'n':
		return value{kind: kindNull}, p.literal("null")
	default:
		return value{}, p.errorf("invalid character %q looking for a value", rune(c))
	}
}

func (p *parser) literal(lit string) error {
	if !strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(lit))]), lit) {
		return p.errorf("invalid literal, want %s", lit)
	}
	p.pos += len(lit)
	return nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return p.errorf("nesting deeper than %d levels", MaxDepth)
	}
	return nil
}

func (p *parser) parseArray() (value, error) {
	if err := p.enter(); err != nil {
		return value{}, err
	}
	p.pos++ // [
	v := value{kind: kindArray}
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		p.depth--
		return v, nil
	}
	mark := len(p.vals)
	for {
		p.skipSpace()
		e, err := p.parseValue()
		if err != nil {
			return value{}, err
		}
		p.vals = append(p.vals, e)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return value{}, p.errorf("unexpected end of input in array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			p.depth--
			v.elems = slices.Clone(p.vals[mark:])
			clear(p.vals[mark:])
			p.vals = p.vals[:mark]
			return v, nil
		default:
			return value{}, p.errorf("invalid character %q after array element", rune(p.data[p.pos]))
		}
	}
}

func (p *parser) parseObject() (value, error) {
	if err := p.enter(); err != nil {
		return value{}, err
	}
	p.pos++ // {
	v := value{kind: kindObject}
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		p.depth--
		return v, nil
	}
	mark, keyMark := len(p.vals), len(p.keys)
	var seen map[string]struct{}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return value{}, p.errorf("want a string object key")
		}
		keyAt := p.pos
		k, err := p.parseKey()
		if err != nil {
			return value{}, err
		}
		dup := false
		if seen != nil {
			_, dup = seen[k]
			seen[k] = struct{}{}
		} else {
			dup = slices.Contains(p.keys[keyMark:], k)
			if len(p.keys)-keyMark == 16 {
				seen = make(map[string]struct{}, 32)
				for _, kk := range p.keys[keyMark:] {
					seen[kk] = struct{}{}
				}
				seen[k] = struct{}{}
			}
		}
		if dup {
			p.pos = keyAt
			return value{}, p.errorf("duplicate object key %q", k)
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return value{}, p.errorf("want ':' after object key")
		}
		p.pos++
		p.skipSpace()
		e, err := p.parseValue()
		if err != nil {
			return value{}, err
		}
		p.keys = append(p.keys, k)
		p.vals = append(p.vals, e)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return value{}, p.errorf("unexpected end of input in object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			p.depth--
			v.keys = slices.Clone(p.keys[keyMark:])
			v.elems = slices.Clone(p.vals[mark:])
			clear(p.vals[mark:])
			p.keys = p.keys[:keyMark]
			p.vals = p.vals[:mark]
			return v, nil
		default:
			return value{}, p.errorf("invalid character %q after object member", rune(p.data[p.pos]))
		}
	}
}

// parseKey reads an object key, interning short plain keys: documents
// repeat the same few member names many times.
func (p *parser) parseKey() (string, error) {
	start := p.pos + 1
	for i := start; i < len(p.data) && i <= start+64; i++ {
		c := p.data[i]
		if c == '"' {
			if k, ok := p.names[string(p.data[start:i])]; ok {
				p.pos = i + 1
				return k, nil
			}
			break
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	k, err := p.parseString()
	if err == nil && len(k) <= 64 {
		if p.names == nil {
			p.names = map[string]string{}
		}
		if len(p.names) < 4096 {
			p.names[k] = k
		}
	}
	return k, err
}

// parseString reads a string starting at its opening quote. Plain ASCII
// strings are sliced directly; others go through encoding/json, which
// decodes escapes and replaces invalid UTF-8 as Go's decoders do.
func (p *parser) parseString() (string, error) {
	start := p.pos
	i := p.pos + 1
	plain := true
	for ; i < len(p.data); i++ {
		c := p.data[i]
		switch {
		case c == '"':
			p.pos = i + 1
			if plain {
				return string(p.data[start+1 : i]), nil
			}
			var s string
			if err := json.Unmarshal(p.data[start:i+1], &s); err != nil {
				p.pos = start
				return "", p.errorf("invalid string: %s", strings.TrimPrefix(err.Error(), "json: "))
			}
			return s, nil
		case c == '\\':
			plain = false
			i++
		case c < 0x20:
			p.pos = i
			return "", p.errorf("control character in string")
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	p.pos = start
	return "", p.errorf("unterminated string")
}

func (p *parser) parseNumber() (value, error) {
	start := p.pos
	i := p.pos
	d := p.data
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		p.pos = i
		return value{}, p.errorf("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == j {
			p.pos = i
			return value{}, p.errorf("invalid number: no digits after the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == j {
			p.pos = i
			return value{}, p.errorf("invalid number: no digits in the exponent")
		}
	}
	lit := string(d[start:i])
	if _, ok := parseNum(lit); !ok {
		return value{}, p.errorf("number %.40s has an exponent beyond ±%d", lit, maxExponent)
	}
	p.pos = i
	return value{kind: kindNumber, s: lit}, nil
}

// render writes v as compact JSON, clipped to about limit bytes, for messages.
func render(v *value, limit int) string {
	var b strings.Builder
	renderTo(&b, v, limit)
	s := b.String()
	if len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

func renderTo(b *strings.Builder, v *value, limit int) {
	if b.Len() > limit {
		return
	}
	switch v.kind {
	case kindNull:
		b.WriteString("null")
	case kindBool:
		b.WriteString(strconv.FormatBool(v.b))
	case kindNumber:
		b.WriteString(v.s)
	case kindString:
		b.WriteString(strconv.Quote(v.s))
	case kindArray:
		b.WriteByte('[')
		for i := range v.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			renderTo(b, &v.elems[i], limit)
		}
		b.WriteByte(']')
	case kindObject:
		b.WriteByte('{')
		for i := range v.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(v.keys[i]))
			b.WriteByte(':')
			renderTo(b, &v.elems[i], limit)
		}
		b.WriteByte('}')
	}
}

// canonical writes a form of v in which equal JSON values (by JSON Schema's
// rules: numbers by mathematical value, objects regardless of member order)
// have equal text.
func canonical(b *strings.Builder, v *value) {
	switch v.kind {
	case kindNull:
		b.WriteByte('n')
	case kindBool:
		if v.b {
			b.WriteByte('t')
		} else {
			b.WriteByte('f')
		}
	case kindNumber:
		n, _ := parseNum(v.s)
		b.WriteByte('#')
		if n.neg {
			b.WriteByte('-')
		}
		b.WriteString(n.digits)
		b.WriteByte('e')
		b.WriteString(strconv.FormatInt(n.exp, 10))
		b.WriteByte(';')
	case kindString:
		b.WriteString(strconv.Quote(v.s))
	case kindArray:
		b.WriteByte('[')
		for i := range v.elems {
			canonical(b, &v.elems[i])
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case kindObject:
		order := make([]int, len(v.keys))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(x, y int) int { return strings.Compare(v.keys[x], v.keys[y]) })
		b.WriteByte('{')
		for _, i := range order {
			b.WriteString(strconv.Quote(v.keys[i]))
			b.WriteByte(':')
			canonical(b, &v.elems[i])
			b.WriteByte(',')
		}
		b.WriteByte('}')
	}
}

func canonicalString(v *value) string {
	switch v.kind {
	case kindString:
		return strconv.Quote(v.s)
	}
	var b strings.Builder
	canonical(&b, v)
	return b.String()
}
