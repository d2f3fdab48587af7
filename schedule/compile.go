package schedule

import (
	"fmt"
	"slices"
	"sync"

	"github.com/rolloutkit/rollout/calendar"
)

// Bounds of the engine's workday indices: no computed index leaves
// [noFloor, noCeil], so no arithmetic on them can overflow an int32.
const (
	noFloor int32 = -1 << 29
	noCeil  int32 = 1 << 29
)

// Compiled is a checked network turned into flat integer arrays, ready to be
// scheduled many times (for instance once per Monte Carlo iteration with
// different durations). It is immutable and safe for concurrent use; each
// goroutine runs its own Pass.
//
// Activities are renumbered in topological order: index i of a Compiled
// network is the i-th activity of that order, every predecessor has a
// smaller index than its successors. Index, ID and Position translate
// between these indices, activity IDs and positions in
// Network.Activities.
//
// Times are workday indices counted from Origin (index 0): an activity that
// starts on index s with duration d occupies the workdays s to s+d-1 and
// its exclusive finish is s+d. See the package documentation.
type Compiled struct {
	cal *calendar.Calendar
	// days is set when activities follow calendars of their own: times
	// are then day offsets from the origin, the common axis on which
	// dcals (0: the network calendar) do each activity's arithmetic.
	days  bool
	dcals []dayCal
	acal  []uint16 // compiled index -> index in dcals; nil without days
	cals  []*calendar.Calendar
	// late marks the activities placed at their late dates (mode);
	// anyLate tells whether a placing pass is needed at all.
	late    []bool
	anyLate bool

	origin   calendar.Date
	backward bool
	hasDL    bool
	deadline int32 // exclusive: the index of the deadline workday plus one

	ids   []string
	index *idIndex // ID -> compiled index
	pos   []int32  // input index -> compiled index
	inp   []int32  // compiled index -> input index
	dur   []int32
	floor []int32 // lower bound on the start (start-no-earlier-than, release)
	fkind []uint8 // what floor is: 0 none, 1 start constraint, 2 release
	ceil  []int32 // upper bound on the exclusive finish (finish-no-later-than)
	post  []bool  // after the release: not bound by the deadline

	// Predecessors in CSR form, by successor. The entries of node v are
	// predOff[v] to predOff[v+1]; those before predMid[v] constrain v's
	// start (FS, SS), the others its finish (FF, SF). predSrc is 2*u for
	// a link from u's start and 2*u+1 from its finish.
	predOff, predMid []int32
	predSrc, predLag []int32
	predDep          []int32 // index in Network.Dependencies

	// Successors in CSR form, by predecessor. Entries before succMid[v]
	// leave from v's finish (FS, FF), the others from its start (SS, SF).
	// succDst is 2*w for a link to w's start and 2*w+1 to its finish.
	succOff, succMid []int32
	succDst, succLag []int32
	succDep          []int32

	// The links by input index, for explanations.
	depFrom, depTo []int32 // compiled indices
	depType        []LinkType
	depLag         []int32
}

// Compile checks n and builds its compiled form. Input problems come back
// together as a validation.List; a dependency cycle as a *CycleError
// (errors.Is(err, ErrCycle)). The network is not retained: later changes
// to n do not affect the result.
func Compile(n Network) (*Compiled, error) { return compile(n, false) }

