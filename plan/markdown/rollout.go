package markdown

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan/view"
)

// rollout writes the deployment half of the plan: the waves, the point of
// no return, hypercare, the launch readiness checklist, the go/no-go
// reviews and the operational communications. A part the plan does not
// have writes nothing.
func (m *page) rollout(ro view.Rollout) {
	m.waves(ro)
	m.hypercare(ro.Hypercare)
	m.readiness()
	m.reviews()
	m.communications(ro)
}

func (m *page) waves(ro view.Rollout) {
	if len(ro.Waves) == 0 {
		return
	}
	m.printf("## Deployment waves\n\n%s\n\n", Cell(ro.Intro()))
	m.head("Wave", "Ring", "Audience", ">Deploy (workdays)", ">Soak (workdays)", "Window (deploy to gate)", "Can roll back", "Evaluation")
	for _, w := range ro.Waves {
		back := w.RollBackText()
		if w.PastPointOfNoReturn {
			back = "**" + back + "**"
		}
		m.row(w.ID+" "+w.Name, string(w.Ring), w.Audience.String(), fmt.Sprintf("%g", w.Deploy.MostLikely), fmt.Sprint(w.SoakDays),
			w.WindowText(), back, w.EvaluationText())
	}
	m.printf("\n")
	for _, w := range ro.Waves {
		m.printf("### %s: %s\n\n", Cell(w.ID), Cell(w.Name))
		if len(w.Criteria) == 0 {
			m.printf("- Success criteria: **none**\n")
		}
		for _, c := range w.Criteria {
			m.printf("- Success: %s\n", Cell(c.String()))
		}
		m.printf("- Rollback: %s\n", Cell(w.RollbackText()))
		for _, t := range w.Rollback.Triggers {
			m.printf("- Rollback trigger: %s\n", Cell(t.String()))
		}
		m.printf("- Evaluation: %s\n\n", Cell(w.EvaluationDetail()))
	}
	if p := ro.PointOfNoReturn; p != nil {
		m.printf("**Point of no return:** %s\n\n", Cell(p.Text(m.v.Reviews())))
	}
}

func (m *page) hypercare(h *view.Hypercare) {
	if h == nil {
		return
	}
	m.printf("## Hypercare (early life support)\n\n")
	m.head("Hypercare", "Plan")
	m.row("Period", fmt.Sprintf("%s to %s (%d workdays)", h.From, h.Through, h.Workdays))
	m.row("Lead", h.Lead)
	if len(h.ExitCriteria) == 0 {
		m.row("Exit criteria", "**none**")
	}
	for _, c := range h.ExitCriteria {
		m.row("Exit criterion", c.String())
	}
	m.printf("\n")
	if len(h.Staffing) == 0 {
		return
	}
	m.head("Staffing", "Demand", "Who", ">Quantity", "From", "To", "Commitment")
	for _, s := range h.Staffing {
		if !s.Known {
			m.row(s.Role, s.Demand, "", "", "", "", "**"+s.CommitmentText()+"**")
			continue
		}
		status := s.CommitmentText()
		if !s.Committed {
			status = "**" + status + "**"
		}
		m.row(s.Role, s.Demand, s.Who, s.Quantity.String(), s.From.String(), s.To.String(), status)
	}
	m.printf("\n")
}

func (m *page) readiness() {
	rd := m.v.Readiness(m.opts.AsOf)
	if len(rd.Items) == 0 {
		return
	}
	m.printf("## Launch readiness\n\n%s\n\n", Cell(rd.Summary()))
	m.head("Function", "Lead", ">Items", ">Must-have", ">Ready", ">Waived", ">In progress", ">At risk", ">Not started", ">Blocking")
	for _, s := range rd.Functions {
		m.row(append([]string{s.Function.Title(), s.Lead}, view.Counts(s)...)...)
	}
	m.printf("\n")
	m.head("Function", "Item", "Title", "Owner", "Must-have", "Due", "Status", "Evidence or waiver")
	for _, it := range rd.Items {
		status := it.StatusText()
		if it.Blocking {
			status = "**" + status + "**"
		}
		m.row(it.Function.Title(), it.ID, it.Title, it.Owner, it.MustHaveText(), it.DueText(), status, it.EvidenceText())
	}
	m.printf("\nMust-have items neither ready nor waived are in bold.\n\n")
}

