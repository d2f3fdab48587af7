//go:build race

package plan_test

// raceEnabled: the race detector slows the generated-plan tests tenfold,
// so they run fewer plans under it.
const raceEnabled = true
