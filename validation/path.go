package validation

import (
	"strconv"
	"strings"
)

// Path locates a value inside a document, rendered as in
// backlog.tasks[3].estimate. Paths are immutable values: Child and Index
// return new paths and never change the receiver. The zero Path is the
// document root and renders as the empty string.
type Path struct {
	s string
}

// NewPath returns the path made of the given field names, in order.
func NewPath(name string, more ...string) Path {
	p := Path{}.Child(name)
	for _, m := range more {
		p = p.Child(m)
	}
	return p
}

// ParsePath returns the path whose String form is s. It does not check the
// syntax beyond what String produces; it exists so that paths survive a
// round trip through JSON.
func ParsePath(s string) Path { return Path{s: s} }

// Child returns the path of the named field below p.
func (p Path) Child(name string) Path {
	if p.s == "" {
		return Path{s: name}
	}
	return Path{s: p.s + "." + name}
}

// Index returns the path of the i-th element of the list at p.
func (p Path) Index(i int) Path {
	return Path{s: p.s + "[" + strconv.Itoa(i) + "]"}
}

// Key returns the path of the map entry with the given key at p.
func (p Path) Key(k string) Path {
	return Path{s: p.s + "[" + strconv.Quote(k) + "]"}
}

// IsRoot reports whether p is the document root.
func (p Path) IsRoot() bool { return p.s == "" }

// String renders the path, such as risks[4].probability.
func (p Path) String() string { return p.s }

// HasPrefix reports whether p is q or lies below q.
func (p Path) HasPrefix(q Path) bool {
	if q.s == "" {
		return true
	}
	if !strings.HasPrefix(p.s, q.s) {
		return false
	}
	rest := p.s[len(q.s):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// Under returns the path p re-rooted below parent: the path of the same
// value once its document is embedded at parent.
func (p Path) Under(parent Path) Path {
	switch {
	case parent.s == "":
		return p
	case p.s == "":
		return parent
	case p.s[0] == '[':
		return Path{s: parent.s + p.s}
	default:
		return Path{s: parent.s + "." + p.s}
	}
}

// Pointer renders the path as a JSON Pointer (RFC 6901), the form web
// clients and RFC 9457 problem details use: backlog.tasks[3].estimate
// becomes /backlog/tasks/3/estimate, a map key written with Key becomes
// one reference token, and "~" and "/" inside a token are escaped as "~0"
// and "~1". The root path renders as the empty string, the pointer to the
// whole document.
func (p Path) Pointer() string {
	var b strings.Builder
	for _, tok := range p.tokens() {
		b.WriteByte('/')
		b.WriteString(pointerEscaper.Replace(tok))
	}
	return b.String()
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// Tokens returns the path's reference tokens, unescaped, from the root:
// field names, list indexes in decimal and map keys, such as
// ["backlog" "tasks" "3" "estimate"].
func (p Path) Tokens() []string { return p.tokens() }

func (p Path) tokens() []string {
	var out []string
	s := p.s
	for s != "" {
		switch s[0] {
		case '.':
			s = s[1:]
		case '[':
			if len(s) > 1 && s[1] == '"' {
				// A quoted key, written by strconv.Quote.
				q, err := strconv.QuotedPrefix(s[1:])
				if err == nil {
					k, _ := strconv.Unquote(q)
					out = append(out, k)
					s = s[1+len(q):]
					if s != "" && s[0] == ']' {
						s = s[1:]
					}
					continue
				}
			}
			end := strings.IndexByte(s, ']')
			if end < 0 {
				out = append(out, s[1:])
				return out
			}
			out = append(out, s[1:end])
			s = s[end+1:]
		default:
			end := strings.IndexAny(s, ".[")
			if end < 0 {
				end = len(s)
			}
			out = append(out, s[:end])
			s = s[end:]
		}
	}
	return out
}

// MarshalText renders the path as text.
func (p Path) MarshalText() ([]byte, error) { return []byte(p.s), nil }

// UnmarshalText reads a path written by MarshalText.
func (p *Path) UnmarshalText(b []byte) error {
	p.s = string(b)
	return nil
}

// Equal reports whether p and q are the same path; it lets
// github.com/google/go-cmp compare values holding paths.
func (p Path) Equal(q Path) bool { return p == q }
