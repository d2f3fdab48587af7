package deployment

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/validation"
)

// Kinds of the package's entities, for the validation.Subject of a problem
// about one of them.
const (
	// SubjectWave: a deployment wave, named by its ID.
	SubjectWave validation.SubjectKind = "wave"
	// SubjectHypercare: the hypercare period; no ID.
	SubjectHypercare validation.SubjectKind = "hypercare"
	// SubjectPointOfNoReturn: the point of no return; no ID.
	SubjectPointOfNoReturn validation.SubjectKind = "point-of-no-return"
)

// Ring says what kind of wave a wave is, from the smallest, most tolerant
// audience to everyone.
type Ring string

// The rings, in the order a rollout usually passes them.
const (
	// RingPilot: an internal pilot or canary (dogfooding, a test tenant).
	RingPilot Ring = "pilot"
	// RingEarlyAdopters: a few customers who agreed to go first.
	RingEarlyAdopters Ring = "early-adopters"
	// RingBroad: a larger share of the customers.
	RingBroad Ring = "broad"
	// RingGeneralAvailability: everyone left.
	RingGeneralAvailability Ring = "general-availability"
)

var rings = []Ring{RingPilot, RingEarlyAdopters, RingBroad, RingGeneralAvailability}

// Rings returns the rings in rollout order.
func Rings() []Ring { return slices.Clone(rings) }

// IsValid reports whether r is one of the rings.
func (r Ring) IsValid() bool { return slices.Contains(rings, r) }

// String returns the ring's name, such as "early-adopters".
func (r Ring) String() string { return string(r) }

// Audience is who a wave reaches: a segment of the customers and how many,
// as a count, a share in percent, or both.
type Audience struct {
	// Segment names the customers, such as "Contoso staff tenants" or
	// "EMEA hosted tenants".
	Segment string `json:"segment" jsonschema:"minLength=1"`
	// Customers is how many customers (tenants, sites) the wave reaches;
	// 0 means given as a share only.
	Customers int `json:"customers,omitzero" jsonschema:"minimum=0"`
	// Share is the share of all customers the wave reaches, in percent
	// (more than 0, at most 100); 0 means given as a count only.
	Share float64 `json:"share,omitzero" jsonschema:"minimum=0,maximum=100"`
}

// Comparison says how an observed value must compare with a threshold for
// a criterion to hold.
type Comparison string

// The comparisons.
const (
	// Below: the value is less than the threshold.
	Below Comparison = "below"
	// AtMost: the value is less than or equal to the threshold.
	AtMost Comparison = "at-most"
	// Above: the value is greater than the threshold.
	Above Comparison = "above"
	// AtLeast: the value is greater than or equal to the threshold.
	AtLeast Comparison = "at-least"
)

var comparisons = []Comparison{Below, AtMost, Above, AtLeast}

// Comparisons returns the comparisons.
func Comparisons() []Comparison { return slices.Clone(comparisons) }

// IsValid reports whether c is one of the comparisons.
func (c Comparison) IsValid() bool { return slices.Contains(comparisons, c) }

// Words returns the comparison as people read it, such as "at most" for
// AtMost; the value itself ("at-most") is what documents hold. An invalid
// comparison is returned as it is.
func (c Comparison) Words() string { return strings.ReplaceAll(string(c), "-", " ") }

// Holds reports whether value compares with threshold as c says. It is
// false for an invalid comparison.
func (c Comparison) Holds(value, threshold float64) bool {
	switch c {
	case Below:
		return value < threshold
	case AtMost:
		return value <= threshold
	case Above:
		return value > threshold
	case AtLeast:
		return value >= threshold
	}
	return false
}

// Criterion is a measurable condition: a metric compared with a threshold
// over an observation window, such as "error rate at most 0.5 % over 48
// hours". Waves use criteria as success criteria and as rollback triggers;
// hypercare uses them as exit criteria.
type Criterion struct {
	// Metric names what is measured, such as "checkout error rate".
	Metric string `json:"metric" jsonschema:"minLength=1"`
	// Comparison says how the observed value must compare with Threshold.
	Comparison Comparison `json:"comparison" jsonschema:"enum=below,enum=at-most,enum=above,enum=at-least"`
	// Threshold is the value compared with.
	Threshold float64 `json:"threshold"`
	// Unit is the unit of the metric and the threshold, such as "%",
	// "ms" or "tickets/day".
	Unit string `json:"unit" jsonschema:"minLength=1"`
	// WindowHours is how long the metric is observed, in hours, before
	// the criterion is judged.
	WindowHours int `json:"windowHours" jsonschema:"minimum=1"`
}

