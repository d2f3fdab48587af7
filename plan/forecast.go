package plan

import (
	"context"
	"fmt"

	"github.com/rolloutkit/rollout/schedule/forecast"
)

// ForecastOptions tune Plan.Forecast.
type ForecastOptions struct {
	// Distribution spreads the three-point estimates; the zero value is
	// the forecast package's default.
	Distribution forecast.Distribution
	// Options are the run's iterations, seed, workers and progress.
	forecast.Options
}

// ForecastInput adapts the plan to the Monte Carlo forecast: every task in
// the schedule network (see Network) with a three-point estimate gets it,
// other tasks keep their fixed duration; every open threat of the risk log
// with a schedule impact and linked tasks that are in the network becomes
// a risk event with the risk's probability and its impact as a fixed
// delay on each linked task. Activity and risk IDs are the plan's own.
func (p *Plan) ForecastInput(dist forecast.Distribution) forecast.Input {
	reqs, tasks := p.backlogItems()
	net := p.network(reqs, tasks)
	inNet := make(map[string]bool, len(net.Activities))
	for _, a := range net.Activities {
		inNet[a.ID] = true
	}
	in := forecast.Input{Distribution: dist}
	for _, t := range tasks {
		if !inNet[t.ID] || t.Milestone || !t.Estimate.IsThreePoint() {
			continue
		}
		o, m, pe := t.Estimate.Range()
		in.Estimates = append(in.Estimates, forecast.Estimate{Activity: t.ID, ThreePoint: forecast.ThreePoint{Optimistic: o, MostLikely: m, Pessimistic: pe}})
	}
	if p.Risks == nil {
		return in
	}
	for _, r := range p.Risks.Risks() {
		if !r.IsOpen() || r.ScheduleImpactWorkdays <= 0 || r.Kind != riskThreat {
			continue
		}
		var acts []string
		for _, id := range r.TaskIDs {
			if inNet[id] {
				acts = append(acts, id)
			}
		}
		if len(acts) == 0 {
			continue
		}
		in.Risks = append(in.Risks, forecast.Risk{
			ID:          r.ID,
			Probability: r.Probability.Fraction(),
			Delay:       forecast.Fixed(float64(r.ScheduleImpactWorkdays)),
			Activities:  acts,
		})
	}
	return in
}

// Forecast runs the Monte Carlo forecast of the plan: the probability of
// being ready by the release date, the P50, P80 and P95 dates, the
// criticality of every task and the tasks and risks that drive the finish
// (see package forecast). Results carry the plan's task and risk IDs. The
// same seed gives the same result whatever the number of workers.
func (p *Plan) Forecast(ctx context.Context, opts ForecastOptions) (*forecast.Result, error) {
	if p == nil {
		return nil, fmt.Errorf("plan: forecasting: %w", ErrNilPlan)
	}
	reqs, tasks := p.backlogItems()
	net := p.network(reqs, tasks)
	return forecast.Run(ctx, net, p.ForecastInput(opts.Distribution), opts.Options)
}
