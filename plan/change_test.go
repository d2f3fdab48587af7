package plan_test

import (
	"time"

	"github.com/rolloutkit/rollout/plan/plantest"
)

// testBy and testAt make the who and when every recorded move needs
// (lifecycle.Change.Check).
const testBy = "test"

var testAt = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// testChange is a complete change for the tests' recorded moves.
var testChange = plantest.Change()
