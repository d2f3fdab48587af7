package sample

import (
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/resource"
)

// requirements returns the release, rollout and deployment requirements
// gathered for Contoso Ledger 4.0: one or more of every category of
// backlog.DefaultCatalogue.
func requirements() []backlog.Requirement {
	req := func(id string, cat backlog.Category, title, audience, source string, prio backlog.Priority, tm backlog.Timing, criteria ...string) backlog.Requirement {
		return backlog.Requirement{ID: id, Title: title, Category: cat, Audience: audience, Source: source, Priority: prio, Timing: tm, AcceptanceCriteria: criteria}
	}
	return []backlog.Requirement{
		// Training.
		req("REQ-1", backlog.CategorySalesTraining, "Train sales on Ledger 4.0 positioning, pricing and licensing",
			"Account executives in North America and EMEA (about 60)", "VP Sales", 1, backlog.Before(10),
			"Every account executive passes the 4.0 pitch certification", "Pricing and licensing FAQ handed out"),
		req("REQ-2", backlog.CategorySupportTraining, "Train the help desk on 4.0 troubleshooting and known issues",
			"Tier 1 and tier 2 help desk associates (about 24)", "Director of Customer Support", 1, backlog.Before(5),
			"Help desk resolves the ten most likely 4.0 tickets in the lab"),
		req("REQ-3", backlog.CategoryFieldServiceTraining, "Field service and maintenance training on the Ledger appliance 4.0",
			"Field service and maintenance engineers (about 12)", "Field Service Manager", 2, backlog.Before(10),
			"Engineers upgrade and service an appliance unaided"),
		req("REQ-4", backlog.CategoryOperationsTraining, "Operations training: deploy, monitor, back up and restore 4.0",
			"Hosting operations engineers (about 10)", "Head of Hosting Operations", 1, backlog.Before(8),
			"Each engineer runs a restore drill on staging"),
		req("REQ-5", backlog.CategoryTrainerTraining, "Train-the-trainer course for partner end-user trainers",
			"Partner end-user trainers (about 15)", "Partner Enablement", 2, backlog.Before(15),
			"Trainers certified against the agreed criteria"),
		// Marketing.
		req("REQ-6", backlog.CategoryMarketingPlan, "Ledger 4.0 launch marketing plan",
			"Marketing leadership", "Chief Marketing Officer", 1, backlog.Before(40),
			"Plan approved with budget, audiences and channels"),
		req("REQ-7", backlog.CategoryCollateral, "Data sheet, solution brief and competitive one-pager",
			"Prospects and the sales force", "Product Marketing", 2, backlog.Before(10)),
		req("REQ-8", backlog.CategoryProductLaunch, "Launch announcement and customer webcast on release day",
			"Customers, prospects, press and analysts", "Chief Marketing Officer", 1, backlog.OnLaunchDay()),
		req("REQ-9", backlog.CategoryMarketingCommunications, "Pre-launch campaign: newsletter, social media and partner mailing",
			"Existing customers and partners", "Demand Generation", 2, backlog.Before(1)),
		req("REQ-10", backlog.CategoryPressReleases, "General availability press release",
			"Trade press and industry analysts", "Corporate Communications", 1, backlog.OnLaunchDay(),
			"Reviewed by legal", "Embargo briefings held"),
		req("REQ-11", backlog.CategoryTradeShows, "Booth at FinTech Expo Chicago",
			"CFOs and finance IT buyers", "Field Marketing", 2, backlog.After(20)),
		req("REQ-12", backlog.CategoryExhibitions, "Stand and talk at the Accounting Software Forum",
			"Accounting practices and resellers", "Field Marketing", 3, backlog.After(30)),
		req("REQ-13", backlog.CategoryRoadShows, "Customer road show: Boston, Atlanta and Denver",
			"Strategic customers in the US", "VP Sales", 2, backlog.After(10)),
		req("REQ-14", backlog.CategoryProductDemos, "Live 4.0 demos for the 20 strategic accounts",
			"Strategic accounts", "VP Sales", 2, backlog.After(5)),
		// Deployment.
		req("REQ-15", backlog.CategoryEnvironmentReadiness, "Production and staging environments sized for 4.0",
			"Hosted service", "Head of Hosting Operations", 1, backlog.Before(15),
			"Staging sustains 1.5 times the peak month-end load"),
		req("REQ-16", backlog.CategoryDeploymentWaves, "Pilot waves: Contoso's own tenants, then three early-adopter customers",
			"Contoso staff tenants and early-adopter customers", "Customer Success", 1, backlog.Before(1),
			"Pilot customers sign off the pilot success criteria"),
		req("REQ-17", backlog.CategoryDeploymentWaves, "Ring 1 and general availability waves for the hosted tenants",
			"Hosted tenants (about 400)", "Head of Hosting Operations", 1, backlog.After(1),
			"Each wave meets its success criteria before the next starts"),
		req("REQ-18", backlog.CategoryDataMigration, "Migrate hosted ledgers from the 3.x schema",
			"Hosted tenants", "Engineering", 1, backlog.Before(2),
			"Trial balances match before and after migration"),
		req("REQ-19", backlog.CategoryCutover, "Cutover of the hosted service to 4.0",
			"Hosted service", "Head of Hosting Operations", 1, backlog.Before(1)),
		req("REQ-20", backlog.CategoryRollback, "Tested rollback to 3.8",
			"Hosted service", "Head of Hosting Operations", 1, backlog.Before(5)),
		req("REQ-21", backlog.CategorySupportHandoff, "Early life support and hand-off to Customer Support",
			"Customer Support", "Director of Customer Support", 2, backlog.After(1)),
		req("REQ-22", backlog.CategoryDocumentation, "User, administrator and API documentation for 4.0",
			"Customers, administrators and integrators", "Product Management", 1, backlog.Before(3)),
		req("REQ-23", backlog.CategoryLicensingLegal, "Updated licence terms and data processing agreement",
			"Customers and partners", "Legal", 1, backlog.Before(20)),
		// Operational communications.
		req("REQ-24", backlog.CategoryMaintenanceNotices, "Maintenance notices to hosted tenants before each deployment wave",
			"Administrators of the hosted tenants", "Customer Success", 1, backlog.Before(10),
			"Every tenant of a wave is notified at least ten workdays before its window", "The notice says what tenants must do and whom to call"),
		req("REQ-25", backlog.CategoryStatusPage, "Status page entries for each wave's maintenance window",
			"Hosted tenants and their users", "Head of Hosting Operations", 2, backlog.Before(5)),
		req("REQ-26", backlog.CategoryInternalAnnouncements, "Internal launch announcement and who-to-call list",
			"Support, sales, account management and operations", "Release Manager", 2, backlog.Before(3)),
	}
}

