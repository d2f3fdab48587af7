package mspdi_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/mspdi"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/view"
)

// The parts of an MSPDI document the tests read back.
type document struct {
	Name     string `xml:"Name"`
	Calendar []struct {
		UID        int    `xml:"UID"`
		Name       string `xml:"Name"`
		Exceptions []struct {
			Name string `xml:"Name"`
		} `xml:"Exceptions>Exception"`
	} `xml:"Calendars>Calendar"`
	Tasks []struct {
		UID          int    `xml:"UID"`
		Name         string `xml:"Name"`
		OutlineLevel int    `xml:"OutlineLevel"`
		Summary      int    `xml:"Summary"`
		Milestone    int    `xml:"Milestone"`
		Start        string `xml:"Start"`
		Duration     string `xml:"Duration"`
		Links        []struct {
			Pred int `xml:"PredecessorUID"`
			Type int `xml:"Type"`
			Lag  int `xml:"LinkLag"`
		} `xml:"PredecessorLink"`
		Baseline []struct {
			Start string `xml:"Start"`
		} `xml:"Baseline"`
	} `xml:"Tasks>Task"`
	Resources []struct {
		UID  int    `xml:"UID"`
		Name string `xml:"Name"`
	} `xml:"Resources>Resource"`
	Assignments []struct {
		TaskUID, ResourceUID int
	} `xml:"Assignments>Assignment"`
}

func export(t *testing.T, p *plan.Plan) ([]byte, document) {
	t.Helper()
	var buf bytes.Buffer
	if err := mspdi.Write(context.Background(), &buf, p, mspdi.Options{}); err != nil {
		t.Fatal(err)
	}
	var doc document
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc
}

func TestSample(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	_, doc := export(t, p)
	v, err := view.New(p, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	summaries, waves, tasks, links, baselined := 0, 0, 0, 0, 0
	level := 0
	for _, tk := range doc.Tasks {
		if tk.OutlineLevel < 1 || tk.OutlineLevel > level+1 {
			t.Errorf("task %s at level %d after level %d", tk.Name, tk.OutlineLevel, level)
		}
		level = tk.OutlineLevel
		if tk.Summary == 1 {
			switch {
			case tk.OutlineLevel == 1:
				summaries++
			case tk.OutlineLevel == 2 && strings.HasPrefix(tk.Name, "W"):
				waves++ // a deployment wave within its requirement
			default:
				t.Errorf("summary %s at level %d", tk.Name, tk.OutlineLevel)
			}
			continue
		}
		if strings.HasPrefix(tk.Name, "W") && strings.Contains(tk.Name, "/") && tk.OutlineLevel != 3 {
			t.Errorf("wave task %s at level %d, want 3 (under its wave)", tk.Name, tk.OutlineLevel)
		}
		tasks++
		links += len(tk.Links)
		baselined += len(tk.Baseline)
	}
	if summaries != len(v.Requirements) || tasks != len(v.Tasks) || links != len(v.Links) {
		t.Errorf("%d summaries, %d tasks, %d links; want %d, %d, %d", summaries, tasks, links, len(v.Requirements), len(v.Tasks), len(v.Links))
	}
	if baselined == 0 {
		t.Error("no baseline written")
	}
	if want := len(v.Rollout().Waves); waves != want {
		t.Errorf("%d wave summaries, want %d", waves, want)
	}
	if len(doc.Resources) != len(p.Resources.Resources) {
		t.Errorf("%d resources, want %d", len(doc.Resources), len(p.Resources.Resources))
	}
	if len(doc.Calendar) < 1+len(p.Resources.Resources) || len(doc.Calendar[0].Exceptions) == 0 {
		t.Errorf("calendars: %+v", doc.Calendar[:1])
	}
}

// Every link type and lag, leads included, is written as MSPDI codes.
func TestLinks(t *testing.T) {
	p, err := bigplan.Plan(20)
	if err != nil {
		t.Fatal(err)
	}
	_, doc := export(t, p)
	name := map[int]string{}
	for _, tk := range doc.Tasks {
		name[tk.UID] = strings.SplitN(tk.Name, ":", 2)[0]
	}
	var got []string
	for _, tk := range doc.Tasks {
		if !strings.HasPrefix(tk.Name, "REQ-1/") {
			continue
		}
		for _, l := range tk.Links {
			got = append(got, fmt.Sprintf("%s<-%s type %d lag %d", name[tk.UID], name[l.Pred], l.Type, l.Lag))
		}
	}
	want := []string{
		"REQ-1/T0<-REQ-0/T8 type 3 lag 0",
		"REQ-1/T1<-REQ-1/T0 type 1 lag 0",
		"REQ-1/T2<-REQ-1/T1 type 1 lag 0",
		"REQ-1/T3<-REQ-1/T2 type 3 lag 4800",
		"REQ-1/T4<-REQ-1/T3 type 1 lag 0",
		"REQ-1/T5<-REQ-1/T4 type 0 lag 9600",
		"REQ-1/T6<-REQ-1/T5 type 1 lag 0",
		"REQ-1/T6<-REQ-1/T4 type 2 lag 9600",
		"REQ-1/T7<-REQ-1/T6 type 1 lag -4800",
		"REQ-1/T8<-REQ-1/T7 type 1 lag 0",
		"REQ-1/T9<-REQ-1/T8 type 1 lag 0",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	if len(doc.Assignments) == 0 {
		t.Error("no assignments")
	}
}

func TestInvalidPlanWritesNothing(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	p.SchemaVersion = 0
	var buf bytes.Buffer
	if err := mspdi.Write(context.Background(), &buf, p, mspdi.Options{}); !errors.Is(err, view.ErrInvalidPlan) {
		t.Errorf("err = %v, want ErrInvalidPlan", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
	p.SchemaVersion = plan.SchemaVersion
	if err := mspdi.Write(context.Background(), &buf, p, mspdi.Options{Baseline: "nope"}); !errors.Is(err, plan.ErrNoBaseline) {
		t.Errorf("unknown baseline: %v", err)
	}
}

// tool finds a verifier; it is required when ROLLOUT_REQUIRE_MSPDI=1 (CI).
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("ROLLOUT_REQUIRE_MSPDI") == "1" {
			t.Fatalf("ROLLOUT_REQUIRE_MSPDI=1 but %s is missing (apt-get install %s)", name, pkg)
		}
		t.Skipf("%s not installed (apt-get install %s)", name, pkg)
	}
	return path
}

// TestSchema validates the sample's and a generated plan's export against
// Microsoft's MSPDI schema (testdata/mspdi_pj12.xsd, see testdata/README.md)
// with xmllint. The schema's target namespace is
// http://schemas.microsoft.com/project/2007 while Project writes and reads
// http://schemas.microsoft.com/project, so the copy validated carries the
// schema's namespace.
func TestSchema(t *testing.T) {
	xmllint := tool(t, "xmllint", "libxml2-utils")
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	big, err := bigplan.Plan(300)
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*plan.Plan{"sample": p, "generated": big} {
		out, _ := export(t, p)
		out = bytes.Replace(out, []byte(`xmlns="`+mspdi.Namespace+`"`), []byte(`xmlns="http://schemas.microsoft.com/project/2007"`), 1)
		file := filepath.Join(t.TempDir(), name+".xml")
		if err := os.WriteFile(file, out, 0o600); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "mspdi_pj12.xsd"), file).CombinedOutput(); err != nil {
			t.Errorf("%s: xmllint: %v\n%s", name, err, b)
		}
	}
}

