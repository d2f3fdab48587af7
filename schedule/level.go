package schedule

import (
	"fmt"
	"slices"
	"sync"

	"github.com/rolloutkit/rollout/calendar"
)

// maxHorizon bounds how far levelling may push work past the project
// start, in workdays; beyond it the dates would leave the calendar's range.
const maxHorizon = 1 << 22

// Delay is one activity that levelling had to postpone because a resource
// was full or away.
type Delay struct {
	// ID is the delayed activity.
	ID string `json:"id"`
	// Days is the delay in workdays beyond the earliest start that its
	// (levelled) predecessors and constraints allowed.
	Days int `json:"days"`
	// Resource is a resource that was full (or, with Unavailable, not
	// working) on a day the activity needed when placed at that earliest
	// start.
	Resource string `json:"resource"`
	// Unavailable tells that Resource was not working then (its calendar
	// or an absence), rather than busy with other work.
	Unavailable bool `json:"unavailable,omitzero"`
	// From is the earliest start it could have had; To the start it got.
	From calendar.Date `json:"from"`
	To   calendar.Date `json:"to"`
}

// Piece is a stretch of consecutive workdays on which a levelled activity
// works.
type Piece struct {
	// Start and Finish are the first and last workdays of the piece.
	Start  calendar.Date `json:"start"`
	Finish calendar.Date `json:"finish"`
	// Days is the number of workdays in the piece.
	Days int `json:"days"`
}

// LevelledTiming is the levelled schedule of one activity.
type LevelledTiming struct {
	ID string `json:"id"`
	// Duration is the activity's work in workdays.
	Duration int `json:"duration"`
	// Start and Finish are the first and last workdays (equal for a
	// milestone).
	Start  calendar.Date `json:"start"`
	Finish calendar.Date `json:"finish"`
	// Shift is how many workdays later than its unlevelled early start
	// the activity starts, whether delayed itself or by its predecessors.
	Shift int `json:"shift"`
	// Pieces are the stretches of work when the activity pauses between
	// Start and Finish: a splittable activity interrupted by other work,
	// or any activity waiting while a resource is away. Nil when it works
	// every workday from Start to Finish.
	Pieces []Piece `json:"pieces,omitempty"`
}

// MissedDate is a date that the levelled schedule misses.
type MissedDate struct {
	// Constraint says which date: "deadline" (the network's deadline,
	// which the release work must meet) or "finishNoLaterThan" (the
	// activity's own date).
	Constraint string `json:"constraint"`
	// ID is the activity that finishes late: the one with the
	// finish-no-later-than date, or for the deadline the release activity
	// that finishes last.
	ID string `json:"id"`
	// Date is the date to meet, rolled back to a workday.
	Date calendar.Date `json:"date"`
	// Finish is the levelled finish (its last workday).
	Finish calendar.Date `json:"finish"`
	// Days is how many workdays late Finish is.
	Days int `json:"days"`
}

// The values of MissedDate.Constraint.
const (
	MissedDeadline          = "deadline"
	MissedFinishNoLaterThan = "finishNoLaterThan"
)

// Levelled is a schedule that respects resource capacities as well as
// every dependency and start constraint. Build one with Level. It
// encodes to JSON as its LevelledSummary (see Levelled.MarshalJSON).
type Levelled struct {
	c      *Compiled
	base   *Result
	times  []int32 // 2v: start, 2v+1: exclusive finish
	pieces map[int32][]span
	side   []bool
	dm     dateMap
	ready  int32
	end    int32
	delays []Delay
	method string
}

