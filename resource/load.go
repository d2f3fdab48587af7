package resource

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/validation"
)

// MaxLoadDays is the longest analysis window Load accepts, in days (about
// ten years).
const MaxLoadDays = 3660

// ErrAnalysis is wrapped by errors about an analysis that cannot run, such
// as a window longer than MaxLoadDays or a resource whose calendar is not in
// the pool.
var ErrAnalysis = validation.Sentinel(validation.ErrInvalid, "analysis not possible")

// LoadReport is the load on each person, facility and piece of equipment,
// day by day, against its capacity, with every over-allocation.
type LoadReport struct {
	// From and To (inclusive) bound the analysis window.
	From calendar.Date `json:"from"`
	To   calendar.Date `json:"to"`
	// Resources holds one entry per person, facility and equipment
	// resource, in the pool's order.
	Resources []ResourceLoad `json:"resources"`
	// OverAllocations lists every period in which a resource is loaded
	// beyond its capacity, by resource (pool order) and then date.
	OverAllocations []OverAllocation `json:"overAllocations,omitempty"`
	// Unplaced lists the demands that could not be spread over days.
	Unplaced []Unplaced `json:"unplaced,omitempty"`
}

// ResourceLoad is the daily load and capacity of one resource. Load[i] and
// Capacity[i] are the figures of day From+i; days that are not workdays of
// the resource, and days of absence, have zero capacity.
type ResourceLoad struct {
	// ResourceID names the resource.
	ResourceID string `json:"resourceId"`
	// Unit is what Load and Capacity count: hours, seats or units.
	Unit Unit `json:"unit"`
	// From is the date of Load[0].
	From calendar.Date `json:"from"`
	// Load is the demanded quantity per day.
	Load []float64 `json:"load"`
	// Capacity is the available quantity per day.
	Capacity []float64 `json:"capacity"`
}

// On returns the load and capacity on day d, zero outside the window.
func (r *ResourceLoad) On(d calendar.Date) (load, capacity float64) {
	i := r.From.DaysUntil(d)
	if i < 0 || i >= len(r.Load) {
		return 0, 0
	}
	return r.Load[i], r.Capacity[i]
}

// Total returns the total load and capacity over the window.
func (r *ResourceLoad) Total() (load, capacity float64) {
	for i := range r.Load {
		load += r.Load[i]
		capacity += r.Capacity[i]
	}
	return load, capacity
}

// WeekLoad is the load and capacity of a resource in one ISO 8601 week
// (Monday to Sunday), counting only the days inside the analysis window.
type WeekLoad struct {
	// Year and Week are the ISO year and week number, such as 2027 and 9.
	Year int `json:"year"`
	Week int `json:"week"`
	// Load and Capacity are the sums over the week's days.
	Load     float64 `json:"load"`
	Capacity float64 `json:"capacity"`
}

// Over reports whether the week's load exceeds its capacity.
func (w WeekLoad) Over() bool { return exceeds(w.Load, w.Capacity) }

// String formats the week, such as "2027-W09".
func (w WeekLoad) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Week) }

// Weeks sums the daily figures by ISO week, in date order.
func (r *ResourceLoad) Weeks() []WeekLoad {
	var out []WeekLoad
	for i := range r.Load {
		d := r.From.AddDays(i)
		if i == 0 || d.Weekday() == time.Monday {
			y, w := d.In(time.UTC).ISOWeek()
			out = append(out, WeekLoad{Year: y, Week: w})
		}
		wl := &out[len(out)-1]
		wl.Load += r.Load[i]
		wl.Capacity += r.Capacity[i]
	}
	return out
}

