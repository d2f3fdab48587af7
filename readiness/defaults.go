package readiness

import (
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/workitem"
)

// standard is one default item of a requirement category.
type standard struct {
	key      string
	function Function
	title    string
	mustHave bool
	lead     int // workdays before launch, when no requirement says when
}

// standards gives the readiness items each requirement category of the
// default catalogue stands for: what the function that receives the work
// must confirm before the go/no-go review.
var standards = map[backlog.Category][]standard{
	backlog.CategorySalesTraining: {
		{"briefed", Sales, "Sales team trained and briefed: positioning, pricing, demo and FAQ", true, 10},
	},
	backlog.CategorySupportTraining: {
		{"trained", Support, "Help desk trained; known issues and the escalation path published", true, 10},
	},
	backlog.CategoryFieldServiceTraining: {
		{"certified", FieldService, "Field engineers certified on installing, upgrading and servicing the release", true, 10},
	},
	backlog.CategoryOperationsTraining: {
		{"runbooks", Operations, "Operations trained; runbooks and on-call rota rehearsed", true, 10},
	},
	backlog.CategoryTrainerTraining: {
		{"courseware", Support, "End-user trainers trained, with course material they can reuse", false, 10},
	},
	backlog.CategoryMarketingPlan: {
		{"approved", Marketing, "Marketing plan approved: audiences, positioning, channels and budget", true, 20},
	},
	backlog.CategoryCollateral: {
		{"published", Marketing, "Collateral approved and available to sales and partners", true, 10},
	},
	backlog.CategoryProductLaunch: {
		{"announcement", Marketing, "Launch announcement, landing page and launch event ready", true, 5},
	},
	backlog.CategoryMarketingCommunications: {
		{"scheduled", Marketing, "Customer and partner communications scheduled", false, 5},
	},
	backlog.CategoryPressReleases: {
		{"approved", Marketing, "Press release approved and embargo agreed", true, 5},
	},
	backlog.CategoryTradeShows: {
		{"booth", Marketing, "Trade show booth, staff and demo booked", false, 10},
	},
	backlog.CategoryExhibitions: {
		{"stand", Marketing, "Exhibition stand or talk confirmed", false, 10},
	},
	backlog.CategoryRoadShows: {
		{"agenda", Sales, "Road show agenda, venues and presenters confirmed", false, 10},
	},
	backlog.CategoryProductDemos: {
		{"environment", Sales, "Demo environment and demo script ready", false, 10},
	},
	backlog.CategoryEnvironmentReadiness: {
		{"capacity", Infrastructure, "Production sized, monitored and performance-tested", true, 10},
		{"security-review", Security, "Security review and penetration test passed; findings closed or accepted", true, 10},
	},
	backlog.CategoryDeploymentWaves: {
		{"waves", Operations, "Deployment waves scheduled and pilot customers confirmed", true, 5},
	},
	backlog.CategoryDataMigration: {
		{"rehearsed", Operations, "Data migration rehearsed on production-sized data and verified", true, 10},
	},
	backlog.CategoryCutover: {
		{"rehearsed", Operations, "Cutover plan rehearsed; change freeze agreed", true, 5},
	},
	backlog.CategoryRollback: {
		{"tested", Infrastructure, "Rollback documented and tested, with its trigger and who decides", true, 5},
	},
	backlog.CategorySupportHandoff: {
		{"hypercare", Support, "Early life support staffed and hand-off exit criteria agreed", true, 5},
	},
	backlog.CategoryDocumentation: {
		{"published", Documentation, "Release notes, administrator and user guides ready to publish", true, 5},
	},
	backlog.CategoryLicensingLegal: {
		{"approved", Legal, "Licence terms, data processing terms and licence keys approved", true, 10},
	},
	backlog.CategoryMaintenanceNotices: {
		{"notices", Support, "Customer maintenance notices approved and their send dates set for every wave", true, 10},
	},
	backlog.CategoryStatusPage: {
		{"entries", Operations, "Status page maintenance entries prepared for every wave", false, 5},
	},
	backlog.CategoryInternalAnnouncements: {
		{"announcement", Operations, "Internal launch announcement and who-to-call list ready", false, 5},
	},
}

// Defaults returns the standard readiness items for a release: those of
// every category cat expects, and of every other catalogued category a
// requirement in reqs uses, in catalogue order. Each item's ID is
// "<category>/<key>", such as "support-training/trained"; it belongs to
// the function that must confirm the category's work, starts not started
// and has no owner yet (the exit gate asks for one).
//
// Each item is due relative to the launch, a number of workdays before
// it: its standard lead (5 to 20 workdays, what the function needs before
// a go/no-go review held close to the launch), or earlier when the
// category's work is due earlier: the latest before-launch timing of the
// category's requirements in reqs that are not closed (a marketing plan
// approved 40 workdays before launch is confirmed then, not 20 workdays
// before). Timings on or after launch day (a road show after the launch,
// whose preparation is what the item confirms) and requirements without a
// timing leave the standard lead. The exit gate checks that every item is
// due by the go/no-go review.
//
// A nil cat means backlog.DefaultCatalogue(). Categories without a
// standard item (a company's own) give none.
func Defaults(cat *backlog.Catalogue, reqs []backlog.Requirement) []Item {
	if cat == nil {
		cat = backlog.DefaultCatalogue()
	}
	used := make(map[backlog.Category]bool, len(reqs))
	// due holds each category's latest before-launch timing.
	due := make(map[backlog.Category]backlog.Timing, len(reqs))
	for i := range reqs {
		r := &reqs[i]
		used[r.Category] = true
		if r.Timing.Kind != backlog.BeforeLaunch || r.State == workitem.Closed {
			continue
		}
		if d, ok := due[r.Category]; !ok || r.Timing.Workdays < d.Workdays {
			due[r.Category] = r.Timing
		}
	}
	var out []Item
	for _, info := range cat.All() {
		if !info.Expected && !used[info.Category] {
			continue
		}
		for _, s := range standards[info.Category] {
			when := backlog.Before(s.lead)
			if d, ok := due[info.Category]; ok && d.Workdays > s.lead {
				when = d
			}
			out = append(out, Item{
				ID:       string(info.Category) + "/" + s.key,
				Function: s.function,
				Title:    s.title,
				MustHave: s.mustHave,
				Due:      when,
				Category: info.Category,
				Status:   NotStarted,
			})
		}
	}
	return out
}
