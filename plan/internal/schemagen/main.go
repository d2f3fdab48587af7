// Command schemagen writes plan/schema.json, the JSON Schema (draft
// 2020-12) of a plan document, from the Go types of package plan and the
// packages it embeds, with their doc comments as descriptions. It runs at
// development time through go generate (see plan/schema.go):
//
//	go generate ./plan
//
// It is the only code in the module that imports
// github.com/invopop/jsonschema, so that programs importing the library
// compile no third-party package. The schema is committed and embedded in
// package plan (plan.JSONSchema); a test in this directory fails when the
// committed schema is stale.
//
// Usage:
//
//	schemagen [-o file]
//
// Without -o it writes the schema to standard output. It must run inside
// the module (it reads the doc comments from the module's source files).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "", "write the schema to `file` instead of standard output")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	b, err := generate(root)
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(b)
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