// OverAllocation is a period in which a resource is loaded beyond its
// capacity: consecutive over-allocated workdays, bridged across days on
// which the resource neither works nor is loaded (weekends, holidays).
type OverAllocation struct {
	// ResourceID names the resource.
	ResourceID string `json:"resourceId"`
	// Unit is what the figures count.
	Unit Unit `json:"unit"`
	// From and To are the first and last over-allocated days.
	From calendar.Date `json:"from"`
	To   calendar.Date `json:"to"`
	// Days lists every over-allocated day in the period.
	Days []DayExcess `json:"days"`
	// Demands lists the IDs of the demands loading the resource on those
	// days, in pool order.
	Demands []string `json:"demands"`
	// Commitments lists the commitments that assign the resource to a
	// demand for a role or kind and load it on those days.
	Commitments []string `json:"commitments,omitempty"`
}

// DayExcess is the load and capacity of one over-allocated day.
type DayExcess struct {
	Date     calendar.Date `json:"date"`
	Load     float64       `json:"load"`
	Capacity float64       `json:"capacity"`
}

// Excess returns Load minus Capacity.
func (d DayExcess) Excess() float64 { return d.Load - d.Capacity }

// MaxExcess returns the largest excess of any day in the period.
func (o *OverAllocation) MaxExcess() float64 {
	m := 0.0
	for _, d := range o.Days {
		m = max(m, d.Excess())
	}
	return m
}

// TotalExcess returns the sum of the excesses of the period's days.
func (o *OverAllocation) TotalExcess() float64 {
	t := 0.0
	for _, d := range o.Days {
		t += d.Excess()
	}
	return t
}

// String summarises the over-allocation, such as "ana: 3 days from
// 2027-03-01 to 2027-03-03, up to 4 hours over (D1, D2)".
func (o *OverAllocation) String() string {
	return fmt.Sprintf("%s: %d days from %s to %s, up to %s %s over (%s)", o.ResourceID, len(o.Days), o.From, o.To,
		formatFloat(round4(o.MaxExcess())), o.Unit, strings.Join(slices.Concat(o.Demands, o.Commitments), ", "))
}

// Unplaced is a demand that the load analysis could not spread over days.
type Unplaced struct {
	// DemandID names the demand.
	DemandID string `json:"demandId"`
	// Reason says why, such as "no workday in 2027-03-06..2027-03-07".
	Reason string `json:"reason"`
}

// tolerance below which a load does not count as over capacity, to absorb
// rounding when hours are spread over days.
const tolerance = 1e-6

func exceeds(load, capacity float64) bool {
	return load > capacity+tolerance*max(1, capacity)
}

func round4(f float64) float64 { return float64(roundHalfAway(f*10000)) / 10000 }

// loadEntry is one demand (or commitment) loading one resource.
type loadEntry struct {
	res    int32
	a, b   int32 // window offsets, inclusive, clipped
	perDay float64
	demand int32
	commit int32 // -1 for a demand naming the resource
}

// workCal is a calendar evaluated over the window.
type workCal struct {
	cal    *calendar.Calendar
	work   []bool
	prefix []int32 // prefix[i] = workdays in [0, i)
}

