package risk

import (
	"fmt"

	"github.com/rolloutkit/rollout/validation"
)

// Zone is the colour of a cell of the probability by impact matrix.
type Zone uint8

// The zones, from least to most serious. The zero Zone means "no zone".
const (
	Green Zone = iota + 1
	Amber
	Red
)

var zoneNames = [...]string{"", "green", "amber", "red"}

// String returns "green", "amber" or "red".
func (z Zone) String() string {
	if int(z) < len(zoneNames) {
		return zoneNames[z]
	}
	return fmt.Sprintf("Zone(%d)", uint8(z))
}

// MarshalText writes the zone's name.
func (z Zone) MarshalText() ([]byte, error) {
	if z < Green || z > Red {
		return nil, fmt.Errorf("risk: invalid zone %d", uint8(z))
	}
	return []byte(z.String()), nil
}

// UnmarshalText reads "green", "amber" or "red"; anything else is an error
// and leaves z unchanged.
func (z *Zone) UnmarshalText(b []byte) error {
	for i := Green; i <= Red; i++ {
		if zoneNames[i] == string(b) {
			*z = i
			return nil
		}
	}
	return fmt.Errorf("risk: unknown zone %q (want green, amber or red)", b)
}

// Zones are the thresholds that colour the matrix's cell scores
// (probability band times impact): scores from RedFrom up are red, from
// AmberFrom up amber, and below AmberFrom green. Organisations draw them
// differently; the zero Zones means the common cut of [DefaultZones]:
// green 1 to 4, amber 5 to 14, red 15 to 25.
type Zones struct {
	// AmberFrom is the lowest amber score.
	AmberFrom int `json:"amberFrom" jsonschema:"minimum=1"`
	// RedFrom is the lowest red score.
	RedFrom int `json:"redFrom" jsonschema:"minimum=1"`
}

// DefaultZones returns green 1 to 4, amber 5 to 14, red 15 to 25.
func DefaultZones() Zones { return Zones{AmberFrom: 5, RedFrom: 15} }

// IsZero reports whether z is the zero Zones (the defaults).
func (z Zones) IsZero() bool { return z == Zones{} }

func (z Zones) eff() Zones {
	if z.IsZero() {
		return DefaultZones()
	}
	return z
}

// Zone returns the zone of a cell score (0 for a score below 1).
func (z Zones) Zone(score int) Zone {
	z = z.eff()
	switch {
	case score < 1:
		return 0
	case score >= z.RedFrom:
		return Red
	case score >= z.AmberFrom:
		return Amber
	}
	return Green
}

// Validate checks 1 <= AmberFrom <= RedFrom <= maxScore (25 on a 5 by 5
// matrix); an empty zone is allowed, such as no green when AmberFrom is 1.
func (z Zones) Validate(maxScore int) error {
	if z.IsZero() {
		return nil
	}
	var l validation.List
	if z.AmberFrom < 1 || z.AmberFrom > maxScore {
		l.Add(validation.OutOfRange(validation.NewPath("amberFrom"), "matrix.zones.amberFrom.range", "amber threshold %d is outside 1 to %d", z.AmberFrom, maxScore))
	}
	if z.RedFrom < 1 || z.RedFrom > maxScore {
		l.Add(validation.OutOfRange(validation.NewPath("redFrom"), "matrix.zones.redFrom.range", "red threshold %d is outside 1 to %d", z.RedFrom, maxScore))
	}
	if z.RedFrom < z.AmberFrom {
		l.Add(validation.Conflict(validation.NewPath("redFrom"), "matrix.zones.order", "red threshold %d is below amber threshold %d", z.RedFrom, z.AmberFrom))
	}
	return l.Err()
}

var defaultBands = [...]Probability{20, 40, 60, 80, 99}

// DefaultBands returns the upper bounds of the five default probability
// bands: 20, 40, 60, 80 and 99 percent.
func DefaultBands() []Probability { return append([]Probability(nil), defaultBands[:]...) }

// MatrixSpec shapes a probability by impact matrix: its probability bands
// (the impact axis is always 1 to 5) and its zones. The zero MatrixSpec is
// the 5 by 5 default with the default zones.
type MatrixSpec struct {
	// Bands are the inclusive upper bounds of the probability bands,
	// ascending, the last one 99; empty means DefaultBands.
	Bands []Probability `json:"bands,omitempty" jsonschema:"maxItems=99"`
	// Zones colour the cell scores; the zero Zones means DefaultZones.
	Zones Zones `json:"zones,omitzero"`
}

// DefaultMatrixSpec returns the 5 by 5 matrix with the default zones.
func DefaultMatrixSpec() MatrixSpec {
	return MatrixSpec{Bands: append([]Probability(nil), defaultBands[:]...), Zones: DefaultZones()}
}

func (s MatrixSpec) bands() []Probability {
	if len(s.Bands) == 0 {
		return defaultBands[:]
	}
	return s.Bands
}

// MaxScore returns the highest cell score: the number of bands times 5.
func (s MatrixSpec) MaxScore() int { return len(s.bands()) * int(VeryHigh) }

