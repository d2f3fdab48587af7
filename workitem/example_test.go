package workitem_test

import (
	"fmt"

	"github.com/rolloutkit/rollout/workitem"
)

func ExampleParse() {
	s, err := workitem.Parse("Active")
	fmt.Println(s, s.IsOpen(), err)
	_, err = workitem.Parse("Done")
	fmt.Println(err)
	// Output:
	// Active true <nil>
	// workitem: unknown state "Done" (want Proposed, Active, Resolved or Closed)
}
