package forecast

import (
	"context"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rolloutkit/rollout/schedule"
)

// Run checks and compiles the network and the input, and simulates
// opt.Iterations schedules. It is NewModel followed by Model.Run.
func Run(ctx context.Context, net schedule.Network, in Input, opt Options) (*Result, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	m, err := NewModel(net, in)
	if err != nil {
		return nil, err
	}
	return m.Run(ctx, opt)
}

// Run simulates opt.Iterations schedules on opt.Workers goroutines and
// summarises them. The Result depends only on the model, opt.Iterations,
// opt.Seed and opt.Bucket. When ctx is cancelled, Run stops every worker
// and returns ctx.Err(); it never leaves a goroutine behind.
func (m *Model) Run(ctx context.Context, opt Options) (*Result, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := opt.Iterations
	if n == 0 {
		n = DefaultIterations
	}
	procs := runtime.GOMAXPROCS(0)
	workers := opt.Workers
	if workers == 0 {
		workers = procs
	}
	workers = max(1, min(workers, n, 4*procs))
	// Blocks of iterations handed out to the workers: small enough to
	// share the work evenly, large enough to keep the counter cold. The
	// split does not change the result.
	block := max(1, min(256, n/(8*workers)))

	finishes := make([]int32, n)
	ws := make([]*worker, workers)
	for i := range ws {
		ws[i] = m.newWorker(opt.Seed, finishes)
	}
	var (
		next, done atomic.Int64
		stop       atomic.Bool
		wg         sync.WaitGroup
	)
	for _, w := range ws {
		wg.Go(func() {
			for !stop.Load() {
				lo := int(next.Add(int64(block))) - block
				if lo >= n {
					return
				}
				hi := min(lo+block, n)
				for i := lo; i < hi; i++ {
					if stop.Load() {
						return
					}
					if err := w.iterate(i); err != nil {
						w.err = err
						stop.Store(true)
						return
					}
				}
				w.flush()
				done.Add(int64(hi - lo))
			}
		})
	}
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	var tick <-chan time.Time
	if opt.Progress != nil {
		t := time.NewTicker(ProgressInterval)
		defer t.Stop()
		tick = t.C
	}
	last := time.Now()
wait:
	for {
		select {
		case <-finished:
			break wait
		case <-ctx.Done():
			stop.Store(true)
			<-finished
			return nil, ctx.Err()
		case now := <-tick:
			if now.Sub(last) >= ProgressInterval {
				opt.Progress(int(done.Load()), n)
				last = now
			}
		}
	}
	for _, w := range ws {
		if w.err != nil {
			return nil, w.err
		}
	}
	if opt.Progress != nil {
		opt.Progress(n, n)
	}
	return m.summarise(ws, finishes, opt)
}

// worker holds the buffers of one goroutine; iterate does not allocate.
type worker struct {
	m        *Model
	seed     uint64
	finishes []int32 // shared; each iteration writes its own entry
	rng      rand.PCG
	pass     *schedule.Pass
	dur      []int32
	// The estimates' samples of the last few iterations, added to ea in
	// batches of batch iterations so that ea is swept once per batch:
	// xs[s*len(est)+j] is 4*x+class+1 for estimate j in slot s, where x is
	// the sampled duration and class -1, 0 or 1 its decile (bottom,
	// middle, top).
	xs   []int32
	ys   []int64 // y of each slot
	fill int     // slots in use
	occ  []bool  // which risks occurred
	mark []uint32
	gen  uint32
	err  error

	// Exact integer sums, merged after the run.
	crit []int64 // iterations in which each activity was critical
	ea   []estAcc
	ra   []riskAcc
	sumY int64 // sum of finish minus deterministic finish
	// onTime and readyBy count the runs that meet every deadline, and
	// those whose release work is ready by the release date.
	onTime, readyBy int64
}

// estAcc holds the sums of one estimate: x is its sampled duration, y the
// finish minus the deterministic finish.
type estAcc struct {
	sx, sxx      int64
	sxy          acc128
	lowN, lowY   int64 // samples in the bottom decile
	highN, highY int64 // samples in the top decile
}

type riskAcc struct {
	n, y int64 // occurrences and the sum of y when it occurred
}

