package schedule

import "fmt"

// Mode says where an activity is placed between its early and late dates,
// as MS Project's "As Soon As Possible" and "As Late As Possible" and
// TaskJuggler's "scheduling asap/alap" do. The zero value, DefaultMode,
// follows the network: as soon as possible when it is scheduled forwards
// from a start, as late as possible (release work) when it is scheduled
// backwards from its deadline.
type Mode uint8

// The scheduling modes.
const (
	// DefaultMode follows the network's direction. Text form "".
	DefaultMode Mode = iota
	// AsSoonAsPossible places the activity at the earliest dates its
	// predecessors, as placed, allow. Text form "as-soon-as-possible",
	// short "asap".
	AsSoonAsPossible
	// AsLateAsPossible places the activity at its late dates, just in time
	// for its successors and the deadline (training, press releases).
	// Its successors then follow it, as in MS Project. Text form
	// "as-late-as-possible", short "alap".
	AsLateAsPossible
)

var modeNames = [...]string{"", "as-soon-as-possible", "as-late-as-possible"}
var modeShort = [...]string{"", "asap", "alap"}

// Valid reports whether m is one of the three modes.
func (m Mode) Valid() bool { return int(m) < len(modeNames) }

// String returns the text form, such as "as-late-as-possible" ("default"
// for DefaultMode).
func (m Mode) String() string {
	switch {
	case m == DefaultMode:
		return "default"
	case m.Valid():
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// MarshalText writes the text form; it fails for an unknown mode.
func (m Mode) MarshalText() ([]byte, error) {
	if !m.Valid() {
		return nil, fmt.Errorf("schedule: unknown mode %d", uint8(m))
	}
	return []byte(modeNames[m]), nil
}

// UnmarshalText reads the text form ("as-late-as-possible"), the short
// form ("alap", in any case) or "" for DefaultMode. Unknown text is an
// error and leaves m unchanged.
func (m *Mode) UnmarshalText(b []byte) error {
	s := string(b)
	for i := range modeNames {
		if s == modeNames[i] || equalFoldASCII(s, modeShort[i]) {
			*m = Mode(i)
			return nil
		}
	}
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return fmt.Errorf("schedule: unknown mode %q (want as-soon-as-possible or as-late-as-possible)", s)
}

// late reports whether an activity in mode m is placed at its late dates
// in a network scheduled backwards (or not) and after the release (or
// not).
func (m Mode) late(backward, post bool) bool {
	return m == AsLateAsPossible || (m == DefaultMode && backward && !post)
}
