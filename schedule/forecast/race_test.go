//go:build race

package forecast

func init() { raceEnabled = true }