// Level schedules n within its resource limits. It tries several
// schemes from the resource-constrained project scheduling literature and
// keeps the best schedule:
//
//   - the serial and the parallel schedule generation schemes, each with
//     the priority rules latest start, latest finish, minimum slack
//     (total float) and greatest rank positional weight, on the unlevelled
//     schedule (whose late dates already count the deadline and every
//     finish-no-later-than date, so work whose date is at risk goes
//     first);
//   - each result improved by forward-backward justification: every
//     activity shifted as late as it can go in order of decreasing finish,
//     then as early as it can go in order of increasing start, repeated
//     while the schedule gets shorter;
//   - after the local searches the package documentation describes, on
//     networks of up to 2,000 activities in which no activity pauses: two
//     candidates ordered by the preemptive relaxation (the network
//     levelled as if every activity could split, each activity then taken
//     by the middle of its stretch there), kept when better, and a tree
//     search for a schedule one workday shorter at a time.
//
// The best schedule is the one that misses the deadline and the
// finish-no-later-than dates by the fewest workdays in total, then
// finishes the release work first, then the whole network; ties go to the
// first scheme tried. Method names it.
//
// An activity is placed where its dependencies and start constraints hold
// and each resource it demands has the units free on every workday of its
// work. A resource with a calendar or absences (Resource.Calendar,
// Resource.Absences) has no units on the days it does not work: an
// activity that needs it pauses over those days (Pieces reports the
// stretches). A Splittable activity may also pause while its resources
// work elsewhere, taking the first free workdays from its start.
//
// With activity calendars (Activity.Calendar) an activity works only on
// workdays of its own calendar on which its resources work too (a
// resource without a calendar follows the network calendar). Activities
// as late as possible (Activity.Mode) are placed as late as their
// successors, the deadline and the resources allow once the rest is
// levelled, their successors following them (see the package
// documentation).
//
// The result is deterministic, never exceeds a capacity and respects
// every dependency; finish-no-later-than dates and the deadline may be
// missed, which Missed, Slack and MeetsDeadline report.
//
// Errors are those of Schedule, and ErrOutOfRange when the levelled
// schedule would run past the calendar's range (or an activity never
// finds a day that its calendar and its resources' calendars share).
func Level(n Network) (*Levelled, error) {
	return levelWith(n, defaultConfig(len(n.Activities)))
}

// levelConfig is what levelWith tries: the schemes, then rounds of
// iterated local search around the best, perturbing by up to amp workdays.
type levelConfig struct {
	schemes []levelScheme
	rounds  int
	amp     int32
	tries   int // of the critical-chain swaps
	nodes   int // budget of the window search, per target end
	// relax are the priority rules of the serial scheme on the
	// preemptive relaxation whose schedules order further candidates.
	relax []priorityRule
}

// defaultConfig is what Level tries on n activities: every scheme, up to
// 30 critical-chain swaps, and rounds of iterated local search while they
// are cheap (32 rounds up to 1,000 activities, fewer above, none from
// 32,000); up to 2,000 activities also the candidates ordered by the
// preemptive relaxation and the window search (searchNodes).
func defaultConfig(n int) levelConfig {
	cfg := levelConfig{schemes: defaultSchemes, tries: 30, rounds: min(32, 32_000/max(n, 1)), amp: 32}
	if n <= searchMax {
		cfg.relax = []priorityRule{ruleLatestStart, ruleLatestFinish}
		cfg.nodes = searchNodes(n)
	}
	return cfg
}

// searchMax is the size up to which Level runs the relaxation and the
// window search: beyond, a search costs more than the rest of Level (its
// branching scans every activity) and, on the generated 10,000-task
// projects, found nothing shorter.
const searchMax = 2000

// searchNodes is the node budget of each window search on n activities:
// about one dive through the activities and a quarter more to repair it.
var searchNodes = func(n int) int { return n + n/4 }

var baselineConfig = levelConfig{schemes: baselineSchemes}

// levelScheme is one way to level: a generation scheme with a priority
// rule, and whether to improve the result by justification.
type levelScheme struct {
	rule     priorityRule
	parallel bool
	justify  bool
}

func (s levelScheme) String() string {
	name := "serial"
	if s.parallel {
		name = "parallel"
	}
	name += " scheme, " + s.rule.String()

	if s.justify {
		name += ", justified"
	}
	return name
}

// defaultSchemes are the schemes Level tries, in order.
var defaultSchemes = []levelScheme{
	{rule: ruleLatestStart, parallel: false, justify: true},
	{rule: ruleLatestStart, parallel: true, justify: true},
	{rule: ruleLatestFinish, parallel: false, justify: true},
	{rule: ruleLatestFinish, parallel: true, justify: true},
	{rule: ruleMinSlack, parallel: false, justify: true},
	{rule: ruleMinSlack, parallel: true, justify: true},
	{rule: ruleRankWeight, parallel: false, justify: true},
	{rule: ruleRankWeight, parallel: true, justify: true},
}

// baselineSchemes is the single scheme of earlier versions: serial,
// least total float, no justification.
var baselineSchemes = []levelScheme{{rule: ruleMinSlack, parallel: false, justify: false}}

