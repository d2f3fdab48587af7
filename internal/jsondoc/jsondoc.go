// Package jsondoc decodes rollout documents strictly: unknown fields, wrong
// types, values their own decoders refuse, trailing data and oversized input
// are rejected, each with a path into the document such as
// risks[4].probability, as a validation.List. A failed decode leaves the
// destination untouched.
//
// Decoding checks in three steps, each before anything is built: the
// syntax (json.Valid), then the shape against the Go type (unknown fields,
// objects, arrays, strings, numbers and booleans where the type wants
// them) over sub-slices of the input without allocating, and only then
// decodes with encoding/json, which reads the input in place. A document
// refused for its syntax or shape, however large, therefore costs no
// memory beyond the input. Only when the decode itself fails (a value its
// own type refuses, such as the date 2027-02-30) does a slower walk locate
// the problem.
// A nested value whose UnmarshalJSON returns a validation.List keeps the
// paths of its problems, re-rooted where it sits.
//
// One looseness of encoding/json remains: member names match field names
// case-insensitively ("ID" fills a field tagged "id"), and a repeated
// member's last value wins. Rejecting those would need a second pass over
// every valid document; encoding/json/v2 will remove the need.
package jsondoc

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// DefaultMaxBytes is the input size limit when Options.MaxBytes is zero.
const DefaultMaxBytes = 256 << 20

// Codes of the problems Decode reports.
const (
	CodeTooLarge     validation.Code = "json.too-large"
	CodeSyntax       validation.Code = "json.syntax"
	CodeUnknownField validation.Code = "json.unknown-field"
	CodeType         validation.Code = "json.type"
	CodeValue        validation.Code = "json.value"
	CodeTrailing     validation.Code = "json.trailing-data"
	CodeEmpty        validation.Code = "json.empty"
)

// Options tune Decode. The zero value is ready to use.
type Options struct {
	// MaxBytes limits the input size; 0 means DefaultMaxBytes.
	MaxBytes int
	// Root is prefixed to every path reported.
	Root validation.Path
}

// ErrNotPointer is returned when Decode is not given a non-nil pointer.
var ErrNotPointer = errors.New("jsondoc: destination must be a non-nil pointer")

// Decode decodes data into v, which must be a non-nil pointer, strictly.
// On error it returns a validation.List and leaves *v as it was.
func Decode(data []byte, v any, opts Options) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return ErrNotPointer
	}
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if len(data) > limit {
		return validation.List{validation.New(validation.ErrTooLarge, opts.Root, CodeTooLarge, "document of %d bytes exceeds the limit of %d bytes", len(data), limit)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return validation.List{validation.Required(opts.Root, CodeEmpty, "a JSON document")}
	}
	t := rv.Elem().Type()
	// Syntax first, without copying the input (json.Unmarshal checks the
	// whole document before decoding any of it).
	if !json.Valid(data) {
		var v struct{}
		err := json.Unmarshal(data, &v)
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			if strings.Contains(syn.Error(), "after top-level value") {
				return validation.List{validation.Invalid(opts.Root, CodeTrailing, "unexpected data after the document at %s", position(data, syn.Offset))}
			}
			return validation.List{validation.Invalid(opts.Root, CodeSyntax, "%s at %s", strings.TrimPrefix(syn.Error(), "json: "), position(data, syn.Offset))}
		}
		return validation.List{validation.Invalid(opts.Root, CodeSyntax, "unexpected end of JSON input")}
	}
	// Then the shape (unknown fields, kinds of values), before building
	// anything, so that a document refused for its shape costs nothing.
	trimmed := bytes.TrimSpace(data)
	sh := shape{root: opts.Root}
	sh.check(trimmed, t)
	if len(sh.problems) > 0 {
		return sh.problems
	}
	fresh := reflect.New(t)
	err := json.Unmarshal(trimmed, fresh.Interface())
	if err == nil {
		rv.Elem().Set(fresh.Elem())
		return nil
	}
	w := walker{}
	w.walk(trimmed, t, opts.Root)
	if len(w.problems) == 0 {
		return validation.List{validation.Invalid(opts.Root, CodeValue, "%s", strings.TrimPrefix(err.Error(), "json: "))}
	}
	return w.problems
}

// position renders a byte offset as line:column.
func position(data []byte, off int64) string {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}

// maxProblems bounds the report on badly broken documents.
const maxProblems = 100

type walker struct {
	problems validation.List
}

func (w *walker) add(p *validation.Problem) {
	if len(w.problems) < maxProblems {
		w.problems = append(w.problems, p)
	}
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	rawMessage      = reflect.TypeFor[json.RawMessage]()
)

