package validation_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/validation"
)

func TestPath(t *testing.T) {
	tests := []struct {
		got  validation.Path
		want string
	}{
		{validation.Path{}, ""},
		{validation.NewPath("backlog", "tasks").Index(3).Child("estimate"), "backlog.tasks[3].estimate"},
		{validation.NewPath("fields").Key("System.Title"), `fields["System.Title"]`},
		{validation.NewPath("a").Index(1).Under(validation.NewPath("plan")), "plan.a[1]"},
		{validation.Path{}.Index(2).Under(validation.NewPath("risks")), "risks[2]"},
		{validation.NewPath("x").Under(validation.Path{}), "x"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("path = %q, want %q", tt.got, tt.want)
		}
	}
	base := validation.NewPath("risks")
	_ = base.Index(1)
	if base.String() != "risks" {
		t.Error("Index changed its receiver")
	}
	if !validation.NewPath("risks").Index(4).Child("p").HasPrefix(base) || validation.NewPath("risksX").HasPrefix(base) {
		t.Error("HasPrefix wrong")
	}
}

func TestListIsAndAs(t *testing.T) {
	var l validation.List
	if l.Err() != nil {
		t.Fatal("empty list gave a non-nil error")
	}
	l.Add(
		validation.Required(validation.NewPath("risks").Index(0).Child("owner"), "risk.owner.required", "owner"),
		nil,
		validation.OutOfRange(validation.NewPath("risks").Index(4).Child("probability"), "risk.probability.range", "probability %d is outside 1 to 99", 120).WithSeverity(validation.Warning),
	)
	err := l.Err()
	if !errors.Is(err, validation.ErrRequired) || !errors.Is(err, validation.ErrOutOfRange) || errors.Is(err, validation.ErrDuplicate) {
		t.Errorf("errors.Is does not see the kinds: %v", err)
	}
	var p *validation.Problem
	if !errors.As(err, &p) || p.Code != "risk.owner.required" {
		t.Errorf("errors.As = %v", p)
	}
	if got := len(l.Blocking()); got != 1 {
		t.Errorf("Blocking has %d problems, want 1", got)
	}
	want := "2 problems:\n\trisks[0].owner: owner is required [risk.owner.required]\n\trisks[4].probability: probability 120 is outside 1 to 99 [risk.probability.range]"
	if err.Error() != want {
		t.Errorf("Error() = %q", err.Error())
	}
	var outer validation.List
	outer.AddList(validation.NewPath("plan"), l)
	if outer[0].Path.String() != "plan.risks[0].owner" || l[0].Path.String() != "risks[0].owner" {
		t.Errorf("AddList: %v / %v", outer[0].Path, l[0].Path)
	}
}

func TestProblemJSON(t *testing.T) {
	p := validation.Duplicate(validation.NewPath("tasks").Index(2).Child("id"), "backlog.task.id.duplicate", "T1").WithSeverity(validation.Warning)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"code":"backlog.task.id.duplicate","severity":"warning","path":"tasks[2].id","pointer":"/tasks/2/id","message":"duplicate ID \"T1\""}`
	if string(b) != want {
		t.Errorf("JSON = %s", b)
	}
	var back validation.Problem
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	p.Kind = nil
	if diff := cmp.Diff(*p, back, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	var s validation.Severity
	if err := s.UnmarshalText([]byte("fatal")); err == nil {
		t.Error("unknown severity accepted")
	}
}

func TestSortAndLongList(t *testing.T) {
	var l validation.List
	for i := 11; i >= 0; i-- {
		l.Add(validation.Invalid(validation.NewPath("t").Index(i), "c", "bad"))
	}
	l.Sort()
	if l[0].Path.String() != "t[0]" || l[1].Path.String() != "t[10]" {
		t.Errorf("sorted order starts %v, %v", l[0].Path, l[1].Path)
	}
	if !strings.HasSuffix(l.Error(), "... and 2 more") {
		t.Errorf("long list message: %q", l.Error())
	}
}

func Example() {
	var problems validation.List
	tasks := validation.NewPath("backlog", "tasks")
	problems.Add(validation.Required(tasks.Index(3).Child("estimate"), "backlog.task.estimate.required", "estimate"))
	problems.Add(validation.NotFound(tasks.Index(5).Child("dependencies").Index(0), "backlog.task.dependency.unknown", "task", "T99"))

	err := problems.Err()
	fmt.Println(errors.Is(err, validation.ErrNotFound))
	for _, p := range problems {
		fmt.Println(p.Code, p.Path)
	}
	// Output:
	// true
	// backlog.task.estimate.required backlog.tasks[3].estimate
	// backlog.task.dependency.unknown backlog.tasks[5].dependencies[0]
}

func TestSentinel(t *testing.T) {
	errX := validation.Sentinel(validation.ErrNotFound, "no such thing")
	err := fmt.Errorf("looking up T1: %w", errX)
	if !errors.Is(err, errX) || !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("errors.Is misses the sentinel or its kind: %v", err)
	}
	if errors.Is(err, validation.ErrDuplicate) {
		t.Error("errors.Is matches another kind")
	}
	if errX.Error() != "no such thing" {
		t.Errorf("Error() = %q", errX.Error())
	}
	if validation.Sentinel(validation.ErrNotFound, "no such thing") == errX {
		t.Error("two sentinels are the same value")
	}
}

// TestErrOnlyForBlocking pins what Err, and with it every Validate of the
// module, answers: an error only when a problem blocks (severity Error);
// the error then holds every problem, warnings included.
func TestErrOnlyForBlocking(t *testing.T) {
	warn := validation.Invalid(validation.NewPath("a"), "x.warn", "a warning").WithSeverity(validation.Warning)
	info := validation.Invalid(validation.NewPath("b"), "x.info", "a note").WithSeverity(validation.Info)
	block := validation.Required(validation.NewPath("c"), "x.required", "c")
	if err := (validation.List{warn, info}).Err(); err != nil {
		t.Errorf("only warnings and notes: Err = %v, want nil", err)
	}
	err := validation.List{warn, block}.Err()
	var l validation.List
	if !errors.As(err, &l) || len(l) != 2 {
		t.Fatalf("a blocking problem and a warning: Err = %v, want both", err)
	}
}
