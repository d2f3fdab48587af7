package view_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/view"
)

func TestUse(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	v, err := view.Use("test", p, nil)
	if err != nil || v.Plan != p {
		t.Fatalf("Use of a valid plan = %v, %v", v, err)
	}
	if again, err := view.Use("test", p, v); err != nil || again != v {
		t.Errorf("Use with a view built before = %p, %v; want the same view", again, err)
	}
	_, err = view.Use("test", plan.New("", plan.Release{}), nil)
	if !errors.Is(err, view.ErrInvalidPlan) || !strings.HasPrefix(err.Error(), "test: ") {
		t.Errorf("Use of an invalid plan = %v", err)
	}
	broken, err := view.New(plan.New("", plan.Release{}), view.Options{AllowInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	broken.ScheduleErr = errors.New("no calendar")
	if _, err := view.Use("test", nil, broken); !errors.Is(err, view.ErrNotScheduled) {
		t.Errorf("Use of an unscheduled view = %v", err)
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(b []byte) (int, error) {
	w.n++
	return 0, errors.New("disk full")
}

func TestWrite(t *testing.T) {
	type opts struct{ text string }
	marshal := func(_ context.Context, _ *plan.Plan, o opts) ([]byte, error) {
		if o.text == "" {
			return nil, errors.New("nothing to say")
		}
		return []byte(o.text), nil
	}
	var buf bytes.Buffer
	if err := view.Write(t.Context(), &buf, nil, opts{"hello"}, marshal); err != nil || buf.String() != "hello" {
		t.Errorf("Write = %v, wrote %q", err, buf.String())
	}
	fw := &failingWriter{}
	if err := view.Write(t.Context(), fw, nil, opts{}, marshal); err == nil || fw.n != 0 {
		t.Errorf("a failed render: %v, %d writes", err, fw.n)
	}
	if err := view.Write(t.Context(), fw, nil, opts{"x"}, marshal); err == nil || fw.n != 1 {
		t.Errorf("a failed write: %v, %d writes", err, fw.n)
	}
}
