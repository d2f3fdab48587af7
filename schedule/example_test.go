package schedule_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
)

// launch is a small rollout: training and marketing before a release on
// Friday 2027-03-19, a demo after it.
func launch() schedule.Network {
	return schedule.Network{
		Start:    calendar.MustParse("2027-03-01"),
		Deadline: calendar.MustParse("2027-03-19"),
		Activities: []schedule.Activity{
			{ID: "materials", Duration: 5},
			{ID: "train-support", Duration: 3},
			{ID: "train-sales", Duration: 2},
			{ID: "press-release", Duration: 2},
			{ID: "ready", Duration: 0},
			{ID: "demo", Duration: 1, AfterRelease: true, ReleaseLag: 5},
		},
		Dependencies: []schedule.Dependency{
			{From: "materials", To: "train-support"},
			{From: "materials", To: "train-sales", Type: schedule.StartToStart, Lag: 3},
			{From: "train-support", To: "ready"},
			{From: "train-sales", To: "ready"},
			{From: "press-release", To: "ready", Type: schedule.FinishToFinish},
		},
	}
}

func Example() {
	r, err := schedule.Schedule(launch())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range r.Timings() {
		fmt.Printf("%-14s %s..%s late %s..%s float %2d critical %v\n",
			t.ID, t.EarlyStart, t.EarlyFinish, t.LateStart, t.LateFinish, t.TotalFloat, t.Critical)
	}
	fmt.Println("ready", r.Ready(), "deadline", r.Deadline(), "slack", r.Slack())
	// Output:
	// materials      2027-03-01..2027-03-05 late 2027-03-10..2027-03-16 float  7 critical false
	// train-support  2027-03-08..2027-03-10 late 2027-03-17..2027-03-19 float  7 critical false
	// train-sales    2027-03-04..2027-03-05 late 2027-03-18..2027-03-19 float 10 critical false
	// press-release  2027-03-01..2027-03-02 late 2027-03-18..2027-03-19 float 13 critical false
	// ready          2027-03-10..2027-03-10 late 2027-03-19..2027-03-19 float  7 critical false
	// demo           2027-03-26..2027-03-26 late 2027-03-26..2027-03-26 float  0 critical true
	// ready 2027-03-10 deadline 2027-03-19 slack 7
}

func ExampleResult_DeadlineMiss() {
	n := launch()
	n.Deadline = calendar.MustParse("2027-03-08")
	r, err := schedule.Schedule(n)
	if err != nil {
		fmt.Println(err)
		return
	}
	if m, missed := r.DeadlineMiss(); missed {
		fmt.Printf("ready %s, deadline %s: float %d\n", m.Ready, m.Deadline, m.Float)
		for _, s := range m.Chain {
			via := ""
			if s.Via != nil {
				via = " via " + s.Via.String()
			}
			fmt.Printf("  %s %s..%s%s\n", s.ID, s.Start, s.Finish, via)
		}
	}
	// Output:
	// ready 2027-03-10, deadline 2027-03-08: float -2
	//   materials 2027-03-01..2027-03-05
	//   train-support 2027-03-08..2027-03-10 via materials -FS-> train-support
	//   ready 2027-03-10..2027-03-10 via train-support -FS-> ready
}

func ExampleResult_Explain() {
	r, err := schedule.Schedule(launch())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"train-sales", "demo"} {
		e, _ := r.Explain(id)
		fmt.Println(e.Text)
	}
	// Output:
	// train-sales is not critical: it has 10 workdays of total float; it can finish as late as 2027-03-19 (the finish-to-start link to ready) instead of 2027-03-05. It starts 2027-03-04 because of the start-to-start link from materials, lag +3. Driving chain: materials -SS+3-> train-sales.
	// demo is critical: it has no float; it must finish by 2027-03-26 (the finish of the work after the release), and any slip moves that date. It starts 2027-03-26 because of the release on 2027-03-19.
}

