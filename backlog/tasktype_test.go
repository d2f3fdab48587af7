package backlog_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func TestTaskType(t *testing.T) {
	base := backlog.Task{ID: "T1", Title: "Train a backup trainer", Estimate: backlog.Days(1), State: workitem.Proposed, Reason: backlog.ReasonNew}
	tests := []struct {
		name      string
		typ       backlog.TaskType
		addresses string
		code      validation.Code // "" when valid
		path      string
	}{
		{"planned by default", "", "", "", ""},
		{"planned", backlog.TaskPlanned, "", "", ""},
		{"mitigation", backlog.TaskMitigation, "R1", "", ""},
		{"corrective", backlog.TaskCorrective, "I1", "", ""},
		{"mitigation of nothing", backlog.TaskMitigation, " ", backlog.CodeTaskAddresses, "addresses"},
		{"planned addressing a risk", backlog.TaskPlanned, "R1", backlog.CodeTaskAddresses, "addresses"},
		{"unknown type", "contingency", "R1", backlog.CodeTaskType, "type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := base
			tk.Type, tk.Addresses = tt.typ, tt.addresses
			err := tk.Validate()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var l validation.List
			if !errors.As(err, &l) || len(l) != 1 || l[0].Code != tt.code || l[0].Path.String() != tt.path {
				t.Fatalf("got %v, want one %s at %s", err, tt.code, tt.path)
			}
		})
	}
	for _, c := range []struct {
		typ  backlog.TaskType
		want string
	}{{"", "Planned"}, {backlog.TaskPlanned, "Planned"}, {backlog.TaskMitigation, "Mitigation Action"}, {backlog.TaskCorrective, "Corrective Action"}} {
		if got := c.typ.Title(); got != c.want {
			t.Errorf("%q.Title() = %q, want %q", c.typ, got, c.want)
		}
	}
}
