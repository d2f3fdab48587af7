package markdown_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/markdown"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/view"
)

func samplePage(t *testing.T) string {
	t.Helper()
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := markdown.Write(context.Background(), &buf, p, markdown.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestSample(t *testing.T) {
	page := samplePage(t)
	for _, want := range []string{
		"# Contoso Ledger 4.0 rollout and deployment plan\n",
		"```mermaid\ngantt\n",
		"    dateFormat YYYY-MM-DD\n",
		"    excludes weekends, 2027-01-18,",
		"    section REQ-1 Train sales on Ledger 4.0 positioning, pricing and licensing\n",
		"    Book training rooms :b2, 2027-03-24, 2027-03-25\n",
		":crit, ",
		"    section Release\n    Release date 2027-04-15 :crit, milestone, ",
		"| 21-40% | green | green R9 R3 | amber R2 | amber R1 R7 R4 | amber R5 |\n",
		"| events | USD 140,000.00 | USD 110,000.00 | USD 30,000.00 | USD 18,000.00 | USD 92,000.00 |\n",
		"## Dates to attend\n",
		"| 2027-04-15 | 2027-04-15 | launch | Launch of Contoso Ledger 4.0 |\n",
		"## Open issues\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "-"},
		{"a|b", `a\|b`},
		{"two\nlines", "two lines"},
		{`back\slash`, `back\\slash`},
		{"<script>", "&lt;script&gt;"},
	} {
		if got := markdown.Cell(tc.in); got != tc.want {
			t.Errorf("Cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Large plans are drawn with one bar per requirement.
func TestLargePlanOneBarPerRequirement(t *testing.T) {
	p, err := bigplan.Plan(400)
	if err != nil {
		t.Fatal(err)
	}
	b, err := markdown.Marshal(context.Background(), p, markdown.Options{GanttTasks: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(b), ":b"); got > 41 {
		t.Errorf("%d bars for 40 requirements and the release", got)
	}
}

func TestInvalidPlanWritesNothing(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	p.ID = ""
	var buf bytes.Buffer
	if err := markdown.Write(context.Background(), &buf, p, markdown.Options{}); !errors.Is(err, view.ErrInvalidPlan) {
		t.Errorf("err = %v, want ErrInvalidPlan", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
}

// TestMermaidParse has Mermaid's own parser (npm package mermaid, pinned in
// testdata/tools/package-lock.json, run under Node with jsdom) parse the
// diagrams of the sample's page and of a generated plan's page, with
// titles that need escaping. It needs `npm ci --prefix
// plan/markdown/testdata/tools` and is required when
// ROLLOUT_REQUIRE_MERMAID=1 (CI).
func TestMermaidParse(t *testing.T) {
	tools, err := filepath.Abs(filepath.Join("testdata", "tools"))
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(tools, "node_modules", "mermaid"))
	if err != nil || modErr != nil {
		if os.Getenv("ROLLOUT_REQUIRE_MERMAID") == "1" {
			t.Fatalf("ROLLOUT_REQUIRE_MERMAID=1 but node or %s/node_modules is missing (npm ci --prefix %s)", tools, tools)
		}
		t.Skip("node or the mermaid package is not installed (npm ci --prefix plan/markdown/testdata/tools)")
	}
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	big, err := bigplan.Plan(500)
	if err != nil {
		t.Fatal(err)
	}
	hostile, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	hostile.Release.Product = "Ledger: #1; 100% %%{init}%% <b>"
	hostile.Deployment.Waves[0].Name = "Pilot: #1; 100% %%{init}%% <b>"
	dir := t.TempDir()
	var files []string
	for name, pl := range map[string]*plan.Plan{"sample": p, "big": big, "hostile": hostile, "compact": p} {
		opts := markdown.Options{GanttTasks: 1000}
		if name == "compact" {
			opts.GanttTasks = 10 // one bar per requirement and per wave
		}
		b, err := markdown.Marshal(context.Background(), pl, opts)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+".md")
		if err := os.WriteFile(file, b, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	out, err := exec.Command(node, append([]string{filepath.Join(tools, "check-mermaid.mjs")}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("Mermaid rejected a diagram: %v\n%s", err, out)
	}
	if got := strings.Count(string(out), "ok gantt"); got != len(files) {
		t.Errorf("%d gantt diagrams parsed, want %d:\n%s", got, len(files), out)
	}
}