// Load computes the load on every person, facility and equipment resource
// for each day from from to to (inclusive) against its capacity, and lists
// every over-allocation. With zero dates the window spans all dated demands.
//
// Load comes from demands that name a resource and from committed
// commitments that assign a resource (Terms.ResourceID) to a demand that
// asks for a role or kind. Hours are a total spread evenly over the
// resource's workdays in the demand's range; seats and units are held on
// every workday of the range. Absences do not move load: a demand over an
// absence shows as an over-allocation. Demands without dates (only a
// TaskID), or whose range holds no workday, are listed as Unplaced; give
// them dates first (Demand.WithDates). Demands for money do not load
// resources.
//
// It returns an error wrapping ErrAnalysis when the window exceeds
// MaxLoadDays or a resource's calendar is not in the pool.
func (p *Pool) Load(from, to calendar.Date) (*LoadReport, error) {
	rep := &LoadReport{}
	resIdx := make(map[string]int32, len(p.Resources))
	for i := len(p.Resources) - 1; i >= 0; i-- {
		resIdx[p.Resources[i].ID] = int32(i)
	}
	// A source is one demand, or one commitment, loading one resource.
	type source struct {
		res, demand, commit int32
		unit                Unit
		value               float64
		span                [2]calendar.Date
	}
	srcs := make([]source, 0, len(p.Demands))
	for i := range p.Demands {
		d := &p.Demands[i]
		if d.ResourceID == "" || d.Quantity.Unit == UnitMoney {
			continue
		}
		ri, ok := resIdx[d.ResourceID]
		if !ok {
			continue
		}
		srcs = append(srcs, source{res: ri, demand: int32(i), commit: -1, unit: d.Quantity.Unit, value: d.Quantity.Value, span: [2]calendar.Date{d.From, d.To}})
	}
	// Commitments assign resources only to demands that name none: index
	// just those (in an invalid pool with duplicate IDs, the first such
	// demand).
	var demIdx map[string]int32
	for i := range p.Commitments {
		c := &p.Commitments[i]
		if c.State != Committed || c.Terms.ResourceID == "" {
			continue
		}
		if demIdx == nil {
			demIdx = map[string]int32{}
			for j := len(p.Demands) - 1; j >= 0; j-- {
				if p.Demands[j].ResourceID == "" {
					demIdx[p.Demands[j].ID] = int32(j)
				}
			}
		}
		di, ok := demIdx[c.DemandID]
		if !ok {
			continue
		}
		ri, ok := resIdx[c.Terms.ResourceID]
		if !ok {
			continue
		}
		span := [2]calendar.Date{c.Terms.From, c.Terms.To}
		if span[0].IsZero() {
			span = [2]calendar.Date{p.Demands[di].From, p.Demands[di].To}
		}
		srcs = append(srcs, source{res: ri, demand: di, commit: int32(i), unit: c.Terms.Quantity.Unit, value: c.Terms.Quantity.Value, span: span})
	}
	if from.IsZero() || to.IsZero() {
		var lo, hi calendar.Date
		for _, s := range srcs {
			if s.span[0].IsZero() || s.span[1].IsZero() || s.span[1].Before(s.span[0]) {
				continue
			}
			if lo.IsZero() || s.span[0].Before(lo) {
				lo = s.span[0]
			}
			if hi.IsZero() || s.span[1].After(hi) {
				hi = s.span[1]
			}
		}
		if from.IsZero() {
			from = lo
		}
		if to.IsZero() {
			to = hi
		}
	}
	if from.IsZero() || to.IsZero() {
		// Nothing dated to analyse: an empty window.
		from, to = calendar.Date{}, calendar.Date{}
	}
	n := 0
	if !from.IsZero() {
		n = from.DaysUntil(to) + 1
	}
	if n < 0 || n > MaxLoadDays {
		return nil, fmt.Errorf("resource: load from %s to %s: %w: window of %d days (limit %d)", from, to, ErrAnalysis, n, MaxLoadDays)
	}
	rep.From, rep.To = from, to

	// Evaluate each calendar once over the window.
	cals := map[string]*workCal{}
	resCal := make([]*workCal, len(p.Resources))
	loaded := make([]int32, len(p.Resources)) // position in rep.Resources, or -1
	count := 0
	for i := range p.Resources {
		r := &p.Resources[i]
		loaded[i] = -1
		if r.Kind != KindPerson && r.Kind != KindFacility && r.Kind != KindEquipment {
			continue
		}
		wc, ok := cals[r.Calendar]
		if !ok {
			cal, found := p.Calendar(r.Calendar)
			if !found {
				return nil, fmt.Errorf("resource: load: %w: resource %s uses calendar %q, which the pool does not hold", ErrAnalysis, r.ID, r.Calendar)
			}
			wc = &workCal{cal: cal, work: make([]bool, n), prefix: make([]int32, n+1)}
			for k := range n {
				wc.work[k] = cal.IsWorkday(from.AddDays(k))
				wc.prefix[k+1] = wc.prefix[k]
				if wc.work[k] {
					wc.prefix[k+1]++
				}
			}
			cals[r.Calendar] = wc
		}
		resCal[i] = wc
		loaded[i] = int32(count)
		count++
	}
	loadBuf := make([]float64, count*n)
	capBuf := make([]float64, count*n)
	rep.Resources = make([]ResourceLoad, 0, count)
	for i := range p.Resources {
		if loaded[i] < 0 {
			continue
		}
		r := &p.Resources[i]
		k := int(loaded[i])
		rl := ResourceLoad{ResourceID: r.ID, Unit: r.Kind.Unit(), From: from,
			Load: loadBuf[k*n : (k+1)*n : (k+1)*n], Capacity: capBuf[k*n : (k+1)*n : (k+1)*n]}
		daily := r.DailyCapacity(resCal[i].cal)
		work := resCal[i].work
		for j := range n {
			if work[j] {
				rl.Capacity[j] = daily
			}
		}
		for _, a := range r.Absences {
			lo, hi := from.DaysUntil(a.From), from.DaysUntil(a.Last())
			for j := max(lo, 0); j <= min(hi, n-1); j++ {
				rl.Capacity[j] = 0
			}
		}
		rep.Resources = append(rep.Resources, rl)
	}

	entries := make([]loadEntry, 0, len(srcs))
	perRes := make([]int32, count+1)
	for _, s := range srcs {
		k := loaded[s.res]
		if k < 0 || s.unit != p.Resources[s.res].Kind.Unit() || !finite(s.value) || s.value <= 0 {
			continue
		}
		id := p.Demands[s.demand].ID
		f, t := s.span[0], s.span[1]
		if f.IsZero() || t.IsZero() || t.Before(f) {
			rep.Unplaced = append(rep.Unplaced, Unplaced{DemandID: id, Reason: "no date range (give the task's dates with WithDates)"})
			continue
		}
		wc := resCal[s.res]
		a, b := from.DaysUntil(f), from.DaysUntil(t)
		var days int
		if a >= 0 && b < n {
			days = int(wc.prefix[b+1] - wc.prefix[a])
		} else {
			days = wc.cal.WorkdaysBetween(f, t.AddDays(1))
		}
		if days <= 0 {
			rep.Unplaced = append(rep.Unplaced, Unplaced{DemandID: id, Reason: fmt.Sprintf("no workday of resource %s from %s to %s", p.Resources[s.res].ID, f, t)})
			continue
		}
		a, b = max(a, 0), min(b, n-1)
		if a > b {
			continue // outside the window
		}
		per := s.value
		if s.unit == UnitHours {
			per /= float64(days)
		}
		load := rep.Resources[k].Load
		work := wc.work
		for j := a; j <= b; j++ {
			if work[j] {
				load[j] += per
			}
		}
		entries = append(entries, loadEntry{res: k, a: int32(a), b: int32(b), perDay: per, demand: s.demand, commit: s.commit})
		perRes[k+1]++
	}

	// Over-allocations: find the runs first; attribute demands only for
	// the resources that have one.
	type run struct{ res, a, b int }
	var runs []run
	for k := range rep.Resources {
		rl := &rep.Resources[k]
		start, last := -1, -1
		for j := range n {
			l, c := rl.Load[j], rl.Capacity[j]
			switch {
			case exceeds(l, c):
				if start < 0 {
					start = j
				}
				last = j
			case l == 0 && c == 0:
				// An idle day off: bridge it.
			default:
				if start >= 0 {
					runs = append(runs, run{k, start, last})
					start = -1
				}
			}
		}
		if start >= 0 {
			runs = append(runs, run{k, start, last})
		}
	}
	if len(runs) > 0 {
		// Bucket the entries by resource (counting sort, stable).
		for k := 1; k <= count; k++ {
			perRes[k] += perRes[k-1]
		}
		sorted := make([]loadEntry, len(entries))
		next := slices.Clone(perRes[:count])
		for _, e := range entries {
			sorted[next[e.res]] = e
			next[e.res]++
		}
		rep.OverAllocations = make([]OverAllocation, 0, len(runs))
		var ds, cs []int32
		for _, r := range runs {
			rl := &rep.Resources[r.res]
			oa := OverAllocation{ResourceID: rl.ResourceID, Unit: rl.Unit, From: from.AddDays(r.a), To: from.AddDays(r.b),
				Days: make([]DayExcess, 0, r.b-r.a+1)}
			for j := r.a; j <= r.b; j++ {
				if exceeds(rl.Load[j], rl.Capacity[j]) {
					oa.Days = append(oa.Days, DayExcess{Date: from.AddDays(j), Load: rl.Load[j], Capacity: rl.Capacity[j]})
				}
			}
			ds, cs = ds[:0], cs[:0]
			for _, e := range sorted[perRes[r.res]:perRes[r.res+1]] {
				if int(e.b) < r.a || int(e.a) > r.b {
					continue
				}
				hit := false
				for j := max(int(e.a), r.a); j <= min(int(e.b), r.b) && !hit; j++ {
					hit = exceeds(rl.Load[j], rl.Capacity[j]) && rl.Load[j] > 0
				}
				if !hit {
					continue
				}
				if e.commit >= 0 {
					cs = append(cs, e.commit)
				} else {
					ds = append(ds, e.demand)
				}
			}
			slices.Sort(ds)
			slices.Sort(cs)
			ds, cs = slices.Compact(ds), slices.Compact(cs)
			oa.Demands = make([]string, 0, len(ds)+len(cs))
			for _, d := range ds {
				oa.Demands = append(oa.Demands, p.Demands[d].ID)
			}
			for _, c := range cs {
				oa.Commitments = append(oa.Commitments, p.Commitments[c].ID)
				oa.Demands = append(oa.Demands, p.Commitments[c].DemandID)
			}
			rep.OverAllocations = append(rep.OverAllocations, oa)
		}
	}
	return rep, nil
}

