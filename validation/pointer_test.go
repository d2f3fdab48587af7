package validation_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/validation"
)

func TestPathPointer(t *testing.T) {
	tests := []struct {
		path validation.Path
		want string
	}{
		{validation.Path{}, ""},
		{validation.NewPath("backlog", "tasks").Index(3).Child("estimate"), "/backlog/tasks/3/estimate"},
		{validation.Path{}.Index(0), "/0"},
		{validation.NewPath("fields").Key("System.Title"), "/fields/System.Title"},
		// RFC 6901 section 3: "~" is written "~0" and "/" is written "~1".
		{validation.NewPath("m").Key("a/b"), "/m/a~1b"},
		{validation.NewPath("m").Key("m~n"), "/m/m~0n"},
		{validation.NewPath("m").Key("~1"), "/m/~01"},
		{validation.NewPath("m").Key(`say "hi" [x]`).Child("v"), `/m/say "hi" [x]/v`},
		{validation.NewPath("m").Key(""), "/m/"},
		{validation.NewPath("a").Index(1).Under(validation.NewPath("plan", "risks")), "/plan/risks/a/1"},
		{validation.ParsePath("resources.demands[10].quantity"), "/resources/demands/10/quantity"},
	}
	for _, tt := range tests {
		if got := tt.path.Pointer(); got != tt.want {
			t.Errorf("%q.Pointer() = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestPathTokensProperty: whatever Child, Index and Key build, Tokens gives
// back the same reference tokens, and Pointer is their RFC 6901 form.
func TestPathTokensProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"backlog", "tasks", "estimate", "x", "resourceId"}
	keys := []string{"", "a/b", "~", "~1", `"`, "]", "[0]", "a.b", "ü", "\x00", `\`}
	for range 2000 {
		var p validation.Path
		var want []string
		for range rng.IntN(6) {
			switch rng.IntN(3) {
			case 0:
				n := names[rng.IntN(len(names))]
				p, want = p.Child(n), append(want, n)
			case 1:
				i := rng.IntN(1000)
				p, want = p.Index(i), append(want, strconv.Itoa(i))
			default:
				k := keys[rng.IntN(len(keys))]
				p, want = p.Key(k), append(want, k)
			}
		}
		if diff := cmp.Diff(want, p.Tokens()); diff != "" {
			t.Fatalf("%q.Tokens() (-want +got):\n%s", p, diff)
		}
		var ptr string
		for _, tok := range want {
			ptr += "/" + escapeToken(tok)
		}
		if got := p.Pointer(); got != ptr {
			t.Fatalf("%q.Pointer() = %q, want %q", p, got, ptr)
		}
		if again := validation.ParsePath(p.String()); again.Pointer() != ptr {
			t.Fatalf("ParsePath(%q).Pointer() = %q, want %q", p, again.Pointer(), ptr)
		}
	}
}

// escapeToken is RFC 6901's escaping written out by hand: "~" first.
func escapeToken(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '~':
			out = append(out, '~', '0')
		case '/':
			out = append(out, '~', '1')
		default:
			out = append(out, s[i])
		}
	}
	return string(out)
}

func TestSubject(t *testing.T) {
	s := validation.Subject{Kind: "task", ID: "T1"}
	if s.String() != "task T1" || s.IsZero() || !(validation.Subject{}).IsZero() {
		t.Errorf("Subject = %q, IsZero %v", s, s.IsZero())
	}
	if got := (validation.Subject{Kind: "notification"}).String(); got != "notification" {
		t.Errorf("String() = %q", got)
	}
	p := validation.Invalid(validation.NewPath("tasks").Index(0), "c", "bad")
	q := p.About(s)
	if !p.Subject.IsZero() || q.Subject != s {
		t.Errorf("About changed its receiver or lost the subject: %v %v", p.Subject, q.Subject)
	}
}

func TestProblemSubjectJSON(t *testing.T) {
	p := validation.Invalid(validation.NewPath("tasks").Index(0), "c", "bad").About(validation.Subject{Kind: "task", ID: "T1"})
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"code":"c","severity":"error","path":"tasks[0]","pointer":"/tasks/0","message":"bad","subject":{"kind":"task","id":"T1"}}`
	if string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
	var back validation.Problem
	if err := json.Unmarshal(b, &back); err != nil || back.Subject != p.Subject {
		t.Errorf("round trip: %v, subject %v", err, back.Subject)
	}
}

func ExamplePath_Pointer() {
	p := validation.NewPath("backlog", "tasks").Index(3).Child("demands").Index(0)
	fmt.Println(p)
	fmt.Println(p.Pointer())
	fmt.Println(validation.NewPath("fields").Key("a/b~c").Pointer())
	// Output:
	// backlog.tasks[3].demands[0]
	// /backlog/tasks/3/demands/0
	// /fields/a~1b~0c
}

// TestProblemJSON pins a problem's JSON form: the dotted path, the same
// path as a JSON Pointer, the subject; Kind is not written, and the form
// reads back to the same problem (without its Kind).
func TestProblemJSONForms(t *testing.T) {
	tests := []struct {
		name string
		p    *validation.Problem
		want string
	}{
		{"task field", validation.Required(validation.NewPath("backlog", "tasks").Index(3).Child("assignee"), "plan.tasks.ready", "assignee").
			About(validation.Subject{Kind: "task", ID: "T/1"}),
			`{"code":"plan.tasks.ready","severity":"error","path":"backlog.tasks[3].assignee","pointer":"/backlog/tasks/3/assignee","message":"assignee is required","subject":{"kind":"task","id":"T/1"}}`},
		{"key escaped", validation.Invalid(validation.NewPath("budget").Key("a/b~c"), "x.y", "bad").WithSeverity(validation.Warning),
			`{"code":"x.y","severity":"warning","path":"budget[\"a/b~c\"]","pointer":"/budget/a~1b~0c","message":"bad"}`},
		{"whole document", validation.Invalid(validation.Path{}, "json.type", "not an object"),
			`{"code":"json.type","severity":"error","path":"","pointer":"","message":"not an object"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("JSON\n got %s\nwant %s", b, tc.want)
			}
			var back validation.Problem
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			want := *tc.p
			want.Kind = nil
			if diff := cmp.Diff(want, back, cmp.AllowUnexported(validation.Path{})); diff != "" {
				t.Errorf("read back (-want +got):\n%s", diff)
			}
		})
	}
}
