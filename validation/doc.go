// Package validation is the shared vocabulary of problems that every rollout
// package reports when it checks a document: a [Problem] carries a stable
// [Code], a [Severity], a [Path] into the document (such as
// backlog.tasks[3].estimate) and a plain message.
//
// Validation never stops at the first problem. Functions return a [List],
// which is itself an error whose Unwrap method returns every problem, so
// callers use the standard library. A Validate method returns an error
// only when a problem blocks (severity [Error]); warnings alone are not an
// error ([List.Err]), and the error, when there is one, holds the warnings
// too:
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
//
// The kinds are the whole module's vocabulary of failure, not only of
// validation: every error any rollout package returns for an unknown ID
// matches [ErrNotFound], for a taken ID [ErrDuplicate], for a refused
// transition [ErrConflict], and so on. A package that names a more precise
// failure makes it a [Sentinel] of one kind (such as plan.ErrNoBaseline, of
// kind ErrNotFound), so that a service answers 404 for every not-found with
// one errors.Is.
package validation
