package workitem

import "testing"

func TestStateText(t *testing.T) {
	for _, s := range States() {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got State
		if err := got.UnmarshalText(b); err != nil || got != s {
			t.Errorf("round trip of %v gave %v, %v", s, got, err)
		}
	}
	var s State = Active
	if err := s.UnmarshalText([]byte("Done")); err == nil || s != Active {
		t.Errorf("UnmarshalText(Done) = %v, state %v; want error and Active kept", err, s)
	}
	if _, err := State(9).MarshalText(); err == nil {
		t.Error("MarshalText(9) succeeded")
	}
	if !Proposed.IsOpen() || !Active.IsOpen() || Resolved.IsOpen() || Closed.IsOpen() {
		t.Error("IsOpen wrong")
	}
}
