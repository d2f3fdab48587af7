package resource_test

import "time"

// testBy and testAt make the who and when every recorded move needs
// (lifecycle.Change.Check).
const testBy = "test"

var testAt = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