// Validate checks that the bands ascend strictly within 1..99 and end at
// 99, and that the zones fit the scores.
func (s MatrixSpec) Validate() error {
	var l validation.List
	prev := Probability(0)
	for i, b := range s.Bands {
		if !b.IsValid() || b <= prev {
			l.Add(validation.Invalid(validation.NewPath("bands").Index(i), "matrix.bands.order", "band bound %d must lie in 1 to 99 and above the previous bound %d", b, prev))
		}
		prev = b
	}
	if len(s.Bands) > 0 && s.Bands[len(s.Bands)-1] != MaxProbability {
		l.Add(validation.Invalid(validation.NewPath("bands").Index(len(s.Bands)-1), "matrix.bands.last", "the last band must end at 99 percent"))
	}
	if err := s.Zones.Validate(s.MaxScore()); err != nil {
		l.AddList(validation.NewPath("zones"), err.(validation.List))
	}
	return l.Err()
}

// Band returns the 1-based band of p (0 when p is not in 1..99).
func (s MatrixSpec) Band(p Probability) int { return bandOf(p, s.bands()) }

// Score returns the cell score of a level: its band times its impact (0
// when the level is not valid).
func (s MatrixSpec) Score(v Level) int {
	if !v.Impact.IsValid() {
		return 0
	}
	return s.Band(v.Probability) * int(v.Impact)
}

func bandOf(p Probability, bands []Probability) int {
	if !p.IsValid() {
		return 0
	}
	for i, b := range bands {
		if p <= b {
			return i + 1
		}
	}
	return 0
}

// Cell is one cell of the matrix.
type Cell struct {
	// Band is the probability band, 1 (least likely) up.
	Band int `json:"band"`
	// Impact is the impact column, 1 to 5.
	Impact Impact `json:"impact"`
	// Score is Band times Impact.
	Score int `json:"score"`
	// Zone is the score's colour.
	Zone Zone `json:"zone" jsonschema:"type=string,enum=green,enum=amber,enum=red"`
	// Count is the number of risks in the cell.
	Count int `json:"count"`
	// IDs are the risks in the cell, in ranking order.
	IDs []string `json:"ids,omitempty"`
}

// Matrix is the probability by impact matrix of a set of risks.
type Matrix struct {
	// Spec is the shape the matrix was built with, defaults filled in.
	Spec MatrixSpec `json:"spec"`
	// Cells holds one row per probability band, the least likely first,
	// each with one cell per impact, 1 to 5: Cells[band-1][impact-1].
	Cells [][]Cell `json:"cells"`
	// Unassessed lists the risks without a valid probability and impact,
	// which no cell holds, in ranking order.
	Unassessed []string `json:"unassessed,omitempty"`
}

// Cell returns the cell of a band and an impact.
func (m Matrix) Cell(band int, impact Impact) (Cell, bool) {
	if band < 1 || band > len(m.Cells) || !impact.IsValid() {
		return Cell{}, false
	}
	return m.Cells[band-1][impact-1], true
}

// Count returns the number of risks in cells of zone z.
func (m Matrix) Count(z Zone) int {
	n := 0
	for _, row := range m.Cells {
		for _, c := range row {
			if c.Zone == z {
				n += c.Count
			}
		}
	}
	return n
}

// NewMatrix places risks on the matrix of spec. It returns the spec's
// validation problems, if any, as a validation.List.
func NewMatrix(spec MatrixSpec, risks []Risk) (Matrix, error) {
	return newMatrix(spec, risks, nil)
}

// Matrix places the risks that pass every filter on the matrix of spec
// (pass OpenRisk for the open ones). It returns the spec's validation
// problems, if any, as a validation.List.
func (l *Log) Matrix(spec MatrixSpec, filters ...RiskFilter) (Matrix, error) {
	return newMatrix(spec, l.risks.Items(), filters)
}

func newMatrix(spec MatrixSpec, risks []Risk, filters []RiskFilter) (Matrix, error) {
	if err := spec.Validate(); err != nil {
		return Matrix{}, err
	}
	spec = MatrixSpec{Bands: append([]Probability(nil), spec.bands()...), Zones: spec.Zones.eff()}
	m := Matrix{Spec: spec, Cells: make([][]Cell, len(spec.Bands))}
	for b := range m.Cells {
		row := make([]Cell, VeryHigh)
		for i := range row {
			score := (b + 1) * (i + 1)
			row[i] = Cell{Band: b + 1, Impact: Impact(i + 1), Score: score, Zone: spec.Zones.Zone(score)}
		}
		m.Cells[b] = row
	}
	for _, k := range rankedKeys(risks, filters, -1) {
		r := &risks[k.i]
		band := bandOf(r.Probability, spec.Bands)
		if band == 0 || !r.Impact.IsValid() {
			m.Unassessed = append(m.Unassessed, r.ID)
			continue
		}
		c := &m.Cells[band-1][r.Impact-1]
		c.Count++
		c.IDs = append(c.IDs, r.ID)
	}
	return m, nil
}
