package resource

import (
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/validation"
)

// CoverageStatus says how far committed supply covers a demand.
type CoverageStatus uint8

// The coverage statuses.
const (
	// NotCovered: no committed supply counts for the demand.
	NotCovered CoverageStatus = iota + 1
	// PartlyCovered: some, but not all, of the demand is committed.
	PartlyCovered
	// Covered: the whole demand is committed.
	Covered
)

var coverageNames = [...]string{"", "not-covered", "partly-covered", "covered"}

// String returns not-covered, partly-covered or covered.
func (s CoverageStatus) String() string {
	if int(s) < len(coverageNames) {
		return coverageNames[s]
	}
	return fmt.Sprintf("CoverageStatus(%d)", s)
}

// MarshalText returns the text form.
func (s CoverageStatus) MarshalText() ([]byte, error) {
	if int(s) >= len(coverageNames) {
		return nil, fmt.Errorf("resource: marshalling %v: %w", s, ErrUnknownValue)
	}
	return []byte(coverageNames[s]), nil
}

// UnmarshalText reads the text form; on error s is unchanged.
func (s *CoverageStatus) UnmarshalText(b []byte) error {
	for i, n := range coverageNames {
		if n == string(b) {
			*s = CoverageStatus(i)
			return nil
		}
	}
	return fmt.Errorf("resource: coverage status %q: %w", clip(string(b)), ErrUnknownValue)
}

// DemandCoverage says how far one demand is covered by committed supply.
type DemandCoverage struct {
	// DemandID names the demand.
	DemandID string `json:"demandId"`
	// Status is covered, partly covered or not covered.
	Status CoverageStatus `json:"status"`
	// Required is the demand's quantity.
	Required Quantity `json:"required"`
	// Covered is the committed supply that counts, in the same unit.
	Covered Quantity `json:"covered"`
	// Gap is what is still missing (zero when covered).
	Gap Quantity `json:"gap"`
	// Commitments lists the commitments counted.
	Commitments []string `json:"commitments,omitempty"`
	// Stale lists committed commitments that do not count because the
	// demand changed after they were given (they need reconfirmation).
	Stale []string `json:"stale,omitempty"`
	// OtherRevision lists committed commitments that do not count because
	// they were given against another plan revision.
	OtherRevision []string `json:"otherRevision,omitempty"`
	// Open lists commitments still requested or under negotiation.
	Open []string `json:"open,omitempty"`
}

// Coverage reports, for each demand in pool order, how far it is covered by
// committed supply.
//
// A commitment counts for its demand when it is committed, its stored
// fingerprint matches the demand as it is now (a changed demand is never
// silently covered: the commitment is listed as Stale), and, unless revision
// is AnyRevision, it was given against that plan revision (otherwise it is
// listed under OtherRevision). Its Terms count in proportion to how their
// dates overlap the demand's: hours count for the share of the terms' days
// that fall inside the demand's range, seats and units for the share of the
// demand's days that the terms cover. Money counts in full; amounts in
// another currency do not count.
func (p *Pool) Coverage(revision int) []DemandCoverage {
	// Bucket the commitments by demand, in pool order.
	demIdx := make(map[string]int32, len(p.Demands))
	for i := len(p.Demands) - 1; i >= 0; i-- {
		demIdx[p.Demands[i].ID] = int32(i)
	}
	start := make([]int32, len(p.Demands)+1)
	dem := make([]int32, len(p.Commitments))
	for i := range p.Commitments {
		di, ok := demIdx[p.Commitments[i].DemandID]
		if !ok {
			dem[i] = -1
			continue
		}
		dem[i] = di
		start[di+1]++
	}
	for i := 1; i <= len(p.Demands); i++ {
		start[i] += start[i-1]
	}
	byDemand := make([]int32, start[len(p.Demands)])
	next := make([]int32, len(p.Demands))
	copy(next, start)
	for i, di := range dem {
		if di >= 0 {
			byDemand[next[di]] = int32(i)
			next[di]++
		}
	}
	out := make([]DemandCoverage, len(p.Demands))
	for i := range p.Demands {
		out[i] = p.cover(&p.Demands[i], byDemand[start[i]:start[i+1]], revision)
	}
	return out
}

// AnyRevision, given to Coverage, Gaps, CheckCoverage or Check as the plan
// revision, counts committed commitments whatever revision they were given
// against.
const AnyRevision = -1