// compile is Compile; forceDays schedules on the common day axis even
// when every activity follows the network calendar (tests compare the two
// axes).
func compile(n Network, forceDays bool) (*Compiled, error) {
	probs, ids, lk := n.validate()
	if len(probs) > 0 {
		return nil, probs
	}
	from, to := lk.from, lk.to
	na := len(n.Activities)
	nd := len(n.Dependencies)
	// Kahn's algorithm on input indices, with the successors of each
	// activity in CSR form.
	off := make([]int32, na+1)
	indeg := make([]int32, na)
	for i, f := range from {
		off[f+1]++
		indeg[to[i]]++
	}
	for i := 0; i < na; i++ {
		off[i+1] += off[i]
	}
	adj := make([]int32, nd)
	fill := slices.Clone(off[:na])
	for i, f := range from {
		adj[fill[f]] = to[i]
		fill[f]++
	}
	order := make([]int32, 0, na)
	for i := 0; i < na; i++ {
		if indeg[i] == 0 {
			order = append(order, int32(i))
		}
	}
	for h := 0; h < len(order); h++ {
		u := order[h]
		for _, t := range adj[off[u]:off[u+1]] {
			indeg[t]--
			if indeg[t] == 0 {
				order = append(order, t)
			}
		}
	}
	if len(order) < na {
		return nil, findCycle(&n, from, to, indeg)
	}
	c := &Compiled{
		cal:   n.cal(),
		ids:   make([]string, na),
		index: ids,
		pos:   make([]int32, na),
		inp:   order,
		dur:   make([]int32, na),
		floor: make([]int32, na),
		fkind: make([]uint8, na),
		ceil:  make([]int32, na),
		post:  make([]bool, na),
	}
	for v, i := range order {
		c.pos[i] = int32(v)
	}
	c.resolveCalendars(&n, forceDays)
	// Two independent jobs, on two goroutines: renumber the ID index and
	// the link ends into compiled indices, and gather the activities'
	// own figures in compiled order (anchor).
	c.depFrom, c.depTo, c.depType, c.depLag = from, to, lk.typ, lk.lag
	var wg sync.WaitGroup
	wg.Go(func() {
		ids.renumber(c.pos, c.ids)
		for i := range from {
			from[i], to[i] = c.pos[from[i]], c.pos[to[i]]
		}
	})
	err := c.anchor(&n)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	c.buildCSR()
	// After-release status flows to every successor.
	for v := 0; v < na; v++ {
		if c.post[v] {
			continue
		}
		for k := c.predOff[v]; k < c.predOff[v+1]; k++ {
			if c.post[c.predSrc[k]>>1] {
				c.post[v] = true
				break
			}
		}
	}
	c.modes(&n)
	if c.days {
		c.tables()
	}
	return c, nil
}

// resolveCalendars maps each activity to its calendar and decides the time
// axis: workday indices when every activity follows the network calendar
// (or one equal to it), day offsets otherwise.
func (c *Compiled) resolveCalendars(n *Network, force bool) {
	named := false
	for i := range n.Activities {
		if n.Activities[i].Calendar != "" {
			named = true
			break
		}
	}
	c.cals = []*calendar.Calendar{c.cal}
	if !named && !force {
		return
	}
	index := map[string]uint16{c.cal.Name(): 0}
	for _, k := range n.Calendars {
		if k == nil {
			continue
		}
		if _, dup := index[k.Name()]; dup {
			continue
		}
		if k.Equal(c.cal) {
			index[k.Name()] = 0
			continue
		}
		index[k.Name()] = uint16(len(c.cals))
		c.cals = append(c.cals, k)
	}
	acal := make([]uint16, len(c.ids))
	days := force
	for v, i := range c.inp {
		if name := n.Activities[i].Calendar; name != "" {
			acal[v] = index[name]
			days = days || acal[v] != 0
		}
	}
	if !days {
		c.cals = c.cals[:1]
		return
	}
	c.days, c.acal = true, acal
}

