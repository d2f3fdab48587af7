package forecast

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/rolloutkit/rollout/calendar"
)

// Result is the summary of a run: the distribution of the finish date and
// what drives it. Workdays figures count the workdays from Start to the
// finish, both included (the project's length); dates are the finish's
// last workday. A Result holds no reference to the model and encodes to
// JSON.
type Result struct {
	// Iterations is the number of simulated schedules.
	Iterations int `json:"iterations"`
	// Seed is the seed of the random numbers.
	Seed uint64 `json:"seed"`
	// Distribution is the shape spread over the estimates.
	Distribution Distribution `json:"distribution"`
	// Start is the project start the schedules run from.
	Start calendar.Date `json:"start"`
	// Deadline is the release date rolled back to a workday, or the zero
	// Date when the network has none.
	Deadline calendar.Date `json:"deadline,omitzero"`
	// OnTime is the probability of being on time for every deadline: the
	// release work ready on or before the Deadline, and every release
	// activity finished by its own finish-no-later-than date (a training
	// due ten workdays before launch, say). It is 1 without release work,
	// and without a deadline or such dates.
	OnTime float64 `json:"onTime"`
	// ReadyByDeadline is the probability that the release work is ready
	// on or before the Deadline, whatever the activities' own dates (1
	// without a deadline or without release work). OnTime is never above
	// it.
	ReadyByDeadline float64 `json:"readyByDeadline"`
	// Deterministic is the finish of the critical-path schedule with the
	// network's own durations and no risk, for comparison.
	Deterministic calendar.Date `json:"deterministic"`
	// DeterministicWorkdays is its length in workdays.
	DeterministicWorkdays int `json:"deterministicWorkdays"`
	// P50, P80 and P95 are Percentile(0.5), Percentile(0.8) and
	// Percentile(0.95).
	P50 calendar.Date `json:"p50"`
	P80 calendar.Date `json:"p80"`
	P95 calendar.Date `json:"p95"`
	// Mean is the finish at the mean length rounded up to a whole
	// workday.
	Mean calendar.Date `json:"mean"`
	// MeanWorkdays and StdDevWorkdays are the mean and the (population)
	// standard deviation of the length.
	MeanWorkdays   float64 `json:"meanWorkdays"`
	StdDevWorkdays float64 `json:"stdDevWorkdays"`
	// SCurve is the cumulative distribution: one point per finish date
	// that occurred, in date order.
	SCurve []Point `json:"sCurve"`
	// Histogram counts the finishes in contiguous bins of the chosen
	// width, empty bins included.
	Histogram []Bin `json:"histogram"`
	// Activities are the figures of every activity, in the order of
	// Network.Activities.
	Activities []ActivityStat `json:"activities"`
	// Risks are the figures of every risk, in the order of Input.Risks.
	Risks []RiskStat `json:"risks,omitempty"`
}

// Point is one point of the S-curve.
type Point struct {
	// Date is a finish date that occurred.
	Date calendar.Date `json:"date"`
	// Workdays is the length of the project finishing on Date.
	Workdays int `json:"workdays"`
	// Count is the number of iterations finishing on Date.
	Count int `json:"count"`
	// Probability is the share of iterations finishing on or before Date.
	Probability float64 `json:"probability"`
}

// Bin is one bin of the histogram: the iterations finishing from From to
// To, both included.
type Bin struct {
	From        calendar.Date `json:"from"`
	To          calendar.Date `json:"to"`
	Count       int           `json:"count"`
	Probability float64       `json:"probability"`
}

// ActivityStat is what the forecast found about one activity.
type ActivityStat struct {
	// ID is the activity's ID.
	ID string `json:"id"`
	// Criticality is the share of iterations in which the activity was
	// critical: on a driving chain of the finish (see the package
	// documentation).
	Criticality float64 `json:"criticality"`
	// Varied tells an activity whose estimate gives more than one whole
	// duration; only such an activity has the figures below.
	Varied bool `json:"varied,omitzero"`
	// MeanDuration is the mean of the sampled duration (before risk
	// delays), in workdays.
	MeanDuration float64 `json:"meanDuration,omitzero"`
	// Correlation is Pearson's correlation between the sampled duration
	// and the project's length, from -1 to 1.
	Correlation float64 `json:"correlation,omitzero"`
	// Low and High are the mean length of the project, in workdays, over
	// the iterations whose sample fell in the bottom and in the top
	// decile of the activity's distribution.
	Low  float64 `json:"low,omitzero"`
	High float64 `json:"high,omitzero"`
}

