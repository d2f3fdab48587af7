package backlog_test

import (
	"sync"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
)

// TestReadersRunConcurrently: methods that only read never write to the
// backlog (its registers index themselves when loaded), so readers may run
// at once on a backlog fresh from a document; go test -race checks it.
func TestReadersRunConcurrently(t *testing.T) {
	doc := bigDocument(200)
	for _, b := range []*backlog.Backlog{backlog.Restore(doc), new(backlog.Backlog)} {
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				_ = b.Validate()
				_ = b.Matrix()
				_ = b.Cycles()
				_, _ = b.Task("T000100")
				_ = b.Has("R000001")
				_ = b.Orphans()
				_ = b.RequirementsOf("T000001")
			})
		}
		wg.Wait()
	}
}