// CheckAllocation answers "is any resource over-allocated?" over the span
// of all dated demands: one problem (code resource.over-allocated, path
// resources[i]) per over-allocation, naming the days, the excess and the
// demands that cause it. Demands that could not be placed on days follow as
// warnings (code demand.unplaced, path demands[i]), since their load is
// unknown. A list without errors means no resource is over-allocated.
// When the load cannot be analysed, the list holds that problem instead.
func (p *Pool) CheckAllocation() validation.List {
	rep, err := p.Load(calendar.Date{}, calendar.Date{})
	if err != nil {
		return validation.List{validation.Invalid(pResources, CodeOverAllocated, "load analysis failed: %v", err)}
	}
	var l validation.List
	pos := make(map[string]int, len(p.Resources))
	for i := len(p.Resources) - 1; i >= 0; i-- {
		pos[p.Resources[i].ID] = i
	}
	var dpos map[string]int
	if len(rep.Unplaced) > 0 {
		dpos = make(map[string]int, len(p.Demands))
		for i := len(p.Demands) - 1; i >= 0; i-- {
			dpos[p.Demands[i].ID] = i
		}
	}
	for i := range rep.OverAllocations {
		o := &rep.OverAllocations[i]
		l.Add(validation.Conflict(pResources.Index(pos[o.ResourceID]), CodeOverAllocated,
			"%s over-allocated on %d day(s) from %s to %s, by up to %s %s (total %s) by %s",
			o.ResourceID, len(o.Days), o.From, o.To, formatFloat(round4(o.MaxExcess())), o.Unit,
			formatFloat(round4(o.TotalExcess())), strings.Join(slices.Concat(o.Demands, o.Commitments), ", ")).
			About(validation.Subject{Kind: SubjectResource, ID: o.ResourceID}))
	}
	for _, u := range rep.Unplaced {
		l.Add(validation.Invalid(pDemands.Index(dpos[u.DemandID]), CodeUnplaced, "demand %s does not load any day: %s", u.DemandID, u.Reason).WithSeverity(validation.Warning).
			About(validation.Subject{Kind: SubjectDemand, ID: u.DemandID}))
	}
	return l
}
