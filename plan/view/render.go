package view

import (
	"context"
	"fmt"
	"io"

	"github.com/rolloutkit/rollout/plan"
)

// Use returns the view a renderer draws: v when it is set (a view of p a
// caller built once for several renderers), otherwise a new view of p
// (New with the zero Options: the plan must validate), and checks that it
// can be drawn (Require: every task is scheduled). Its errors are prefixed
// with the renderer's name ("ical: ...") and wrap ErrInvalidPlan or
// ErrNotScheduled. It is the first step of every renderer's Marshal.
func Use(name string, p *plan.Plan, v *View) (*View, error) {
	if v == nil {
		var err error
		if v, err = New(p, Options{}); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := v.Require(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return v, nil
}

// Write is the Write of every renderer: it renders the whole document
// with marshal (the renderer's Marshal) in memory and writes it to w with
// one call, so that nothing is written when rendering fails.
func Write[O any](ctx context.Context, w io.Writer, p *plan.Plan, opts O, marshal func(context.Context, *plan.Plan, O) ([]byte, error)) error {
	b, err := marshal(ctx, p, opts)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
