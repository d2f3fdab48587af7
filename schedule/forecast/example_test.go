package forecast_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// launch is a small launch plan: training and marketing run in parallel
// after the release build, deployment needs trained operators.
func launch() schedule.Network {
	return schedule.Network{
		Start:    calendar.MustParse("2027-03-01"),
		Deadline: calendar.MustParse("2027-04-09"),
		Activities: []schedule.Activity{
			{ID: "build", Duration: 5},
			{ID: "train-ops", Duration: 10},
			{ID: "collateral", Duration: 12},
			{ID: "deploy", Duration: 8},
			{ID: "launch", Duration: 0},
		},
		Dependencies: []schedule.Dependency{
			{From: "build", To: "train-ops"},
			{From: "build", To: "collateral"},
			{From: "train-ops", To: "deploy"},
			{From: "deploy", To: "launch"},
			{From: "collateral", To: "launch"},
		},
	}
}

// A forecast of the launch plan with three-point estimates (PERT) and one
// risk from the risk log (30 percent: probability 0.3).
func Example() {
	in := forecast.Input{
		Distribution: forecast.PERT,
		Estimates: []forecast.Estimate{
			{Activity: "build", ThreePoint: forecast.ThreePoint{Optimistic: 4, MostLikely: 5, Pessimistic: 9}},
			{Activity: "train-ops", ThreePoint: forecast.ThreePoint{Optimistic: 8, MostLikely: 10, Pessimistic: 15}},
			{Activity: "collateral", ThreePoint: forecast.ThreePoint{Optimistic: 9, MostLikely: 12, Pessimistic: 20}},
			{Activity: "deploy", ThreePoint: forecast.ThreePoint{Optimistic: 6, MostLikely: 8, Pessimistic: 12}},
		},
		Risks: []forecast.Risk{
			{ID: "vendor-late", Probability: 0.3, Delay: forecast.ThreePoint{Optimistic: 2, MostLikely: 4, Pessimistic: 8}, Activities: []string{"deploy"}},
		},
	}
	r, err := forecast.Run(context.Background(), launch(), in, forecast.Options{Iterations: 20_000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("critical path finish:", r.Deterministic)
	fmt.Println("deadline:", r.Deadline)
	fmt.Printf("P(on time) = %.2f\n", r.OnTime)
	fmt.Println("P50", r.P50, "P80", r.P80, "P95", r.P95)
	for _, a := range r.Activities {
		fmt.Printf("%-10s criticality %.2f\n", a.ID, a.Criticality)
	}
	for _, d := range r.Tornado(3) {
		fmt.Printf("%-8s %-11s moves the finish %.1f workdays\n", d.Kind, d.ID, d.Swing())
	}
	// Output:
	// critical path finish: 2027-03-31
	// deadline: 2027-04-09
	// P(on time) = 0.84
	// P50 2027-04-06 P80 2027-04-09 P95 2027-04-14
	// build      criticality 1.00
	// train-ops  criticality 1.00
	// collateral criticality 0.01
	// deploy     criticality 1.00
	// launch     criticality 1.00
	// risk     vendor-late moves the finish 4.9 workdays
	// activity train-ops   moves the finish 4.4 workdays
	// activity deploy      moves the finish 3.9 workdays
}

// Percentile answers "by which date are we 90 percent sure?", Probability
// the converse.
func ExampleResult_Percentile() {
	in := forecast.Input{Estimates: []forecast.Estimate{
		{Activity: "collateral", ThreePoint: forecast.ThreePoint{Optimistic: 9, MostLikely: 12, Pessimistic: 30}},
	}}
	r, err := forecast.Run(context.Background(), launch(), in, forecast.Options{Iterations: 10_000, Seed: 7})
	if err != nil {
		fmt.Println(err)
		return
	}
	p90 := r.Percentile(0.9)
	fmt.Println("P90:", p90)
	fmt.Printf("P(finish by %s) = %.3f\n", p90, r.Probability(p90))
	// Output:
	// P90: 2027-04-08
	// P(finish by 2027-04-08) = 0.905
}

// The mean of a three-point estimate under each distribution, before
// rounding up to whole workdays.
func ExampleThreePoint_Mean() {
	t := forecast.ThreePoint{Optimistic: 2, MostLikely: 4, Pessimistic: 12}
	for _, d := range forecast.Distributions() {
		fmt.Printf("%-10s mean %.2f, P(<= 6) %.3f\n", d, t.Mean(d), t.CDF(d, 6))
	}
	// Output:
	// triangular mean 6.00, P(<= 6) 0.550
	// pert       mean 5.00, P(<= 6) 0.728
	// uniform    mean 7.00, P(<= 6) 0.400
}

// A model is compiled once and run as often as needed: here with fewer and
// with more iterations, to see that the P80 date has settled.
func ExampleNewModel() {
	in := forecast.Input{
		Distribution: forecast.Triangular,
		Estimates: []forecast.Estimate{
			{Activity: "train-ops", ThreePoint: forecast.ThreePoint{Optimistic: 8, MostLikely: 10, Pessimistic: 18}},
			{Activity: "deploy", ThreePoint: forecast.ThreePoint{Optimistic: 6, MostLikely: 8, Pessimistic: 14}},
		},
	}
	m, err := forecast.NewModel(launch(), in)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range []int{1_000, 50_000} {
		r, err := m.Run(context.Background(), forecast.Options{Iterations: n, Seed: 3})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d iterations: P80 %s, on time %.2f\n", n, r.P80, r.OnTime)
	}
	// Output:
	// 1000 iterations: P80 2027-04-09, on time 0.86
	// 50000 iterations: P80 2027-04-09, on time 0.86
}

func ExampleInput_json() {
	var in forecast.Input
	err := json.Unmarshal([]byte(`{
		"distribution": "pert",
		"estimates": [{"activity": "deploy", "optimistic": 6, "mostLikely": 8, "pessimistic": 14}],
		"risks": [{"id": "R-12", "probability": 0.25, "delay": {"optimistic": 3, "mostLikely": 3, "pessimistic": 3}, "activities": ["deploy"]}]
	}`), &in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Distribution, in.Estimates[0].Activity, in.Estimates[0].Pessimistic, in.Risks[0].Delay == forecast.Fixed(3))
	fmt.Println(in.Validate(nil))
	// Output:
	// pert deploy 14 true
	// <nil>
}
