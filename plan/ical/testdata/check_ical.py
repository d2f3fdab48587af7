"""Parse an iCalendar file with the icalendar package (Debian python3-icalendar)
and print its events as JSON lines, for plan/ical's TestPythonICalendar.

Usage: python3 check_ical.py FILE
"""
import datetime
import json
import sys

import icalendar


def when(v):
    d = v.dt
    if isinstance(d, datetime.datetime):
        return d.strftime("%Y-%m-%dT%H:%M:%SZ")
    return d.isoformat()


def main():
    with open(sys.argv[1], "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    if cal.name != "VCALENDAR" or str(cal.get("VERSION")) != "2.0":
        sys.exit("not an iCalendar 2.0 VCALENDAR")
    out = []
    for ev in cal.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if required not in ev:
                sys.exit("event without %s: %r" % (required, ev))
        cats = ev.get("CATEGORIES")
        cat = ""
        if cats is not None:
            cat = ",".join(str(c) for c in cats.cats)
        out.append({
            "uid": str(ev["UID"]),
            "summary": str(ev["SUMMARY"]),
            "description": str(ev.get("DESCRIPTION", "")),
            "start": when(ev["DTSTART"]),
            "end": when(ev["DTEND"]),
            "category": cat,
        })
    json.dump({"name": str(cal.get("X-WR-CALNAME", "")), "events": out}, sys.stdout)


main()
