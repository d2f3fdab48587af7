package schedule

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
)

// networkFromBytes builds a small network driven by data: activities with
// odd durations and constraints, links of any type (some invalid), lags
// large and negative, cycles, unknown IDs, resources and demands.
func networkFromBytes(data []byte) Network {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	base := d("2027-01-04")
	n := Network{}
	switch next() % 4 {
	case 0:
		n.Start = base
	case 1:
		n.Deadline = base.AddDays(next())
	case 2:
		n.Start, n.Deadline = base, base.AddDays(next()-20)
	}
	if next()%3 == 0 {
		n.Calendar, _ = calendar.New(calendar.Spec{Workweek: calendar.Weekdays(next() | 1), HoursPerDay: 8,
			Holidays: []calendar.Holiday{{Date: base.AddDays(next() % 30), Through: base.AddDays(next()%30 + next()%40)}}})
	}
	if next()%3 == 0 {
		deploy, _ := calendar.New(calendar.Spec{Name: "deploy", Workweek: calendar.Weekdays(next() | 2), HoursPerDay: 8,
			Freezes: []calendar.Freeze{{Name: "freeze", From: base.AddDays(next() % 40), Through: base.AddDays(next()%40 + next()%60)}}})
		six, _ := calendar.New(calendar.Spec{Name: "six", Workweek: calendar.Weekdays(next()%128 | 64), HoursPerDay: 8})
		n.Calendars = []*calendar.Calendar{deploy, six}
		if next()%8 == 0 {
			n.Calendars = append(n.Calendars, nil, six)
		}
	}
	nr := next() % 4
	for r := 0; r < nr; r++ {
		n.Resources = append(n.Resources, Resource{ID: fmt.Sprintf("r%d", r), Capacity: next()%5 - 1})
	}
	na := next() % 24
	for i := 0; i < na; i++ {
		a := Activity{ID: fmt.Sprintf("a%d", next()%40), Duration: next() % 12}
		switch next() % 12 {
		case 0:
			a.Duration = -a.Duration - 1
		case 1:
			a.Duration = MaxDuration + next()
		case 2:
			a.StartNoEarlierThan = base.AddDays(next() - 50)
		case 3:
			a.FinishNoLaterThan = base.AddDays(next() - 50)
		case 4:
			a.StartNoEarlierThan, a.FinishNoLaterThan = base.AddDays(next()), base.AddDays(next())
		case 5:
			a.AfterRelease, a.ReleaseLag = true, next()%5-1
		case 6:
			a.Demands = append(a.Demands, Demand{Resource: fmt.Sprintf("r%d", next()%5), Units: next()%4 - 1})
		case 7:
			a.StartNoEarlierThan = calendar.MaxDate.AddDays(-next())
		}
		a.Calendar = [...]string{"", "", "deploy", "six", "nowhere", ""}[next()%6]
		a.Mode = Mode(next() % 4)
		n.Activities = append(n.Activities, a)
	}
	nd := next() % 48
	for k := 0; k < nd && na > 0; k++ {
		dep := Dependency{
			From: fmt.Sprintf("a%d", next()%42),
			To:   fmt.Sprintf("a%d", next()%42),
			Type: LinkType(next() % 5),
			Lag:  next()%16 - 6,
		}
		switch next() % 16 {
		case 0:
			dep.Lag = -MaxLag + next()
		case 1:
			dep.Lag = MaxLag + next()
		case 2:
			dep.From = ""
		}
		n.Dependencies = append(n.Dependencies, dep)
	}
	return n
}

