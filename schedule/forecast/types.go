package forecast

import (
	"fmt"
	"math"
	"time"
)

// Limits on the input and the options.
const (
	// MaxIterations is the largest number of iterations of one run. It
	// keeps every exact integer sum of the run within its accumulators.
	MaxIterations = 1 << 24
	// DefaultIterations is the number of iterations when
	// Options.Iterations is 0.
	DefaultIterations = 10_000
	// MaxWorkdays is the largest optimistic, most likely or pessimistic
	// value of an estimate or a delay, in workdays (the engine's
	// schedule.MaxDuration).
	MaxWorkdays = 100_000
	// ProgressInterval is the shortest time between two calls of
	// Options.Progress (the last call, with done == total, may come
	// sooner).
	ProgressInterval = 100 * time.Millisecond
)

// Distribution is the shape of the probability distribution spread over a
// three-point estimate. The zero value is Triangular.
type Distribution uint8

// The distributions.
const (
	// Triangular: the density rises linearly from the optimistic value to
	// the most likely one and falls linearly to the pessimistic one. Mean
	// (a+m+b)/3. Text form "triangular".
	Triangular Distribution = iota
	// PERT is the PERT-beta distribution: a beta distribution on [a, b]
	// with shape parameters 1+4(m-a)/(b-a) and 1+4(b-m)/(b-a), mean
	// (a+4m+b)/6. It puts less weight on the tails than Triangular. Text
	// form "pert".
	PERT
	// Uniform: every value from the optimistic to the pessimistic one is
	// equally likely; the most likely value is ignored. Mean (a+b)/2.
	// Text form "uniform".
	Uniform
)

var distNames = [...]string{"triangular", "pert", "uniform"}

// Distributions returns the supported distributions in order.
func Distributions() []Distribution { return []Distribution{Triangular, PERT, Uniform} }

// Valid reports whether d is one of the supported distributions.
func (d Distribution) Valid() bool { return int(d) < len(distNames) }

// String returns the text form, such as "pert".
func (d Distribution) String() string {
	if d.Valid() {
		return distNames[d]
	}
	return fmt.Sprintf("Distribution(%d)", uint8(d))
}

// MarshalText writes the text form; it fails for an unknown distribution.
func (d Distribution) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, fmt.Errorf("forecast: unknown distribution %d", uint8(d))
	}
	return []byte(distNames[d]), nil
}

// UnmarshalText reads the text form. Unknown text is an error and leaves d
// unchanged.
func (d *Distribution) UnmarshalText(b []byte) error {
	for i, n := range distNames {
		if string(b) == n {
			*d = Distribution(i)
			return nil
		}
	}
	return fmt.Errorf("forecast: unknown distribution %s (want triangular, pert or uniform)", quote(string(b)))
}

// Bucket is the width of the bins of Result.Histogram. The zero value is
// BucketAuto.
type Bucket uint8

// The bucket widths.
const (
	// BucketAuto picks BucketWorkday when the finishes span at most 40
	// workdays, BucketWeek when they span at most 40 weeks and
	// BucketMonth otherwise. Text form "auto".
	BucketAuto Bucket = iota
	// BucketWorkday: one bin per workday. Text form "workday".
	BucketWorkday
	// BucketWeek: one bin per calendar week, Monday to Sunday. Text form
	// "week".
	BucketWeek
	// BucketMonth: one bin per calendar month. Text form "month".
	BucketMonth
)

var bucketNames = [...]string{"auto", "workday", "week", "month"}

// Valid reports whether b is one of the bucket widths.
func (b Bucket) Valid() bool { return int(b) < len(bucketNames) }

// String returns the text form, such as "week".
func (b Bucket) String() string {
	if b.Valid() {
		return bucketNames[b]
	}
	return fmt.Sprintf("Bucket(%d)", uint8(b))
}

// MarshalText writes the text form; it fails for an unknown width.
func (b Bucket) MarshalText() ([]byte, error) {
	if !b.Valid() {
		return nil, fmt.Errorf("forecast: unknown bucket %d", uint8(b))
	}
	return []byte(bucketNames[b]), nil
}

// UnmarshalText reads the text form. Unknown text is an error and leaves b
// unchanged.
func (b *Bucket) UnmarshalText(t []byte) error {
	for i, n := range bucketNames {
		if string(t) == n {
			*b = Bucket(i)
			return nil
		}
	}
	return fmt.Errorf("forecast: unknown bucket %s (want auto, workday, week or month)", quote(string(t)))
}

