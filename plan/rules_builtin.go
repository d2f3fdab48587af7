package plan

import (
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// Codes of the built-in rules. Findings of a rule carry its code unless
// the rule gives a more precise one.
const (
	CodeDocument           validation.Code = "plan.document"
	CodeNotification       validation.Code = "plan.entry.notification"
	CodeReleaseMatches     validation.Code = "plan.entry.release-matches"
	CodeReleaseWorkday     validation.Code = "plan.entry.release-workday"
	CodeRolesFilled        validation.Code = "plan.roles.filled"
	CodeCategoriesGathered validation.Code = "plan.requirements.categories"
	CodeRequirementsTraced validation.Code = "plan.requirements.traced"
	CodeTasksReady         validation.Code = "plan.tasks.ready"
	CodeTasksTracked       validation.Code = "plan.tasks.tracked"
	CodeScheduleMeetsDate  validation.Code = "plan.schedule.release-date"
	// CodeScheduleOnTime is the code of the schedule rule's forecast
	// finding when Policy.MinOnTime is set.
	CodeScheduleOnTime      validation.Code = "plan.schedule.on-time"
	CodeResourcesAllocation validation.Code = "plan.resources.allocation"
	CodeCommitmentsCoverage validation.Code = "plan.commitments.coverage"
	CodeBudgetCovered       validation.Code = "plan.budget.covered"
	CodeRisksLogged         validation.Code = "plan.risks.logged"
	CodeRisksHandled        validation.Code = "plan.risks.handled"
	CodeIssuesBlocking      validation.Code = "plan.issues.blocking"
)

// findings turns a list of problems about the value at parent into
// findings of sub-activity sub, each about the entity its path lies in.
func (c *Context) findings(sub SubActivity, parent validation.Path, l validation.List) []Finding {
	out := make([]Finding, 0, len(l))
	for _, p := range l {
		f := Finding{Problem: *p, SubActivity: sub}
		f.Path = p.Path.Under(parent)
		if f.Subject.IsZero() {
			f.Subject = c.subjectAt(f.Path)
		}
		out = append(out, f)
	}
	return out
}

func ruleDocument() Rule {
	return Rule{
		Code: CodeDocument, Gate: Entry, SubActivity: WholeActivity,
		Summary: "the plan document is well formed: every field valid, every reference resolved",
		Check: func(c *Context) []Finding {
			var out []Finding
			for _, p := range c.Plan.validate(c.Requirements(), c.Tasks(), true) {
				f := Finding{Problem: *p, SubActivity: subActivityOf(p.Path)}
				if f.Subject.IsZero() {
					f.Subject = c.subjectAt(p.Path)
				}
				out = append(out, f)
			}
			return out
		},
	}
}

func ruleNotification() Rule {
	return Rule{
		Code: CodeNotification, Gate: Entry, SubActivity: WholeActivity,
		Summary: "the notification that the project is committed to the release on a date is recorded: who, when, reference",
		Check: func(c *Context) []Finding {
			n := c.Plan.Notification
			at := c.Notification()
			if n.IsZero() {
				return []Finding{at.Missing("the plan records no notification that the project is committed to a product release on a given date")}
			}
			var out []Finding
			if n.From == "" {
				out = append(out, at.Field("from").Missing("the notification does not say who notified"))
			}
			if n.At.IsZero() {
				out = append(out, at.Field("at").Missing("the notification does not say when it came"))
			}
			if n.Reference == "" {
				out = append(out, at.Field("reference").Missing("the notification has no reference"))
			}
			return out
		},
	}
}

func ruleReleaseMatches() Rule {
	return Rule{
		Code: CodeReleaseMatches, Gate: Entry, SubActivity: WholeActivity,
		Summary: "the plan is for the release and date the project is committed to; a release date that is not a workday of the plan's calendar is reported (the work is planned to be ready by the last workday before it)",
		Check: func(c *Context) []Finding {
			r, n := c.Plan.Release, c.Plan.Notification
			var out []Finding
			if r.Date.IsZero() {
				out = append(out, c.Release().Field("date").Missing("the plan has no release date"))
			}
			if r.Version == "" {
				out = append(out, c.Release().Field("version").Missing("the plan has no release version"))
			}
			if !r.Date.IsZero() && r.Date.IsValid() && !c.Plan.Calendar.IsWorkday(r.Date) {
				// One reading everywhere: backlog timing and the scheduler
				// both take the last workday before the date.
				ready := "no workday before it"
				if d, err := c.Plan.Calendar.RollBackward(r.Date); err == nil {
					ready = fmt.Sprintf("%s %s", d.Weekday(), d)
				}
				out = append(out, c.Release().Field("date").Code(CodeReleaseWorkday).Warning().Invalid(
					"the release date %s (%s) is not a workday of the plan's calendar: the launch work is planned to be ready on the last workday before it, %s",
					r.Date, r.Date.Weekday(), ready))
			}
			if n.IsZero() {
				return out
			}
			if n.Version != r.Version {
				out = append(out, c.Notification().Field("version").Conflict(
					"the project is committed to release %q but the plan is for %q", n.Version, r.Version))
			}
			if n.Date != r.Date {
				out = append(out, c.Notification().Field("date").Conflict(
					"the project is committed to release on %s but the plan's release date is %s", orNone(n.Date.String()), orNone(r.Date.String())))
			}
			return out
		},
	}
}

func orNone(s string) string {
	if s == "" {
		return "no date"
	}
	return s
}

func ruleRolesFilled() Rule {
	return Rule{
		Code: CodeRolesFilled, Gate: Exit, SubActivity: WholeActivity,
		Summary: "every RACI role of the activity is filled: Release Manager, IPM Officer, Project Manager, and any role added",
		Check: func(c *Context) []Finding {
			var out []Finding
			roles := c.Plan.Roles
			for _, want := range DefaultRoles() {
				i := slices.IndexFunc(roles, func(r RoleAssignment) bool { return r.Role == want.Role })
				if i < 0 {
					out = append(out, c.Role(want.Role).Missing("the plan has no %s role (%s)", want.Role, want.RACI))
					continue
				}
				if !roles[i].RACI.Has(want.RACI) {
					held := roles[i].RACI.String()
					if held == "" {
						held = "nothing"
					}
					out = append(out, c.Role(want.Role).Field("raci").Invalid(
						"the %s must be %s for the activity, not %s", want.Role, want.RACI, held))
				}
			}
			for i, r := range roles {
				if len(r.People) == 0 {
					out = append(out, About(validation.Subject{Kind: SubjectRole, ID: string(r.Role)}, pathRoles.Index(i), WholeActivity).
						Field("people").Missing("nobody is in the %s role", r.Role))
				}
			}
			return out
		},
	}
}

func ruleAllocation() Rule {
	return Rule{
		Code: CodeResourcesAllocation, Gate: Exit, SubActivity: DetermineResources,
		Summary: "no person, facility or piece of equipment is loaded beyond its capacity on any workday",
		Check: func(c *Context) []Finding {
			return c.poolFindings(DetermineResources, c.Pool().CheckAllocation())
		},
	}
}

func ruleLevelled() Rule {
	return Rule{
		Code: CodeLevelMeetsDate, Gate: Exit, SubActivity: DetermineResources,
		Summary: "levelled within the capacity of the named resources, the work still meets the release date and every finish-no-later-than date (only under Policy.LevelResources; a date the schedule already misses unlevelled is the schedule rule's finding)",
		Check: func(c *Context) []Finding {
			if !c.Policy.LevelResources || len(c.Tasks()) == 0 {
				return nil
			}
			res, err := c.Schedule()
			if err != nil {
				return nil // the schedule rule reports it
			}
			l, err := c.level()
			if err != nil {
				return []Finding{About(c.planSubject(), pathTasks, DetermineResources).Invalid("the tasks cannot be levelled: %v", err)}
			}
			fs := c.Plan.levelFindings(l)
			// Only what levelling adds: the dates the critical-path
			// schedule meets.
			missed := map[string]bool{}
			if _, ok := res.DeadlineMiss(); ok {
				missed[pathRelease.Child("date").String()] = true
			}
			for _, i := range c.lateTasks(res) {
				missed[pathTasks.Index(i).Child("finishNoLaterThan").String()] = true
			}
			return slices.DeleteFunc(fs, func(f Finding) bool { return missed[f.Path.String()] })
		},
	}
}

func ruleCoverage() Rule {
	return Rule{
		Code: CodeCommitmentsCoverage, Gate: Exit, SubActivity: GainCommitments,
		Summary: "every demand is covered by commitments given against the current revision of the plan",
		Check: func(c *Context) []Finding {
			return c.poolFindings(GainCommitments, c.Pool().CheckCoverage(c.Plan.Revision))
		},
	}
}

func ruleBudget() Rule {
	return Rule{
		Code: CodeBudgetCovered, Gate: Exit, SubActivity: GainCommitments,
		Summary: "the committed budget covers the required budget in every category",
		Check: func(c *Context) []Finding {
			return c.findings(GainCommitments, pathResources, c.Plan.Resources.CheckBudget())
		},
	}
}

func ruleRisksLogged() Rule {
	return Rule{
		Code: CodeRisksLogged, Gate: Exit, SubActivity: IdentifyRisks,
		Summary: "the risk log holds the risks identified against the release, rollout and deployment plan",
		Check: func(c *Context) []Finding {
			if c.Plan.Risks != nil && c.Plan.Risks.NumRisks() > 0 {
				return nil
			}
			return []Finding{About(c.planSubject(), pathRisks.Child("risks"), IdentifyRisks).Missing(
				"the risk log holds no risk (a launch plan without risks has not been analysed)")}
		},
	}
}

func ruleRisksHandled() Rule {
	return Rule{
		Code: CodeRisksHandled, Gate: Exit, SubActivity: IdentifyRisks,
		Summary: "every open threat at or above the exposure threshold has an owner, a mitigation plan, a contingency plan with its trigger, and a review date after the check date",
		Check: func(c *Context) []Finding {
			log := c.Plan.Risks
			if log == nil {
				return nil
			}
			asOf := c.asOf()
			var out []Finding
			for _, r := range log.Risks() {
				if !r.IsOpen() || r.Kind == risk.Opportunity || r.Exposure() < c.Policy.ExposureThreshold {
					continue
				}
				at := c.Risk(r.ID)
				need := func(field, what string) {
					out = append(out, at.Field(field).Missing("risk %s has no %s (exposure %d, threshold %d)", r.ID, what, r.Exposure(), c.Policy.ExposureThreshold))
				}
				if r.Owner == "" {
					need("owner", "owner")
				}
				if r.MitigationPlan == "" {
					need("mitigationPlan", "mitigation plan")
				}
				if r.ContingencyPlan == "" {
					need("contingencyPlan", "contingency plan")
				}
				if r.Trigger == "" {
					need("trigger", "trigger that fires the contingency plan")
				}
				switch {
				case r.NextReview.IsZero():
					need("nextReview", "next review date")
				case !asOf.IsZero() && !r.NextReview.After(asOf):
					out = append(out, at.Field("nextReview").Invalid(
						"risk %s was due for review on %s, not after %s", r.ID, r.NextReview, asOf))
				}
			}
			return out
		},
	}
}

func ruleIssuesBlocking() Rule {
	return Rule{
		Code: CodeIssuesBlocking, Gate: Exit, SubActivity: ManageIssues,
		Summary: "no overdue, escalated issue blocks the launch; other open issues blocking it are reported as warnings",
		Check: func(c *Context) []Finding {
			log := c.Plan.Risks
			if log == nil {
				return nil
			}
			asOf := c.asOf()
			var out []Finding
			for _, is := range log.BlockingLaunch(c.Policy.LaunchMilestones...) {
				at := c.Issue(is.ID)
				if is.Escalation.Escalated && !asOf.IsZero() && is.IsOverdue(asOf) {
					out = append(out, at.Forbidden(
						"issue %s blocks the launch, was escalated to %s and is overdue since %s", is.ID, orNone(is.Escalation.To), is.TargetResolve))
					continue
				}
				out = append(out, at.Warning().Forbidden("issue %s (priority %d) blocks the launch", is.ID, is.Priority))
			}
			return out
		},
	}
}
