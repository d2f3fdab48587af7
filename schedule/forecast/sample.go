package forecast

import (
	"math"
	"math/rand/v2"
)

// Random streams. Iteration i of a run with seed s draws from a PCG
// generator seeded from splitmix64 hashes of s and i, so every iteration
// has its own stream whichever worker runs it.

// splitmix64 is the finaliser of the SplitMix64 generator, a bijective
// mixer of 64-bit words.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// seedIteration seeds g for iteration i of a run with the given seed.
func seedIteration(g *rand.PCG, seed uint64, i int) {
	h := splitmix64(seed ^ splitmix64(uint64(i)))
	g.Seed(h, splitmix64(h^0x6a09e667f3bcc909))
}

// unit turns 64 random bits into a uniform number strictly between 0 and
// 1: (2k+1)/2^53 for a 52-bit k, so that both u and 1-u are exact.
func unit(r uint64) float64 {
	return float64(r>>12)*0x1p-52 + 0x1p-53
}

// Sampler kinds.
const (
	sFixed uint8 = iota
	sUniform
	sTriangular
	sTable
)

// maxKnots bounds the CDF table of a PERT estimate: up to this many
// workdays wide it has one knot per whole workday (exact rounding up);
// wider, the knots are spread evenly and the inverse is interpolated.
const maxKnots = 4096

// sampler turns a uniform number u into a whole number of workdays: the
// ceiling of the inverse CDF at u (so a rounded sample is at most k
// exactly when the continuous sample is). It is 24 bytes, its parameters
// shared between equal estimates, so that sampling 100,000 activities
// streams little memory.
type sampler struct {
	kind   uint8
	lo, hi int32 // support of the rounded samples
	p      *params
}

// params are the parameters of a sampler.
type params struct {
	a, b   float64 // bounds of the continuous samples
	fc     float64 // triangular: CDF at the mode
	ka, kb float64 // triangular: (b-a)(m-a) and (b-a)(b-m)
	x0     int32   // table: knots at x0+step*(i+1)
	step   int32
	cdf    []float64 // table: CDF at the knots, the last one 1
	guide  []int32   // table: guide[g] is the first knot with CDF >= g/len(guide)
}

// paramKey identifies shared parameters.
type paramKey struct {
	t ThreePoint
	d Distribution
}

// newSampler builds the sampler of a checked estimate; cache shares the
// parameters of equal estimates.
func newSampler(t ThreePoint, d Distribution, cache map[paramKey]*params) sampler {
	a, m, b := t.Optimistic, t.MostLikely, t.Pessimistic
	s := sampler{hi: int32(math.Ceil(b))}
	if a < b {
		s.lo = int32(math.Floor(a)) + 1
	} else {
		s.lo = int32(math.Ceil(a))
	}
	if s.lo >= s.hi {
		s.kind, s.lo = sFixed, s.hi
		return s
	}
	switch d {
	case Uniform:
		s.kind = sUniform
	case Triangular:
		s.kind = sTriangular
	default:
		s.kind = sTable
	}
	key := paramKey{t, d}
	if p, ok := cache[key]; ok {
		s.p = p
		return s
	}
	p := &params{a: a, b: b}
	switch s.kind {
	case sTriangular:
		p.fc = (m - a) / (b - a)
		p.ka, p.kb = (b-a)*(m-a), (b-a)*(b-m)
	case sTable:
		p.x0 = s.lo - 1
		width := s.hi - p.x0
		p.step = (width + maxKnots - 1) / maxKnots
		n := (width + p.step - 1) / p.step
		p.cdf = make([]float64, n)
		for i := range p.cdf {
			p.cdf[i] = t.CDF(PERT, float64(p.x0+p.step*int32(i+1)))
		}
		p.cdf[n-1] = 1
		// A guide table makes the search O(1): u in [g/G, (g+1)/G)
		// starts at the first knot reaching g/G.
		p.guide = make([]int32, 2*n)
		k := int32(0)
		for g := range p.guide {
			for p.cdf[k] < float64(g)/float64(len(p.guide)) {
				k++
			}
			p.guide[g] = k
		}
	}
	cache[key] = p
	s.p = p
	return s
}

// varied reports whether the rounded samples are not all the same.
func (s *sampler) varied() bool { return s.kind != sFixed }

// sample returns the rounded sample at u, 0 < u < 1.
func (s *sampler) sample(u float64) int32 {
	var x float64
	p := s.p
	switch s.kind {
	case sFixed:
		return s.lo
	case sUniform:
		x = p.a + u*(p.b-p.a)
	case sTriangular:
		if u < p.fc {
			x = p.a + math.Sqrt(u*p.ka)
		} else {
			x = p.b - math.Sqrt((1-u)*p.kb)
		}
	default:
		// First knot whose CDF reaches u, from the guide.
		cdf, guide := p.cdf, p.guide
		g := int(u * float64(len(guide)))
		i := int(guide[min(g, len(guide)-1)])
		for i < len(cdf)-1 && cdf[i] < u {
			i++
		}
		if p.step == 1 {
			return p.x0 + 1 + int32(i)
		}
		prev := 0.0
		if i > 0 {
			prev = cdf[i-1]
		}
		f := 1.0
		if w := cdf[i] - prev; w > 0 {
			f = (u - prev) / w
		}
		x = float64(p.x0) + float64(p.step)*(float64(i)+f)
	}
	d := int32(math.Ceil(x))
	return min(max(d, s.lo), s.hi)
}

// betaInc returns the regularised incomplete beta function I_x(a, b) for
// a, b > 0, by the continued fraction of Numerical Recipes (modified
// Lentz), accurate to about 1e-14.
func betaInc(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, 1-x)/b
}

func betaCF(a, b, x float64) float64 {
	const tiny = 1e-300
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-15 {
			break
		}
	}
	return h
}

// acc128 is a signed 128-bit accumulator of int64 values: exact whatever
// the order of the additions.
type acc128 struct {
	hi int64
	lo uint64
}

func (a *acc128) add(v int64) {
	var c uint64
	a.lo, c = addCarry(a.lo, uint64(v))
	a.hi += int64(c) + (v >> 63)
}

func (a *acc128) merge(b acc128) {
	var c uint64
	a.lo, c = addCarry(a.lo, b.lo)
	a.hi += b.hi + int64(c)
}

func (a acc128) float() float64 { return float64(a.hi)*0x1p64 + float64(a.lo) }

func addCarry(x, y uint64) (uint64, uint64) {
	s := x + y
	if s < x {
		return s, 1
	}
	return s, 0
}
