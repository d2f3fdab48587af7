package mspdi_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/plan/mspdi"
	"github.com/rolloutkit/rollout/plan/sample"
)

// The head of the sample's export.
func ExampleMarshal() {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	b, err := mspdi.Marshal(context.Background(), p, mspdi.Options{})
	if err != nil {
		panic(err)
	}
	lines := strings.Split(string(b), "\n")
	for _, l := range lines[:8] {
		fmt.Println(l)
	}
	fmt.Println("links:", strings.Count(string(b), "<PredecessorLink>"))
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <Project xmlns="http://schemas.microsoft.com/project">
	//   <SaveVersion>12</SaveVersion>
	//   <Name>contoso-ledger-4.0.xml</Name>
	//   <Title>Contoso Ledger 4.0 rollout and deployment plan</Title>
	//   <Manager>Rita Alvarez</Manager>
	//   <Revision>1</Revision>
	//   <ScheduleFromStart>1</ScheduleFromStart>
	// links: 105
}