func levelWith(n Network, cfg levelConfig) (*Levelled, error) {
	schemes := cfg.schemes
	c, err := Compile(n)
	if err != nil {
		return nil, err
	}
	base, err := c.Schedule(nil)
	if err != nil {
		return nil, err
	}
	lv, err := newLeveller(c, base.p, &n)
	if err != nil {
		return nil, err
	}
	// The schemes on two goroutines, each with its own workspace; the
	// best is picked in scheme order, so the answer does not depend on
	// which finishes first.
	runs := make([]*levelRun, len(schemes))
	errs := make([]error, len(schemes))
	var wg sync.WaitGroup
	other := lv.clone()
	for w, lw := range []*leveller{lv, other} {
		wg.Go(func() {
			for i := w; i < len(schemes); i += 2 {
				runs[i], errs[i] = lw.scheme(schemes[i])
			}
		})
	}
	wg.Wait()
	var best *levelRun
	for i, r := range runs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if best == nil || r.better(best) {
			best = r
		}
	}
	if cfg.tries > 0 {
		if best, err = lv.swaps(other, best, cfg.tries); err != nil {
			return nil, err
		}
	}
	if cfg.rounds > 0 {
		if best, err = lv.perturb(best, cfg.rounds, cfg.amp); err != nil {
			return nil, err
		}
	}
	// The candidates ordered by the relaxation compete with the result
	// of the local searches, not before them, so that they never make it
	// worse.
	if len(cfg.relax) > 0 && lv.general == nil {
		more := make([]*levelRun, len(cfg.relax))
		merrs := make([]error, len(cfg.relax))
		for w, lw := range []*leveller{lv, other} {
			wg.Go(func() {
				for i := w; i < len(cfg.relax); i += 2 {
					more[i], merrs[i] = lw.fromRelaxation(cfg.relax[i], cfg.rounds, cfg.amp)
				}
			})
		}
		wg.Wait()
		for i, r := range more {
			if merrs[i] != nil {
				return nil, merrs[i]
			}
			if r.better(best) {
				best = r
			}
		}
	}
	if cfg.nodes > 0 && lv.searchable() {
		if best, err = lv.tighten(best, base.p.end, cfg.nodes); err != nil {
			return nil, err
		}
	}
	if c.anyLate {
		if best, err = lv.alap(best); err != nil {
			return nil, err
		}
	}
	return lv.result(base, best)
}

// scheme levels by one scheme.
func (lv *leveller) scheme(sc levelScheme) (*levelRun, error) {
	r, err := lv.forward(lv.priority(sc.rule), sc.parallel)
	if err != nil {
		return nil, err
	}
	r.method = sc.String()
	if sc.justify {
		return lv.justify(r, justifyRounds)
	}
	return r, nil
}

// result turns the chosen run into a Levelled.
func (lv *leveller) result(base *Result, r *levelRun) (*Levelled, error) {
	c, p := lv.c, base.p
	start := p.start
	times := r.times
	l := &Levelled{c: c, base: base, times: times, pieces: r.pieces, ready: r.ready, end: r.end, method: r.method}
	lo, hi := start-1, start+1
	if c.hasDL {
		lo, hi = min(lo, c.deadline-1), max(hi, c.deadline)
	}
	for v := range c.ids {
		lo, hi = min(lo, times[2*v]-1), max(hi, times[2*v+1])
	}
	l.side = c.sides(times, p.dur, start, nil)
	var err error
	if l.dm, err = c.dateTable(lo, hi); err != nil {
		return nil, err
	}
	for _, dl := range r.delays {
		l.delays = append(l.delays, Delay{
			ID: c.ids[dl.v], Days: int(c.workdays(int(dl.v), lv.dur[dl.v], dl.from, dl.to)), Resource: lv.resID[dl.res], Unavailable: dl.off,
			From: l.date(dl.from), To: l.date(dl.to),
		})
	}
	return l, nil
}

func (l *Levelled) date(i int32) calendar.Date { return l.dm.at(i) }

// Unlevelled returns the schedule before levelling, whose late dates set
// the priorities.
func (l *Levelled) Unlevelled() *Result { return l.base }

// Method names the scheme whose schedule Level kept, such as "parallel
// scheme, latest start, justified".
func (l *Levelled) Method() string { return l.method }