// ThreePoint is a three-point estimate in workdays: optimistic (a), most
// likely (m) and pessimistic (b), with 0 <= a <= m <= b <= MaxWorkdays.
// Fractional workdays are allowed; samples are rounded up to whole
// workdays (see the package documentation).
type ThreePoint struct {
	Optimistic  float64 `json:"optimistic" jsonschema:"minimum=0,maximum=100000"`
	MostLikely  float64 `json:"mostLikely" jsonschema:"minimum=0,maximum=100000"`
	Pessimistic float64 `json:"pessimistic" jsonschema:"minimum=0,maximum=100000"`
}

// Fixed returns the three-point estimate of a value known for certain.
func Fixed(workdays float64) ThreePoint { return ThreePoint{workdays, workdays, workdays} }

// Mean returns the mean of the continuous distribution d over t, before
// rounding up to whole workdays: (a+m+b)/3 for Triangular, (a+4m+b)/6 for
// PERT, (a+b)/2 for Uniform. It returns NaN for an unknown distribution.
func (t ThreePoint) Mean(d Distribution) float64 {
	a, m, b := t.Optimistic, t.MostLikely, t.Pessimistic
	switch d {
	case Triangular:
		return (a + m + b) / 3
	case PERT:
		return (a + 4*m + b) / 6
	case Uniform:
		return (a + b) / 2
	}
	return math.NaN()
}

// CDF returns the probability that a sample of the continuous distribution
// d over t is at most x (before rounding). Since samples are rounded up,
// it is also the probability that a rounded sample is at most x for every
// whole number x. It returns NaN for an unknown distribution or an
// estimate that is not ordered.
func (t ThreePoint) CDF(d Distribution, x float64) float64 {
	a, m, b := t.Optimistic, t.MostLikely, t.Pessimistic
	if !(a <= m && m <= b) || !d.Valid() || math.IsNaN(x) {
		return math.NaN()
	}
	switch {
	case x >= b:
		return 1
	case x <= a:
		return 0
	}
	switch d {
	case Triangular:
		if x <= m {
			return (x - a) * (x - a) / ((b - a) * (m - a))
		}
		return 1 - (b-x)*(b-x)/((b-a)*(b-m))
	case PERT:
		al, be := pertShape(a, m, b)
		return betaInc(al, be, (x-a)/(b-a))
	default:
		return (x - a) / (b - a)
	}
}

// pertShape returns the beta shape parameters of the PERT distribution.
func pertShape(a, m, b float64) (alpha, beta float64) {
	return 1 + 4*(m-a)/(b-a), 1 + 4*(b-m)/(b-a)
}

// Estimate is the three-point estimate of one activity's duration.
type Estimate struct {
	// Activity is the ID of an activity of the network.
	Activity string `json:"activity"`
	ThreePoint
}

// Risk is an event that may happen in an iteration and then delays
// activities.
type Risk struct {
	// ID identifies the risk; unique and not empty.
	ID string `json:"id"`
	// Probability is the chance that the risk occurs, a fraction from 0
	// to 1 (a risk log's 30 percent is 0.3).
	Probability float64 `json:"probability" jsonschema:"minimum=0,maximum=1"`
	// Delay is the delay, in workdays, added to the duration of each
	// activity in Activities when the risk occurs: Fixed(n) for a fixed
	// delay, or a range spread with the Input's distribution.
	Delay ThreePoint `json:"delay"`
	// Activities are the IDs of the activities the risk delays; at least
	// one.
	Activities []string `json:"activities"`
}

// Input is what a forecast varies: the estimates of the activities'
// durations and the risk events.
type Input struct {
	// Distribution is the shape spread over every three-point estimate
	// and every ranged delay.
	Distribution Distribution `json:"distribution,omitzero" jsonschema:"type=string,enum=triangular,enum=pert,enum=uniform"`
	// Estimates are the three-point estimates, at most one per activity.
	// An activity without one keeps its fixed duration.
	Estimates []Estimate `json:"estimates,omitempty"`
	// Risks are the risk events.
	Risks []Risk `json:"risks,omitempty"`
}

// Options control a run. The zero value runs DefaultIterations iterations
// with seed 0 on every core.
type Options struct {
	// Iterations is the number of simulated schedules, 1 to
	// MaxIterations; 0 means DefaultIterations.
	Iterations int
	// Seed selects the random numbers. The same seed, network and input
	// give the same Result, whatever Workers is.
	Seed uint64
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	// It is capped at the number of iterations and at four times
	// GOMAXPROCS (each worker holds buffers the size of the network).
	Workers int
	// Progress, when set, is called with the number of iterations done
	// and the total, from the goroutine that called Run, at most once per
	// ProgressInterval, and a last time with done == total when the run
	// completes.
	Progress func(done, total int)
	// Bucket is the width of the histogram bins.
	Bucket Bucket
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return fmt.Sprintf("%q", s)
}
