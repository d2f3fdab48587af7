package plan

import (
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/validation"
)

// RevisionTracker records the work item that carries a revision of the
// plan in a tracker: in Azure Boards, the CMMI Change Request of a
// revision of the committed plan.
type RevisionTracker struct {
	// Revision is the plan revision (see Plan.Revise).
	Revision int `json:"revision" jsonschema:"minimum=1"`
	// Tracker points to the work item.
	Tracker backlog.TrackerRef `json:"tracker"`
}

// SetRevisionTracker records the tracker reference of revision rev (as
// backlog.Backlog.SetTracker does for requirements and tasks: an empty
// reference removes it). A revision the plan has not reached (rev < 1 or
// rev > p.Revision) is refused with an error wrapping
// validation.ErrNotFound, and nothing changes.
func (p *Plan) SetRevisionTracker(rev int, tr backlog.TrackerRef) error {
	if p == nil {
		return ErrNilPlan
	}
	if rev < 1 || rev > p.Revision {
		return fmt.Errorf("plan: revision %d: %w (the plan is at revision %d)", rev, validation.ErrNotFound, p.Revision)
	}
	i := slices.IndexFunc(p.RevisionTrackers, func(t RevisionTracker) bool { return t.Revision == rev })
	switch {
	case tr.IsZero() && i >= 0:
		p.RevisionTrackers = slices.Delete(slices.Clone(p.RevisionTrackers), i, i+1)
	case tr.IsZero():
	case i >= 0:
		p.RevisionTrackers = slices.Clone(p.RevisionTrackers)
		p.RevisionTrackers[i].Tracker = tr
	default:
		p.RevisionTrackers = append(p.RevisionTrackers, RevisionTracker{Revision: rev, Tracker: tr})
		slices.SortFunc(p.RevisionTrackers, func(a, b RevisionTracker) int { return a.Revision - b.Revision })
	}
	return nil
}

// RevisionTracker returns the tracker reference recorded for revision
// rev, and whether there is one.
func (p *Plan) RevisionTracker(rev int) (backlog.TrackerRef, bool) {
	if p == nil {
		return backlog.TrackerRef{}, false
	}
	for _, t := range p.RevisionTrackers {
		if t.Revision == rev {
			return t.Tracker, true
		}
	}
	return backlog.TrackerRef{}, false
}
