package risk_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// TestZonesBoundaries: every threshold of Zones.Validate and Zones.Zone at
// its edge, on a 5 by 5 matrix (scores 1 to 25).
func TestZonesBoundaries(t *testing.T) {
	for _, tt := range []struct {
		z    risk.Zones
		want []validation.Code
	}{
		{risk.Zones{AmberFrom: 1, RedFrom: 25}, nil},
		{risk.Zones{AmberFrom: 25, RedFrom: 25}, nil},
		{risk.Zones{AmberFrom: 7, RedFrom: 7}, nil},
		{risk.Zones{AmberFrom: 1, RedFrom: 1}, nil}, // every cell red
		{risk.Zones{AmberFrom: 0, RedFrom: 25}, []validation.Code{"matrix.zones.amberFrom.range"}},
		{risk.Zones{AmberFrom: 26, RedFrom: 26}, []validation.Code{"matrix.zones.amberFrom.range", "matrix.zones.redFrom.range"}},
		{risk.Zones{AmberFrom: 1, RedFrom: 26}, []validation.Code{"matrix.zones.redFrom.range"}},
		{risk.Zones{AmberFrom: 8, RedFrom: 7}, []validation.Code{"matrix.zones.order"}},
	} {
		err := tt.z.Validate(25)
		var got []validation.Code
		if err != nil {
			for _, p := range err.(validation.List) {
				got = append(got, p.Code)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%+v: %v, want %v", tt.z, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%+v: %v, want %v", tt.z, got, tt.want)
			}
		}
	}
	z := risk.Zones{AmberFrom: 5, RedFrom: 15}
	for score, want := range map[int]risk.Zone{0: 0, 1: risk.Green, 4: risk.Green, 5: risk.Amber, 14: risk.Amber, 15: risk.Red, 25: risk.Red} {
		if got := z.Zone(score); got != want {
			t.Errorf("Zone(%d) = %v, want %v", score, got, want)
		}
	}
	for z, want := range map[risk.Zone]string{0: "", risk.Green: "green", risk.Red: "red", risk.Red + 1: "Zone(4)"} {
		if got := z.String(); got != want {
			t.Errorf("Zone(%d).String() = %q, want %q", z, got, want)
		}
	}
}

// TestMatrixSpecBandsBoundaries: bands ascend strictly (an equal bound is
// refused), lie in 1 to 99 and end at 99.
func TestMatrixSpecBandsBoundaries(t *testing.T) {
	for _, tt := range []struct {
		bands []risk.Probability
		ok    bool
	}{
		{[]risk.Probability{99}, true},
		{[]risk.Probability{1, 99}, true},
		{[]risk.Probability{50, 50, 99}, false},
		{[]risk.Probability{0, 99}, false},
		{[]risk.Probability{20, 98}, false},
	} {
		s := risk.MatrixSpec{Bands: tt.bands}
		if err := s.Validate(); (err == nil) != tt.ok {
			t.Errorf("bands %v: %v, want ok %v", tt.bands, err, tt.ok)
		}
	}
}

// TestTopNAgreesWithRankedProperty: for random logs full of ties, TopN(n)
// is the first n of Ranked for every n, with and without a filter; the
// partial selection TopN uses for small n is the full sort's prefix.
func TestTopNAgreesWithRankedProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 40 {
		var l risk.Log
		size := 1 + rng.IntN(14)
		for i := range size {
			r := sampleRisk(fmt.Sprintf("R%02d", rng.IntN(90)+i*100), risk.Probability(10*(1+rng.IntN(3))), risk.Impact(1+rng.IntN(2)))
			r.ScheduleImpactWorkdays = rng.IntN(2)
			if rng.IntN(3) == 0 {
				r.Tags = []string{"odd"}
			}
			mustAddRisk(t, &l, r)
		}
		odd := func(r risk.Risk) bool { return slices.Contains(r.Tags, "odd") }
		for _, filters := range [][]risk.RiskFilter{nil, {odd}} {
			all := ids(l.Ranked(filters...))
			for n := -1; n <= len(all)+1; n++ {
				want := all
				if n >= 0 && n < len(all) {
					want = all[:n]
				}
				if diff := cmp.Diff(want, ids(l.TopN(n, filters...)), cmpopts.EquateEmpty()); diff != "" {
					t.Fatalf("round %d, %d risks, TopN(%d) (-first n of Ranked +got):\n%s", round, size, n, diff)
				}
			}
		}
	}
}
