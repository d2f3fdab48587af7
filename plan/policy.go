package plan

import (
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// Policy holds the thresholds and choices with which the rules check a
// plan. A company sets its own; DefaultPolicy gives sensible defaults.
type Policy struct {
	// AsOf is the day the plan is judged on: review dates must lie after
	// it and issues past their target date on it are overdue. The library
	// never reads the clock; when AsOf is zero the date-relative rules
	// judge as of the plan's kickoff, or else the day of the notification.
	AsOf calendar.Date
	// ExposureThreshold: every open threat whose exposure (probability
	// in percent times impact 1 to 5) reaches it needs an owner, a
	// mitigation plan, a contingency plan with its trigger, and a review
	// date after AsOf.
	ExposureThreshold risk.Exposure
	// MandatoryCategories are requirement categories a plan must gather
	// or waive in addition to those the catalogue marks as expected for a
	// standard launch (to expect fewer, give a Catalogue that expects
	// fewer). Categories lists the result.
	MandatoryCategories []backlog.Category
	// Catalogue is the requirement category catalogue; nil means
	// backlog.DefaultCatalogue().
	Catalogue *backlog.Catalogue
	// RequireTrackerEntry: every task must carry its work-tracker
	// reference (sub-activity 2 enters the backlog into the tracker).
	RequireTrackerEntry bool
	// RequireDemands: every task that is not a milestone must state the
	// resources it needs.
	RequireDemands bool
	// LevelResources makes the exit gate level the plan (Plan.Level:
	// every task within the capacity of the named resources its demands
	// use) and report each date the levelled schedule misses: the release
	// date and every task's finish-no-later-than date (code
	// plan.level.date, see Plan.LevelFindings). Off by default: levelling
	// is a search that costs far more than the critical path (about 0.8 s
	// of CPU for 10,000 tasks and 100 resources), and the allocation rule
	// already reports every over-allocated day without it.
	LevelResources bool
	// LaunchMilestones are the IDs of the milestone tasks that stand for
	// the launch; issues blocking them block the launch.
	LaunchMilestones []string
	// MinOnTime, when above zero, makes the exit gate run the Monte Carlo
	// forecast of the plan (Plan.Forecast with ForecastIterations runs and
	// a fixed seed, so the answer is repeatable) and fail when the
	// probability of being on time for every deadline (forecast.Result.
	// OnTime: the release date and every release task's own
	// finish-no-later-than date) is below it, such as 0.8. The finding
	// (code plan.schedule.on-time) shows the deterministic answer next to
	// P(on time) and P80; it is informational when the threshold is met.
	MinOnTime float64
	// ForecastIterations is the number of runs of that forecast; zero
	// means 2,000.
	ForecastIterations int
	// GoNoGoWindow is how close to the launch the go/no-go review must
	// be held, in workdays of the plan's calendar: the latest review must
	// be held before the release date and at most this many workdays
	// before it (plan.readiness.go-no-go). Zero means 10.
	GoNoGoWindow int
	// Severity overrides the severity of the findings of the named rules,
	// so that a company can make a blocking rule advisory, or the reverse.
	Severity map[validation.Code]validation.Severity
}

// DefaultPolicy returns the default policy: exposure threshold 100 (such
// as 25% with impact 4, or 50% with impact 2), the catalogue's expected
// categories, tracker entries and demands required.
func DefaultPolicy() Policy {
	return Policy{
		ExposureThreshold:   100,
		RequireTrackerEntry: true,
		RequireDemands:      true,
	}
}

// asOf returns the day date-relative rules judge the plan on.
func (c *Context) asOf() calendar.Date {
	switch {
	case !c.Policy.AsOf.IsZero():
		return c.Policy.AsOf
	case !c.Plan.Kickoff.IsZero():
		return c.Plan.Kickoff
	}
	return calendar.FromTime(c.Plan.Notification.At)
}

// Categories returns the requirement categories a plan must gather or
// waive under p: those the catalogue (p.Catalogue, or
// backlog.DefaultCatalogue) expects, in catalogue order, then those of
// MandatoryCategories not among them, in their order.
func (p Policy) Categories() []backlog.Category {
	cat := p.Catalogue
	if cat == nil {
		cat = backlog.DefaultCatalogue()
	}
	var out []backlog.Category
	for _, info := range cat.Expected() {
		out = append(out, info.Category)
	}
	for _, c := range p.MandatoryCategories {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