func (m *page) reviews() {
	reviews := m.v.Reviews()
	if len(reviews) == 0 {
		return
	}
	m.printf("## Go/no-go reviews\n\n")
	m.head("Review", "When", ">Revision", "Outcome", "Readiness items named")
	for _, r := range reviews {
		m.row(r.ID, r.When(), r.RevisionText(), r.Outcome.String(), strings.Join(r.Items, ", "))
	}
	m.printf("\n")
	for _, r := range reviews {
		m.printf("### Review %s: approvers\n\n", Cell(r.ID))
		m.head("Approver", "Role", "Vote", "Note", "Conditions")
		for _, b := range r.Ballots {
			m.row(b.Approver, string(b.Role), view.VoteText(b), b.Note, strings.Join(b.Conditions, ", "))
		}
		m.printf("\n")
	}
}

func (m *page) communications(ro view.Rollout) {
	unnoticed := ro.Unnoticed()
	if len(ro.Communications) == 0 && len(unnoticed) == 0 {
		return
	}
	m.printf("## Operational communications\n\n")
	if len(ro.Communications) > 0 {
		m.head("Day", "Task", "Communication", "Category", "Announces", ">Workdays before the wave")
		for _, c := range ro.Communications {
			m.row(c.Day.String(), c.ID, c.Title, string(c.Category), c.Wave, c.LeadText())
		}
		m.printf("\n")
	}
	for _, w := range unnoticed {
		flag, rest := w.UnnoticedText()
		m.printf("- **%s** %s\n", flag, Cell(rest))
	}
	if len(unnoticed) > 0 {
		m.printf("\n")
	}
}

// waveSections draws the deployment in the Gantt chart: a section per
// wave with its deploy, soak and evaluate bars and its gate milestone
// (one bar per wave when the chart draws one bar per requirement), the
// point of no return as a milestone, and hypercare.
func (m *page) waveSections(perTask bool, bar func(name, tags string, start, finish calendar.Date, milestone bool)) {
	ro, v := m.ro, m.v
	pnr := ro.PointOfNoReturn
	if !perTask {
		planned := slices.ContainsFunc(ro.Waves, func(w view.Wave) bool { return w.Planned })
		if planned {
			m.printf("    section Deployment waves\n")
		}
		for _, w := range ro.Waves {
			if w.Planned {
				bar(w.ID+" "+w.Name, "", w.Start, w.Gate, false)
			}
		}
		if planned && pnr != nil && !pnr.Day.IsZero() {
			bar("Point of no return", "crit", pnr.Day, pnr.Day, true)
		}
	} else {
		for _, w := range ro.Waves {
			if len(w.Tasks) == 0 {
				continue
			}
			m.printf("    section %s\n", mermaidText("Wave "+w.ID+" "+w.Name))
			if pnr != nil && pnr.Wave == w.ID && !pnr.Day.IsZero() {
				bar("Point of no return", "crit", pnr.Day, pnr.Day, true)
			}
			for _, i := range w.Tasks {
				t := v.Tasks[i]
				step := t.ID[strings.LastIndexByte(t.ID, '/')+1:]
				tags := ""
				if t.OnChain || t.Timing.Critical {
					tags = "crit"
				}
				bar(w.ID+" "+step, tags, t.Start(), t.Finish(), t.Milestone)
			}
		}
	}
	if h := ro.Hypercare; h != nil && !h.From.IsZero() && !h.Through.Before(h.From) {
		m.printf("    section Hypercare\n")
		bar("Hypercare", "", h.From, h.Through, false)
	}
}