func (p *Pool) cover(d *Demand, commits []int32, revision int) DemandCoverage {
	dc := DemandCoverage{DemandID: d.ID, Required: d.Quantity}
	covered := Quantity{Unit: d.Quantity.Unit}
	var fp [32]byte
	hasFP := false
	for _, ci := range commits {
		c := &p.Commitments[ci]
		switch {
		case c.State.IsOpen():
			dc.Open = append(dc.Open, c.ID)
			continue
		case c.State != Committed:
			continue
		}
		if !hasFP {
			fp, hasFP = d.fingerprint(), true
		}
		if c.DemandFingerprint != string(fp[:]) {
			dc.Stale = append(dc.Stale, c.ID)
			continue
		}
		if revision != AnyRevision && c.Revision != revision {
			dc.OtherRevision = append(dc.OtherRevision, c.ID)
			continue
		}
		t := c.Terms.Quantity
		if t.Unit != d.Quantity.Unit {
			continue
		}
		if t.Unit == UnitMoney {
			sum, err := covered.Money.Add(t.Money)
			if err != nil {
				continue
			}
			covered.Money = sum
		} else {
			covered.Value += t.Value * share(t.Unit, dateSpanOf(d.From, d.To), dateSpanOf(c.Terms.From, c.Terms.To))
		}
		dc.Commitments = append(dc.Commitments, c.ID)
	}
	dc.Covered = covered
	dc.Gap, dc.Status = gap(d.Quantity, covered)
	return dc
}

type span struct{ from, to calendar.Date }

func dateSpanOf(f, t calendar.Date) span { return span{f, t} }

func (s span) dated() bool { return !s.from.IsZero() && !s.to.IsZero() && !s.to.Before(s.from) }

func (s span) days() int { return s.from.DaysUntil(s.to) + 1 }

// share returns the fraction of a commitment's quantity that counts for a
// demand, by the overlap of their date ranges.
func share(u Unit, demand, terms span) float64 {
	if !demand.dated() || !terms.dated() {
		return 1
	}
	lo, hi := calendar.Max(demand.from, terms.from), calendar.Min(demand.to, terms.to)
	if hi.Before(lo) {
		return 0
	}
	overlap := float64(lo.DaysUntil(hi) + 1)
	if u == UnitHours {
		return overlap / float64(terms.days())
	}
	return overlap / float64(demand.days())
}

// gap returns what is missing of required after covered, and the status.
func gap(required, covered Quantity) (Quantity, CoverageStatus) {
	g := Quantity{Unit: required.Unit}
	if required.Unit == UnitMoney {
		diff, err := required.Money.Sub(covered.Money)
		if err != nil {
			return required, NotCovered
		}
		if diff.Sign() <= 0 {
			g.Money = money.Zero(required.Money.Currency())
			return g, Covered
		}
		g.Money = diff
		if covered.Money.Sign() > 0 {
			return g, PartlyCovered
		}
		return g, NotCovered
	}
	missing := required.Value - covered.Value
	if missing <= tolerance*max(1, required.Value) {
		return g, Covered
	}
	g.Value = round4(missing)
	if covered.Value > 0 {
		return g, PartlyCovered
	}
	return g, NotCovered
}

// Gaps returns the coverage of the demands that are not fully covered, in
// pool order; an empty result means every demand is covered.
func (p *Pool) Gaps(revision int) []DemandCoverage {
	var out []DemandCoverage
	for _, c := range p.Coverage(revision) {
		if c.Status != Covered {
			out = append(out, c)
		}
	}
	return out
}

// CheckCoverage answers "is every demand covered by commitments given
// against revision?": one problem per demand not fully covered (code
// demand.uncovered or demand.partly-covered, path demands[i]), naming the
// gap and any stale or other-revision commitments. An empty list means
// every demand is covered.
func (p *Pool) CheckCoverage(revision int) validation.List {
	var l validation.List
	for i, c := range p.Coverage(revision) {
		if c.Status == Covered {
			continue
		}
		code := CodeUncovered
		if c.Status == PartlyCovered {
			code = CodePartlyCovered
		}
		var extra []string
		if len(c.Stale) > 0 {
			extra = append(extra, "needing reconfirmation: "+strings.Join(c.Stale, ", "))
		}
		if len(c.OtherRevision) > 0 {
			extra = append(extra, "given against another revision: "+strings.Join(c.OtherRevision, ", "))
		}
		if len(c.Open) > 0 {
			extra = append(extra, "still open: "+strings.Join(c.Open, ", "))
		}
		msg := fmt.Sprintf("demand %s is %s: %s of %s missing", c.DemandID, strings.ReplaceAll(c.Status.String(), "-", " "), c.Gap, c.Required)
		if len(extra) > 0 {
			msg += " (" + strings.Join(extra, "; ") + ")"
		}
		l.Add(validation.New(validation.ErrConflict, pDemands.Index(i), code, "%s", msg).About(validation.Subject{Kind: SubjectDemand, ID: c.DemandID}))
	}
	return l
}

