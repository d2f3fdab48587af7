package workitem_test

import "time"

// testAt is the when every recorded move needs (lifecycle.Change.Check).
var testAt = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