// Delays returns every delay levelling made, in the order the activities
// were placed.
func (l *Levelled) Delays() []Delay { return slices.Clone(l.delays) }

// Timing returns the levelled schedule of the activity, or an error
// wrapping ErrUnknownID.
func (l *Levelled) Timing(id string) (LevelledTiming, error) {
	v, ok := l.c.Index(id)
	if !ok {
		return LevelledTiming{}, fmt.Errorf("schedule: activity %s: %w", quote(id), ErrUnknownID)
	}
	return l.timing(int(v)), nil
}

// Timings returns the levelled schedule of every activity, in the order of
// Network.Activities.
func (l *Levelled) Timings() []LevelledTiming {
	out := make([]LevelledTiming, len(l.c.ids))
	for i := range out {
		out[i] = l.timing(int(l.c.pos[i]))
	}
	return out
}

func (l *Levelled) timing(v int) LevelledTiming {
	c := l.c
	s, f := l.times[2*v], l.times[2*v+1]
	d := l.base.p.dur[v]
	t := LevelledTiming{ID: c.ids[v], Duration: int(d), Shift: int(c.workdays(v, d, l.base.p.early[2*v], s))}
	if f > s {
		t.Start, t.Finish = l.date(s), l.date(f-1)
		for _, sp := range l.pieces[int32(v)] {
			t.Pieces = append(t.Pieces, Piece{Start: l.date(sp.s), Finish: l.date(sp.f - 1), Days: int(c.workdays(v, d, sp.s, sp.f))})
		}
		return t
	}
	switch {
	case c.days && l.side[v]:
		s = c.dcals[0].rollB(s - 1)
	case c.days:
		s = c.dcals[0].rollF(s)
	case l.side[v]:
		s--
	}
	t.Start, t.Finish = l.date(s), l.date(s)
	return t
}

// netLast returns the index of the last workday of the network calendar
// before the exclusive finish f.
func (l *Levelled) netLast(f int32) int32 {
	if l.c.days {
		return l.c.dcals[0].rollB(f - 1)
	}
	return f - 1
}

// Ready returns the last workday of the release work in the levelled
// schedule.
func (l *Levelled) Ready() calendar.Date { return l.date(l.netLast(l.ready)) }

// Finish returns the last workday of the whole levelled network.
func (l *Levelled) Finish() calendar.Date { return l.date(l.netLast(l.end)) }

// Workdays returns the length of the levelled schedule in workdays, from
// the project start to Finish.
func (l *Levelled) Workdays() int { return int(l.c.workdays(0, 0, l.base.p.start, l.end)) }

// Slack returns the workdays between Ready and the deadline: negative when
// levelling makes the release work miss it, 0 without a deadline.
func (l *Levelled) Slack() int {
	if !l.c.hasDL {
		return 0
	}
	return int(l.c.workdays(0, 0, l.ready, l.c.deadline))
}

// MeetsDeadline reports whether the levelled release work is ready by the
// deadline (true without one).
func (l *Levelled) MeetsDeadline() bool { return l.Slack() >= 0 }

// Missed returns every date the levelled schedule misses: the deadline
// (once, naming the release activity that finishes last) and each
// activity's finish-no-later-than date, in the order of
// Network.Activities after the deadline. Nil when every date holds.
func (l *Levelled) Missed() []MissedDate {
	c := l.c
	var out []MissedDate
	if c.hasDL && l.ready > c.deadline {
		last := -1
		for i := range c.ids {
			v := int(c.pos[i])
			if !c.post[v] && (last < 0 || l.times[2*v+1] > l.times[2*last+1]) {
				last = v
			}
		}
		out = append(out, MissedDate{Constraint: MissedDeadline, ID: c.ids[last], Date: l.date(c.deadline - 1),
			Finish: l.Ready(), Days: int(c.workdays(0, 0, c.deadline, l.ready))})
	}
	for i := range c.ids {
		v := int(c.pos[i])
		if f := l.times[2*v+1]; c.ceil[v] != noCeil && f > c.ceil[v] {
			tm := l.timing(v)
			out = append(out, MissedDate{Constraint: MissedFinishNoLaterThan, ID: c.ids[v], Date: l.date(c.ceil[v] - 1),
				Finish: tm.Finish, Days: int(c.workdays(v, l.base.p.dur[v], c.ceil[v], f))})
		}
	}
	return out
}
