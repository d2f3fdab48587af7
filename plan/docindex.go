package plan

import (
	"strconv"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// docIndex knows where the entities of a plan sit in its document: the
// path of each by kind and ID (the first one when an ID repeats), and the
// subject at each list position.
type docIndex struct {
	at map[validation.Subject]validation.Path

	requirements, tasks, risks, issues []string
	taskDemands                        [][]string
}

func (c *Context) index() *docIndex {
	if c.docIndex != nil {
		return c.docIndex
	}
	x := &docIndex{at: map[validation.Subject]validation.Path{}}
	put := func(kind validation.SubjectKind, id string, p validation.Path) {
		s := validation.Subject{Kind: kind, ID: id}
		if _, dup := x.at[s]; !dup {
			x.at[s] = p
		}
	}
	for i, r := range c.Requirements() {
		x.requirements = append(x.requirements, r.ID)
		put(backlog.SubjectRequirement, r.ID, pathRequirements.Index(i))
	}
	pool := &c.Plan.Resources
	for k := range pool.Demands {
		put(resource.SubjectDemand, pool.Demands[k].ID, pathResources.Child("demands").Index(k))
	}
	x.taskDemands = make([][]string, len(c.Tasks()))
	for i, t := range c.Tasks() {
		x.tasks = append(x.tasks, t.ID)
		put(backlog.SubjectTask, t.ID, pathTasks.Index(i))
		for j, d := range t.Demands {
			x.taskDemands[i] = append(x.taskDemands[i], d.ID)
			put(resource.SubjectDemand, d.ID, pathTasks.Index(i).Child("demands").Index(j))
		}
	}
	for i := range pool.Resources {
		put(resource.SubjectResource, pool.Resources[i].ID, pathResources.Child("resources").Index(i))
	}
	for i := range pool.Commitments {
		put(resource.SubjectCommitment, pool.Commitments[i].ID, pathResources.Child("commitments").Index(i))
	}
	for i := range pool.Budget.Lines {
		put(resource.SubjectBudgetLine, pool.Budget.Lines[i].ID, pathResources.Child("budget").Child("lines").Index(i))
	}
	if log := c.Plan.Risks; log != nil {
		i := 0
		for _, r := range log.Risks() {
			x.risks = append(x.risks, r.ID)
			put(risk.SubjectRisk, r.ID, pathRisks.Child("risks").Index(i))
			i++
		}
		i = 0
		for _, is := range log.Issues() {
			x.issues = append(x.issues, is.ID)
			put(risk.SubjectIssue, is.ID, pathRisks.Child("issues").Index(i))
			i++
		}
	}
	c.docIndex = x
	return x
}

// path returns the path of the entity of the given kind and ID, or
// fallback (the list that should hold it) when the plan has none.
func (x *docIndex) path(kind validation.SubjectKind, id string, fallback validation.Path) validation.Path {
	if p, ok := x.at[validation.Subject{Kind: kind, ID: id}]; ok {
		return p
	}
	return fallback
}

// subjectAt returns the subject of the innermost entity that holds the
// value at path p in the plan document. A path that lies in no entity of
// its own (the document root, the plan's own fields such as id, a whole
// list such as risks.risks, the budget's totals) is about the plan: the
// subject is SubjectPlan with the plan's ID. So every finding the Checker
// returns has a subject.
func (c *Context) subjectAt(p validation.Path) validation.Subject {
	tok := p.Tokens()
	idx := func(n int, ids []string) (string, bool) {
		if len(tok) <= n {
			return "", false
		}
		i, err := strconv.Atoi(tok[n])
		if err != nil || i < 0 || i >= len(ids) {
			return "", false
		}
		return ids[i], true
	}
	pl := c.Plan
	if len(tok) == 0 {
		return c.planSubject()
	}
	switch tok[0] {
	case "release":
		return validation.Subject{Kind: SubjectRelease}
	case "notification":
		return validation.Subject{Kind: SubjectNotification}
	case "roles":
		if i, ok := position(tok, 1, len(pl.Roles)); ok {
			return validation.Subject{Kind: SubjectRole, ID: string(pl.Roles[i].Role)}
		}
	case "waivers":
		if i, ok := position(tok, 1, len(pl.Waivers)); ok {
			return validation.Subject{Kind: SubjectWaiver, ID: string(pl.Waivers[i].Category)}
		}
	case "decisions":
		if i, ok := position(tok, 1, len(pl.Decisions)); ok {
			return validation.Subject{Kind: SubjectDecision, ID: pl.Decisions[i].ID}
		}
	case "readiness":
		if pl.Readiness == nil || len(tok) < 3 {
			break
		}
		switch tok[1] {
		case "items":
			if i, ok := position(tok, 2, len(pl.Readiness.Items)); ok {
				return validation.Subject{Kind: readiness.SubjectItem, ID: pl.Readiness.Items[i].ID}
			}
		case "leads":
			if i, ok := position(tok, 2, len(pl.Readiness.Leads)); ok {
				return validation.Subject{Kind: readiness.SubjectLead, ID: string(pl.Readiness.Leads[i].Function)}
			}
		case "history":
			if i, ok := position(tok, 2, len(pl.Readiness.History)); ok {
				return validation.Subject{Kind: readiness.SubjectItem, ID: pl.Readiness.History[i].Subject}
			}
		}
	case "baselines":
		if i, ok := position(tok, 1, len(pl.Baselines)); ok {
			return validation.Subject{Kind: SubjectBaseline, ID: pl.Baselines[i].Name}
		}
	case "history":
		if i, ok := position(tok, 1, len(pl.History)); ok {
			return validation.Subject{Kind: SubjectEvent, ID: strconv.Itoa(pl.History[i].Seq)}
		}
	case "backlog":
		x := c.index()
		if len(tok) < 2 {
			break
		}
		switch tok[1] {
		case "requirements":
			if id, ok := idx(2, x.requirements); ok {
				return validation.Subject{Kind: backlog.SubjectRequirement, ID: id}
			}
		case "tasks":
			i, ok := position(tok, 2, len(x.tasks))
			if !ok {
				break
			}
			if len(tok) > 3 && tok[3] == "demands" {
				if id, ok := idx(4, x.taskDemands[i]); ok {
					return validation.Subject{Kind: resource.SubjectDemand, ID: id}
				}
			}
			return validation.Subject{Kind: backlog.SubjectTask, ID: x.tasks[i]}
		}
	case "resources":
		pool := &pl.Resources
		if len(tok) < 2 {
			break
		}
		switch tok[1] {
		case "resources":
			if i, ok := position(tok, 2, len(pool.Resources)); ok {
				return validation.Subject{Kind: resource.SubjectResource, ID: pool.Resources[i].ID}
			}
		case "demands":
			if i, ok := position(tok, 2, len(pool.Demands)); ok {
				return validation.Subject{Kind: resource.SubjectDemand, ID: pool.Demands[i].ID}
			}
		case "commitments":
			if i, ok := position(tok, 2, len(pool.Commitments)); ok {
				return validation.Subject{Kind: resource.SubjectCommitment, ID: pool.Commitments[i].ID}
			}
		case "budget":
			if len(tok) > 2 && tok[2] == "lines" {
				if i, ok := position(tok, 3, len(pool.Budget.Lines)); ok {
					return validation.Subject{Kind: resource.SubjectBudgetLine, ID: pool.Budget.Lines[i].ID}
				}
			}
		}
	case "risks":
		x := c.index()
		if len(tok) < 2 {
			break
		}
		switch tok[1] {
		case "risks":
			if id, ok := idx(2, x.risks); ok {
				return validation.Subject{Kind: risk.SubjectRisk, ID: id}
			}
		case "issues":
			if id, ok := idx(2, x.issues); ok {
				return validation.Subject{Kind: risk.SubjectIssue, ID: id}
			}
		}
	}
	return c.planSubject()
}

// planSubject is the subject of findings about the plan as a whole.
func (c *Context) planSubject() validation.Subject {
	return validation.Subject{Kind: SubjectPlan, ID: c.Plan.ID}
}

// position reads tok[n] as an index into a list of the given length.
func position(tok []string, n, length int) (int, bool) {
	if len(tok) <= n {
		return 0, false
	}
	i, err := strconv.Atoi(tok[n])
	if err != nil || i < 0 || i >= length {
		return 0, false
	}
	return i, true
}