// tables gives each calendar of a day-axis network a lookup table over
// the days its schedule is likely to span: the anchors, twice the longest
// path in workdays (a single-calendar estimate) as calendar days, and a
// year either way. Days outside fall back to the
// calendar's own arithmetic, so the estimate affects speed only.
func (c *Compiled) tables() {
	lo, hi := int32(0), int32(0)
	if c.hasDL {
		lo, hi = min(lo, c.deadline), max(hi, c.deadline)
	}
	for v := range c.ids {
		if c.floor[v] > noFloor {
			hi = max(hi, c.floor[v])
		}
		if c.ceil[v] < noCeil {
			lo = min(lo, c.ceil[v])
		}
	}
	// The longest path on the workday axis, as if every activity
	// followed the network calendar.
	c.days = false
	p := c.NewPass()
	p.forward(0)
	c.days = true
	const maxTable = 200_000 // days, about 550 years
	est := min(int64(p.end)*2, maxTable)
	tlo, thi := int64(lo)-366, max(int64(hi), est)+366
	if c.backward {
		tlo -= est
	}
	tlo, thi = max(tlo, -maxTable), min(thi, maxTable)
	for i := range c.dcals {
		c.dcals[i].table(int32(tlo), int32(thi))
	}
}

// modes marks the activities placed at their late dates.
func (c *Compiled) modes(n *Network) {
	for v, i := range c.inp {
		m := n.Activities[i].Mode
		if m == DefaultMode && !c.backward {
			continue
		}
		if c.late == nil {
			c.late = make([]bool, len(c.ids))
		}
		c.late[v] = m.late(c.backward, c.post[v])
		c.anyLate = c.anyLate || c.late[v]
	}
}

// anchor gathers the activities' IDs and durations in compiled order and
// converts the dates of the network into workday indices, in one walk
// over the activities.
func (c *Compiled) anchor(n *Network) error {
	cal := c.cal
	var err error
	if !n.Start.IsZero() {
		c.origin, err = cal.RollForward(n.Start)
	} else {
		c.backward = true
		c.origin, err = cal.RollBackward(n.Deadline)
	}
	if err != nil {
		return fmt.Errorf("schedule: anchoring the network: %w: %w", ErrOutOfRange, err)
	}
	c.dcals = make([]dayCal, len(c.cals))
	for i, k := range c.cals {
		c.dcals[i] = dayCal{cal: k, origin: c.origin, net: &c.dcals[0]}
	}
	// idx returns the index of d rolled to a workday of calendar k.
	idx := func(d calendar.Date, back bool, k int) (int32, error) {
		cal := c.cals[k]
		var w calendar.Date
		var err error
		if back {
			w, err = cal.RollBackward(d)
		} else {
			w, err = cal.RollForward(d)
		}
		if err != nil {
			return 0, fmt.Errorf("schedule: date %s: %w: %w", d, ErrOutOfRange, err)
		}
		if c.days {
			if x := c.origin.DaysUntil(w); x < int(noFloor) || x > int(noCeil) {
				return 0, fmt.Errorf("schedule: date %s: %w", d, ErrOutOfRange)
			}
			return int32(c.origin.DaysUntil(w)), nil
		}
		return int32(cal.WorkdaysBetween(c.origin, w)), nil
	}
	if !n.Deadline.IsZero() {
		c.hasDL = true
		i, err := idx(n.Deadline, true, 0)
		if err != nil {
			return err
		}
		c.deadline = i + 1
	}
	for v, i := range c.inp {
		a := &n.Activities[i]
		c.ids[v] = a.ID
		c.dur[v] = int32(a.Duration)
		c.floor[v], c.ceil[v] = noFloor, noCeil
		k := 0
		if c.days && a.Duration > 0 {
			k = int(c.acal[v])
		}
		if !a.StartNoEarlierThan.IsZero() {
			f, err := idx(a.StartNoEarlierThan, false, k)
			if err != nil {
				return err
			}
			c.floor[v], c.fkind[v] = f, floorConstraint
		}
		if a.AfterRelease {
			c.post[v] = true
			f := c.deadline - 1 + int32(a.ReleaseLag)
			if c.days {
				f = c.dcals[0].add(c.deadline-1, int32(a.ReleaseLag))
			}
			if f > c.floor[v] {
				c.floor[v], c.fkind[v] = f, floorRelease
			}
		} else if !a.StartNoEarlierThan.IsZero() && c.hasDL && c.floor[v] >= c.deadline {
			// Anchored after the deadline: post-release work.
			c.post[v] = true
		}
		if !a.FinishNoLaterThan.IsZero() {
			f, err := idx(a.FinishNoLaterThan, true, k)
			if err != nil {
				return err
			}
			c.ceil[v] = f + 1
		}
	}
	return nil
}

