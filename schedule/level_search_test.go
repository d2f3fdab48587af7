package schedule

import (
	"slices"
	"os"
	"strconv"
	"testing"
	"time"
)

func TestWindowSearchFigures(t *testing.T) {
	if os.Getenv("ROLLOUT_LEVEL_FIGURES") != "1" {
		t.Skip("set ROLLOUT_LEVEL_FIGURES=1")
	}
	nodes, _ := strconv.Atoi(os.Getenv("ROLLOUT_LEVEL_NODES"))
	size, _ := strconv.Atoi(os.Getenv("ROLLOUT_LEVEL_SIZE"))
	if size == 0 {
		size = 1000
	}
	if x, _ := strconv.Atoi(os.Getenv("ROLLOUT_LEVEL_RESTARTS")); x > 0 {
		searchRestarts = x
	}
	if x, _ := strconv.Atoi(os.Getenv("ROLLOUT_LEVEL_NOISE")); x > 0 {
		searchNoise = int32(x)
	}
	searchSetTimes = os.Getenv("ROLLOUT_LEVEL_SETTIMES") == "1"
	for seed := uint64(1); seed <= 8; seed++ {
		if only := os.Getenv("ROLLOUT_LEVEL_ONLY"); only != "" && !slices.Contains(splitComma(only), strconv.Itoa(int(seed))) {
			continue
		}
		net := levelProject(seed, size, 50)
		cfg := defaultConfig(len(net.Activities))
		cfg.nodes = nodes
		debugSearch = t.Logf
		t0 := time.Now()
		l, err := levelWith(net, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: %d %v %s", seed, l.Workdays(), time.Since(t0).Round(time.Millisecond), l.Method())
	}
}
