package risk

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
)

// Probability is the chance that a risk occurs, in whole percent from 1 to
// 99, as the CMMI Probability field holds it. A risk that is certain is an
// issue, and one that cannot happen is no risk, so 0 and 100 are invalid;
// the zero Probability means "not assessed".
type Probability uint8

// Bounds of a valid Probability.
const (
	MinProbability Probability = 1
	MaxProbability Probability = 99
)

// IsValid reports whether p lies in 1..99.
func (p Probability) IsValid() bool { return p >= MinProbability && p <= MaxProbability }

// Fraction returns p as a fraction of one, such as 0.4 for 40 percent: the
// chance a Monte Carlo forecast draws against.
func (p Probability) Fraction() float64 { return float64(p) / 100 }

// Band returns the band of p on the default five-band scale: 1 for 1-20%,
// 2 for 21-40%, 3 for 41-60%, 4 for 61-80%, 5 for 81-99%; 0 for an invalid
// p. [MatrixSpec] lets a caller draw other bands.
func (p Probability) Band() int { return bandOf(p, defaultBands[:]) }

// String renders p as "40%".
func (p Probability) String() string { return strconv.Itoa(int(p)) + "%" }

// Impact is the effect of a risk on the release if it occurs, on a scale of
// 1 (very low) to 5 (very high). The zero Impact means "not assessed".
type Impact uint8

// The impact scale.
const (
	VeryLow Impact = iota + 1
	Low
	Medium
	High
	VeryHigh
)

var impactNames = [...]string{"", "very low", "low", "medium", "high", "very high"}

// IsValid reports whether i lies in 1..5.
func (i Impact) IsValid() bool { return i >= VeryLow && i <= VeryHigh }

// String returns the impact's word, such as "high".
func (i Impact) String() string {
	if int(i) < len(impactNames) {
		return impactNames[i]
	}
	return fmt.Sprintf("Impact(%d)", uint8(i))
}

// Exposure is probability times impact in percent-points: a risk of 40%
// with impact 4 has exposure 160, an expected impact of 1.6 on the 1 to 5
// scale. It ranges from 1 to 495. Exposures rank risks; they are ordinal
// figures, not money or days.
type Exposure int

// Expected returns the exposure as an expected impact on the 1 to 5 scale,
// such as 1.6 for 160.
func (e Exposure) Expected() float64 { return float64(e) / 100 }

// Level is one assessment of a risk: a probability and an impact. A risk
// keeps its current assessment in its own Probability and Impact fields and
// may keep three more as Levels: inherent (before any response), residual
// (expected once the response is in place) and target (what the owner aims
// for). The zero Level means "not assessed".
type Level struct {
	// Probability is the chance of occurrence, 1 to 99 percent.
	Probability Probability `json:"probability" jsonschema:"minimum=1,maximum=99"`
	// Impact is the effect on the 1 to 5 scale.
	Impact Impact `json:"impact" jsonschema:"minimum=1,maximum=5"`
}

// IsZero reports whether the level was not assessed.
func (l Level) IsZero() bool { return l == Level{} }

// Exposure returns probability times impact; see [Exposure].
func (l Level) Exposure() Exposure { return Exposure(int(l.Probability) * int(l.Impact)) }

// Score returns the level's cell score on the default 5 by 5 matrix: the
// probability band times the impact, 1 to 25.
func (l Level) Score() int { return l.Probability.Band() * int(l.Impact) }

// Kind tells a threat (a risk that would hurt the release) from an
// opportunity (one that would help it). The zero Kind is Threat.
type Kind uint8

// The kinds of risk.
const (
	Threat Kind = iota
	Opportunity
)

var kindNames = [...]string{"threat", "opportunity"}

// String returns "threat" or "opportunity".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// IsValid reports whether k is Threat or Opportunity.
func (k Kind) IsValid() bool { return k <= Opportunity }

