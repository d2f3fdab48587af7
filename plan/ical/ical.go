package ical

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/view"
)

// Options tune Write. The zero value exports every event and window.
type Options struct {
	// Stamp is the DTSTAMP of every component: when the file was made.
	// Zero means the time of the plan's latest recorded event, or else
	// midnight UTC of the release date, so that the same plan always
	// gives the same file (nothing here reads the clock).
	Stamp time.Time
	// Domain ends every UID ("<event key>.<plan ID>@<domain>"); empty
	// means "rollout.invalid".
	Domain string
	// ReviewLength is the length of a timed event such as a go/no-go
	// review held at a time; zero means one hour.
	ReviewLength time.Duration
	// View, when set, is the view of the plan to export (it must be a
	// view of the same plan); nil means a new view.New(p, view.Options{}).
	View *view.View
}

// Write writes the plan's events and windows to w as one iCalendar
// (RFC 5545) VCALENDAR. The plan must validate and schedule: otherwise
// Write returns an error (wrapping view.ErrInvalidPlan or
// view.ErrNotScheduled) and writes nothing. The calendar is rendered into
// memory first and written with one call.
func Write(ctx context.Context, w io.Writer, p *plan.Plan, opts Options) error {
	return view.Write(ctx, w, p, opts, Marshal)
}

// Marshal returns the plan's iCalendar, as Write writes it.
func Marshal(ctx context.Context, p *plan.Plan, opts Options) ([]byte, error) {
	v, err := view.Use("ical", p, opts.View)
	if err != nil {
		return nil, err
	}
	domain := opts.Domain
	if domain == "" {
		domain = "rollout.invalid"
	}
	length := opts.ReviewLength
	if length <= 0 {
		length = time.Hour
	}
	stamp := opts.Stamp
	if stamp.IsZero() {
		stamp = defaultStamp(v.Plan)
	}
	e := &encoder{}
	e.buf.Grow(256 * (len(v.Events) + len(v.Windows) + 4))
	e.prop("BEGIN", "VCALENDAR")
	e.prop("VERSION", "2.0")
	e.prop("PRODID", "-//rolloutkit//rollout//EN")
	e.prop("CALSCALE", "GREGORIAN")
	e.prop("METHOD", "PUBLISH")
	e.text("X-WR-CALNAME", calName(v.Plan))
	stampText := stamp.UTC().Format("20060102T150405Z")
	uidTail := "." + uidPart(v.Plan.ID) + "@" + domain
	seq := fmt.Sprint(v.Plan.Revision)
	d := newDescriber(v)
	for i, ev := range v.Events {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		e.prop("BEGIN", "VEVENT")
		e.prop("UID", uidPart(ev.Key)+uidTail)
		e.prop("DTSTAMP", stampText)
		e.prop("SEQUENCE", seq)
		if !ev.At.IsZero() {
			e.prop("DTSTART", ev.At.UTC().Format("20060102T150405Z"))
			e.prop("DTEND", ev.At.Add(length).UTC().Format("20060102T150405Z"))
		} else {
			e.date("DTSTART", ev.Start)
			e.date("DTEND", ev.Finish.AddDays(1))
		}
		e.text("SUMMARY", ev.Title)
		if text := d.event(ev); text != "" {
			e.text("DESCRIPTION", text)
		}
		e.text("CATEGORIES", string(ev.Kind))
		e.prop("TRANSP", "OPAQUE")
		e.prop("END", "VEVENT")
	}
	for _, win := range v.Windows {
		e.prop("BEGIN", "VEVENT")
		e.prop("UID", uidPart(win.Key)+uidTail)
		e.prop("DTSTAMP", stampText)
		e.prop("SEQUENCE", seq)
		e.date("DTSTART", win.From)
		e.date("DTEND", win.Through.AddDays(1))
		title := win.Title
		switch win.Kind {
		case view.WindowFreeze:
			title = "Freeze: " + title
		case view.WindowWave:
			title = "Wave: " + title
		}
		e.text("SUMMARY", title)
		if text := d.window(win); text != "" {
			e.text("DESCRIPTION", text)
		}
		e.text("CATEGORIES", string(win.Kind))
		e.prop("TRANSP", "TRANSPARENT")
		e.prop("END", "VEVENT")
	}
	// The days each wave is deployed: the maintenance window people work
	// in and customers were told of.
	for _, w := range d.ro.Waves {
		if !w.Planned {
			continue
		}
		e.prop("BEGIN", "VEVENT")
		e.prop("UID", uidPart("wave/"+w.ID+"/"+deployment.StepDeploy)+uidTail)
		e.prop("DTSTAMP", stampText)
		e.prop("SEQUENCE", seq)
		e.date("DTSTART", w.Start)
		e.date("DTEND", w.Deployed.AddDays(1))
		e.text("SUMMARY", "Deploy wave "+w.ID+": "+w.Name)
		e.text("DESCRIPTION", d.deploy(w))
		e.text("CATEGORIES", CategoryDeploy)
		e.prop("TRANSP", "OPAQUE")
		e.prop("END", "VEVENT")
	}
	e.prop("END", "VCALENDAR")
	return e.buf.Bytes(), nil
}

func defaultStamp(p *plan.Plan) time.Time {
	var latest time.Time
	for _, ev := range p.History {
		if ev.At.After(latest) {
			latest = ev.At
		}
	}
	if !latest.IsZero() {
		return latest
	}
	if !p.Release.Date.IsZero() {
		return p.Release.Date.In(time.UTC)
	}
	return time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
}

func calName(p *plan.Plan) string {
	if p.Title != "" {
		return p.Title
	}
	return strings.TrimSpace(p.Release.Product + " " + p.Release.Version + " launch")
}

// uidPart keeps the characters of s that are safe in a UID's local part
// and percent-encodes the others, so that distinct keys give distinct
// UIDs.
func uidPart(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// encoder writes content lines, folded at 75 octets.
type encoder struct {
	buf bytes.Buffer
}

// prop writes NAME:value with value as is (no escaping).
func (e *encoder) prop(name, value string) {
	e.line(name + ":" + value)
}

// date writes NAME;VALUE=DATE:yyyymmdd.
func (e *encoder) date(name string, d calendar.Date) {
	y, m, day := d.Year(), int(d.Month()), d.Day()
	e.line(fmt.Sprintf("%s;VALUE=DATE:%04d%02d%02d", name, y, m, day))
}

// text writes a TEXT property, escaped.
func (e *encoder) text(name, value string) {
	e.line(name + ":" + Escape(value))
}

// line writes one content line folded as RFC 5545 section 3.1 asks.
func (e *encoder) line(s string) {
	e.buf.WriteString(Fold(s))
}

// Escape escapes a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon and comma get a backslash, a line break becomes \n, and other
// control characters, which TEXT cannot hold, are dropped.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteString(`\n`)
		default:
			if c < 0x20 || c == 0x7f {
				if c == '\t' {
					b.WriteByte(' ')
				}
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Fold returns the content line s folded at 75 octets as RFC 5545 section
// 3.1 asks, each physical line ended by CRLF and continued by a line
// starting with one space. It never splits a UTF-8 sequence; invalid
// UTF-8 is replaced by U+FFFD.
func Fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(s) <= 75 {
		return s + "\r\n"
	}
	var b strings.Builder
	b.Grow(len(s) + 3*(len(s)/74+1))
	limit := 75 // octets on the first line; continuation lines hold the space and 74 more
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
