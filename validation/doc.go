// Package validation is the shared vocabulary of problems that every rollout
// package reports when it checks a document: a [Problem] carries a stable
// [Code], a [Severity], a [Path] into the document (such as
// backlog.tasks[3].estimate) and a plain message.
//
// Validation never stops at the first problem. Functions return a [List],
// which is itself an error whose Unwrap method returns every problem, so
// callers use the standard library:
//
//	err := log.Validate()
//	if errors.Is(err, validation.ErrRequired) { ... }   // any required field missing?
//	var p *validation.Problem
//	if errors.As(err, &p) { fmt.Println(p.Path, p.Code) } // the first problem
//
// Each problem wraps one sentinel kind ([ErrRequired], [ErrInvalid],
// [ErrOutOfRange], [ErrNotSupported], [ErrDuplicate], [ErrNotFound],
// [ErrForbidden], [ErrConflict]), so a test can match on kind, code and path
// instead of message text.
package validation
