package plan

import (
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

var (
	pathRequirements = validation.NewPath("backlog", "requirements")
	pathTasks        = validation.NewPath("backlog", "tasks")
	pathWaivers      = validation.NewPath("waivers")
)

// dropped reports whether a closed work item was closed without being done
// (rejected, cut, deferred, out of scope...), so that it needs no work.
func dropped(state workitem.State, reason string) bool {
	if state != workitem.Closed {
		return false
	}
	switch reason {
	case "Rejected", "Cut", "Deferred", "Abandoned", "Out of Scope", "Split", "Overtaken by Events":
		return true
	}
	return false
}

// mandatoryCategories returns the categories the policy requires.
func (c *Context) mandatoryCategories() []backlog.Category {
	if c.Policy.MandatoryCategories != nil {
		return slices.Clone(c.Policy.MandatoryCategories)
	}
	var out []backlog.Category
	for _, info := range c.catalogue().Expected() {
		out = append(out, info.Category)
	}
	return out
}

func (c *Context) catalogue() *backlog.Catalogue {
	if c.Policy.Catalogue != nil {
		return c.Policy.Catalogue
	}
	return backlog.DefaultCatalogue()
}

func ruleCategories() Rule {
	return Rule{
		Code: CodeCategoriesGathered, Gate: Exit, SubActivity: GatherRequirements,
		Summary: "every mandatory requirement category (every training and marketing need, the deployment side) is gathered, or waived with a reason",
		Check: func(c *Context) []Finding {
			p := c.Plan
			gathered := map[backlog.Category]bool{}
			for _, r := range c.Requirements() {
				if !dropped(r.State, string(r.Reason)) {
					gathered[r.Category] = true
				}
			}
			var out []Finding
			for _, cat := range c.mandatoryCategories() {
				if gathered[cat] {
					continue
				}
				if i := slices.IndexFunc(p.Waivers, func(w Waiver) bool { return w.Category == cat }); i >= 0 {
					if p.Waivers[i].Reason == "" {
						out = append(out, finding(GatherRequirements, validation.Required(pathWaivers.Index(i).Child("reason"), CodeCategoriesGathered,
							fmt.Sprintf("the reason category %q is waived", cat))))
					}
					continue
				}
				title := string(cat)
				if info, ok := c.catalogue().Lookup(cat); ok && info.Title != "" {
					title = info.Title
				}
				out = append(out, finding(GatherRequirements, validation.Required(pathRequirements, CodeCategoriesGathered,
					fmt.Sprintf("a requirement of category %q (%s), or a waiver with a reason,", cat, title))))
			}
			return out
		},
	}
}

func ruleTraced() Rule {
	return Rule{
		Code: CodeRequirementsTraced, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "every requirement that is not dropped is analysed into at least one task, and every task serves a requirement",
		Check: func(c *Context) []Finding {
			served := map[string]bool{}
			for _, t := range c.Tasks() {
				for _, r := range t.Requirements {
					served[r] = true
				}
			}
			var out []Finding
			for i, r := range c.Requirements() {
				if dropped(r.State, string(r.Reason)) || served[r.ID] {
					continue
				}
				out = append(out, finding(AnalyzeRequirements, validation.Required(pathRequirements.Index(i), CodeRequirementsTraced,
					fmt.Sprintf("a task for requirement %s (%s)", r.ID, r.Title))))
			}
			for i, t := range c.Tasks() {
				if len(t.Requirements) == 0 && !t.Milestone {
					out = append(out, finding(AnalyzeRequirements, validation.Required(pathTasks.Index(i).Child("requirements"), CodeRequirementsTraced,
						fmt.Sprintf("the requirement task %s serves", t.ID)).WithSeverity(validation.Warning)))
				}
			}
			return out
		},
	}
}

func ruleTasksReady() Rule {
	return Rule{
		Code: CodeTasksReady, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "every open task has an owner, an estimate and (unless a milestone) the resources it needs",
		Check: func(c *Context) []Finding {
			var out []Finding
			for i, t := range c.Tasks() {
				if !t.IsOpen() {
					continue
				}
				base := pathTasks.Index(i)
				if t.Assignee == "" {
					out = append(out, finding(AnalyzeRequirements, validation.Required(base.Child("assignee"), CodeTasksReady, "an owner for task "+t.ID)))
				}
				if t.Milestone {
					continue
				}
				if t.Estimate.MostLikely <= 0 {
					out = append(out, finding(AnalyzeRequirements, validation.Required(base.Child("estimate"), CodeTasksReady, "an estimate for task "+t.ID)))
				}
				if c.Policy.RequireDemands && len(t.Demands) == 0 {
					out = append(out, finding(DetermineResources, validation.Required(base.Child("demands"), CodeTasksReady, "the resources task "+t.ID+" needs")))
				}
			}
			return out
		},
	}
}

func ruleTasksTracked() Rule {
	return Rule{
		Code: CodeTasksTracked, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "every task is entered in the work tracker for tracking and assignment",
		Check: func(c *Context) []Finding {
			if !c.Policy.RequireTrackerEntry {
				return nil
			}
			var out []Finding
			for i, t := range c.Tasks() {
				if t.Tracker.IsZero() && !dropped(t.State, string(t.Reason)) {
					out = append(out, finding(AnalyzeRequirements, validation.Required(pathTasks.Index(i).Child("tracker"), CodeTasksTracked,
						"the work tracker entry of task "+t.ID)))
				}
			}
			return out
		},
	}
}

func ruleSchedule() Rule {
	return Rule{
		Code: CodeScheduleMeetsDate, Gate: Exit, SubActivity: AnalyzeRequirements,
		Summary: "the schedule of the tasks meets the release date, and every task meets its own finish-no-later-than date",
		Check: func(c *Context) []Finding {
			if len(c.Tasks()) == 0 {
				return nil
			}
			res, err := c.Schedule()
			if err != nil {
				return []Finding{finding(AnalyzeRequirements, validation.Invalid(pathTasks, CodeScheduleMeetsDate, "the tasks cannot be scheduled: %v", err))}
			}
			var out []Finding
			if miss, ok := res.DeadlineMiss(); ok {
				chain := ""
				for i, s := range miss.Chain {
					if i > 0 {
						chain += " -> "
					}
					chain += s.ID
				}
				out = append(out, finding(AnalyzeRequirements, validation.Invalid(validation.NewPath("release", "date"), CodeScheduleMeetsDate,
					"the launch work is ready on %s, %d workday(s) after the release date %s; driving chain: %s",
					miss.Ready, -miss.Float, miss.Deadline, chain)))
			}
			index := c.taskIndex()
			for _, tm := range res.Timings() {
				if tm.TotalFloat >= 0 {
					continue
				}
				i, ok := index[tm.ID]
				if !ok {
					continue
				}
				t := c.Tasks()[i]
				if t.FinishNoLaterThan.IsZero() {
					continue
				}
				if tm.EarlyFinish.After(t.FinishNoLaterThan) {
					out = append(out, finding(AnalyzeRequirements, validation.Invalid(pathTasks.Index(i).Child("finishNoLaterThan"), CodeScheduleMeetsDate,
						"task %s finishes on %s at the earliest, after its finish-no-later-than date %s", t.ID, tm.EarlyFinish, t.FinishNoLaterThan)))
				}
			}
			return out
		},
	}
}
