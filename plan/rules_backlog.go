package plan

import (
	"context"
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/schedule/forecast"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
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
	return c.Policy.Categories()
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
		Summary: "every mandatory requirement category (every training and marketing need, the deployment side) is gathered, or waived with a reason; a waiver of a category nobody asks for is reported",
		Check: func(c *Context) []Finding {
			p := c.Plan
			gathered := map[backlog.Category]bool{}
			for _, r := range c.Requirements() {
				if !dropped(r.State, string(r.Reason)) {
					gathered[r.Category] = true
				}
			}
			var out []Finding
			mandatory := c.mandatoryCategories()
			for i, w := range p.Waivers {
				// A malformed category is the document's finding; a known
				// one that is not mandatory records a decision and harms
				// nothing; an unknown one is most likely a misspelling.
				if !w.Category.IsValid() || slices.Contains(mandatory, w.Category) {
					continue
				}
				if _, ok := c.catalogue().Lookup(w.Category); ok {
					continue
				}
				out = append(out, About(validation.Subject{Kind: SubjectWaiver, ID: string(w.Category)}, pathWaivers.Index(i).Child("category"), GatherRequirements).
					Warning().Problem(validation.ErrNotFound,
					"the waiver of category %q waives nothing: the category catalogue does not hold it and the policy does not ask for it", w.Category))
			}
			for _, cat := range mandatory {
				if gathered[cat] {
					continue
				}
				if i := slices.IndexFunc(p.Waivers, func(w Waiver) bool { return w.Category == cat }); i >= 0 {
					if p.Waivers[i].Reason == "" {
						out = append(out, c.Waiver(cat).Field("reason").Missing("the waiver of category %q gives no reason", cat))
					}
					continue
				}
				title := string(cat)
				if info, ok := c.catalogue().Lookup(cat); ok && info.Title != "" {
					title = info.Title
				}
				out = append(out, c.Category(cat).Missing("no requirement of category %q (%s) is gathered, and the category is not waived with a reason", cat, title))
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
				out = append(out, c.requirementFinding(i).In(AnalyzeRequirements).Missing("requirement %s (%s) is analysed into no task", r.ID, r.Title))
			}
			for i, t := range c.Tasks() {
				if len(t.Requirements) == 0 && !t.Milestone {
					out = append(out, c.taskFinding(i).Field("requirements").Warning().Missing("task %s serves no requirement", t.ID))
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
				at := c.taskFinding(i)
				if t.Assignee == "" {
					out = append(out, at.Field("assignee").Missing("task %s has no owner", t.ID))
				}
				if t.Milestone {
					continue
				}
				if t.Estimate.MostLikely <= 0 {
					out = append(out, at.Field("estimate").Missing("task %s has no estimate", t.ID))
				}
				if c.Policy.RequireDemands && len(t.Demands) == 0 {
					out = append(out, at.Field("demands").In(DetermineResources).Missing("task %s does not say which resources it needs", t.ID))
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
					out = append(out, c.taskFinding(i).Field("tracker").Missing("task %s is not entered in the work tracker", t.ID))
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
				return []Finding{About(c.planSubject(), pathTasks, AnalyzeRequirements).Invalid("the tasks cannot be scheduled: %v", err)}
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
				out = append(out, c.Release().Field("date").In(AnalyzeRequirements).Invalid(
					"the launch work is ready on %s, %d workday(s) after the release date %s; driving chain: %s",
					miss.Ready, -miss.Float, miss.Deadline, chain))
			}
			if c.Policy.MinOnTime > 0 {
				out = append(out, c.onTimeFinding(res))
			}
			for _, i := range c.lateTasks(res) {
				t := c.Tasks()[i]
				tm, _ := res.Timing(t.ID)
				out = append(out, c.taskFinding(i).Field("finishNoLaterThan").Invalid(
					"task %s finishes on %s at the earliest, after its finish-no-later-than date %s", t.ID, tm.EarlyFinish, t.FinishNoLaterThan))
			}
			return out
		},
	}
}

// onTimeFinding runs the forecast the policy asks for and reports its
// answer next to the deterministic one.
func (c *Context) onTimeFinding(res *schedule.Result) Finding {
	at := c.Release().Field("date").In(AnalyzeRequirements).Code(CodeScheduleOnTime)
	det := "the deterministic schedule meets every deadline"
	if miss, ok := res.DeadlineMiss(); ok {
		det = fmt.Sprintf("the deterministic schedule is ready on %s, %d workday(s) late", miss.Ready, -miss.Float)
	} else if late := len(c.lateTasks(res)); late > 0 {
		det = fmt.Sprintf("the deterministic schedule meets the release date but %d task(s) miss their own finish-no-later-than date", late)
	}
	n := c.Policy.ForecastIterations
	if n <= 0 {
		n = 2000
	}
	fc, err := c.Plan.Forecast(context.Background(), ForecastOptions{Options: forecast.Options{Iterations: n, Seed: 1}})
	if err != nil {
		return at.Invalid("the plan cannot be forecast: %v; %s", err, det)
	}
	msg := fmt.Sprintf("%s; the forecast (%d runs) gives P(on time for every deadline) %.1f%% (ready by the release date %.1f%%), P80 %s; the policy asks for %.1f%%",
		det, fc.Iterations, 100*fc.OnTime, 100*fc.ReadyByDeadline, fc.P80, 100*c.Policy.MinOnTime)
	if fc.OnTime < c.Policy.MinOnTime {
		return at.Invalid("%s", msg)
	}
	return at.Severity(validation.Info).Invalid("%s", msg)
}

// lateTasks returns the positions of the tasks that finish after their own
// finish-no-later-than date in res, in schedule order.
func (c *Context) lateTasks(res *schedule.Result) []int {
	var out []int
	for _, tm := range res.Timings() {
		i, ok := c.taskIndex()[tm.ID]
		if !ok {
			continue
		}
		if t := c.Tasks()[i]; !t.FinishNoLaterThan.IsZero() && tm.EarlyFinish.After(t.FinishNoLaterThan) {
			out = append(out, i)
		}
	}
	return out
}