func kindOf(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

func (w *walker) walk(raw []byte, t reflect.Type, path validation.Path) {
	if len(w.problems) >= maxProblems {
		return
	}
	if string(raw) == "null" {
		return // encoding/json leaves the value alone for null
	}
	if t == rawMessage {
		return
	}
	pt := reflect.PointerTo(t)
	if t.Kind() != reflect.Pointer && pt.Implements(jsonUnmarshaler) {
		u := reflect.New(t).Interface().(json.Unmarshaler)
		if err := u.UnmarshalJSON(raw); err != nil {
			// A nested document that reports its own problems keeps their
			// paths, re-rooted here.
			var sub validation.List
			if errors.As(err, &sub) && len(sub) > 0 {
				for _, p := range sub {
					q := *p
					q.Path = p.Path.Under(path)
					w.add(&q)
				}
				return
			}
			w.add(validation.Invalid(path, CodeValue, "%s", err))
		}
		return
	}
	if t.Kind() != reflect.Pointer && pt.Implements(textUnmarshaler) {
		if raw[0] != '"' {
			w.add(validation.Invalid(path, CodeType, "want a string, got %s", kindOf(raw)))
			return
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			w.add(validation.Invalid(path, CodeType, "%s", err))
			return
		}
		u := reflect.New(t).Interface().(encoding.TextUnmarshaler)
		if err := u.UnmarshalText([]byte(s)); err != nil {
			w.add(validation.Invalid(path, CodeValue, "%s", err))
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		w.walk(raw, t.Elem(), path)
	case reflect.Interface:
		// Anything decodes into an interface.
	case reflect.Struct:
		w.walkStruct(raw, t, path)
	case reflect.Map:
		w.walkMap(raw, t, path)
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && raw[0] == '"' {
			w.leaf(raw, t, path)
			return
		}
		if raw[0] != '[' {
			w.add(validation.Invalid(path, CodeType, "want an array, got %s", kindOf(raw)))
			return
		}
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			w.add(validation.Invalid(path, CodeSyntax, "%s", err))
			return
		}
		if t.Kind() == reflect.Array && len(items) > t.Len() {
			w.add(validation.OutOfRange(path, CodeType, "want at most %d items, got %d", t.Len(), len(items)))
		}
		for i, it := range items {
			w.walk(bytes.TrimSpace(it), t.Elem(), path.Index(i))
		}
	default:
		w.leaf(raw, t, path)
	}
}

func (w *walker) leaf(raw []byte, t reflect.Type, path validation.Path) {
	v := reflect.New(t)
	if err := json.Unmarshal(raw, v.Interface()); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			w.add(validation.Invalid(path, CodeType, "want %s, got %s %s", describe(t), kindOf(raw), clip(raw)))
			return
		}
		w.add(validation.Invalid(path, CodeValue, "%s", strings.TrimPrefix(err.Error(), "json: ")))
	}
}

func clip(raw []byte) string {
	s := string(raw)
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return s
}

func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fmt.Sprintf("an integer that fits in %d bits", t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fmt.Sprintf("a non-negative integer that fits in %d bits", t.Bits())
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

type member struct {
	key string
	raw []byte
}

// members splits a JSON object into its members, in document order.
func members(raw []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var rm json.RawMessage
		if err := dec.Decode(&rm); err != nil {
			return nil, err
		}
		out = append(out, member{key: key, raw: bytes.TrimSpace(rm)})
	}
	return out, nil
}

func (w *walker) walkMap(raw []byte, t reflect.Type, path validation.Path) {
	if raw[0] != '{' {
		w.add(validation.Invalid(path, CodeType, "want an object, got %s", kindOf(raw)))
		return
	}
	ms, err := members(raw)
	if err != nil {
		w.add(validation.Invalid(path, CodeSyntax, "%s", err))
		return
	}
	kt := t.Key()
	for _, m := range ms {
		p := path.Key(m.key)
		if reflect.PointerTo(kt).Implements(textUnmarshaler) {
			if err := reflect.New(kt).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(m.key)); err != nil {
				w.add(validation.Invalid(p, CodeValue, "key: %s", err))
				continue
			}
		}
		w.walk(m.raw, t.Elem(), p)
	}
}

type field struct {
	name string
	typ  reflect.Type
	// quoted is set for a scalar field tagged ",string": its value is a
	// JSON string holding the scalar, as encoding/json reads it.
	quoted bool
}

// fields lists the JSON members of struct type t, with embedded structs
// flattened, as encoding/json sees them.
func fields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				out = append(out, fields(ft)...)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, field{name: name, typ: f.Type, quoted: quotable(f.Type) && slices.Contains(strings.Split(opts, ","), "string")})
	}
	return out
}

func (w *walker) walkStruct(raw []byte, t reflect.Type, path validation.Path) {
	if raw[0] != '{' {
		w.add(validation.Invalid(path, CodeType, "want an object, got %s", kindOf(raw)))
		return
	}
	ms, err := members(raw)
	if err != nil {
		w.add(validation.Invalid(path, CodeSyntax, "%s", err))
		return
	}
	fs := fields(t)
	for _, m := range ms {
		i := slices.IndexFunc(fs, func(f field) bool { return f.name == m.key })
		if i < 0 {
			i = slices.IndexFunc(fs, func(f field) bool { return strings.EqualFold(f.name, m.key) })
		}
		if i < 0 {
			w.add(validation.Forbidden(path.Child(m.key), CodeUnknownField, "unknown field %q", m.key))
			continue
		}
		if fs[i].quoted {
			w.quoted(m.raw, fs[i].typ, path.Child(fs[i].name))
			continue
		}
		w.walk(m.raw, fs[i].typ, path.Child(fs[i].name))
	}
}

// quotable reports whether encoding/json honours the ",string" option on
// a field of type t.
func quotable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// quoted checks the value of a field tagged ",string": a JSON string
// holding the scalar.
func (w *walker) quoted(raw []byte, t reflect.Type, path validation.Path) {
	if string(raw) == "null" {
		return
	}
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		w.add(validation.Invalid(path, CodeType, "want %s in a string, got %s %s", describe(t), kindOf(raw), clip(raw)))
		return
	}
	if t.Kind() == reflect.String {
		return
	}
	if json.Unmarshal([]byte(s), reflect.New(t).Interface()) != nil {
		w.add(validation.Invalid(path, CodeType, "want %s in a string, got %s", describe(t), clip(raw)))
	}
}