// MarshalText writes "threat" or "opportunity".
func (k Kind) MarshalText() ([]byte, error) {
	if !k.IsValid() {
		return nil, fmt.Errorf("risk: invalid kind %d", uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText reads "threat" or "opportunity"; anything else is an error
// and leaves k unchanged.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if string(b) == n {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("risk: unknown kind %q (want threat or opportunity)", b)
}

// Response is the strategy chosen to handle a risk, from PRINCE2's response
// categories (CMMI RSKM SP 3.1's avoid, control, transfer, monitor, accept
// map onto them). Threats take avoid, reduce, transfer, accept, fallback or
// share; opportunities take exploit, enhance, share or accept. The zero
// Response means "not decided yet".
type Response string

// The response strategies.
const (
	// Avoid removes the threat, such as by changing the plan.
	Avoid Response = "avoid"
	// Reduce lowers the probability or the impact of a threat.
	Reduce Response = "reduce"
	// Transfer moves the impact of a threat to a third party, such as an
	// insurer or a vendor.
	Transfer Response = "transfer"
	// Accept takes the risk as it is, watching it.
	Accept Response = "accept"
	// Fallback prepares a contingency plan to enact if the threat occurs.
	Fallback Response = "fallback"
	// Share splits the gain or loss with a partner.
	Share Response = "share"
	// Exploit makes sure an opportunity happens.
	Exploit Response = "exploit"
	// Enhance raises the probability or benefit of an opportunity.
	Enhance Response = "enhance"
)

var responses = []Response{Avoid, Reduce, Transfer, Accept, Fallback, Share, Exploit, Enhance}

// Responses lists every response strategy.
func Responses() []Response { return append([]Response(nil), responses...) }

// String returns the response's text, such as "reduce".
func (r Response) String() string { return string(r) }

// IsValid reports whether r is one of the strategies (or empty).
func (r Response) IsValid() bool {
	if r == "" {
		return true
	}
	for _, x := range responses {
		if x == r {
			return true
		}
	}
	return false
}

// Fits reports whether r suits a risk of kind k: exploit and enhance only
// suit opportunities; avoid, reduce, transfer and fallback only threats;
// accept and share suit both.
func (r Response) Fits(k Kind) bool {
	switch r {
	case Exploit, Enhance:
		return k == Opportunity
	case Avoid, Reduce, Transfer, Fallback:
		return k == Threat
	}
	return true
}

// UnmarshalText reads a strategy; unknown text is an error and leaves r
// unchanged.
func (r *Response) UnmarshalText(b []byte) error {
	v := Response(b)
	if !v.IsValid() {
		return fmt.Errorf("risk: unknown response %q (want one of %s)", b, joinResponses())
	}
	*r = v
	return nil
}

func joinResponses() string {
	s := make([]string, len(responses))
	for i, r := range responses {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

// Category groups risks by their source. It is a user-extensible set: the
// built-in categories are listed in [BuiltinCategories], and any other
// lower-case kebab-case word (letters, digits and single hyphens, at most
// 64 bytes, such as "data-migration") is accepted as a company's own.
type Category string

// The built-in categories.
const (
	Technical          Category = "technical"
	Schedule           Category = "schedule"
	CostCategory       Category = "cost"
	Resource           Category = "resource"
	Market             Category = "market"
	Vendor             Category = "vendor"
	LegalAndCompliance Category = "legal-and-compliance"
	Operational        Category = "operational"
)

var builtinCategories = []Category{Technical, Schedule, CostCategory, Resource, Market, Vendor, LegalAndCompliance, Operational}

// BuiltinCategories returns the built-in categories (a new slice).
func BuiltinCategories() []Category { return append([]Category(nil), builtinCategories...) }

// String returns the category's text.
func (c Category) String() string { return string(c) }

// IsBuiltin reports whether c is one of the built-in categories.
func (c Category) IsBuiltin() bool {
	for _, b := range builtinCategories {
		if b == c {
			return true
		}
	}
	return false
}

// IsValid reports whether c is empty or a kebab-case word of at most 64
// bytes.
func (c Category) IsValid() bool {
	if c == "" {
		return true
	}
	if len(c) > 64 || c[0] == '-' || c[len(c)-1] == '-' {
		return false
	}
	for i := 0; i < len(c); i++ {
		ch := c[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
		case ch == '-' && c[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// UnmarshalText reads a category; text that is not a kebab-case word is an
// error and leaves c unchanged.
func (c *Category) UnmarshalText(b []byte) error {
	v := Category(b)
	if !v.IsValid() {
		return fmt.Errorf("risk: invalid category %q (want a lower-case kebab-case word such as %q)", truncate(string(b)), LegalAndCompliance)
	}
	*c = v
	return nil
}

// Cost is a cost impact: an amount of money in the minor units of its
// currency (cents for EUR and USD, yen for JPY) and the currency's ISO 4217
// alphabetic code, such as {MinorUnits: 2500000, Currency: "EUR"} for
// 25,000.00 euros. rollout has no money type a risk log may import, so this
// small value stands in; the plan converts it where budgets are summed.
// The zero Cost means "no cost impact". Validation checks that the code is
// three upper-case ASCII letters, not that ISO still lists it.
type Cost struct {
	// MinorUnits is the amount in the currency's minor units, never
	// negative (for an opportunity it is the gain).
	MinorUnits int64 `json:"minorUnits" jsonschema:"minimum=0"`
	// Currency is the ISO 4217 alphabetic code, such as "EUR".
	Currency string `json:"currency" jsonschema:"pattern=^[A-Z]{3}$"`
}

// IsZero reports whether c is the zero Cost.
func (c Cost) IsZero() bool { return c == Cost{} }

// String renders c as "2500000 EUR (minor units)"; the zero Cost gives "".
func (c Cost) String() string {
	if c.IsZero() {
		return ""
	}
	return strconv.FormatInt(c.MinorUnits, 10) + " " + c.Currency + " (minor units)"
}

// ValidCurrency reports whether code is written as an ISO 4217 alphabetic
// code: three upper-case ASCII letters.
func ValidCurrency(code string) bool {
	if len(code) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return false
		}
	}
	return true
}

// LaunchPhase places a risk's proximity relative to the launch date when no
// exact date is known.
type LaunchPhase uint8

// The launch phases. The zero LaunchPhase means none.
const (
	BeforeLaunch LaunchPhase = iota + 1
	AtLaunch
	AfterLaunch
)

var phaseNames = [...]string{"", "before-launch", "at-launch", "after-launch"}

// String returns "before-launch", "at-launch" or "after-launch".
func (p LaunchPhase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return fmt.Sprintf("LaunchPhase(%d)", uint8(p))
}

// Proximity says when a risk would strike: on or by a date, or before, at
// or after the launch. It is a comparable value; the zero Proximity means
// "unknown". Its text form is the date (2027-03-01) or the phase
// (before-launch, at-launch, after-launch).
type Proximity struct {
	date  calendar.Date
	phase LaunchPhase
}

// ProximityOn returns the proximity of a risk that would strike by d.
func ProximityOn(d calendar.Date) Proximity { return Proximity{date: d} }

// ProximityAt returns the proximity of a risk placed relative to the
// launch. An unknown phase gives the zero Proximity.
func ProximityAt(p LaunchPhase) Proximity {
	if p < BeforeLaunch || p > AfterLaunch {
		return Proximity{}
	}
	return Proximity{phase: p}
}

// IsZero reports whether the proximity is unknown.
func (p Proximity) IsZero() bool { return p == Proximity{} }

// Date returns the proximity's date, or the zero Date when it is a phase.
func (p Proximity) Date() calendar.Date { return p.date }

// Phase returns the proximity's launch phase, or 0 when it is a date.
func (p Proximity) Phase() LaunchPhase { return p.phase }

// Equal reports whether p and q are the same proximity (for go-cmp).
func (p Proximity) Equal(q Proximity) bool { return p == q }

// String renders p as its date or phase; the zero Proximity gives "".
func (p Proximity) String() string {
	if p.phase != 0 {
		return p.phase.String()
	}
	return p.date.String()
}

// Passed reports whether the window in which the risk could strike is over
// on date on, for a launch on launch: a date proximity passes the day after
// its date; before-launch passes on the launch day; at-launch passes the
// day after the launch; after-launch and the zero Proximity never pass. A
// phase never passes when launch is the zero Date.
func (p Proximity) Passed(on, launch calendar.Date) bool {
	if on.IsZero() {
		return false
	}
	switch {
	case !p.date.IsZero():
		return p.date.Before(on)
	case launch.IsZero():
		return false
	case p.phase == BeforeLaunch:
		return !on.Before(launch)
	case p.phase == AtLaunch:
		return on.After(launch)
	}
	return false
}

// MarshalText writes the date or the phase; the zero Proximity gives empty
// text.
func (p Proximity) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads a date (YYYY-MM-DD) or a phase; empty text gives the
// zero Proximity. Anything else is an error and leaves p unchanged.
func (p *Proximity) UnmarshalText(b []byte) error {
	s := string(b)
	if s == "" {
		*p = Proximity{}
		return nil
	}
	for i := BeforeLaunch; i <= AfterLaunch; i++ {
		if phaseNames[i] == s {
			*p = Proximity{phase: i}
			return nil
		}
	}
	d, err := calendar.Parse(s)
	if err != nil {
		return fmt.Errorf("risk: proximity %q is neither a date YYYY-MM-DD nor before-launch, at-launch or after-launch", truncate(s))
	}
	*p = Proximity{date: d}
	return nil
}

// Priority ranks issues as the CMMI Priority field does: 1 (highest) to 4
// (lowest). The zero Priority means "not triaged".
type Priority uint8

// IsValid reports whether p lies in 1..4.
func (p Priority) IsValid() bool { return p >= 1 && p <= 4 }

// String renders p as "P1".."P4".
func (p Priority) String() string { return "P" + strconv.Itoa(int(p)) }

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
