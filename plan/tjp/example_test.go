package tjp_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/tjp"
)

// The sample's first requirement as TaskJuggler reads it, and the links
// written as equivalents.
func ExampleMarshal() {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	e, err := tjp.Marshal(context.Background(), p, tjp.Options{})
	if err != nil {
		panic(err)
	}
	text := string(e.TJP)
	start := strings.Index(text, "task REQ_1 ")
	for _, l := range strings.Split(text[start:], "\n")[:10] {
		fmt.Println(l)
	}
	fmt.Println(len(e.Warnings) > 0, e.IDs["REQ-1/book-rooms"])
	// Output:
	// task REQ_1 "REQ-1: Train sales on Ledger 4.0 positioning, pricing and licensing" {
	//   task prepare_material_from "REQ-1/prepare-material no earlier than 2027-02-16" {
	//     milestone
	//     start 2027-02-16
	//   }
	//   task prepare_material "REQ-1/prepare-material: Prepare sales training material: Train sales on Ledger 4.0 positioning, pricing and licensing" {
	//     length 5d
	//     depends REQ_1.prepare_material_from
	//     allocate tom_becker
	//   }
	// true REQ_1.book_rooms
}
