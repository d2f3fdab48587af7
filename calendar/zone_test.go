package calendar_test

import (
	"archive/zip"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
)

// TestInWhereDSTStartsAtMidnight: in zones whose clocks jump from 00:00 to
// 01:00, midnight does not exist and the day starts at 01:00; In must give
// that instant, not 23:00 of the day before.
func TestInWhereDSTStartsAtMidnight(t *testing.T) {
	tests := []struct {
		zone string
		day  string
		want string // the first instant of the day, local time
	}{
		{"America/Santiago", "2019-09-08", "2019-09-08T01:00:00-03:00"},
		{"America/Havana", "2020-03-08", "2020-03-08T01:00:00-04:00"},
		{"America/Asuncion", "2019-10-06", "2019-10-06T01:00:00-03:00"},
		{"America/Santiago", "2019-09-07", "2019-09-07T00:00:00-04:00"},
		{"America/Santiago", "2019-09-09", "2019-09-09T00:00:00-03:00"},
		{"Europe/Berlin", "2027-03-28", "2027-03-28T00:00:00+01:00"},
	}
	for _, tt := range tests {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Skipf("no tz database: %v", err)
		}
		d := calendar.MustParse(tt.day)
		got := d.In(loc)
		if got.Format(time.RFC3339) != tt.want {
			t.Errorf("%s In(%s) = %s, want %s", tt.day, tt.zone, got.Format(time.RFC3339), tt.want)
		}
		if back := calendar.FromTime(got); back != d {
			t.Errorf("FromTime(%s.In(%s)) = %s", tt.day, tt.zone, back)
		}
	}
}

// zoneNames lists every zone of the system's tz database
// (/usr/share/zoneinfo), or else of the Go distribution's copy.
func zoneNames(t *testing.T) []string {
	var names []string
	root := "/usr/share/zoneinfo"
	if _, err := os.Stat(filepath.Join(root, "UTC")); err == nil {
		filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			name, _ := filepath.Rel(root, path)
			if first := strings.SplitN(name, "/", 2)[0]; first == "posix" || first == "right" || strings.ContainsAny(name, ".") || strings.ToUpper(name[:1]) != name[:1] {
				return nil
			}
			names = append(names, name)
			return nil
		})
	}
	if len(names) == 0 {
		goroot, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			t.Skipf("no system tz database and no go command: %v", err)
		}
		z, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time", "zoneinfo.zip"))
		if err != nil {
			t.Skipf("no tz database: %v", err)
		}
		defer z.Close()
		for _, f := range z.File {
			names = append(names, f.Name)
		}
	}
	slices.Sort(names)
	return names
}

// TestInEveryZoneProperty: for every zone of the tz database and every day
// from 2000 to 2040 that matters (the days around each of the zone's
// offset changes) plus random days, d.In(loc) lies on d, is the first
// instant of d in loc (one second earlier is an earlier day), and
// FromTime(d.In(loc)) == d. The only exception is a day the zone skipped
// altogether (Pacific/Apia and Pacific/Fakaofo on 2011-12-30), for which
// In gives the first instant of the next day.
func TestInEveryZoneProperty(t *testing.T) {
	names := zoneNames(t)
	rng := rand.New(rand.NewPCG(7, 11))
	from, to := calendar.MustParse("2000-01-01"), calendar.MustParse("2040-12-31")
	span := from.DaysUntil(to)
	zones, days, skipped := 0, 0, 0
	for _, name := range names {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue // not a zone file (such as leap-seconds lists)
		}
		zones++
		var sample []calendar.Date
		for tm := from.In(time.UTC).In(loc); ; {
			_, end := tm.ZoneBounds()
			if end.IsZero() || !end.After(tm) || calendar.FromTime(end.In(time.UTC)).After(to) {
				break
			}
			day := calendar.FromTime(end.In(loc))
			sample = append(sample, day.AddDays(-1), day, day.AddDays(1))
			tm = end
		}
		for range 20 {
			sample = append(sample, from.AddDays(rng.IntN(span+1)))
		}
		for _, d := range sample {
			days++
			got := d.In(loc)
			if calendar.FromTime(got) == d.AddDays(1) && calendar.FromTime(got.Add(-time.Second)) == d.AddDays(-1) {
				skipped++ // a day the zone skipped, such as Samoa's 2011-12-30
				continue
			}
			if back := calendar.FromTime(got); back != d {
				t.Fatalf("%s: FromTime(%s.In) = %s (In gave %s)", name, d, back, got.Format(time.RFC3339))
			}
			if before := calendar.FromTime(got.Add(-time.Second)); !before.Before(d) {
				t.Fatalf("%s: %s.In = %s is not the first instant of the day (one second earlier is %s)", name, d, got.Format(time.RFC3339), before)
			}
		}
	}
	if zones < 300 {
		t.Errorf("only %d zones found", zones)
	}
	if skipped > 10 {
		t.Errorf("%d days counted as skipped by their zone", skipped)
	}
	t.Logf("%d zones, %d days, %d skipped days", zones, days, skipped)
}