// planner is the part of a GNOME Planner file the test reads.
type planner struct {
	Tasks []plannerTask `xml:"tasks>task"`
}

type plannerTask struct {
	Name  string        `xml:"name,attr"`
	Type  string        `xml:"type,attr"`
	Preds []plannerPred `xml:"predecessors>predecessor"`
	Tasks []plannerTask `xml:"task"`
}

type plannerPred struct {
	ID   string `xml:"predecessor-id,attr"`
	Type string `xml:"type,attr"`
}

// TestPlannerImport converts the sample's export with GNOME Planner's
// import stylesheet (Debian planner-data's msp2planner.xsl) and checks
// that every task, every outline level and every link survives.
func TestPlannerImport(t *testing.T) {
	xsltproc := tool(t, "xsltproc", "xsltproc")
	const xsl = "/usr/share/planner/stylesheets/msp2planner.xsl"
	if _, err := os.Stat(xsl); err != nil {
		if os.Getenv("ROLLOUT_REQUIRE_MSPDI") == "1" {
			t.Fatalf("ROLLOUT_REQUIRE_MSPDI=1 but %s is missing (apt-get install planner-data)", xsl)
		}
		t.Skip("planner-data not installed")
	}
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	out, doc := export(t, p)
	file := filepath.Join(t.TempDir(), "plan.xml")
	if err := os.WriteFile(file, out, 0o600); err != nil {
		t.Fatal(err)
	}
	converted, err := exec.Command(xsltproc, xsl, file).Output()
	if err != nil {
		t.Fatalf("xsltproc: %v", err)
	}
	var got planner
	if err := xml.Unmarshal(converted, &got); err != nil {
		t.Fatal(err)
	}
	// Flatten the converted tree into "parent > task" and link lines.
	var have []string
	var walk func(parent string, ts []plannerTask)
	walk = func(parent string, ts []plannerTask) {
		for _, tk := range ts {
			have = append(have, parent+" > "+tk.Name)
			for _, pr := range tk.Preds {
				have = append(have, fmt.Sprintf("%s %s-link from #%s", tk.Name, pr.Type, pr.ID))
			}
			walk(tk.Name, tk.Tasks)
		}
	}
	walk("", got.Tasks)
	// The same lines from the export itself.
	idOf := map[int]int{}
	for i, tk := range doc.Tasks {
		idOf[tk.UID] = i + 1
	}
	types := map[int]string{0: "FF", 1: "FS", 2: "SF", 3: "SS"}
	var want []string
	parents := []string{""} // by outline level
	for _, tk := range doc.Tasks {
		parents = append(parents[:tk.OutlineLevel], tk.Name)
		want = append(want, parents[tk.OutlineLevel-1]+" > "+tk.Name)
		for _, l := range tk.Links {
			want = append(want, fmt.Sprintf("%s %s-link from #%d", tk.Name, types[l.Type], idOf[l.Pred]))
		}
	}
	sort.Strings(have)
	sort.Strings(want)
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("Planner's import lost or changed tasks or links (-export +converted):\n%s", diff)
	}
}
