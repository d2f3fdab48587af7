package workitem_test

import (
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/lifecycle"
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

// A package keeps its own kind of work item in a Register: an empty struct
// type tells the register the item's ID, state and reason fields.
func ExampleRegister() {
	ch := lifecycle.Change{By: "ann", At: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)}
	var log notes // the zero Register is ready to use
	var events []workitem.Event
	ev, err := log.Create("add note", "N1", 0, "", ch)
	if err != nil {
		fmt.Println(err)
		return
	}
	log.Add(note{ID: "N1", State: ev.To, Reason: ev.Reason})
	events = append(events, ev)
	i, _ := log.Find("N1")
	if _, err := log.Move(i, workitem.Active, ch, &events); err != nil {
		fmt.Println(err)
	}
	_, err = log.Removable(i, events)
	fmt.Println(err)
	got, _ := log.Get("N1")
	fmt.Println(got.ID, got.State, got.Reason, len(events))
	// Output:
	// notes: remove N1: item cannot be removed (it is Active; close it instead)
	// N1 Active Accepted 2
}
