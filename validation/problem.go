package validation

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The kinds of problem. Every [Problem] wraps exactly one of them, so
// errors.Is(err, validation.ErrRequired) asks whether any problem in a list
// is of that kind.
var (
	// ErrRequired: a value that must be present is missing.
	ErrRequired = errors.New("required")
	// ErrInvalid: a value is malformed or breaks a rule.
	ErrInvalid = errors.New("invalid")
	// ErrOutOfRange: a number or date lies outside its allowed range.
	ErrOutOfRange = errors.New("out of range")
	// ErrNotSupported: a value is not one of the supported choices.
	ErrNotSupported = errors.New("not supported")
	// ErrDuplicate: an identifier is used more than once.
	ErrDuplicate = errors.New("duplicate")
	// ErrNotFound: a reference names something that does not exist.
	ErrNotFound = errors.New("not found")
	// ErrForbidden: a value is not allowed in this context.
	ErrForbidden = errors.New("forbidden")
	// ErrConflict: values contradict each other.
	ErrConflict = errors.New("conflict")
)

// ErrTooLarge is the problem of a document refused for its size before
// anything of it is read (code "json.too-large"). It is of kind
// ErrOutOfRange; a service answers 413 Content Too Large for it.
var ErrTooLarge = Sentinel(ErrOutOfRange, "document too large")

// Severity says how much a problem matters. The zero value is Error, so a
// Problem built without one blocks.
type Severity int

// Severities, from most to least serious.
const (
	Error Severity = iota
	Warning
	Info
)

var severityNames = [...]string{"error", "warning", "info"}

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText renders the severity as its name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(severityNames) {
		return nil, fmt.Errorf("validation: unknown severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	for i, n := range severityNames {
		if string(b) == n {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("validation: unknown severity %q", b)
}

// Code is a stable, machine-readable identifier of a problem, such as
// "risk.probability.range". Codes never change once published; messages may.
type Code string

// Problem is one thing wrong with a document.
type Problem struct {
	// Code identifies the rule that was broken.
	Code Code `json:"code"`
	// Severity says whether the problem blocks.
	Severity Severity `json:"severity"`
	// Path locates the offending value.
	Path Path `json:"path"`
	// Message explains the problem in plain words.
	Message string `json:"message"`
	// Subject names the entity the problem is about, such as the task
	// T12; zero when it is about no single entity.
	Subject Subject `json:"subject,omitzero"`
	// Kind is the sentinel error this problem wraps.
	Kind error `json:"-"`
}

// problemJSON is the JSON form of a Problem.
type problemJSON struct {
	Code     Code     `json:"code"`
	Severity Severity `json:"severity"`
	Path     Path     `json:"path"`
	Pointer  string   `json:"pointer"`
	Message  string   `json:"message"`
	Subject  Subject  `json:"subject,omitzero"`
}

// MarshalJSON writes the problem as a JSON object with its code, severity,
// path (in the dotted form Path.String gives), message and subject, and the
// path once more as an RFC 6901 JSON Pointer into the document ("pointer",
// "" for the whole document: Path.Pointer), the form HTTP problem details
// (RFC 9457) and JSON tools expect. Kind is not written.
func (p Problem) MarshalJSON() ([]byte, error) {
	return json.Marshal(p.toJSON())
}

func (p Problem) toJSON() problemJSON {
	return problemJSON{Code: p.Code, Severity: p.Severity, Path: p.Path, Pointer: p.Path.Pointer(), Message: p.Message, Subject: p.Subject}
}

// UnmarshalJSON reads what MarshalJSON writes; the path comes from "path"
// ("pointer" is accepted and not needed) and Kind stays nil.
func (p *Problem) UnmarshalJSON(b []byte) error {
	var j problemJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = Problem{Code: j.Code, Severity: j.Severity, Path: j.Path, Message: j.Message, Subject: j.Subject}
	return nil
}

// Error renders the problem as "path: message [code]".
func (p *Problem) Error() string {
	var b strings.Builder
	if !p.Path.IsRoot() {
		b.WriteString(p.Path.String())
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Code != "" {
		b.WriteString(" [")
		b.WriteString(string(p.Code))
		b.WriteString("]")
	}
	return b.String()
}

// Unwrap returns the problem's kind, such as [ErrRequired].
func (p *Problem) Unwrap() error { return p.Kind }

// New returns a problem of the given kind with severity Error.
func New(kind error, path Path, code Code, format string, args ...any) *Problem {
	return &Problem{Code: code, Severity: Error, Path: path, Message: fmt.Sprintf(format, args...), Kind: kind}
}

// Required reports a missing value.
func Required(path Path, code Code, what string) *Problem {
	return &Problem{Code: code, Path: path, Message: what + " is required", Kind: ErrRequired}
}

// Invalid reports a malformed value or a broken rule.
func Invalid(path Path, code Code, format string, args ...any) *Problem {
	return New(ErrInvalid, path, code, format, args...)
}

// OutOfRange reports a value outside its allowed range.
func OutOfRange(path Path, code Code, format string, args ...any) *Problem {
	return New(ErrOutOfRange, path, code, format, args...)
}

// NotSupported reports a value that is not one of the supported choices.
func NotSupported(path Path, code Code, value string, supported []string) *Problem {
	return New(ErrNotSupported, path, code, "%q is not supported (supported: %s)", value, strings.Join(supported, ", "))
}

// Duplicate reports an identifier used more than once.
func Duplicate(path Path, code Code, id string) *Problem {
	return New(ErrDuplicate, path, code, "duplicate ID %q", id)
}

// NotFound reports a reference to something that does not exist.
func NotFound(path Path, code Code, what, id string) *Problem {
	return New(ErrNotFound, path, code, "%s %q does not exist", what, id)
}

// Forbidden reports a value not allowed in its context.
func Forbidden(path Path, code Code, format string, args ...any) *Problem {
	return New(ErrForbidden, path, code, format, args...)
}

// Conflict reports values that contradict each other.
func Conflict(path Path, code Code, format string, args ...any) *Problem {
	return New(ErrConflict, path, code, format, args...)
}

// WithSeverity returns a copy of p with the given severity.
func (p *Problem) WithSeverity(s Severity) *Problem {
	q := *p
	q.Severity = s
	return &q
}

// WithMessage returns a copy of p with the given message.
func (p *Problem) WithMessage(msg string) *Problem {
	q := *p
	q.Message = msg
	return &q
}
