package forecast

import (
	"math"

	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
)

// Problem codes reported for an Input or Options. Codes are stable.
const (
	CodeDistribution       validation.Code = "forecast.distribution"
	CodeEstimateActivity   validation.Code = "forecast.estimate.activity.required"
	CodeEstimateUnknown    validation.Code = "forecast.estimate.activity.unknown"
	CodeEstimateDuplicate  validation.Code = "forecast.estimate.activity.duplicate"
	CodeEstimateRange      validation.Code = "forecast.estimate.range"
	CodeEstimateOrder      validation.Code = "forecast.estimate.order"
	CodeRiskID             validation.Code = "forecast.risk.id.required"
	CodeRiskDuplicate      validation.Code = "forecast.risk.id.duplicate"
	CodeRiskProbability    validation.Code = "forecast.risk.probability.range"
	CodeRiskDelayRange     validation.Code = "forecast.risk.delay.range"
	CodeRiskDelayOrder     validation.Code = "forecast.risk.delay.order"
	CodeRiskActivities     validation.Code = "forecast.risk.activities.required"
	CodeRiskUnknown        validation.Code = "forecast.risk.activity.unknown"
	CodeRiskActivityRepeat validation.Code = "forecast.risk.activity.duplicate"
	CodeIterations         validation.Code = "forecast.options.iterations.range"
	CodeWorkers            validation.Code = "forecast.options.workers.range"
	CodeBucket             validation.Code = "forecast.options.bucket"
)

// Validate checks the options and returns every problem at once as a
// validation.List (nil when there is none).
func (o Options) Validate() error {
	var l validation.List
	root := validation.Path{}
	if o.Iterations < 0 || o.Iterations > MaxIterations {
		l.Add(validation.OutOfRange(root.Child("iterations"), CodeIterations, "iterations %d is outside 0 to %d", o.Iterations, MaxIterations))
	}
	if o.Workers < 0 {
		l.Add(validation.OutOfRange(root.Child("workers"), CodeWorkers, "workers %d is negative", o.Workers))
	}
	if !o.Bucket.Valid() {
		l.Add(validation.NotSupported(root.Child("bucket"), CodeBucket, o.Bucket.String(), bucketNames[:]))
	}
	return l.Err()
}

// Validate checks the input against the activity IDs of a network (has
// reports whether an ID exists; nil skips the references) and returns
// every problem at once as a validation.List (nil when there is none),
// with paths such as estimates[3].pessimistic or risks[1].activities[0].
// References to unknown activities wrap schedule.ErrUnknownActivity.
func (in *Input) Validate(has func(id string) bool) error {
	var l validation.List
	root := validation.Path{}
	if !in.Distribution.Valid() {
		l.Add(validation.NotSupported(root.Child("distribution"), CodeDistribution, in.Distribution.String(), distNames[:]))
	}
	seen := make(map[string]int, len(in.Estimates))
	for i := range in.Estimates {
		e := &in.Estimates[i]
		p := func() validation.Path { return root.Child("estimates").Index(i) }
		switch {
		case e.Activity == "":
			l.Add(validation.Required(p().Child("activity"), CodeEstimateActivity, "activity ID"))
		case has != nil && !has(e.Activity):
			l.Add(validation.New(schedule.ErrUnknownActivity, p().Child("activity"), CodeEstimateUnknown, "activity %s does not exist", quote(e.Activity)))
		default:
			if j, dup := seen[e.Activity]; dup {
				l.Add(validation.New(validation.ErrDuplicate, p().Child("activity"), CodeEstimateDuplicate, "activity %s already has an estimate (estimates[%d])", quote(e.Activity), j))
			} else {
				seen[e.Activity] = i
			}
		}
		checkThreePoint(&l, e.ThreePoint, p, CodeEstimateRange, CodeEstimateOrder)
	}
	ids := make(map[string]struct{}, len(in.Risks))
	for i := range in.Risks {
		r := &in.Risks[i]
		p := func() validation.Path { return root.Child("risks").Index(i) }
		if r.ID == "" {
			l.Add(validation.Required(p().Child("id"), CodeRiskID, "risk ID"))
		} else if _, dup := ids[r.ID]; dup {
			l.Add(validation.Duplicate(p().Child("id"), CodeRiskDuplicate, r.ID))
		} else {
			ids[r.ID] = struct{}{}
		}
		if !(r.Probability >= 0 && r.Probability <= 1) {
			l.Add(validation.OutOfRange(p().Child("probability"), CodeRiskProbability, "probability %v is outside 0 to 1 (a fraction, not a percentage)", r.Probability))
		}
		checkThreePoint(&l, r.Delay, func() validation.Path { return p().Child("delay") }, CodeRiskDelayRange, CodeRiskDelayOrder)
		if len(r.Activities) == 0 {
			l.Add(validation.Required(p().Child("activities"), CodeRiskActivities, "at least one activity"))
		}
		for j, id := range r.Activities {
			ap := func() validation.Path { return p().Child("activities").Index(j) }
			if has != nil && !has(id) {
				l.Add(validation.New(schedule.ErrUnknownActivity, ap(), CodeRiskUnknown, "activity %s does not exist", quote(id)))
				continue
			}
			for _, prev := range r.Activities[:j] {
				if prev == id {
					l.Add(validation.New(validation.ErrDuplicate, ap(), CodeRiskActivityRepeat, "activity %s is listed twice", quote(id)))
					break
				}
			}
		}
	}
	return l.Err()
}

// checkThreePoint checks 0 <= a <= m <= b <= MaxWorkdays.
func checkThreePoint(l *validation.List, t ThreePoint, p func() validation.Path, rangeCode, orderCode validation.Code) {
	ok := true
	for _, f := range [...]struct {
		name string
		v    float64
	}{{"optimistic", t.Optimistic}, {"mostLikely", t.MostLikely}, {"pessimistic", t.Pessimistic}} {
		if !(f.v >= 0 && f.v <= MaxWorkdays) || math.IsInf(f.v, 0) {
			l.Add(validation.OutOfRange(p().Child(f.name), rangeCode, "%s %v is outside 0 to %d workdays", f.name, f.v, MaxWorkdays))
			ok = false
		}
	}
	if ok && !(t.Optimistic <= t.MostLikely && t.MostLikely <= t.Pessimistic) {
		l.Add(validation.Conflict(p(), orderCode, "want optimistic <= most likely <= pessimistic, have %v, %v, %v", t.Optimistic, t.MostLikely, t.Pessimistic))
	}
}