func (m *Model) newWorker(seed uint64, finishes []int32) *worker {
	n := m.c.Len()
	return &worker{
		m: m, seed: seed, finishes: finishes,
		pass: m.c.NewPass(),
		dur:  make([]int32, n),
		xs:   make([]int32, batch*len(m.est)),
		ys:   make([]int64, batch),
		occ:  make([]bool, len(m.risks)),
		mark: make([]uint32, n),
		crit: make([]int64, n),
		ea:   make([]estAcc, len(m.est)),
		ra:   make([]riskAcc, len(m.risks)),
	}
}

// batch is the number of iterations whose estimate samples are added to
// the sums at once.
const batch = 8

// flush adds the samples of the filled slots to the estimates' sums.
func (w *worker) flush() {
	ne := len(w.ea)
	for j := range w.ea {
		a := &w.ea[j]
		for s := range w.fill {
			v := w.xs[s*ne+j]
			x, y := int64(v>>2), w.ys[s]
			a.sx += x
			a.sxx += x * x
			a.sxy.add(x * y)
			switch v & 3 {
			case 0:
				a.lowN++
				a.lowY += y
			case 2:
				a.highN++
				a.highY += y
			}
		}
	}
	w.fill = 0
}

// iterate simulates iteration i. Its samples reach the sums at the next
// flush.
func (w *worker) iterate(i int) error {
	m := w.m
	seedIteration(&w.rng, w.seed, i)
	dur := w.dur
	copy(dur, m.base)
	xs := w.xs[w.fill*len(m.est) : (w.fill+1)*len(m.est)]
	for j := range m.est {
		e := &m.est[j]
		u := unit(w.rng.Uint64())
		d := e.s.sample(u)
		dur[e.v] = d
		c := int32(1)
		if u < 0.1 {
			c = 0
		} else if u >= 0.9 {
			c = 2
		}
		xs[j] = 4*d + c
	}
	for j := range m.risks {
		r := &m.risks[j]
		u, ud := unit(w.rng.Uint64()), unit(w.rng.Uint64())
		w.occ[j] = u < r.p
		if !w.occ[j] {
			continue
		}
		delay := r.s.sample(ud)
		for _, v := range r.targets {
			dur[v] = min(dur[v]+delay, MaxWorkdays)
		}
	}
	p := w.pass
	if err := p.RunEarly(dur); err != nil { // the model is never scheduled backwards
		return wrapPass(err)
	}
	f := m.finish(p)
	w.finishes[i] = f
	y := int64(f - m.det)
	w.sumY += y
	if m.onTime(p, f) {
		w.onTime++
	}
	if !m.useEnd && (!m.hasDL || f <= m.deadline) {
		w.readyBy++
	}
	w.ys[w.fill] = y
	if w.fill++; w.fill == batch {
		w.flush()
	}
	for j, o := range w.occ {
		if o {
			w.ra[j].n++
			w.ra[j].y += y
		}
	}
	w.trace(f)
	return nil
}

// trace counts the activities on a driving chain of the finish f: the
// release work (every activity, when there is none) finishing at f, and,
// walking back in reverse topological order, every predecessor whose link
// sets the early start (or finish) of an activity already on a chain.
func (w *worker) trace(f int32) {
	m, p := w.m, w.pass
	w.gen++
	if w.gen == 0 {
		clear(w.mark)
		w.gen = 1
	}
	gen, mark := w.gen, w.mark
	off, mid, src, lag := m.off, m.mid, m.src, m.lag
	for v := len(mark) - 1; v >= 0; v-- {
		if mark[v] != gen {
			if (m.post[v] && !m.useEnd) || p.EarlyFinish(v) != f {
				continue
			}
		}
		w.crit[v]++
		es, ef := p.EarlyStart(v), p.EarlyFinish(v)
		k, mk, e := off[v], mid[v], off[v+1]
		for ; k < mk; k++ {
			s := src[k]
			if at(p, s)+lag[k] == es {
				mark[s>>1] = gen
			}
		}
		for ; k < e; k++ {
			s := src[k]
			if at(p, s)+lag[k] == ef {
				mark[s>>1] = gen
			}
		}
	}
}

// at returns the early start (even s) or finish (odd s) of activity s/2.
func at(p *schedule.Pass, s int32) int32 {
	if s&1 == 0 {
		return p.EarlyStart(int(s >> 1))
	}
	return p.EarlyFinish(int(s >> 1))
}
