package markdown_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/plan/markdown"
	"github.com/rolloutkit/rollout/plan/sample"
)

// The start of the sample plan's Gantt chart.
func ExampleMarshal() {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	b, err := markdown.Marshal(context.Background(), p, markdown.Options{})
	if err != nil {
		panic(err)
	}
	page := string(b)
	start := strings.Index(page, "```mermaid")
	for _, l := range strings.Split(page[start:], "\n")[:9] {
		fmt.Println(l)
	}
	// Output:
	// ```mermaid
	// gantt
	//     title Contoso Ledger 4.0 rollout
	//     dateFormat YYYY-MM-DD
	//     axisFormat %d %b
	//     excludes weekends, 2027-01-18, 2027-02-15, 2027-03-26, 2027-03-29, 2027-05-31, 2027-07-05
	//     section REQ-1 Train sales on Ledger 4.0 positioning, pricing and licensing
	//     Prepare sales training material :b1, 2027-03-18, 2027-03-25
	//     Book training rooms :b2, 2027-03-24, 2027-03-25
}
