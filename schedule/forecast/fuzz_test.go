package forecast

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
)

// bytesReader hands out fuzz bytes, then zeros.
type bytesReader []byte

func (b *bytesReader) next() int {
	if len(*b) == 0 {
		return 0
	}
	v := (*b)[0]
	*b = (*b)[1:]
	return int(v)
}

// FuzzRun builds a small network, estimates and risks from the bytes
// (including bad ones) and checks that Run never panics and that its
// results keep their invariants, with the same answer for 1 and 3
// workers.
func FuzzRun(f *testing.F) {
	f.Add([]byte{3, 1, 2, 3, 0, 1, 0, 2, 5, 9, 1, 40, 2, 1})
	f.Add([]byte{6, 0, 7, 2, 3, 1, 1, 2, 3, 4, 5, 6, 200, 3, 255, 0, 9, 8, 7})
	f.Add([]byte{1, 9, 9, 9, 9, 9, 9, 9, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		b := bytesReader(data)
		n := 1 + b.next()%8
		net := schedule.Network{Start: start}
		if b.next()%3 == 0 {
			net.Deadline = start.AddDays(b.next())
			if b.next()%2 == 0 {
				net.Start = calendar.Date{} // scheduled backwards
			}
		}
		for i := range n {
			a := schedule.Activity{ID: fmt.Sprint("t", i), Duration: b.next() % 12}
			if b.next()%7 == 0 && !net.Deadline.IsZero() {
				a.AfterRelease = true
			}
			net.Activities = append(net.Activities, a)
		}
		for range b.next() % 12 {
			i, j := b.next()%n, b.next()%n
			if i > j {
				i, j = j, i
			}
			if b.next()%9 == 0 { // sometimes backwards: a cycle
				i, j = j, i
			}
			net.Dependencies = append(net.Dependencies, schedule.Dependency{
				From: net.Activities[i].ID, To: net.Activities[j].ID,
				Type: schedule.LinkType(b.next() % 4), Lag: b.next()%7 - 2,
			})
		}
		in := Input{Distribution: Distribution(b.next() % 4)}
		for range b.next() % (n + 2) {
			lo := float64(b.next()%20) / 2
			m := lo + float64(b.next()%20)/3
			e := Estimate{Activity: fmt.Sprint("t", b.next()%(n+1)), ThreePoint: ThreePoint{lo, m, m + float64(b.next()%30)}}
			if b.next()%13 == 0 {
				e.Pessimistic = -1
			}
			in.Estimates = append(in.Estimates, e)
		}
		for k := range b.next() % 3 {
			r := Risk{ID: fmt.Sprint("r", k), Probability: float64(b.next()) / 250, Delay: ThreePoint{0, float64(b.next() % 5), 5}}
			for range 1 + b.next()%2 {
				r.Activities = append(r.Activities, fmt.Sprint("t", b.next()%n))
			}
			in.Risks = append(in.Risks, r)
		}
		opt := Options{Iterations: 1 + b.next()%60, Seed: uint64(b.next()), Workers: 1, Bucket: Bucket(b.next() % 4)}

		r, err := Run(context.Background(), net, in, opt)
		if err != nil {
			var l validation.List
			var ce *schedule.CycleError
			if !errors.As(err, &l) && !errors.As(err, &ce) && !errors.Is(err, schedule.ErrOutOfRange) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		opt.Workers = 3
		r3, err := Run(context.Background(), net, in, opt)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(r, r3); d != "" {
			t.Fatalf("1 and 3 workers differ:\n%s", d)
		}
		checkInvariants(t, r, opt.Iterations)
	})
}

func checkInvariants(t *testing.T, r *Result, n int) {
	t.Helper()
	if r.Iterations != n || len(r.SCurve) == 0 {
		t.Fatalf("%d iterations, %d points", r.Iterations, len(r.SCurve))
	}
	if !(r.P50.Compare(r.P80) <= 0 && r.P80.Compare(r.P95) <= 0) {
		t.Errorf("P50 %s P80 %s P95 %s", r.P50, r.P80, r.P95)
	}
	in01 := func(x float64) bool { return x >= 0 && x <= 1 }
	if !in01(r.OnTime) {
		t.Errorf("on time %v", r.OnTime)
	}
	count, prev := 0, 0.0
	for i, p := range r.SCurve {
		count += p.Count
		if !in01(p.Probability) || p.Probability < prev || p.Count <= 0 || (i > 0 && !r.SCurve[i-1].Date.Before(p.Date)) {
			t.Errorf("point %d: %+v", i, p)
		}
		prev = p.Probability
	}
	if count != n || prev != 1 {
		t.Errorf("S-curve counts %d ending at %v", count, prev)
	}
	hist := 0
	for _, b := range r.Histogram {
		hist += b.Count
	}
	if hist != n {
		t.Errorf("histogram counts %d", hist)
	}
	if r.SCurve[0].Date.After(r.Mean) || r.Mean.After(r.SCurve[len(r.SCurve)-1].Date) {
		t.Errorf("mean %s outside the S-curve", r.Mean)
	}
	crit := false
	for _, a := range r.Activities {
		if !in01(a.Criticality) || math.Abs(a.Correlation) > 1 || math.IsNaN(a.Low+a.High+a.MeanDuration) {
			t.Errorf("activity %+v", a)
		}
		crit = crit || a.Criticality > 0
	}
	if !crit {
		t.Error("no activity was ever critical")
	}
	for _, k := range r.Risks {
		if !in01(k.Occurrence) || math.Abs(k.Correlation) > 1 || math.IsNaN(k.Low+k.High) {
			t.Errorf("risk %+v", k)
		}
	}
}