// Holds reports whether the observed value meets the criterion.
func (c Criterion) Holds(value float64) bool { return c.Comparison.Holds(value, c.Threshold) }

// Rollback is how a wave is backed out: the procedure, the triggers that
// start it and who decides.
type Rollback struct {
	// Plan says how the wave is backed out, such as the runbook to
	// follow and its reference.
	Plan string `json:"plan" jsonschema:"minLength=1"`
	// Triggers are the conditions that start a rollback, such as "error
	// rate above 2 % over 1 hour": when any holds, the wave is rolled
	// back without waiting for its evaluation.
	Triggers []Criterion `json:"triggers,omitempty"`
	// DecidedBy names who decides to roll back, such as the release
	// manager on call.
	DecidedBy string `json:"decidedBy,omitempty"`
}

// Wave is one step of the rollout: an audience that receives the release,
// how long deploying to it takes, how long it soaks before the next wave,
// what makes it a success and how it is backed out.
type Wave struct {
	// ID identifies the wave, such as "W1"; the wave's tasks are named
	// "<ID>/deploy", "<ID>/soak", "<ID>/evaluate" and "<ID>/gate", so an
	// ID has no "/" and no spaces.
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64"`
	// Name names the wave for people, such as "Internal pilot".
	Name string `json:"name" jsonschema:"minLength=1"`
	// Ring is the kind of wave.
	Ring Ring `json:"ring" jsonschema:"enum=pilot,enum=early-adopters,enum=broad,enum=general-availability"`
	// Audience is who the wave reaches.
	Audience Audience `json:"audience"`
	// Requirement is the ID of the requirement (of the backlog) the wave
	// serves, such as the deployment waves requirement; its tasks trace
	// to it.
	Requirement string `json:"requirement,omitempty"`
	// Earliest, when set, is the first day the wave may be deployed,
	// such as the day after launch for the general availability rings;
	// its deploy task may not start before it.
	Earliest calendar.Date `json:"earliest,omitzero"`
	// Deploy is the effort of deploying the wave, in workdays.
	Deploy backlog.Estimate `json:"deploy"`
	// SoakDays is how many workdays the wave runs after its deployment
	// before it is evaluated and the next wave may start.
	SoakDays int `json:"soakDays" jsonschema:"minimum=0,maximum=1000"`
	// Criteria are the success criteria the evaluation judges.
	Criteria []Criterion `json:"criteria,omitempty"`
	// Rollback is how the wave is backed out.
	Rollback Rollback `json:"rollback"`
	// Evaluation is the wave's evaluation and decision, changed only
	// through Plan.Transition and Plan.PassPointOfNoReturn.
	Evaluation Evaluation `json:"evaluation"`
}

// Judge returns the outcome the success criteria give for the observed
// values, keyed by metric: Failed as soon as a rollback trigger holds or a
// criterion with an observation does not; otherwise Inconclusive while a
// criterion has no observation; otherwise Succeeded. A wave without
// criteria is Inconclusive.
func (w Wave) Judge(observed map[string]float64) Outcome {
	for _, t := range w.Rollback.Triggers {
		if v, ok := observed[t.Metric]; ok && t.Holds(v) {
			return Failed
		}
	}
	missing := len(w.Criteria) == 0
	for _, c := range w.Criteria {
		v, ok := observed[c.Metric]
		if !ok {
			missing = true
			continue
		}
		if !c.Holds(v) {
			return Failed
		}
	}
	if missing {
		return Inconclusive
	}
	return Succeeded
}

// PointOfNoReturn marks the wave from which the rollout cannot be backed
// out, such as the wave whose deployment migrates the customers' data to
// the new schema. Continuing from the wave before it to it needs a recorded
// go/no-go (see Plan.PassPointOfNoReturn).
type PointOfNoReturn struct {
	// Wave is the ID of the first wave that cannot be rolled back.
	Wave string `json:"wave" jsonschema:"minLength=1"`
	// Reason says why there is no way back, such as "hosted ledgers are
	// migrated to the 4.0 schema".
	Reason string `json:"reason" jsonschema:"minLength=1"`
	// Decision is the ID of the go/no-go review that guards it, among
	// the plan's decisions.
	Decision string `json:"decision,omitempty"`
}

