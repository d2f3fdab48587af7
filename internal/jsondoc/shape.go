package jsondoc

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// shape checks, before anything is decoded, that a syntactically valid
// document has the shape of a Go type: no unknown fields, and objects,
// arrays, strings, numbers and booleans where the type wants them. It
// works on sub-slices of the input and allocates nothing per value, so
// that a hostile document refused for its shape costs no memory beyond
// the input. Values with their own decoders (json.Unmarshaler) are left
// to them; scalar values are checked by their kind only.
type shape struct {
	problems validation.List
	fields   map[reflect.Type][]field
	root     validation.Path
	// at is the path of the value being checked, below root, built into
	// a validation.Path only when a problem is reported.
	at []step
}

// step is one step of a path: a field name, a map key or a list index.
type step struct {
	name  string
	key   []byte // a map key's JSON string
	index int
	kind  byte // 'f' field, 'k' key, 'i' index
}

func (s *shape) path() validation.Path {
	p := s.root
	for _, st := range s.at {
		switch st.kind {
		case 'f':
			p = p.Child(st.name)
		case 'k':
			p = p.Key(unquote(st.key))
		default:
			p = p.Index(st.index)
		}
	}
	return p
}

func (s *shape) add(p *validation.Problem) {
	if len(s.problems) < maxProblems {
		s.problems = append(s.problems, p)
	}
}

func (s *shape) fieldsOf(t reflect.Type) []field {
	if s.fields == nil {
		s.fields = map[reflect.Type][]field{}
	}
	fs, ok := s.fields[t]
	if !ok {
		fs = fields(t)
		s.fields[t] = fs
	}
	return fs
}

// skipSpace returns the index of the first non-space byte at or after i.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// valueEnd returns the index just past the JSON value starting at i, in a
// document known to be valid.
func valueEnd(data []byte, i int) int {
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				i = stringEnd(data, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(data) {
		switch data[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// stringEnd returns the index just past the string starting at i.
func stringEnd(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}

// eachItem calls fn with every element of the array or every member of
// the object raw (key is nil for arrays); raw is known to be valid.
func eachItem(raw []byte, fn func(key, val []byte) bool) {
	obj := raw[0] == '{'
	i := skipSpace(raw, 1)
	for i < len(raw) && raw[i] != '}' && raw[i] != ']' {
		var key []byte
		if obj {
			end := stringEnd(raw, i)
			key = raw[i:end]
			i = skipSpace(raw, end) + 1 // the colon
			i = skipSpace(raw, i)
		}
		end := valueEnd(raw, i)
		if !fn(key, raw[i:end]) {
			return
		}
		i = skipSpace(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
}

// unquote returns the text of a JSON string token.
func unquote(tok []byte) string {
	if !strings.ContainsRune(string(tok), '\\') {
		return string(tok[1 : len(tok)-1])
	}
	var s string
	_ = json.Unmarshal(tok, &s)
	return s
}

func (s *shape) check(raw []byte, t reflect.Type) {
	if len(s.problems) >= maxProblems || len(raw) == 0 || raw[0] == 'n' || t == rawMessage {
		return // null leaves values alone, as encoding/json does
	}
	pt := reflect.PointerTo(t)
	if t.Kind() != reflect.Pointer && pt.Implements(jsonUnmarshaler) {
		return // checked by its own decoder
	}
	if t.Kind() != reflect.Pointer && pt.Implements(textUnmarshaler) {
		if raw[0] != '"' {
			s.add(validation.Invalid(s.path(), CodeType, "want a string, got %s", kindOf(raw)))
		}
		return
	}
	want := ""
	switch t.Kind() {
	case reflect.Pointer:
		s.check(raw, t.Elem())
		return
	case reflect.Interface:
		return
	case reflect.Struct:
		if raw[0] != '{' {
			want = "an object"
			break
		}
		fs := s.fieldsOf(t)
		eachItem(raw, func(key, val []byte) bool {
			i := -1
			if !bytes.ContainsRune(key, '\\') {
				for j := range fs {
					if fs[j].name == string(key[1:len(key)-1]) {
						i = j
						break
					}
				}
			}
			if i < 0 {
				name := unquote(key)
				for j := range fs {
					if strings.EqualFold(fs[j].name, name) {
						i = j
						break
					}
				}
			}
			if i < 0 {
				name := unquote(key)
				s.add(validation.Forbidden(s.path().Child(name), CodeUnknownField, "unknown field %q", name))
			} else {
				s.at = append(s.at, step{name: fs[i].name, kind: 'f'})
				if fs[i].quoted {
					if val[0] != '"' && val[0] != 'n' {
						s.add(validation.Invalid(s.path(), CodeType, "want %s in a string, got %s %s", describe(fs[i].typ), kindOf(val), clip(val)))
					}
				} else {
					s.check(val, fs[i].typ)
				}
				s.at = s.at[:len(s.at)-1]
			}
			return len(s.problems) < maxProblems
		})
		return
	case reflect.Map:
		if raw[0] != '{' {
			want = "an object"
			break
		}
		eachItem(raw, func(key, val []byte) bool {
			s.at = append(s.at, step{key: key, kind: 'k'})
			s.check(val, t.Elem())
			s.at = s.at[:len(s.at)-1]
			return len(s.problems) < maxProblems
		})
		return
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && raw[0] == '"' {
			return
		}
		if raw[0] != '[' {
			want = "an array"
			break
		}
		n := 0
		eachItem(raw, func(_, val []byte) bool {
			s.at = append(s.at, step{index: n, kind: 'i'})
			s.check(val, t.Elem())
			s.at = s.at[:len(s.at)-1]
			n++
			return len(s.problems) < maxProblems
		})
		if t.Kind() == reflect.Array && n > t.Len() {
			s.add(validation.OutOfRange(s.path(), CodeType, "want at most %d items, got %d", t.Len(), n))
		}
		return
	case reflect.Bool:
		if raw[0] != 't' && raw[0] != 'f' {
			want = describe(t)
		}
	case reflect.String:
		if raw[0] != '"' {
			want = describe(t)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
			want = describe(t)
		}
	}
	if want != "" {
		s.add(validation.Invalid(s.path(), CodeType, "want %s, got %s %s", want, kindOf(raw), clip(raw)))
	}
}