// Swing returns High minus Low: how many workdays the activity's
// uncertainty moves the finish, from its optimistic to its pessimistic
// decile.
func (a ActivityStat) Swing() float64 { return a.High - a.Low }

// RiskStat is what the forecast found about one risk.
type RiskStat struct {
	// ID is the risk's ID.
	ID string `json:"id"`
	// Occurrence is the share of iterations in which the risk occurred.
	Occurrence float64 `json:"occurrence"`
	// Correlation is Pearson's correlation between the occurrence (0 or
	// 1) and the project's length.
	Correlation float64 `json:"correlation"`
	// Low and High are the mean length of the project, in workdays,
	// over the iterations without and with the risk (both the overall
	// mean when one of them never happened).
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Swing returns High minus Low: how many workdays the risk moves the
// finish when it occurs.
func (r RiskStat) Swing() float64 { return r.High - r.Low }

// DriverKind says what a Driver is.
type DriverKind uint8

// The kinds of driver.
const (
	// DriverActivity: an activity's estimate. Text form "activity".
	DriverActivity DriverKind = iota
	// DriverRisk: a risk event. Text form "risk".
	DriverRisk
)

var driverNames = [...]string{"activity", "risk"}

// String returns the text form.
func (k DriverKind) String() string {
	if int(k) < len(driverNames) {
		return driverNames[k]
	}
	return fmt.Sprintf("DriverKind(%d)", uint8(k))
}

// MarshalText writes the text form; it fails for an unknown kind.
func (k DriverKind) MarshalText() ([]byte, error) {
	if int(k) >= len(driverNames) {
		return nil, fmt.Errorf("forecast: unknown driver kind %d", uint8(k))
	}
	return []byte(driverNames[k]), nil
}

// UnmarshalText reads the text form; unknown text is an error.
func (k *DriverKind) UnmarshalText(b []byte) error {
	for i, n := range driverNames {
		if string(b) == n {
			*k = DriverKind(i)
			return nil
		}
	}
	return fmt.Errorf("forecast: unknown driver kind %s", quote(string(b)))
}

// Driver is one bar of a tornado chart.
type Driver struct {
	Kind DriverKind `json:"kind"`
	// ID is the activity's or the risk's ID.
	ID string `json:"id"`
	// Low and High are the ends of the bar: the mean project length in
	// workdays with the activity in its bottom and top decile, or without
	// and with the risk.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Correlation is the Pearson correlation with the project's length.
	Correlation float64 `json:"correlation"`
}

// Swing returns High minus Low.
func (d Driver) Swing() float64 { return d.High - d.Low }

// Tornado returns the varied activities and the risks that both occurred
// and did not, ranked by how much they move the finish: largest absolute
// Swing first, then largest absolute Correlation, activities before risks,
// then by ID. limit > 0 keeps the first limit drivers.
func (r *Result) Tornado(limit int) []Driver {
	var out []Driver
	for _, a := range r.Activities {
		if a.Varied {
			out = append(out, Driver{DriverActivity, a.ID, a.Low, a.High, a.Correlation})
		}
	}
	for _, k := range r.Risks {
		if k.Occurrence > 0 && k.Occurrence < 1 {
			out = append(out, Driver{DriverRisk, k.ID, k.Low, k.High, k.Correlation})
		}
	}
	slices.SortStableFunc(out, func(a, b Driver) int {
		if c := cmp.Compare(math.Abs(b.Swing()), math.Abs(a.Swing())); c != 0 {
			return c
		}
		if c := cmp.Compare(math.Abs(b.Correlation), math.Abs(a.Correlation)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit:limit]
	}
	return out
}

// Percentile returns the earliest finish date by which at least the share
// p (0 to 1) of the iterations had finished: Percentile(0.8) is the P80
// date. p is clamped to [0, 1]; NaN or an empty result gives the zero
// Date.
func (r *Result) Percentile(p float64) calendar.Date {
	if len(r.SCurve) == 0 || math.IsNaN(p) {
		return calendar.Date{}
	}
	i := sort.Search(len(r.SCurve), func(i int) bool { return r.SCurve[i].Probability >= p })
	if i == len(r.SCurve) {
		i--
	}
	return r.SCurve[i].Date
}

// Probability returns the share of iterations finishing on or before d.
func (r *Result) Probability(d calendar.Date) float64 {
	i := sort.Search(len(r.SCurve), func(i int) bool { return r.SCurve[i].Date.After(d) })
	if i == 0 {
		return 0
	}
	return r.SCurve[i-1].Probability
}

// Activity returns the figures of the activity with the given ID.
func (r *Result) Activity(id string) (ActivityStat, bool) {
	for _, a := range r.Activities {
		if a.ID == id {
			return a, true
		}
	}
	return ActivityStat{}, false
}

// Risk returns the figures of the risk with the given ID.
func (r *Result) Risk(id string) (RiskStat, bool) {
	for _, k := range r.Risks {
		if k.ID == id {
			return k, true
		}
	}
	return RiskStat{}, false
}

// summarise merges the workers' sums, in worker order (they are exact
// integers, so the order does not matter), and builds the Result.
func (m *Model) summarise(ws []*worker, finishes []int32, opt Options) (*Result, error) {
	c := m.c
	n := len(finishes)
	nf := float64(n)
	crit := make([]int64, c.Len())
	ea := make([]estAcc, len(m.est))
	ra := make([]riskAcc, len(m.risks))
	var sumY, onTime, readyBy int64
	for _, w := range ws {
		for v, x := range w.crit {
			crit[v] += x
		}
		for j, a := range w.ea {
			e := &ea[j]
			e.sx += a.sx
			e.sxx += a.sxx
			e.sxy.merge(a.sxy)
			e.lowN += a.lowN
			e.lowY += a.lowY
			e.highN += a.highN
			e.highY += a.highY
		}
		for j, a := range w.ra {
			ra[j].n += a.n
			ra[j].y += a.y
		}
		sumY += w.sumY
		onTime += w.onTime
		readyBy += w.readyBy
	}
	r := &Result{
		Iterations:            n,
		Seed:                  opt.Seed,
		Distribution:          m.dist,
		Start:                 c.Origin(),
		Deterministic:         m.detDate,
		DeterministicWorkdays: int(m.det),
	}
	// Distribution of the finish.
	sorted := slices.Clone(finishes)
	slices.Sort(sorted)
	meanY := float64(sumY) / nf
	mean := float64(m.det) + meanY
	var ss float64
	for i := 0; i < n; {
		j := i + 1
		for j < n && sorted[j] == sorted[i] {
			j++
		}
		f := sorted[i]
		d, err := c.Date(f - 1)
		if err != nil {
			return nil, err
		}
		dy := float64(f-m.det) - meanY
		ss += float64(j-i) * dy * dy
		r.SCurve = append(r.SCurve, Point{Date: d, Workdays: int(f), Count: j - i, Probability: float64(j) / nf})
		i = j
	}
	r.MeanWorkdays = mean
	varY := ss / nf
	r.StdDevWorkdays = math.Sqrt(varY)
	md, err := c.Date(int32(math.Ceil(mean)) - 1)
	if err != nil {
		return nil, err
	}
	r.Mean = md
	r.P50, r.P80, r.P95 = r.Percentile(0.5), r.Percentile(0.8), r.Percentile(0.95)
	r.OnTime, r.ReadyByDeadline = 1, 1
	if m.hasDL {
		if r.Deadline, err = c.Date(m.deadline - 1); err != nil {
			return nil, err
		}
	}
	if !m.useEnd {
		r.OnTime, r.ReadyByDeadline = float64(onTime)/nf, float64(readyBy)/nf
	}
	if r.Histogram, err = m.histogram(r.SCurve, opt.Bucket); err != nil {
		return nil, err
	}

	// Activities.
	det := float64(m.det)
	r.Activities = make([]ActivityStat, len(m.ids))
	for i, id := range m.ids {
		r.Activities[i] = ActivityStat{ID: id, Criticality: float64(crit[c.Position(i)]) / nf}
	}
	for j, e := range m.est {
		if !e.s.varied() {
			continue
		}
		a := &r.Activities[c.Input(int(e.v))]
		s := &ea[j]
		a.Varied = true
		mx := float64(s.sx) / nf
		a.MeanDuration = mx
		vx := float64(s.sxx)/nf - mx*mx
		a.Correlation = correlation(s.sxy.float()/nf-mx*meanY, vx, varY)
		a.Low, a.High = mean, mean
		if s.lowN > 0 && s.highN > 0 {
			a.Low = det + float64(s.lowY)/float64(s.lowN)
			a.High = det + float64(s.highY)/float64(s.highN)
		}
	}
	if len(m.risks) > 0 {
		r.Risks = make([]RiskStat, len(m.risks))
	}
	for j := range m.risks {
		k := &r.Risks[j]
		k.ID = m.riskIDs[j]
		s := ra[j]
		p := float64(s.n) / nf
		k.Occurrence = p
		k.Correlation = correlation(float64(s.y)/nf-p*meanY, p*(1-p), varY)
		k.Low, k.High = mean, mean
		if s.n > 0 && s.n < int64(n) {
			k.High = det + float64(s.y)/float64(s.n)
			k.Low = det + float64(sumY-s.y)/float64(int64(n)-s.n)
		}
	}
	return r, nil
}

// correlation returns cov/sqrt(vx*vy), 0 when either variance vanishes,
// clamped to [-1, 1].
func correlation(cov, vx, vy float64) float64 {
	if !(vx > 1e-12) || !(vy > 1e-12) {
		return 0
	}
	return max(-1, min(1, cov/math.Sqrt(vx*vy)))
}

// histogram groups the S-curve points into contiguous bins.
func (m *Model) histogram(pts []Point, b Bucket) ([]Bin, error) {
	if len(pts) == 0 {
		return nil, nil
	}
	first, last := pts[0], pts[len(pts)-1]
	if b == BucketAuto {
		switch {
		case last.Workdays-first.Workdays < 40:
			b = BucketWorkday
		case first.Date.DaysUntil(last.Date) < 40*7:
			b = BucketWeek
		default:
			b = BucketMonth
		}
	}
	cal := m.c.Calendar()
	// bounds returns the bin holding d.
	bounds := func(d calendar.Date) (calendar.Date, calendar.Date) {
		switch b {
		case BucketWeek:
			off := (int(d.Weekday()) + 6) % 7 // days since Monday
			from := d.AddDays(-off)
			return from, from.AddDays(6)
		case BucketMonth:
			from := d.AddDays(1 - d.Day())
			return from, from.AddMonths(1).AddDays(-1)
		}
		return d, d
	}
	total := 0
	for _, p := range pts {
		total += p.Count
	}
	var bins []Bin
	k := 0
	from, to := bounds(first.Date)
	for {
		bin := Bin{From: from, To: to}
		for ; k < len(pts) && !pts[k].Date.After(to); k++ {
			bin.Count += pts[k].Count
		}
		bin.Probability = float64(bin.Count) / float64(total)
		bins = append(bins, bin)
		if k == len(pts) {
			return bins, nil
		}
		next := to.AddDays(1)
		if b == BucketWorkday {
			var err error
			if next, err = cal.RollForward(next); err != nil {
				return nil, err
			}
			if next.After(pts[k].Date) { // cannot happen: finishes are workdays
				next = pts[k].Date
			}
		}
		from, to = bounds(next)
	}
}
