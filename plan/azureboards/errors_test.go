package azureboards_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/validation"
)

// TestErrorKinds pins the shared kind (package validation) of each of the
// package's refusals of its input; the tests that provoke each error match
// the package's sentinel, and the sentinel matches its kind.
func TestErrorKinds(t *testing.T) {
	tests := []struct {
		err, kind error
	}{
		{ab.ErrOptions, validation.ErrInvalid},
		{ab.ErrCycle, validation.ErrInvalid},
		{ab.ErrMalformedItem, validation.ErrInvalid},
		{ab.ErrUnresolved, validation.ErrNotFound},
		{ab.ErrTooManyItems, validation.ErrOutOfRange},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.kind) {
			t.Errorf("%v does not match %v", tt.err, tt.kind)
		}
	}
	if _, err := ab.Build(nil, ab.Options{}); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("build without a plan: %v", err)
	}
}

// TestErrorMessages: the errors about work items name the first ten and
// count the rest.
func TestErrorMessages(t *testing.T) {
	var fs []ab.Failure
	var cs []ab.Conflict
	for i := 1; i <= 12; i++ {
		fs = append(fs, ab.Failure{ID: "T" + strconv.Itoa(i), WorkItem: i, Code: 400, Message: "no"})
		cs = append(cs, ab.Conflict{ID: "T" + strconv.Itoa(i), WorkItem: i, Err: errors.New("no")})
	}
	for _, c := range []struct{ got, want string }{
		{(&ab.BatchError{Failures: fs[:2]}).Error(), `azureboards: 2 work item(s) failed: T1 (#1) 400 "no"; T2 (#2) 400 "no"`},
		{(&ab.ConflictError{Conflicts: cs[:1]}).Error(), `azureboards: 1 work item(s) not applied: #1 (T1): no`},
		{(&ab.BatchError{Failures: fs}).Error(), `; T10 (#10) 400 "no"; ... and 2 more`},
		{(&ab.ConflictError{Conflicts: cs}).Error(), `; #10 (T10): no; ... and 2 more`},
	} {
		if !strings.HasSuffix(c.got, c.want) {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
}
