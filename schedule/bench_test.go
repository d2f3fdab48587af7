package schedule

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
)

// bigNetwork returns a network of n activities and m dependencies, all
// finish-to-start but one in ten of another type, lags 0 to 2, links
// mostly to near successors (as in real plans) and some far.
func bigNetwork(n, m int) Network {
	rng := rand.New(rand.NewPCG(1, 2))
	net := Network{Start: d("2027-01-04"), Activities: make([]Activity, n), Dependencies: make([]Dependency, 0, m)}
	for i := range net.Activities {
		net.Activities[i] = Activity{ID: "a" + strconv.Itoa(i), Duration: rng.IntN(10)}
	}
	for len(net.Dependencies) < m {
		i := rng.IntN(n - 1)
		span := 50
		if rng.IntN(20) == 0 {
			span = n
		}
		j := i + 1 + rng.IntN(min(span, n-i-1))
		t := FinishToStart
		if rng.IntN(10) == 0 {
			t = LinkType(1 + rng.IntN(3))
		}
		net.Dependencies = append(net.Dependencies, Dependency{From: net.Activities[i].ID, To: net.Activities[j].ID, Type: t, Lag: rng.IntN(3)})
	}
	return net
}

const (
	benchActivities   = 1_000_000
	benchDependencies = 3_000_000
)

// BenchmarkCriticalPath measures, over one network of 1,000,000
// activities and 3,000,000 dependencies compiled once:
//
//   - passes: the forward and backward passes (early and late dates, hence
//     float), Pass.Run;
//   - early: the forward pass alone, Pass.RunEarly;
//   - topological: the bare baseline, Kahn's algorithm over the same graph
//     in the same CSR form (successor lists of int32), computing a
//     topological order and nothing else.
func BenchmarkCriticalPath(b *testing.B) {
	c, err := Compile(bigNetwork(benchActivities, benchDependencies))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("passes", func(b *testing.B) {
		p := c.NewPass()
		b.ReportAllocs()
		for b.Loop() {
			if err := p.Run(nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(p.End()), "workdays")
	})
	b.Run("early", func(b *testing.B) {
		p := c.NewPass()
		b.ReportAllocs()
		for b.Loop() {
			if err := p.RunEarly(nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("topological", func(b *testing.B) {
		n := c.Len()
		off, dst := c.succOff, c.succDst
		indeg := make([]int32, n)
		order := make([]int32, 0, n)
		b.ReportAllocs()
		for b.Loop() {
			clear(indeg)
			for _, x := range dst {
				indeg[x>>1]++
			}
			order = order[:0]
			for v := 0; v < n; v++ {
				if indeg[v] == 0 {
					order = append(order, int32(v))
				}
			}
			for h := 0; h < len(order); h++ {
				u := order[h]
				for k := off[u]; k < off[u+1]; k++ {
					w := dst[k] >> 1
					indeg[w]--
					if indeg[w] == 0 {
						order = append(order, w)
					}
				}
			}
			if len(order) != n {
				b.Fatal("not a DAG")
			}
		}
	})
}

// BenchmarkCompile turns the 1,000,000-activity network (string IDs) into
// its compiled form: validation, ID lookup, Kahn's algorithm, CSR arrays.
func BenchmarkCompile(b *testing.B) {
	net := bigNetwork(benchActivities, benchDependencies)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(net); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSchedule is the whole job on the big network: compile, both
// passes, and the date table and drivers of the Result.
func BenchmarkSchedule(b *testing.B) {
	net := bigNetwork(benchActivities, benchDependencies)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Schedule(net); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLevel levels 10,000 activities over 100 resources, with the
// serial baseline of earlier versions and with Level.
func BenchmarkLevel(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	net := bigNetwork(10_000, 20_000)
	for r := 0; r < 100; r++ {
		net.Resources = append(net.Resources, Resource{ID: fmt.Sprintf("r%03d", r), Capacity: 2 + rng.IntN(4)})
	}
	for i := range net.Activities {
		for _, r := range rng.Perm(100)[:1+rng.IntN(2)] {
			net.Activities[i].Demands = append(net.Activities[i].Demands, Demand{Resource: net.Resources[r].ID, Units: 1 + rng.IntN(2)})
		}
	}
	for _, m := range []struct {
		name string
		cfg  levelConfig
	}{{"baseline", baselineConfig}, {"level", defaultConfig(len(net.Activities))}} {
		b.Run(m.name, func(b *testing.B) {
			b.ReportAllocs()
			var l *Levelled
			for b.Loop() {
				var err error
				if l, err = levelWith(net, m.cfg); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(l.Delays())), "delays")
			b.ReportMetric(float64(l.end-l.base.p.end), "extra-workdays")
		})
	}
}

// calendarNetwork returns bigNetwork(n, m) with its activities spread over
// ten calendars (work weeks of four to seven days, holidays, and two or
// three freeze windows a year each), one in ten activities as late as
// possible, and a deadline.
func calendarNetwork(n, m int) Network {
	net := bigNetwork(n, m)
	rng := rand.New(rand.NewPCG(3, 4))
	start := net.Start
	for i := 0; i < 10; i++ {
		spec := calendar.Spec{Name: "cal" + strconv.Itoa(i), Workweek: calendar.MondayToFriday, HoursPerDay: 8}
		switch i % 4 {
		case 1:
			spec.Workweek |= calendar.WeekdaysOf(time.Saturday)
		case 2:
			spec.Workweek = calendar.AllWeek
		case 3:
			spec.Workweek = calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday)
		}
		for y := 0; y < 10; y++ {
			base := start.AddDays(365 * y)
			spec.Holidays = append(spec.Holidays, calendar.Holiday{Name: "h", Date: base.AddDays(rng.IntN(365))})
			for f := 0; f < 2+i%2; f++ {
				from := base.AddDays(rng.IntN(350))
				spec.Freezes = append(spec.Freezes, calendar.Freeze{Name: "freeze", From: from, Through: from.AddDays(3 + rng.IntN(12))})
			}
		}
		k, err := calendar.New(spec)
		if err != nil {
			panic(err)
		}
		net.Calendars = append(net.Calendars, k)
	}
	for i := range net.Activities {
		net.Activities[i].Calendar = "cal" + strconv.Itoa(rng.IntN(10))
		if rng.IntN(10) == 0 {
			net.Activities[i].Mode = AsLateAsPossible
		}
	}
	net.Deadline = start.AddDays(365 * 8)
	return net
}

// BenchmarkActivityCalendars measures a network of 100,000 activities and
// 300,000 dependencies on ten calendars with freeze windows: the whole
// Schedule (checking, compiling, the three passes, dates), and the passes
// alone on the compiled network.
func BenchmarkActivityCalendars(b *testing.B) {
	net := calendarNetwork(100_000, 300_000)
	b.Run("schedule", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Schedule(net); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("passes", func(b *testing.B) {
		c, err := Compile(net)
		if err != nil {
			b.Fatal(err)
		}
		p := c.NewPass()
		b.ReportAllocs()
		for b.Loop() {
			if err := p.Run(nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
