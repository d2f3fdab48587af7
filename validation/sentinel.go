package validation

// Sentinel returns a new sentinel error with the given text that is also of
// the given kind, so that errors.Is matches both. Packages use it to name a
// precise failure without leaving the shared vocabulary:
//
//	var ErrNoBaseline = validation.Sentinel(validation.ErrNotFound, "no such baseline")
//
// errors.Is(err, ErrNoBaseline) and errors.Is(err, validation.ErrNotFound)
// then both hold for an error wrapping ErrNoBaseline. The error's text is
// text alone.
func Sentinel(kind error, text string) error {
	return &sentinel{text: text, kind: kind}
}

type sentinel struct {
	text string
	kind error
}

func (s *sentinel) Error() string { return s.text }
func (s *sentinel) Unwrap() error { return s.kind }