// Reconfirmation names a committed commitment whose demand changed, or
// disappeared, after it was given.
type Reconfirmation struct {
	// CommitmentID names the commitment.
	CommitmentID string `json:"commitmentId"`
	// DemandID names its demand.
	DemandID string `json:"demandId"`
	// Revision is the plan revision the commitment was given against.
	Revision int `json:"revision"`
	// Removed is true when the demand no longer exists.
	Removed bool `json:"removed,omitzero"`
}

// Reconfirmations lists the committed commitments that need reconfirmation,
// in pool order.
func (p *Pool) Reconfirmations() []Reconfirmation {
	ix := p.index()
	var out []Reconfirmation
	for i := range p.Commitments {
		c := &p.Commitments[i]
		if c.State != Committed {
			continue
		}
		var d *Demand
		if di, ok := ix.demands[c.DemandID]; ok {
			d = &p.Demands[di]
		}
		if c.NeedsReconfirmation(d) {
			out = append(out, Reconfirmation{CommitmentID: c.ID, DemandID: c.DemandID, Revision: c.Revision, Removed: d == nil})
		}
	}
	return out
}

// CheckReconfirmations answers "does any commitment need reconfirmation?":
// one problem (code commitment.reconfirmation-needed, path commitments[i])
// per commitment listed by Reconfirmations.
func (p *Pool) CheckReconfirmations() validation.List {
	var l validation.List
	pos := make(map[string]int, len(p.Commitments))
	for i := len(p.Commitments) - 1; i >= 0; i-- {
		pos[p.Commitments[i].ID] = i
	}
	for _, r := range p.Reconfirmations() {
		what := "changed"
		if r.Removed {
			what = "was removed"
		}
		l.Add(validation.Conflict(pCommitments.Index(pos[r.CommitmentID]), CodeReconfirm,
			"commitment %s was given against revision %d, but demand %s %s since; it must be reconfirmed", r.CommitmentID, r.Revision, r.DemandID, what).
			About(validation.Subject{Kind: SubjectCommitment, ID: r.CommitmentID}))
	}
	return l
}

// CheckBudget answers "does the committed budget cover the required
// budget?": one problem per category whose committed amount is below the
// required one (code budget.underfunded, an error) and, as a warning, per
// category whose spending exceeds its commitment (budget.overspent). The
// paths are budget.lines[i] of the category's first line.
func (p *Pool) CheckBudget() validation.List {
	var l validation.List
	figs, err := p.Budget.ByCategory()
	if err != nil {
		return validation.List{validation.Invalid(pBudget, CodeBudgetArithmetic, "budget cannot be summed: %v", err)}
	}
	first := map[Category]int{}
	for i := len(p.Budget.Lines) - 1; i >= 0; i-- {
		first[p.Budget.Lines[i].Category] = i
	}
	for _, f := range figs {
		about := validation.Subject{Kind: SubjectBudgetCategory, ID: string(f.Category)}
		at := pBudget.Child("categories")
		if i, ok := first[f.Category]; ok {
			at = pBudget.Child("lines").Index(i)
		}
		if fund, err := f.Funding(); err == nil && fund.IsNegative() {
			short, _ := fund.Neg()
			l.Add(validation.Conflict(at, CodeUnderfunded, "category %s: committed %s is %s short of the required %s", f.Category, f.Committed, short, f.Required).About(about))
		}
		if rem, err := f.Remaining(); err == nil && rem.IsNegative() {
			over, _ := rem.Neg()
			l.Add(validation.Conflict(at, CodeOverspent, "category %s: spent %s exceeds the committed %s by %s", f.Category, f.Spent, f.Committed, over).WithSeverity(validation.Warning).About(about))
		}
	}
	return l
}

// Check runs every check of the pool's content against plan revision
// revision: Validate's problems, then CheckAllocation, CheckCoverage,
// CheckReconfirmations and CheckBudget.
func (p *Pool) Check(revision int) validation.List {
	l := p.ValidateList()
	l = append(l, p.CheckAllocation()...)
	l = append(l, p.CheckCoverage(revision)...)
	l = append(l, p.CheckReconfirmations()...)
	l = append(l, p.CheckBudget()...)
	return l
}