func ExampleLevel() {
	n := launch()
	// One trainer writes the materials and gives both trainings.
	n.Resources = []schedule.Resource{{ID: "trainer", Capacity: 1}}
	n.Activities[0].Demands = []schedule.Demand{{Resource: "trainer", Units: 1}}
	n.Activities[1].Demands = []schedule.Demand{{Resource: "trainer", Units: 1}}
	n.Activities[2].Demands = []schedule.Demand{{Resource: "trainer", Units: 1}}
	l, err := schedule.Level(n)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range l.Delays() {
		fmt.Printf("%s waits %d workdays for %s: %s -> %s\n", d.ID, d.Days, d.Resource, d.From, d.To)
	}
	fmt.Println("ready", l.Ready(), "meets deadline", l.MeetsDeadline())
	// Output:
	// train-sales waits 5 workdays for trainer: 2027-03-04 -> 2027-03-11
	// ready 2027-03-12 meets deadline true
}

// A Monte Carlo forecast compiles the network once and reruns the passes
// with other durations, without allocating.
func ExampleCompiled_NewPass() {
	c, err := schedule.Compile(launch())
	if err != nil {
		fmt.Println(err)
		return
	}
	p := c.NewPass()
	dur := c.Durations()
	deadline, _ := c.Deadline()
	for _, extra := range []int32{0, 6, 8} {
		v, _ := c.Index("train-support")
		dur[v] = 3 + extra
		if err := p.Run(dur); err != nil {
			fmt.Println(err)
			return
		}
		ready, _ := c.Date(p.Ready() - 1)
		fmt.Printf("train-support %d days: ready %s, in time %v\n", dur[v], ready, p.Ready() <= deadline)
	}
	// Output:
	// train-support 3 days: ready 2027-03-10, in time true
	// train-support 9 days: ready 2027-03-18, in time true
	// train-support 11 days: ready 2027-03-22, in time false
}

func ExampleWriteTJP() {
	n := schedule.Network{
		Start:        calendar.MustParse("2027-03-01"),
		Activities:   []schedule.Activity{{ID: "build", Duration: 3}, {ID: "ship"}},
		Dependencies: []schedule.Dependency{{From: "build", To: "ship", Lag: 1}},
	}
	if err := schedule.WriteTJP(os.Stdout, n); err != nil {
		fmt.Println(err)
	}
	// Output:
	// project rollout "rollout schedule" 2027-03-01 - 2027-05-03 {
	//   timezone "UTC"
	//   timeformat "%Y-%m-%d %H:%M"
	//   dailyworkinghours 8
	//   workinghours sun off
	//   workinghours mon 9:00 - 17:00
	//   workinghours tue 9:00 - 17:00
	//   workinghours wed 9:00 - 17:00
	//   workinghours thu 9:00 - 17:00
	//   workinghours fri 9:00 - 17:00
	//   workinghours sat off
	// }
	// task t0 "build" {
	//   length 3d
	// }
	// task t1 "ship" {
	//   milestone
	//   depends t0 { gaplength 1d }
	// }
}

// Without a start date the network is scheduled backwards from the
// deadline: each release activity as late as possible.
func ExampleSchedule_backward() {
	n := launch()
	n.Start = calendar.Date{}
	r, err := schedule.Schedule(n)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("start by", r.Start())
	for _, id := range []string{"materials", "train-support", "press-release", "ready"} {
		s, f, _ := r.Scheduled(id)
		fmt.Printf("%-14s %s..%s\n", id, s, f)
	}
	// Output:
	// start by 2027-03-10
	// materials      2027-03-10..2027-03-16
	// train-support  2027-03-17..2027-03-19
	// press-release  2027-03-18..2027-03-19
	// ready          2027-03-19..2027-03-19
}