// startDates holds the start-no-earlier-than dates that place work when
// it is due rather than as soon as the kickoff allows.
func startDates() map[string]string {
	return map[string]string{
		"REQ-1/prepare-material":    "2027-02-15",
		"REQ-2/prepare-material":    "2027-03-01",
		"REQ-3/prepare-material":    "2027-02-22",
		"REQ-4/prepare-material":    "2027-02-15",
		"REQ-5/prepare-material":    "2027-02-01",
		"REQ-7/write-content":       "2027-02-01",
		"REQ-8/plan-launch":         "2027-03-01",
		"REQ-9/plan-campaign":       "2027-03-01",
		"REQ-10/draft":              "2027-03-30",
		"REQ-16/plan-waves":         "2027-03-01",
		"REQ-18/map-data":           "2027-03-01",
		"REQ-19/plan-cutover":       "2027-04-01",
		"REQ-19/execute":            "2027-04-13",
		"REQ-20/write-plan":         "2027-03-22",
		"REQ-22/write-docs":         "2027-02-22",
		"REQ-24/draft-notice":       "2027-03-08",
		"REQ-25/prepare-entries":    "2027-04-05",
		"REQ-26/write-announcement": "2027-04-06",
	}
}

// categoryRole is the role that does the steps of a category's template
// for which the default template names no resource.
var categoryRole = map[backlog.Category]string{
	backlog.CategorySalesTraining:           "trainer",
	backlog.CategorySupportTraining:         "support-trainer",
	backlog.CategoryFieldServiceTraining:    "service-trainer",
	backlog.CategoryOperationsTraining:      "operations-trainer",
	backlog.CategoryTrainerTraining:         "trainer",
	backlog.CategoryMarketingPlan:           "product-marketer",
	backlog.CategoryCollateral:              "product-marketer",
	backlog.CategoryProductLaunch:           "product-marketer",
	backlog.CategoryMarketingCommunications: "product-marketer",
	backlog.CategoryPressReleases:           "pr-manager",
	backlog.CategoryTradeShows:              "product-marketer",
	backlog.CategoryExhibitions:             "product-marketer",
	backlog.CategoryRoadShows:               "product-marketer",
	backlog.CategoryProductDemos:            "sales-engineer",
	backlog.CategoryEnvironmentReadiness:    "operations-engineer",
	backlog.CategoryDeploymentWaves:         "deployment-engineer",
	backlog.CategoryDataMigration:           "developer",
	backlog.CategoryCutover:                 "operations-engineer",
	backlog.CategoryRollback:                "operations-engineer",
	backlog.CategorySupportHandoff:          "support-engineer",
	backlog.CategoryDocumentation:           "technical-writer",
	backlog.CategoryLicensingLegal:          "counsel",
	backlog.CategoryMaintenanceNotices:      "support-engineer",
	backlog.CategoryStatusPage:              "operations-engineer",
	backlog.CategoryInternalAnnouncements:   "technical-writer",
}

