package htmlreport_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/htmlreport"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// charts are the IDs of the page's charts and lines.
var charts = []string{"gantt", "release-line", "today-line", "forecast-histogram", "forecast-scurve", "load-heatmap", "risk-matrix", "budget-chart"}

func samplePage(t *testing.T) []byte {
	t.Helper()
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	b, err := htmlreport.Marshal(context.Background(), p, htmlreport.Options{
		AsOf:            calendar.MustParse("2027-03-01"),
		ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: 300, Seed: 7}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSample(t *testing.T) {
	page := string(samplePage(t))
	for _, id := range charts {
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("page lacks #%s", id)
		}
	}
	// Links people follow (evidence of readiness) are no fetch; nothing
	// else may name a URL.
	fetchless := regexp.MustCompile(`<a href="https?://[^"]*">`).ReplaceAllString(strings.ReplaceAll(page, `xmlns="http://www.w3.org/2000/svg"`, ""), "<a>")
	for _, bad := range []string{"<script", "http://", "https://", "src=", "<link", "@import", "url("} {
		if strings.Contains(fetchless, bad) {
			t.Errorf("page is not self-contained: it has %q", bad)
		}
	}
	for _, want := range []string{"@page { size: A4", "USD 140,000.00", "REQ-12/exhibit", "Launch of Contoso Ledger 4.0"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	if !bytes.Equal(samplePage(t), samplePage(t)) {
		t.Error("two renderings of the same plan differ")
	}
}

func TestInvalidPlanWritesNothing(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	p.ID = ""
	var buf bytes.Buffer
	if err := htmlreport.Write(context.Background(), &buf, p, htmlreport.Options{}); !errors.Is(err, view.ErrInvalidPlan) {
		t.Errorf("err = %v, want ErrInvalidPlan", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
}

// TestChromium renders the sample's page in a real browser, headless
// Chromium: the DOM it builds must hold every chart and no script, the
// console must show no error (a fetch the page's Content-Security-Policy
// blocks would), and a screenshot must not be blank. It runs when
// chromium is installed and is required when ROLLOUT_REQUIRE_CHROMIUM=1
// (CI).
func TestChromium(t *testing.T) {
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			browser = path
			break
		}
	}
	if browser == "" {
		if os.Getenv("ROLLOUT_REQUIRE_CHROMIUM") == "1" {
			t.Fatal("ROLLOUT_REQUIRE_CHROMIUM=1 but chromium is not installed (apt-get install chromium)")
		}
		t.Skip("chromium not installed")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "plan.html")
	if err := os.WriteFile(file, samplePage(t), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (stdout, stderr string) {
		t.Helper()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0", "--window-size=1240,1754"}
		cmd := exec.Command(browser, append(append(base, args...), "file://"+file)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
		}
		return out.String(), errb.String()
	}
	dom, logs := run("--dump-dom")
	for _, id := range append(charts, sections...) {
		if !strings.Contains(dom, `id="`+id+`"`) {
			t.Errorf("the browser's DOM lacks #%s", id)
		}
	}
	if strings.Contains(dom, "<script") {
		t.Error("the DOM holds a script")
	}
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Uncaught") || strings.Contains(l, "Content Security Policy") {
			t.Errorf("browser console: %s", l)
		}
	}
	shot := filepath.Join(dir, "shot.png")
	run("--screenshot=" + shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	ink, colours := inked(img)
	if ink < 0.03 || colours < 8 {
		t.Errorf("screenshot looks blank: %.1f%% of pixels not white, %d colours", 100*ink, colours)
	}
	if os.Getenv("ROLLOUT_KEEP_SCREENSHOT") != "" {
		_ = os.WriteFile(os.Getenv("ROLLOUT_KEEP_SCREENSHOT"), mustRead(t, shot), 0o600)
	}
}

// inked returns the share of pixels that are not white and the number of
// distinct colours (up to 1000).
func inked(img image.Image) (float64, int) {
	b := img.Bounds()
	seen := map[uint32]bool{}
	n, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				n++
			}
			if len(seen) < 1000 {
				seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			}
		}
	}
	return float64(n) / float64(max(total, 1)), len(seen)
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