// A Result encodes as its Summary: every activity's dates, float and
// drivers, and the chain behind the release, ready for a web client.
func ExampleResult_MarshalJSON() {
	r, err := schedule.Schedule(schedule.Network{
		Start:      calendar.MustParse("2027-03-01"),
		Deadline:   calendar.MustParse("2027-03-02"),
		Activities: []schedule.Activity{{ID: "train", Duration: 2}, {ID: "launch"}},
		Dependencies: []schedule.Dependency{
			{From: "train", To: "launch"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(b)
	// Output:
	// {
	//   "start": "2027-03-01",
	//   "ready": "2027-03-02",
	//   "finish": "2027-03-02",
	//   "deadline": "2027-03-02",
	//   "slack": 0,
	//   "meetsDeadline": true,
	//   "activities": [
	//     {
	//       "id": "train",
	//       "duration": 2,
	//       "earlyStart": "2027-03-01",
	//       "earlyFinish": "2027-03-02",
	//       "lateStart": "2027-03-01",
	//       "lateFinish": "2027-03-02",
	//       "totalFloat": 0,
	//       "freeFloat": 0,
	//       "critical": true,
	//       "start": "2027-03-01",
	//       "finish": "2027-03-02",
	//       "startDriver": {
	//         "kind": "project-start",
	//         "date": "2027-03-01"
	//       },
	//       "finishDriver": {
	//         "kind": "link",
	//         "link": {
	//           "index": 0,
	//           "from": "train",
	//           "to": "launch"
	//         }
	//       }
	//     },
	//     {
	//       "id": "launch",
	//       "duration": 0,
	//       "earlyStart": "2027-03-02",
	//       "earlyFinish": "2027-03-02",
	//       "lateStart": "2027-03-02",
	//       "lateFinish": "2027-03-02",
	//       "totalFloat": 0,
	//       "freeFloat": 0,
	//       "critical": true,
	//       "start": "2027-03-02",
	//       "finish": "2027-03-02",
	//       "startDriver": {
	//         "kind": "link",
	//         "link": {
	//           "index": 0,
	//           "from": "train",
	//           "to": "launch"
	//         }
	//       },
	//       "finishDriver": {
	//         "kind": "deadline",
	//         "date": "2027-03-02"
	//       }
	//     }
	//   ],
	//   "releaseChain": [
	//     {
	//       "id": "train",
	//       "start": "2027-03-01",
	//       "finish": "2027-03-02",
	//       "totalFloat": 0
	//     },
	//     {
	//       "id": "launch",
	//       "start": "2027-03-02",
	//       "finish": "2027-03-02",
	//       "totalFloat": 0,
	//       "via": {
	//         "index": 0,
	//         "from": "train",
	//         "to": "launch"
	//       }
	//     }
	//   ],
	//   "criticalPaths": [
	//     [
	//       "train",
	//       "launch"
	//     ]
	//   ]
	// }
}

// A Levelled schedule encodes as its LevelledSummary: the levelled dates
// of every activity (with the stretches of one that pauses), the delays
// levelling made and the dates it misses, ready for a web client.
func ExampleLevelled_MarshalJSON() {
	trainer := []schedule.Demand{{Resource: "trainer", Units: 1}}
	l, err := schedule.Level(schedule.Network{
		Start:     calendar.MustParse("2027-03-01"),
		Resources: []schedule.Resource{{ID: "trainer", Capacity: 1}},
		Activities: []schedule.Activity{
			{ID: "workshop", Duration: 1, StartNoEarlierThan: calendar.MustParse("2027-03-02"),
				FinishNoLaterThan: calendar.MustParse("2027-03-02"), Demands: trainer},
			{ID: "materials", Duration: 3, Splittable: true, FinishNoLaterThan: calendar.MustParse("2027-03-03"), Demands: trainer},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(b)
	// Output:
	// {
	//   "start": "2027-03-01",
	//   "ready": "2027-03-04",
	//   "finish": "2027-03-04",
	//   "workdays": 4,
	//   "slack": 0,
	//   "meetsDeadline": true,
	//   "method": "serial scheme, latest finish, justified",
	//   "activities": [
	//     {
	//       "id": "workshop",
	//       "duration": 1,
	//       "start": "2027-03-02",
	//       "finish": "2027-03-02",
	//       "shift": 0
	//     },
	//     {
	//       "id": "materials",
	//       "duration": 3,
	//       "start": "2027-03-01",
	//       "finish": "2027-03-04",
	//       "shift": 0,
	//       "pieces": [
	//         {
	//           "start": "2027-03-01",
	//           "finish": "2027-03-01",
	//           "days": 1
	//         },
	//         {
	//           "start": "2027-03-03",
	//           "finish": "2027-03-04",
	//           "days": 2
	//         }
	//       ]
	//     }
	//   ],
	//   "delays": [],
	//   "missed": [
	//     {
	//       "constraint": "finishNoLaterThan",
	//       "id": "materials",
	//       "date": "2027-03-03",
	//       "finish": "2027-03-04",
	//       "days": 1
	//     }
	//   ]
	// }
}
