// Command boardsexport writes the sample plan's backlog, risks and issues
// as the CSV file that Azure Boards (CMMI process) imports, and prints a
// summary of the $batch requests that would create the same work items
// through the REST API.
//
//	go run ./examples/boardsexport > backlog.csv
package main

import (
	"fmt"
	"os"

	"github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/plan/sample"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "boardsexport:", err)
		os.Exit(1)
	}
}

func run() error {
	p, err := sample.Plan()
	if err != nil {
		return err
	}
	opts := azureboards.Options{
		Organization: "contoso",
		Project:      "ledger",
		AreaPath:     `ledger\Launch`,
		Existing:     azureboards.Update,
	}
	if err := azureboards.WriteCSV(os.Stdout, p, opts); err != nil {
		return err
	}
	exp, err := azureboards.Build(p, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d work items in %d $batch request(s) to %s\n", len(exp.Items()), exp.NumBatches(), exp.BatchURL())
	return nil
}
