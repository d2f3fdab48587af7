package backlog

import "github.com/rolloutkit/rollout/resource"

// Helpers for writing the built-in templates compactly.

func step(key, title string, d Discipline, e Estimate, after ...string) Step {
	s := Step{Key: key, Title: title, Discipline: d, Estimate: e}
	for _, a := range after {
		s.After = append(s.After, StepLink{Step: a})
	}
	return s
}

func milestone(key, title string, d Discipline, after ...string) Step {
	s := step(key, title, d, Estimate{}, after...)
	s.Milestone = true
	return s
}

func (s Step) anchor() Step { s.Anchor = true; return s }

// late places the step's task as late as possible (just in time).
func (s Step) late() Step { s.Scheduling = AsLateAsPossible; return s }

// soon places the step's task as soon as possible.
func (s Step) soon() Step { s.Scheduling = AsSoonAsPossible; return s }

func (s Step) describe(text string) Step { s.Description = text; return s }

func (s Step) link(pred string, t DependencyType, lag int) Step {
	s.After = append(s.After, StepLink{Step: pred, Type: t, Lag: lag})
	return s
}

func (s Step) needs(ds ...DemandTemplate) Step { s.Demands = append(s.Demands, ds...); return s }

func hours(key, role string, h float64) DemandTemplate {
	return DemandTemplate{Key: key, Role: role, Kind: resource.KindPerson, Quantity: resource.HoursOf(h)}
}

func seats(key string, n float64, note string) DemandTemplate {
	return DemandTemplate{Key: key, Kind: resource.KindFacility, Quantity: resource.SeatsOf(n), Note: note}
}

func units(key string, n float64, note string) DemandTemplate {
	return DemandTemplate{Key: key, Kind: resource.KindEquipment, Quantity: resource.UnitsOf(n), Note: note}
}

const (
	ue   = DisciplineUserEducation
	ux   = DisciplineUserExperience
	an   = DisciplineAnalysis
	dev  = DisciplineDevelopment
	test = DisciplineTest
	mkt  = DisciplineMarketing
	ops  = DisciplineOperations
	lgl  = DisciplineLegal
)

// classroom is the shape of every classroom training: prepare material,
// book rooms (a lead of two workdays before the material is done), deliver
// the sessions (the anchor), assess.
func classroom(cat Category, title, material, audience string, trainerRole string, extra ...Step) Template {
	steps := []Step{
		step("prepare-material", "Prepare "+material, ue, ThreePoint(3, 5, 8)).
			describe("Write or update the course material, exercises and hand-outs for " + audience + ".").
			needs(hours("trainer", trainerRole, 40)),
		step("book-rooms", "Book training rooms", ops, ThreePoint(0.5, 1, 2)).
			link("prepare-material", FinishToStart, -2).
			describe("Book rooms and equipment for the sessions and invite " + audience + ".").
			needs(seats("room", 12, "one classroom for the sessions")),
	}
	steps = append(steps, extra...)
	deliver := step("deliver-sessions", "Deliver training sessions", ue, ThreePoint(2, 3, 5), "prepare-material", "book-rooms").
		anchor().late().
		describe("Run the sessions for "+audience+" before the need date.").
		needs(hours("trainer", trainerRole, 24), seats("room", 12, "classroom for the sessions"))
	for _, e := range extra {
		deliver.After = append(deliver.After, StepLink{Step: e.Key})
	}
	steps = append(steps, deliver,
		step("assess", "Assess participants and collect feedback", ue, ThreePoint(0.5, 1, 2), "deliver-sessions").
			describe("Check that "+audience+" meet the acceptance criteria; collect feedback on the course.").
			needs(hours("trainer", trainerRole, 8)))
	return Template{Category: cat, Title: title, Steps: steps}
}

// DefaultTemplates returns a new set of the built-in templates: one for
// every category of [DefaultCatalogue], each the standard tasks a
// requirement of the category becomes (for sales training: prepare the
// material, book rooms, deliver the sessions, assess), with dependencies,
// three-point estimates in workdays, disciplines, resource demands by role
// or kind, and the anchor step that meets the requirement's timing.
// Estimates and quantities are starting points for a mid-sized launch;
// replace templates with [Templates.Set] to fit a company's practice.
func DefaultTemplates() *Templates {
	ts := &Templates{m: make(map[Category]Template, len(defaultCategories))}
	for _, t := range defaultTemplates() {
		ts.m[t.Category] = t
	}
	return ts
}

