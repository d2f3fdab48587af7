package plan

// DefaultRules returns the built-in rules, which make the exit criterion
// "a plan detailing all the activities required for a successful launch"
// concrete. In order:
//
//   - plan.document (entry): the document is well formed.
//   - plan.entry.notification (entry): the commitment notification is
//     recorded: who, when, reference.
//   - plan.entry.release-matches (entry): the plan is for the committed
//     release and date.
//   - plan.roles.filled: every RACI role is filled.
//   - plan.requirements.categories: every mandatory requirement category
//     is gathered or waived with a reason; a waiver of a category nobody
//     asks for is reported.
//   - plan.requirements.traced: every open requirement is traced to tasks.
//   - plan.tasks.ready: every open task has an owner, an estimate and its
//     resource demands.
//   - plan.tasks.tracked: every task is entered in the work tracker.
//   - plan.schedule.release-date: the schedule meets the release date.
//   - plan.resources.allocation: no resource is over-allocated.
//   - plan.level.date: levelled within the resources' capacity, the work
//     still meets the release date and every finish-no-later-than date
//     (only under Policy.LevelResources, off by default).
//   - plan.commitments.coverage: every demand is covered by commitments
//     given against the current revision.
//   - plan.budget.covered: the committed budget covers the required one.
//   - plan.risks.logged: the risk log holds the plan's risks.
//   - plan.risks.handled: every risk above the exposure threshold has an
//     owner, a mitigation, a contingency with its trigger and a future
//     review date.
//   - plan.issues.blocking: no overdue, escalated issue blocks the launch.
//   - plan.deployment.waves: a deployment waves requirement has waves, and
//     every wave has success criteria, a rollback plan and its tasks.
//   - plan.deployment.pilot-first: a pilot wave precedes general
//     availability, and the waves widen.
//   - plan.deployment.freeze: no wave's window overlaps a freeze window.
//   - plan.deployment.point-of-no-return: the point of no return is guarded
//     by a go/no-go review held before it.
//   - plan.deployment.hypercare: hypercare is planned with exit criteria, a
//     rota of people and a war room.
//   - plan.deployment.gate: a wave's tasks agree with its evaluation (its
//     gate task complete only once it has continued, its deployment
//     started only once the previous wave has continued).
//   - plan.deployment.notice: every customer wave waits for a maintenance
//     notice (Plan.PlanNotices); a blocker when the plan gathers
//     maintenance notices or the policy asks for them, a warning when it
//     neither has them nor waives them.
//
// The returned set is the caller's own: changing it changes no other.
func DefaultRules() Rules {
	rules := Rules{list: []Rule{
		ruleDocument(),
		ruleNotification(),
		ruleReleaseMatches(),
		ruleRolesFilled(),
		ruleCategories(),
		ruleTraced(),
		ruleTasksReady(),
		ruleTasksTracked(),
		ruleSchedule(),
		ruleAllocation(),
		ruleLevelled(),
		ruleCoverage(),
		ruleBudget(),
		ruleRisksLogged(),
		ruleRisksHandled(),
		ruleIssuesBlocking(),
		ruleReadinessItems(),
		ruleGoNoGo(),
		ruleWavesPlanned(),
		ruleRingOrder(),
		ruleWaveFreeze(),
		rulePointOfNoReturn(),
		ruleHypercare(),
		ruleWaveGate(),
		ruleWaveNotice(),
	}}
	for i := range rules.list {
		rules.list[i].Conditions = builtinConditions(rules.list[i].Code)
	}
	return rules
}