// Hypercare is the early life support period after launch: heightened
// support until its exit criteria hold, with a rota of people and a war
// room.
type Hypercare struct {
	// From is the first day of hypercare, usually the launch day.
	From calendar.Date `json:"from"`
	// Through is the last planned day of hypercare, inclusive; it ends
	// earlier only when the exit criteria hold.
	Through calendar.Date `json:"through"`
	// Lead names who leads hypercare and decides its exit.
	Lead string `json:"lead,omitempty"`
	// ExitCriteria must all hold for hypercare to end and support to
	// take over.
	ExitCriteria []Criterion `json:"exitCriteria,omitempty"`
	// Rota lists the IDs of the resource demands, in the plan's resource
	// pool, of the people on the hypercare rota, so that the pool's load
	// and commitments cover them.
	Rota []string `json:"rota,omitempty"`
	// WarRoom is the ID of the resource demand, in the plan's resource
	// pool, of the facility used as the war room.
	WarRoom string `json:"warRoom,omitempty"`
}

// Plan is the deployment half of a release plan: the ordered waves, the
// point of no return, hypercare, and the history of the waves'
// evaluations. The zero Plan is empty and ready to use.
type Plan struct {
	// Calendar names the working calendar deployment work follows (its
	// freeze windows keep changes away from sensitive periods); empty
	// means the plan's own calendar.
	Calendar string `json:"calendar,omitempty"`
	// Waves are the waves, in rollout order: each starts after the
	// previous wave's gate.
	Waves []Wave `json:"waves,omitempty"`
	// PointOfNoReturn is where the rollout can no longer be backed out;
	// nil when every wave can be rolled back.
	PointOfNoReturn *PointOfNoReturn `json:"pointOfNoReturn,omitempty"`
	// Hypercare is the early life support period; nil while not planned.
	Hypercare *Hypercare `json:"hypercare,omitempty"`
	// Events records every accepted move of the waves' evaluations,
	// oldest first; the event's subject is the wave's ID.
	Events []Event `json:"events,omitempty"`
}

// Wave returns the wave with the ID and its index.
func (d *Plan) Wave(id string) (Wave, int, bool) {
	if d == nil {
		return Wave{}, -1, false
	}
	for i := range d.Waves {
		if d.Waves[i].ID == id {
			return d.Waves[i].Clone(), i, true
		}
	}
	return Wave{}, -1, false
}

// Clone returns a deep copy of the wave.
func (w Wave) Clone() Wave {
	w.Criteria = slices.Clone(w.Criteria)
	w.Rollback.Triggers = slices.Clone(w.Rollback.Triggers)
	return w
}

// Clone returns a deep copy of the plan; nil for nil.
func (d *Plan) Clone() *Plan {
	if d == nil {
		return nil
	}
	out := *d
	out.Waves = make([]Wave, len(d.Waves))
	for i := range d.Waves {
		out.Waves[i] = d.Waves[i].Clone()
	}
	if d.PointOfNoReturn != nil {
		p := *d.PointOfNoReturn
		out.PointOfNoReturn = &p
	}
	if d.Hypercare != nil {
		h := *d.Hypercare
		h.ExitCriteria = slices.Clone(h.ExitCriteria)
		h.Rota = slices.Clone(h.Rota)
		out.Hypercare = &h
	}
	out.Events = slices.Clone(d.Events)
	return &out
}

// String renders the criterion as "metric comparison threshold unit over
// N h", such as "posting error rate at most 0.5 % over 72 h", with the
// comparison in words (Comparison.Words).
func (c Criterion) String() string {
	return fmt.Sprintf("%s %s %s %s over %d h", c.Metric, c.Comparison.Words(), strconv.FormatFloat(c.Threshold, 'f', -1, 64), c.Unit, c.WindowHours)
}

// String renders the audience as "segment (N customers, S %)".
func (a Audience) String() string {
	var parts []string
	if a.Customers > 0 {
		parts = append(parts, plural(a.Customers, "customer", "customers"))
	}
	if a.Share > 0 {
		parts = append(parts, strconv.FormatFloat(a.Share, 'f', -1, 64)+" %")
	}
	if len(parts) == 0 {
		return a.Segment
	}
	return a.Segment + " (" + strings.Join(parts, ", ") + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