// checkNetwork runs every entry point on n and checks what must hold
// whatever the input.
func checkNetwork(t *testing.T, n Network) {
	verr := n.Validate()
	r, err := Schedule(n)
	if (verr != nil) && err == nil {
		t.Fatalf("Validate failed (%v) but Schedule succeeded", verr)
	}
	var ce *CycleError
	if errors.As(err, &ce) {
		if len(ce.Path) < 3 || ce.Path[0] != ce.Path[len(ce.Path)-1] || len(ce.Links) != len(ce.Path)-1 {
			t.Fatalf("bad cycle %v %v", ce.Path, ce.Links)
		}
		for i, k := range ce.Links {
			if l := n.Dependencies[k]; l.From != ce.Path[i] || l.To != ce.Path[i+1] {
				t.Fatalf("cycle link %d is %+v, not %s -> %s", k, l, ce.Path[i], ce.Path[i+1])
			}
		}
	}
	if err == nil {
		p, c := r.Pass(), r.Compiled()
		at := func(x int32) calendar.Date { d, _ := c.Date(x); return d }
		for i, l := range n.Dependencies {
			u, _ := c.Index(l.From)
			w, _ := c.Index(l.To)
			if c.DayAxis() {
				if !holds(n.cal(), l, int(p.Duration(u)), at(p.PlacedStart(u)), at(p.PlacedFinish(u)), at(p.PlacedStart(w)), at(p.PlacedFinish(w))) && p.PlacedStart(w) != p.Start() {
					t.Fatalf("dependency %d %+v broken between placed dates", i, l)
				}
				continue
			}
			if p.EarlyStart(w) != p.Start() && !respected(l, p.EarlyStart(u), p.Duration(u), p.EarlyStart(w), p.Duration(w)) {
				t.Fatalf("dependency %d %+v broken", i, l)
			}
			if p.PlacedStart(w) != p.Start() && !respected(l, p.PlacedStart(u), p.Duration(u), p.PlacedStart(w), p.Duration(w)) {
				t.Fatalf("dependency %d %+v broken between placed dates", i, l)
			}
		}
		for _, a := range n.Activities {
			if _, err := r.Explain(a.ID); err != nil {
				t.Fatal(err)
			}
		}
		r.Timings()
		r.CriticalPaths(5)
		r.DeadlineMiss()
	}
	if _, lerr := Level(n); (lerr == nil) != (err == nil) && !errors.Is(lerr, ErrOutOfRange) && !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("Schedule: %v, Level: %v", err, lerr)
	}
	if err := WriteTJP(io.Discard, n); err != nil && !errors.Is(err, ErrNotSupported) && verr == nil && ce == nil && !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("WriteTJP: %v", err)
	}
}

func FuzzNetwork(f *testing.F) {
	f.Add([]byte{0, 1, 2, 6, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add([]byte{2, 30, 1, 2, 2, 8, 0, 5, 3, 1, 2, 4, 2, 6, 4, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte("cycles and lags and constraints, all mixed up together"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkNetwork(t, networkFromBytes(data))
	})
}

// FuzzNetworkJSON decodes arbitrary JSON into a Network and schedules it.
func FuzzNetworkJSON(f *testing.F) {
	f.Add(`{"start":"2027-01-04","activities":[{"id":"a","duration":2},{"id":"b"}],"dependencies":[{"from":"a","to":"b","type":"SS","lag":-1}]}`)
	f.Add(`{"deadline":"2027-03-01","activities":[{"id":"a","duration":2,"finishNoLaterThan":"2027-02-01"},{"id":"b","afterRelease":true}],"dependencies":[{"from":"a","to":"b"},{"from":"b","to":"a"}]}`)
	f.Add(`{"start":"2027-01-04","calendar":{"workweek":["Sat"],"hoursPerDay":8,"holidays":[{"date":"2027-01-09","through":"2027-12-31"}]},"activities":[{"id":"a","duration":100000}]}`)
	f.Add(`{"start":"2027-01-04","deadline":"2027-03-01","calendars":[{"name":"deploy","workweek":["Mon","Tue"],"hoursPerDay":8,"freezes":[{"name":"close","from":"2027-01-20","through":"2027-02-05"}]}],"activities":[{"id":"a","duration":3,"calendar":"deploy"},{"id":"b","duration":2,"mode":"alap"},{"id":"c","calendar":"nope","mode":"asap"}],"dependencies":[{"from":"a","to":"b","type":"FF","lag":-2}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		var n Network
		if json.Unmarshal([]byte(s), &n) != nil {
			return
		}
		if len(n.Activities) > 200 || len(n.Dependencies) > 400 {
			return
		}
		checkNetwork(t, n)
	})
}

func FuzzLinkTypeText(f *testing.F) {
	for _, s := range []string{"FS", "ss", "finish-to-finish", "start-to-finish", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var lt LinkType
		if err := lt.UnmarshalText([]byte(s)); err != nil {
			return
		}
		b, err := lt.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var again LinkType
		if err := again.UnmarshalText(b); err != nil || again != lt {
			t.Fatalf("%q -> %v -> %q -> %v", s, lt, b, again)
		}
	})
}
