package schedule

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestIDIndex checks the ID index against a Go map on random IDs with
// duplicates, empty IDs and lookups of absent IDs, at sizes around the
// batch size and with tables small enough for many collisions.
func TestIDIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 3, 5, 127, 128, 129, 1000, 5000} {
		keys := make([]string, n)
		want := map[string]int32{}
		var wantDups []int32
		for i := range keys {
			switch rng.IntN(10) {
			case 0:
				keys[i] = ""
				continue
			case 1:
				if i > 0 {
					keys[i] = keys[rng.IntN(i)]
				}
			default:
				keys[i] = "id" + strconv.Itoa(rng.IntN(3*n+1))
			}
			if _, ok := want[keys[i]]; ok {
				wantDups = append(wantDups, int32(i))
			} else if keys[i] != "" {
				want[keys[i]] = int32(i)
			}
		}
		ix := newIDIndex(keys)
		dups := ix.insertAll()
		if len(dups) != len(wantDups) {
			t.Fatalf("n=%d: %d duplicates, want %d", n, len(dups), len(wantDups))
		}
		for i := range dups {
			if dups[i] != wantDups[i] {
				t.Fatalf("n=%d: duplicate %d is %d, want %d", n, i, dups[i], wantDups[i])
			}
		}
		probe := func() string {
			if n > 0 && rng.IntN(2) == 0 {
				return keys[rng.IntN(n)]
			}
			return "id" + strconv.Itoa(rng.IntN(6*n+2))
		}
		deps := make([]Dependency, 3*n+7)
		for i := range deps {
			deps[i] = Dependency{From: probe(), To: probe()}
		}
		from, to := make([]int32, len(deps)), make([]int32, len(deps))
		ix.lookupEnds(deps, from, to)
		for i, d := range deps {
			for _, c := range []struct {
				id  string
				got int32
			}{{d.From, from[i]}, {d.From, ix.lookup(d.From)}, {d.To, to[i]}, {d.To, ix.lookup(d.To)}} {
				w, ok := want[c.id]
				if !ok {
					w = -1
				}
				if c.got != w {
					t.Fatalf("n=%d: index of %q is %d, want %d", n, c.id, c.got, w)
				}
			}
		}
	}
}
