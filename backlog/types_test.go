package backlog_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
)

func TestDependencyTypeText(t *testing.T) {
	for _, dt := range backlog.DependencyTypes() {
		b, err := dt.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back backlog.DependencyType
		if err := back.UnmarshalText(b); err != nil || back != dt {
			t.Errorf("round trip of %v gave %v, %v", dt, back, err)
		}
		short := backlog.DependencyType(99)
		if err := short.UnmarshalText([]byte(dt.Short())); err != nil || short != dt {
			t.Errorf("short form %q gave %v, %v", dt.Short(), short, err)
		}
	}
	var dt backlog.DependencyType = backlog.StartToFinish
	if err := dt.UnmarshalText([]byte("sf")); err != nil || dt != backlog.StartToFinish {
		t.Errorf("lower-case sf: %v %v", dt, err)
	}
	if err := dt.UnmarshalText([]byte("finish-to-begin")); !errors.Is(err, backlog.ErrUnknownValue) || dt != backlog.StartToFinish {
		t.Errorf("unknown text: err=%v, value changed to %v", err, dt)
	}
	if _, err := backlog.DependencyType(4).MarshalText(); err == nil {
		t.Error("invalid type marshalled")
	}
	if backlog.FinishToFinish.String() != "finish-to-finish" || backlog.FinishToFinish.Short() != "FF" {
		t.Error("FF names")
	}
}

func TestTimingKindText(t *testing.T) {
	cases := map[string]backlog.TimingKind{"before-launch": backlog.BeforeLaunch, "launch-day": backlog.OnLaunch, "after-launch": backlog.AfterLaunch, "": 0}
	for text, want := range cases {
		var k backlog.TimingKind
		if err := k.UnmarshalText([]byte(text)); err != nil || k != want {
			t.Errorf("%q gave %v, %v", text, k, err)
		}
		if b, _ := want.MarshalText(); string(b) != text {
			t.Errorf("%v marshals as %q", want, b)
		}
	}
	k := backlog.AfterLaunch
	if err := k.UnmarshalText([]byte("post-launch")); err == nil || k != backlog.AfterLaunch {
		t.Error("unknown timing accepted or value changed")
	}
}

func TestTimingDate(t *testing.T) {
	release := date("2027-03-10") // a Wednesday
	tests := []struct {
		timing backlog.Timing
		want   string
		text   string
	}{
		{backlog.Before(5), "2027-03-03", "5 workdays before launch"},
		{backlog.OnLaunchDay(), "2027-03-10", "on launch day"},
		{backlog.After(3), "2027-03-15", "3 workdays after launch"},
		{backlog.Before(0), "2027-03-10", "0 workdays before launch"},
	}
	for _, tt := range tests {
		got, err := tt.timing.Date(release, nil)
		if err != nil || got.String() != tt.want {
			t.Errorf("%v.Date = %v, %v; want %s", tt.timing, got, err, tt.want)
		}
		if tt.timing.String() != tt.text {
			t.Errorf("String() = %q, want %q", tt.timing.String(), tt.text)
		}
	}
	// A Saturday release means "ready by Friday", as the scheduler reads a
	// deadline: it rolls back to the Friday first.
	got, err := backlog.OnLaunchDay().Date(date("2027-03-13"), calendar.Standard())
	if err != nil || got.String() != "2027-03-12" {
		t.Errorf("Saturday release: %v %v", got, err)
	}
	for _, bad := range []backlog.Timing{{}, {Kind: backlog.OnLaunch, Workdays: 2}, backlog.Before(-1), {Kind: 9}} {
		if _, err := bad.Date(release, nil); err == nil {
			t.Errorf("%+v gave a date", bad)
		}
	}
	if _, err := backlog.Before(1).Date(calendar.Date{}, nil); err == nil {
		t.Error("zero release date gave a date")
	}
}

func TestWordTypes(t *testing.T) {
	var c backlog.Category
	if err := c.UnmarshalText([]byte("partner-enablement")); err != nil || c != "partner-enablement" {
		t.Errorf("own category refused: %v", err)
	}
	// Malformed categories decode, so that a broken document can be
	// loaded to be repaired; validation refuses them.
	for _, bad := range []string{"", "Sales", "sales--training", "-x", "x-", "sales training", "1st"} {
		c := backlog.Category("keep")
		if err := c.UnmarshalText([]byte(bad)); err != nil || c != backlog.Category(bad) || c.IsValid() {
			t.Errorf("category %q: err %v, value %q, valid %v", bad, err, c, c.IsValid())
		}
	}
	if got := backlog.DisciplineUserEducation.Title(); got != "User Education" {
		t.Errorf("Title = %q", got)
	}
	if !backlog.DisciplineTest.IsCMMI() || backlog.DisciplineMarketing.IsCMMI() {
		t.Error("IsCMMI wrong")
	}
	if len(backlog.CMMIDisciplines()) != 5 {
		t.Error("CMMI has five disciplines")
	}
	var d backlog.Discipline
	if err := d.UnmarshalText([]byte("User Education")); err == nil {
		t.Error("discipline with spaces accepted")
	}
	var g backlog.Group
	if err := g.UnmarshalText([]byte("training")); err != nil || g != backlog.GroupTraining {
		t.Error(err)
	}
	if backlog.Priority(0).String() != "" || backlog.Priority(3).String() != "P3" || backlog.Priority(5).IsValid() {
		t.Error("priority")
	}
}

func TestEstimate(t *testing.T) {
	e := backlog.ThreePoint(2, 3, 10)
	if !e.IsThreePoint() || e.Mean() != (2+12+10)/6.0 {
		t.Errorf("three-point %+v mean %v", e, e.Mean())
	}
	o, m, p := backlog.Days(4).Range()
	if o != 4 || m != 4 || p != 4 || backlog.Days(4).IsThreePoint() {
		t.Errorf("Range of a single value: %v %v %v", o, m, p)
	}
	for in, want := range map[float64]int{0.5: 1, 1: 1, 2.25: 3, 0: 0, -1: 0} {
		if got := backlog.Days(in).Workdays(); got != want {
			t.Errorf("Days(%v).Workdays() = %d, want %d", in, got, want)
		}
	}
}