const (
	floorNone uint8 = iota
	floorConstraint
	floorRelease
)

// buildCSR fills the predecessor and successor arrays in compiled order,
// the two on separate goroutines (both finish before it returns).
func (c *Compiled) buildCSR() {
	var wg sync.WaitGroup
	wg.Go(func() { c.succOff, c.succMid, c.succDst, c.succLag, c.succDep = c.csr(c.depFrom, c.depTo, true) })
	c.predOff, c.predMid, c.predSrc, c.predLag, c.predDep = c.csr(c.depTo, c.depFrom, false)
	wg.Wait()
}

// csr groups the links by key, the node whose list they join (the
// predecessor for successor lists), other being the node at the far end.
// Within a node the first group holds, for successor lists, the links from
// the node's finish, and for predecessor lists those to the node's start;
// within a group links keep their input order. val is 2*other, plus one
// when the link is anchored at other's finish.
func (c *Compiled) csr(key, other []int32, succ bool) (off, mid, val, lag, dep []int32) {
	na, nd := len(c.ids), len(key)
	off, mid = make([]int32, na+1), make([]int32, na)
	val, lag, dep = make([]int32, nd), make([]int32, nd), make([]int32, nd)
	first := func(t LinkType) bool {
		if succ {
			return t.fromFinish()
		}
		return !t.toFinish()
	}
	// cur counts the first group of each node, then is its write cursor;
	// mid serves as the cursor of the second group, and is restored from
	// cur (where the first group ends) at the end.
	cur := make([]int32, na)
	for i, k := range key {
		off[k+1]++
		if first(c.depType[i]) {
			cur[k]++
		}
	}
	for v := 0; v < na; v++ {
		off[v+1] += off[v]
		mid[v] = off[v] + cur[v]
		cur[v] = off[v]
	}
	for i, k := range key {
		t := c.depType[i]
		var e int32
		if first(t) {
			e, cur[k] = cur[k], cur[k]+1
		} else {
			e, mid[k] = mid[k], mid[k]+1
		}
		x := 2 * other[i]
		if (succ && t.toFinish()) || (!succ && t.fromFinish()) {
			x++
		}
		val[e], lag[e], dep[e] = x, c.depLag[i], int32(i)
	}
	copy(mid, cur)
	return off, mid, val, lag, dep
}

// findCycle returns the cycle through the activities Kahn's algorithm could
// not order (those with indeg > 0): walking back from any of them along
// links from other such activities must revisit one.
func findCycle(n *Network, from, to, indeg []int32) *CycleError {
	na := len(n.Activities)
	// Incoming links of the unordered activities, in input order.
	in := make([][]int32, na)
	start := int32(-1)
	for i := range from {
		t := to[i]
		if indeg[t] > 0 && indeg[from[i]] > 0 {
			in[t] = append(in[t], int32(i))
			if start < 0 || t < start {
				start = t
			}
		}
	}
	seen := make(map[int32]int) // activity -> position in walk
	var walk []int32            // activities, walking backwards
	var links []int32           // link taken from walk[j] back to walk[j+1]
	v := start
	for {
		if j, ok := seen[v]; ok {
			// walk[j:] is the cycle, backwards.
			cyc := walk[j:]
			ls := links[j:]
			// Forwards from cyc[0]: cyc[0], cyc[len-1], ..., cyc[1], cyc[0].
			e := &CycleError{Path: []string{n.Activities[cyc[0]].ID}}
			for k := len(cyc) - 1; k >= 0; k-- {
				e.Path = append(e.Path, n.Activities[cyc[k]].ID)
				e.Links = append(e.Links, int(ls[k]))
			}
			return e
		}
		seen[v] = len(walk)
		walk = append(walk, v)
		if len(in[v]) == 0 { // cannot happen for a real cycle; be safe
			return &CycleError{Path: []string{n.Activities[v].ID}}
		}
		l := in[v][0]
		links = append(links, l)
		v = from[l]
	}
}

