package rollout_test

import (
	"os/exec"
	"strings"
	"testing"
)

// generators are the module's packages that run only at development time
// (go generate) and may import third-party code.
var generators = map[string]bool{
	"github.com/rolloutkit/rollout/plan/internal/schemagen": true,
}

// testHelpers are the packages meant for users' tests, which may use
// go-cmp (and only it), as the standard library's testing does not compare
// values.
var testHelpers = map[string]bool{
	"github.com/rolloutkit/rollout/plan/plantest": true,
}

// TestNoThirdPartyDependencies pins the module's promise to its importers:
// every package of the library (tests and generators aside) builds from the
// standard library and the module's own packages only.
func TestNoThirdPartyDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	out, err := exec.Command("go", "list", "./...").Output()
	if err != nil {
		t.Fatalf("go list ./...: %v", err)
	}
	var lib []string
	for _, pkg := range strings.Fields(string(out)) {
		if !generators[pkg] && !testHelpers[pkg] {
			lib = append(lib, pkg)
		}
	}
	check := func(allowed func(dep string) bool, pkgs ...string) {
		t.Helper()
		args := append([]string{"list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}"}, pkgs...)
		out, err := exec.Command("go", args...).Output()
		if err != nil {
			t.Fatalf("go list -deps: %v", err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !own(dep) && !allowed(dep) {
				t.Errorf("%v depends on %s", pkgs, dep)
			}
		}
	}
	check(func(string) bool { return false }, lib...)
	for pkg := range testHelpers {
		check(func(dep string) bool { return strings.HasPrefix(dep, "github.com/google/go-cmp/") }, pkg)
	}
}

func own(pkg string) bool {
	return pkg == "github.com/rolloutkit/rollout" || strings.HasPrefix(pkg, "github.com/rolloutkit/rollout/")
}
