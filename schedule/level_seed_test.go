package schedule

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestSplitSeedFigures(t *testing.T) {
	if os.Getenv("ROLLOUT_LEVEL_FIGURES") != "1" {
		t.Skip("set ROLLOUT_LEVEL_FIGURES=1")
	}
	for seed := uint64(1); seed <= 8; seed++ {
		net := levelProject(seed, 1000, 50)
		c, _ := Compile(net)
		base, _ := c.Schedule(nil)
		lv, _ := newLeveller(c, base.p, &net)
		sl := lv.clone()
		sl.general, sl.split = make([]bool, len(lv.dur)), make([]bool, len(lv.dur))
		for v := range lv.dur {
			sl.general[v] = lv.dur[v] > 1
			sl.split[v] = lv.dur[v] > 1
		}
		line := ""
		for _, sc := range defaultSchemes[:4] {
			t0 := time.Now()
			rs, err := sl.scheme(sc)
			if err != nil {
				t.Fatal(err)
			}
			line += fmt.Sprintf(" [%s: %d %v", sc.rule, rs.end-lv.start, time.Since(t0).Round(time.Millisecond))
			for mode := 0; mode < 2; mode++ {
				key := make([]int64, len(lv.dur))
				for v := range key {
					var x int32
					switch mode {
					case 0:
						x = (rs.times[2*v] + rs.times[2*v+1] - lv.dur[v]) / 2
					case 1:
						x = rs.times[2*v+1] - lv.dur[v]
					}
					key[v] = int64(x-lv.start)<<32 | lv.idKey[v]
				}
				r, err := lv.forward(key, false)
				if err != nil {
					t.Fatal(err)
				}
				r, _ = lv.justify(r, 8)
				line += fmt.Sprintf(" %d", r.end-lv.start)
				r, _ = lv.perturb(r, 32, 32)
				line += fmt.Sprintf("/%d", r.end-lv.start)
			}
			line += "]"
		}
		t.Logf("seed %d: %s", seed, line)
	}
}
