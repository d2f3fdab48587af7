package htmlreport_test

import (
	"context"
	"fmt"
	"regexp"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/htmlreport"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// The charts of the sample plan's page.
func ExampleMarshal() {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	b, err := htmlreport.Marshal(context.Background(), p, htmlreport.Options{
		AsOf:            calendar.MustParse("2027-03-01"),
		ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: 200, Seed: 1}},
	})
	if err != nil {
		panic(err)
	}
	for _, m := range regexp.MustCompile(`<svg id="([a-z-]+)"`).FindAllSubmatch(b, -1) {
		fmt.Println(string(m[1]))
	}
	// Output:
	// gantt
	// forecast-histogram
	// forecast-scurve
	// load-heatmap
	// risk-matrix
	// budget-chart
}