// dep returns the i-th link of the network.
func (c *Compiled) dep(i int32) Dependency {
	return Dependency{From: c.ids[c.depFrom[i]], To: c.ids[c.depTo[i]], Type: c.depType[i], Lag: int(c.depLag[i])}
}

// Len returns the number of activities.
func (c *Compiled) Len() int { return len(c.ids) }

// ID returns the ID of the activity at compiled index i.
func (c *Compiled) ID(i int) string { return c.ids[i] }

// Index returns the compiled index of the activity with the given ID.
func (c *Compiled) Index(id string) (int, bool) {
	v := c.index.lookup(id)
	if v < 0 {
		return 0, false
	}
	return int(v), true
}

// Position returns the compiled index of Network.Activities[i].
func (c *Compiled) Position(i int) int { return int(c.pos[i]) }

// Input returns the position in Network.Activities of compiled index v.
func (c *Compiled) Input(v int) int { return int(c.inp[v]) }

// Durations returns a copy of the activities' durations by compiled index,
// a starting point for a caller that varies them.
func (c *Compiled) Durations() []int32 { return slices.Clone(c.dur) }

// Origin returns the date of workday index 0: the project start (rolled
// forward to a workday) when the network has one, the deadline (rolled
// back) otherwise.
func (c *Compiled) Origin() calendar.Date { return c.origin }

// DayAxis reports whether times are day offsets from Origin (the network
// has activities on calendars of their own) rather than workday indices
// of the network calendar.
func (c *Compiled) DayAxis() bool { return c.days }

// ActivityCalendar returns the calendar that compiled activity v follows.
func (c *Compiled) ActivityCalendar(v int) *calendar.Calendar {
	if !c.days {
		return c.cal
	}
	return c.cals[c.acal[v]]
}

// Late reports whether compiled activity v is placed at its late dates
// (its mode, or the network's direction).
func (c *Compiled) Late(v int) bool { return c.late != nil && c.late[v] }

// Calendar returns the working calendar.
func (c *Compiled) Calendar() *calendar.Calendar { return c.cal }

// Backward reports whether the network is scheduled backwards from its
// deadline (it has no start date).
func (c *Compiled) Backward() bool { return c.backward }

// Deadline returns the exclusive workday index of the deadline (the index
// of the deadline's workday plus one) and whether there is a deadline.
func (c *Compiled) Deadline() (int32, bool) { return c.deadline, c.hasDL }

// AfterRelease reports whether the activity at compiled index v is after
// the release: marked so, anchored after the deadline, or a successor of
// such an activity. The deadline does not bind it.
func (c *Compiled) AfterRelease(v int) bool { return c.post[v] }

// Date returns the date of time index i: workday index i (0 is Origin)
// when every activity follows the network calendar, the day Origin plus i
// days when activities have calendars of their own (see DayAxis).
func (c *Compiled) Date(i int32) (calendar.Date, error) {
	if c.days {
		d, ok := c.dcals[0].date(i)
		if !ok {
			return calendar.Date{}, fmt.Errorf("schedule: day %d: %w", i, ErrOutOfRange)
		}
		return d, nil
	}
	d, err := c.cal.AddWorkdays(c.origin, int(i))
	if err != nil {
		return calendar.Date{}, fmt.Errorf("schedule: workday %d: %w: %w", i, ErrOutOfRange, err)
	}
	return d, nil
}
