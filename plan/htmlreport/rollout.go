package htmlreport

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/readiness"
)

// rollout writes the deployment half of the plan: the waves, the point of
// no return, hypercare, the launch readiness checklist, the go/no-go
// reviews and the operational communications, each a section with
// captioned tables whose header cells name their columns. A status is
// always written in words (bold where it blocks the launch), never shown
// by colour alone. A part the plan does not have writes nothing.
func (r *page) rollout(asOf calendar.Date) {
	ro := r.ro
	r.waves(ro)
	r.hypercare(ro.Hypercare)
	r.readiness(asOf)
	r.reviews()
	r.communications(ro)
}

// table opens a table with its caption and a header row; a column whose
// name starts with '>' holds numbers.
func (r *page) table(caption string, cols ...string) {
	r.printf("<table>\n<caption>%s</caption>\n<thead><tr>", esc(caption))
	for _, c := range cols {
		r.printf("<th scope=\"col\">%s</th>", esc(strings.TrimPrefix(c, ">")))
	}
	r.printf("</tr></thead>\n<tbody>\n")
}

// row writes a table row: the first cell is the row's header; a cell
// starting with '>' is a number, one starting with '*' is bold (a status
// that blocks), a date is kept on one line, and a cell of several lines
// is a list. Cells are escaped.
func (r *page) row(cells ...string) {
	r.printf("<tr>")
	for i, c := range cells {
		tag, attr := "td", ""
		if i == 0 {
			tag, attr = "th", " scope=\"row\""
		}
		switch {
		case strings.HasPrefix(c, rawHTML):
			r.printf("<%s%s>%s</%s>", tag, attr, c[len(rawHTML):], tag)
		case strings.HasPrefix(c, ">"):
			r.printf("<%s%s class=\"num\">%s</%s>", tag, attr, esc(c[1:]), tag)
		case strings.HasPrefix(c, "*"):
			r.printf("<%s%s class=\"blocking\"><strong>%s</strong></%s>", tag, attr, esc(c[1:]), tag)
		case isDate(c):
			r.printf("<%s%s class=\"date\">%s</%s>", tag, attr, c, tag)
		case strings.Contains(c, "\n"):
			r.printf("<%s%s><ul><li>%s</li></ul></%s>", tag, attr, strings.ReplaceAll(esc(c), "\n", "</li><li>"), tag)
		default:
			if c == "" {
				c = "-"
			}
			r.printf("<%s%s>%s</%s>", tag, attr, esc(c), tag)
		}
	}
	r.printf("</tr>\n")
}

// rawHTML starts a cell that row writes as it is: HTML the caller built
// and escaped.
const rawHTML = "\x00html:"

// evidence returns the cell of an item's evidence or waiver: each piece
// of evidence with an http(s) link as a link people follow (nothing is
// fetched: the page's Content-Security-Policy allows no request), the
// others as text.
func evidence(it view.ReadinessItem) string {
	if it.Status == readiness.Waived || len(it.Evidence) == 0 {
		return it.EvidenceText()
	}
	parts := make([]string, 0, len(it.Evidence))
	for _, e := range it.Evidence {
		if l := strings.ToLower(e.Link); strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
			parts = append(parts, "<a href=\""+esc(e.Link)+"\">"+esc(cmp.Or(e.Note, e.Link))+"</a>")
			continue
		}
		parts = append(parts, esc(strings.TrimSpace(e.Note+" "+e.Link)))
	}
	return rawHTML + strings.Join(parts, "<br>")
}

func (r *page) endTable() { r.printf("</tbody>\n</table>\n") }

func (r *page) waves(ro view.Rollout) {
	if len(ro.Waves) == 0 {
		return
	}
	r.printf("<section id=\"deployment\">\n<h2>Deployment waves</h2>\n<p>%s</p>\n", esc(ro.Intro()))
	r.table("Deployment waves in rollout order", "Wave", "Ring", "Audience", ">Deploy (workdays)", ">Soak (workdays)", "Window (deploy to gate)", "Can roll back", "Evaluation")
	for _, w := range ro.Waves {
		back := w.RollBackText()
		if w.PastPointOfNoReturn {
			back = "*" + back
		}
		r.row(w.ID+" "+w.Name, string(w.Ring), w.Audience.String(), fmt.Sprintf(">%g", w.Deploy.MostLikely), fmt.Sprintf(">%d", w.SoakDays),
			w.WindowText(), back, w.EvaluationText())
	}
	r.endTable()
	r.table("Success criteria, rollback and evaluation of each wave", "Wave", "Success criteria", "Rollback (who decides)", "Rollback triggers", "Evaluation")
	for _, w := range ro.Waves {
		crit := "*none"
		if len(w.Criteria) > 0 {
			crit = joinStrings(w.Criteria)
		}
		r.row(w.ID, crit, w.RollbackText(), joinStrings(w.Rollback.Triggers), w.EvaluationDetail())
	}
	r.endTable()
	if p := ro.PointOfNoReturn; p != nil {
		r.printf("<p id=\"point-of-no-return\"><strong>Point of no return:</strong> %s</p>\n", esc(p.Text(r.v.Reviews())))
	}
	r.printf("</section>\n")
}