// stepRole overrides categoryRole for single steps.
var stepRole = map[string]string{
	"press-releases/legal-review":       "counsel",
	"licensing-legal/prepare-licences":  "developer",
	"operations-training/prepare-lab":   "operations-engineer",
	"environment-readiness/size":        "performance-tester",
	"data-migration/migrate":            "operations-engineer",
	"product-launch/rehearse":           "web-developer",
	"marketing-communications/schedule": "copywriter",
}

// templates returns the company's analysis templates: the default ones,
// with a demand for the person who does each step for which the default
// names no resource (half of the step's most likely effort).
func templates() (*backlog.Templates, error) {
	ts := backlog.DefaultTemplates()
	// The waves themselves come from the deployment plan (see rollout):
	// a deployment waves requirement is analysed into planning its waves.
	if err := ts.Set(backlog.Template{Category: backlog.CategoryDeploymentWaves, Title: "Deployment waves", Steps: []backlog.Step{{
		Key: "plan-waves", Title: "Plan the waves: audiences, success criteria, rollback triggers", Discipline: backlog.DisciplineAnalysis,
		Estimate: backlog.ThreePoint(1, 2, 4),
	}}}); err != nil {
		return nil, err
	}
	for _, cat := range ts.Categories() {
		t, _ := ts.Lookup(cat)
		for i, s := range t.Steps {
			if s.Milestone || len(s.Demands) > 0 {
				continue
			}
			role, ok := stepRole[string(cat)+"/"+s.Key]
			if !ok {
				role = categoryRole[cat]
			}
			t.Steps[i].Demands = []backlog.DemandTemplate{{
				Key: "staff", Role: role, Kind: resource.KindPerson,
				Quantity: resource.HoursOf(s.Estimate.MostLikely * 4),
			}}
		}
		if err := ts.Set(t); err != nil {
			return nil, err
		}
	}
	return ts, nil
}