func defaultTemplates() []Template {
	return []Template{
		classroom(CategorySalesTraining, "Sales training", "sales training material", "the sales staff", "trainer"),
		classroom(CategorySupportTraining, "Help desk and support training", "support training material and troubleshooting guides", "help desk associates and support engineers", "support-trainer",
			step("set-up-lab", "Set up a support training lab", dev, ThreePoint(1, 2, 4)).
				describe("Install the release in a lab where help desk associates can reproduce known issues.").
				needs(units("lab-machines", 10, "lab workstations"))),
		classroom(CategoryFieldServiceTraining, "Field service and maintenance training", "service and maintenance training material", "field service and maintenance engineers", "service-trainer",
			step("prepare-equipment", "Prepare training units and spare parts", ops, ThreePoint(1, 2, 5)).
				describe("Ship training units, tools and spare parts to the training site.").
				needs(units("training-units", 4, "units to service during training"))),
		classroom(CategoryOperationsTraining, "Operations training", "operations runbooks and training material", "operations engineers", "operations-trainer",
			step("prepare-lab", "Prepare an operations drill environment", dev, ThreePoint(1, 2, 4)).
				describe("A staging environment for deployment, monitoring, backup and restore drills.")),
		classroom(CategoryTrainerTraining, "End-user trainer training", "a train-the-trainer course kit", "the end-user trainers", "trainer",
			step("certify-plan", "Agree the trainer certification criteria", an, ThreePoint(0.5, 1, 2)).
				describe("What an end-user trainer must show before teaching the release.")),

		{Category: CategoryMarketingPlan, Title: "Marketing plan", Steps: []Step{
			step("analyse-market", "Analyse audiences and competitors", an, ThreePoint(2, 3, 5)).needs(hours("marketer", "product-marketer", 24)),
			step("draft-plan", "Draft the marketing plan", mkt, ThreePoint(2, 4, 6), "analyse-market").needs(hours("marketer", "product-marketer", 32)),
			milestone("approve-plan", "Marketing plan approved", mkt, "draft-plan").anchor(),
		}},
		{Category: CategoryCollateral, Title: "Marketing collateral", Steps: []Step{
			step("write-content", "Write collateral content", mkt, ThreePoint(3, 5, 8)).needs(hours("writer", "copywriter", 40)),
			step("design", "Design collateral", ux, ThreePoint(2, 4, 6)).link("write-content", StartToStart, 2).needs(hours("designer", "designer", 32)),
			step("review", "Review and approve collateral", mkt, ThreePoint(0.5, 1, 2), "write-content").link("design", FinishToFinish, 1),
			step("publish", "Publish and distribute collateral", mkt, ThreePoint(0.5, 1, 2), "review").anchor(),
		}},
		{Category: CategoryProductLaunch, Title: "Product launch", Steps: []Step{
			step("plan-launch", "Plan the launch event and announcement", mkt, ThreePoint(2, 3, 5)).needs(hours("marketer", "product-marketer", 24)),
			step("landing-page", "Build the launch landing page", ux, ThreePoint(2, 3, 5), "plan-launch").needs(hours("web", "web-developer", 24)),
			step("rehearse", "Rehearse the launch", test, ThreePoint(0.5, 1, 2), "plan-launch", "landing-page").late(),
			milestone("launch", "Product launched", mkt, "rehearse").anchor(),
		}},
		{Category: CategoryMarketingCommunications, Title: "Marketing communications", Steps: []Step{
			step("plan-campaign", "Plan the campaign and channels", mkt, ThreePoint(1, 2, 4)),
			step("create-content", "Create campaign content", mkt, ThreePoint(3, 5, 8), "plan-campaign").needs(hours("writer", "copywriter", 40)),
			step("schedule", "Schedule newsletters, posts and partner mailings", mkt, ThreePoint(0.5, 1, 2), "create-content"),
			step("run-campaign", "Run the campaign", mkt, ThreePoint(5, 10, 15), "schedule").anchor().late().needs(hours("marketer", "product-marketer", 40)),
		}},
		{Category: CategoryPressReleases, Title: "Press releases", Steps: []Step{
			step("draft", "Draft the press release", mkt, ThreePoint(1, 2, 3)).late().needs(hours("writer", "pr-manager", 16)),
			step("legal-review", "Legal review of the press release", lgl, ThreePoint(0.5, 1, 3), "draft").late(),
			step("brief-analysts", "Brief analysts and press under embargo", mkt, ThreePoint(1, 2, 3), "legal-review").late(),
			milestone("publish", "Press release published", mkt, "legal-review", "brief-analysts").anchor().late(),
		}},
		{Category: CategoryTradeShows, Title: "Trade shows", Steps: []Step{
			step("register", "Register and book the booth", mkt, ThreePoint(0.5, 1, 2)),
			step("prepare-booth", "Prepare booth, banners and give-aways", mkt, ThreePoint(2, 4, 6), "register").needs(units("booth-kit", 1, "booth kit")),
			step("prepare-demos", "Prepare trade show demos", dev, ThreePoint(2, 3, 5)).needs(units("demo-laptops", 3, "demo laptops")),
			step("staff-show", "Staff the trade show", mkt, ThreePoint(2, 3, 4), "prepare-booth", "prepare-demos").anchor().
				needs(hours("staff", "product-marketer", 48), units("demo-laptops", 3, "demo laptops at the booth")),
			step("follow-up", "Follow up the leads", mkt, ThreePoint(1, 2, 4), "staff-show"),
		}},
		{Category: CategoryExhibitions, Title: "Exhibitions", Steps: []Step{
			step("book-stand", "Book the stand or talk slot", mkt, ThreePoint(0.5, 1, 2)),
			step("prepare-stand", "Prepare the stand", mkt, ThreePoint(2, 3, 5), "book-stand").needs(units("stand-kit", 1, "stand kit")),
			step("prepare-talk", "Prepare the talk and material", mkt, ThreePoint(1, 2, 4), "book-stand"),
			step("exhibit", "Exhibit", mkt, ThreePoint(1, 2, 3), "prepare-stand", "prepare-talk").anchor().needs(hours("staff", "product-marketer", 32)),
			step("follow-up", "Follow up the contacts", mkt, ThreePoint(1, 2, 3), "exhibit"),
		}},
		{Category: CategoryRoadShows, Title: "Road shows", Steps: []Step{
			step("plan-route", "Plan the route and invite customers", an, ThreePoint(1, 2, 4)),
			step("book-venues", "Book the venues", ops, ThreePoint(1, 2, 3), "plan-route").needs(seats("venue", 40, "seats per event")),
			step("prepare-presentation", "Prepare the presentation and demo", mkt, ThreePoint(2, 3, 5), "plan-route"),
			step("run-events", "Run the road show events", mkt, ThreePoint(3, 5, 10), "book-venues", "prepare-presentation").anchor().
				needs(hours("presenter", "product-marketer", 60), seats("venue", 40, "seats per event")),
			step("follow-up", "Follow up the attendees", mkt, ThreePoint(1, 2, 3), "run-events"),
		}},
		{Category: CategoryProductDemos, Title: "Product demos", Steps: []Step{
			step("build-environment", "Build the demo environment", dev, ThreePoint(2, 3, 6)).needs(units("demo-laptops", 5, "demo laptops")),
			step("write-script", "Write the demo script", ue, ThreePoint(1, 2, 3)),
			step("rehearse", "Rehearse the demo", test, ThreePoint(0.5, 1, 2), "build-environment", "write-script"),
			step("run-demos", "Run the product demos", mkt, ThreePoint(2, 5, 10), "rehearse").anchor().
				needs(hours("presenter", "sales-engineer", 40), units("demo-laptops", 5, "demo laptops")),
		}},

		{Category: CategoryEnvironmentReadiness, Title: "Environment readiness", Steps: []Step{
			step("size", "Size capacity for the release", an, ThreePoint(1, 2, 4)),
			step("provision", "Provision production and staging environments", dev, ThreePoint(3, 5, 10), "size").needs(hours("engineer", "operations-engineer", 40)),
			step("monitoring", "Set up monitoring and alerts", ops, ThreePoint(1, 2, 4)).link("provision", StartToStart, 2),
			step("performance-test", "Performance-test the environment", test, ThreePoint(2, 3, 5), "provision", "monitoring").anchor().
				needs(hours("tester", "performance-tester", 24)),
		}},
		{Category: CategoryDeploymentWaves, Title: "Installation and deployment waves", Steps: []Step{
			step("plan-waves", "Plan the pilot and deployment waves", an, ThreePoint(1, 2, 4)),
			step("pilot", "Install the pilot", ops, ThreePoint(2, 3, 5), "plan-waves").soon().needs(hours("engineer", "deployment-engineer", 24)),
			step("review-pilot", "Review the pilot against its success criteria", test, ThreePoint(0.5, 1, 2), "pilot"),
			step("roll-out", "Roll out the deployment waves", ops, ThreePoint(5, 10, 20), "review-pilot").anchor().soon().
				needs(hours("engineer", "deployment-engineer", 80)),
		}},
		{Category: CategoryDataMigration, Title: "Data migration", Steps: []Step{
			step("map-data", "Map old data to the new model", an, ThreePoint(2, 3, 6)),
			step("build-migration", "Build the migration scripts", dev, ThreePoint(3, 5, 10), "map-data").needs(hours("developer", "developer", 40)),
			step("rehearse", "Rehearse the migration on a copy", test, ThreePoint(1, 2, 4), "build-migration"),
			step("migrate", "Migrate the data", ops, ThreePoint(0.5, 1, 2), "rehearse").anchor().soon(),
			step("verify", "Verify the migrated data", test, ThreePoint(0.5, 1, 2), "migrate"),
		}},
		{Category: CategoryCutover, Title: "Cutover", Steps: []Step{
			step("plan-cutover", "Write the cutover plan", an, ThreePoint(1, 2, 3)),
			step("rehearse", "Rehearse the cutover", test, ThreePoint(0.5, 1, 2), "plan-cutover"),
			milestone("freeze", "Change freeze begins", ops, "rehearse"),
			milestone("go-no-go", "Go/no-go decision", an, "freeze"),
			step("execute", "Execute the cutover", ops, ThreePoint(0.5, 1, 2), "go-no-go").anchor().soon().needs(hours("engineer", "operations-engineer", 16)),
		}},
		{Category: CategoryRollback, Title: "Rollback", Steps: []Step{
			step("write-plan", "Write the rollback plan, its trigger and who decides", ops, ThreePoint(1, 1, 2)),
			step("test-rollback", "Test the rollback", test, ThreePoint(1, 2, 3), "write-plan").anchor().needs(hours("engineer", "operations-engineer", 16)),
		}},
		{Category: CategorySupportHandoff, Title: "Support hand-off", Steps: []Step{
			step("exit-criteria", "Define early life support exit criteria", an, ThreePoint(0.5, 1, 2)),
			step("knowledge-transfer", "Transfer knowledge to support", ue, ThreePoint(1, 2, 3), "exit-criteria").needs(hours("engineer", "support-engineer", 16)),
			step("early-life-support", "Provide early life support", ops, ThreePoint(5, 10, 20), "knowledge-transfer").anchor().
				needs(hours("engineer", "support-engineer", 80)),
			milestone("hand-off", "Support hand-off accepted", ops, "early-life-support"),
		}},
		{Category: CategoryDocumentation, Title: "Documentation", Steps: []Step{
			step("write-docs", "Write user and administrator documentation", ue, ThreePoint(3, 5, 10)).needs(hours("writer", "technical-writer", 40)),
			step("release-notes", "Write the release notes", ue, ThreePoint(0.5, 1, 2)),
			step("review-docs", "Review the documentation", test, ThreePoint(1, 2, 3), "write-docs", "release-notes"),
			step("publish-docs", "Publish the documentation", ue, ThreePoint(0.5, 0.5, 1), "review-docs").anchor(),
		}},
		{Category: CategoryLicensingLegal, Title: "Licensing and legal", Steps: []Step{
			step("review-terms", "Review licence and data processing terms", lgl, ThreePoint(2, 3, 6)).needs(hours("counsel", "counsel", 16)),
			step("prepare-licences", "Prepare licence keys and entitlements", dev, ThreePoint(1, 2, 4)),
			milestone("sign-off", "Legal sign-off", lgl, "review-terms", "prepare-licences").anchor(),
		}},
		{Category: CategoryMaintenanceNotices, Title: "Customer maintenance notices", Steps: []Step{
			step("draft-notice", "Draft the maintenance notice: window, impact, what customers must do", ue, ThreePoint(0.5, 1, 2)).
				needs(hours("writer", "technical-writer", 6)),
			step("approve-notice", "Approve the notice with support and account management", an, ThreePoint(0.5, 1, 2), "draft-notice"),
			milestone("send-notice", "Maintenance notice sent to customers", ops, "approve-notice").anchor(),
		}},
		{Category: CategoryStatusPage, Title: "Status page updates", Steps: []Step{
			step("prepare-entries", "Prepare the status page entries of the maintenance windows", ops, ThreePoint(0.5, 1, 1)),
			milestone("schedule-maintenance", "Maintenance windows scheduled on the status page", ops, "prepare-entries").anchor(),
		}},
		{Category: CategoryInternalAnnouncements, Title: "Internal announcements", Steps: []Step{
			step("write-announcement", "Write the internal announcement and the who-to-call list", ue, ThreePoint(0.5, 1, 2)),
			step("brief-teams", "Brief support, sales, account management and operations", an, ThreePoint(0.5, 1, 1), "write-announcement").anchor(),
		}},
	}
}
