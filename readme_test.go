package rollout_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestREADMEExample keeps the README's Go example compiled and run: the
// README's first Go block must be the body of Example in example_test.go
// (up to its Output comment), one tab of indentation removed. To update
// the README, edit Example and copy its body.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	const open = "\n```go\n"
	i := bytes.Index(readme, []byte(open))
	if i < 0 {
		t.Fatal("README.md has no ```go block")
	}
	block := readme[i+len(open):]
	j := bytes.Index(block, []byte("\n```\n"))
	if j < 0 {
		t.Fatal("README.md's ```go block is not closed")
	}
	got := string(block[:j+1])

	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "example_test.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var body *ast.BlockStmt
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "Example" {
			body = fn.Body
		}
	}
	if body == nil {
		t.Fatal("example_test.go has no func Example")
	}
	text := string(src[fset.Position(body.Lbrace).Offset+2 : fset.Position(body.Rbrace).Offset])
	if k := strings.Index(text, "\t// Output:"); k >= 0 {
		text = text[:k]
	}
	var want strings.Builder
	for line := range strings.Lines(text) {
		want.WriteString(strings.TrimPrefix(line, "\t"))
	}
	if got != want.String() {
		t.Errorf("README.md's Go block differs from the body of Example in example_test.go; copy it over.\nREADME:\n%s\nExample:\n%s", got, want.String())
	}
}