// joinStrings joins the String of each value, one per line.
func joinStrings[T fmt.Stringer](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, "\n")
}

// isDate reports whether s is a calendar date such as 2027-04-15.
func isDate(s string) bool {
	_, err := calendar.Parse(s)
	return len(s) == 10 && err == nil
}

func (r *page) hypercare(h *view.Hypercare) {
	if h == nil {
		return
	}
	r.printf("<section id=\"hypercare\">\n<h2>Hypercare (early life support)</h2>\n")
	r.table("Hypercare period, lead and exit criteria", "Hypercare", "Plan")
	r.row("Period", fmt.Sprintf("%s to %s (%d workdays)", h.From, h.Through, h.Workdays))
	r.row("Lead", h.Lead)
	if len(h.ExitCriteria) == 0 {
		r.row("Exit criteria", "*none")
	}
	for _, c := range h.ExitCriteria {
		r.row("Exit criterion", c.String())
	}
	r.endTable()
	if len(h.Staffing) > 0 {
		r.table("Hypercare rota and war room", "Staffing", "Demand", "Who", ">Quantity", "From", "To", "Commitment")
		for _, s := range h.Staffing {
			status := s.CommitmentText()
			if !s.Committed {
				status = "*" + status
			}
			if !s.Known {
				r.row(s.Role, s.Demand, "", "", "", "", status)
				continue
			}
			r.row(s.Role, s.Demand, s.Who, ">"+s.Quantity.String(), s.From.String(), s.To.String(), status)
		}
		r.endTable()
	}
	r.printf("</section>\n")
}

func (r *page) readiness(asOf calendar.Date) {
	rd := r.v.Readiness(asOf)
	if len(rd.Items) == 0 {
		return
	}
	r.printf("<section id=\"readiness\">\n<h2>Launch readiness</h2>\n<p>%s</p>\n", esc(rd.Summary()))
	r.table("Readiness by function", "Function", "Lead", ">Items", ">Must-have", ">Ready", ">Waived", ">In progress", ">At risk", ">Not started", ">Blocking")
	for _, s := range rd.Functions {
		cells := []string{s.Function.Title(), s.Lead}
		for _, n := range view.Counts(s) {
			cells = append(cells, ">"+n)
		}
		r.row(cells...)
	}
	r.endTable()
	r.table("Readiness checklist by function, soonest due first; must-have items neither ready nor waived in bold", "Item", "Function", "Title", "Owner", "Must-have", "Due", "Status", "Evidence or waiver")
	for _, it := range rd.Items {
		status := it.StatusText()
		if it.Blocking {
			status = "*" + status
		}
		r.row(it.ID, it.Function.Title(), it.Title, it.Owner, it.MustHaveText(), it.DueText(), status, evidence(it))
	}
	r.endTable()
	r.printf("</section>\n")
}

func (r *page) reviews() {
	reviews := r.v.Reviews()
	if len(reviews) == 0 {
		return
	}
	r.printf("<section id=\"reviews\">\n<h2>Go/no-go reviews</h2>\n")
	r.table("Go/no-go reviews, oldest first", "Review", "When", ">Revision", "Outcome", "Readiness items named")
	for _, rv := range reviews {
		r.row(rv.ID, rv.When(), ">"+rv.RevisionText(), rv.Outcome.String(), strings.Join(rv.Items, ", "))
	}
	r.endTable()
	for _, rv := range reviews {
		r.table("Approvers of review "+rv.ID, "Approver", "Role", "Vote", "Note", "Conditions")
		for _, b := range rv.Ballots {
			r.row(b.Approver, string(b.Role), view.VoteText(b), b.Note, strings.Join(b.Conditions, ", "))
		}
		r.endTable()
	}
	r.printf("</section>\n")
}

func (r *page) communications(ro view.Rollout) {
	unnoticed := ro.Unnoticed()
	if len(ro.Communications) == 0 && len(unnoticed) == 0 {
		return
	}
	r.printf("<section id=\"communications\">\n<h2>Operational communications</h2>\n")
	if len(ro.Communications) > 0 {
		r.table("Maintenance notices, status page updates and internal announcements by day", "Day", "Task", "Communication", "Category", "Announces", ">Workdays before the wave")
		for _, c := range ro.Communications {
			lead := c.LeadText()
			if lead != "" {
				lead = ">" + lead
			}
			r.row(c.Day.String(), c.ID, c.Title, string(c.Category), c.Wave, lead)
		}
		r.endTable()
	}
	if len(unnoticed) > 0 {
		r.printf("<ul>\n")
		for _, w := range unnoticed {
			flag, rest := w.UnnoticedText()
			r.printf("<li><strong>%s</strong> %s</li>\n", esc(flag), esc(rest))
		}
		r.printf("</ul>\n")
	}
	r.printf("</section>\n")
}
