package backlog

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/internal/jsondoc"
	"github.com/rolloutkit/rollout/validation"
)

// CategoryInfo describes one category of the catalogue.
type CategoryInfo struct {
	// Category is the category's kebab-case name.
	Category Category `json:"category" jsonschema:"minLength=1,maxLength=64"`
	// Group gathers categories for reports: training, marketing,
	// deployment or a company's own.
	Group Group `json:"group" jsonschema:"minLength=1,maxLength=64"`
	// Title names the category for people.
	Title string `json:"title"`
	// Description says what requirements of the category cover.
	Description string `json:"description,omitempty"`
	// Expected marks a category a standard launch needs: a plan with no
	// requirement of the category has a gap (see [Catalogue.Missing]).
	Expected bool `json:"expected,omitzero"`
}

// Catalogue is a set of requirement categories, in order. The zero
// Catalogue is empty and ready to use (a nil *Catalogue reads as empty); [DefaultCatalogue] returns the
// built-in one, which a company extends ([Catalogue.Add]), adjusts
// ([Catalogue.Set], for example to stop expecting trade shows) or replaces
// altogether. A Catalogue is a value owned by its user: nothing in the
// package shares or changes one behind the caller's back. It is not safe for
// concurrent modification.
type Catalogue struct {
	entries []CategoryInfo
}

var defaultCategories = []CategoryInfo{
	{CategorySalesTraining, GroupTraining, "Sales training", "Training for sales staff: positioning, pricing, demos, objections and competitive answers for the release.", true},
	{CategorySupportTraining, GroupTraining, "Help desk and support training", "Training for help desk associates and support engineers: new features, known issues, troubleshooting and the escalation path.", true},
	{CategoryFieldServiceTraining, GroupTraining, "Field service and maintenance training", "Training for field service and maintenance engineers: installation, upgrade, servicing and repair of the release on site.", true},
	{CategoryOperationsTraining, GroupTraining, "Operations training", "Training for operations engineers: deployment, monitoring, backup, restore and runbooks of the release.", true},
	{CategoryTrainerTraining, GroupTraining, "End-user trainer training", "Train-the-trainer sessions for the people who will train end users, with course material they can reuse.", true},

	{CategoryMarketingPlan, GroupMarketing, "Marketing plan", "The marketing plan of the release: audiences, positioning, channels, budget and calendar.", true},
	{CategoryCollateral, GroupMarketing, "Marketing collateral", "Brochures, data sheets, slide decks, web pages and videos describing the release.", true},
	{CategoryProductLaunch, GroupMarketing, "Product launch", "The launch itself: announcement, launch event or webinar, landing page and go-live communications.", true},
	{CategoryMarketingCommunications, GroupMarketing, "Marketing communications", "Campaigns, newsletters, social media, customer and partner communications around the release.", true},
	{CategoryPressReleases, GroupMarketing, "Press releases", "Press releases and analyst briefings, approved and timed for the launch.", true},
	{CategoryTradeShows, GroupMarketing, "Trade shows", "Trade shows where the release is presented, often after launch: booth, staff, demos and material.", false},
	{CategoryExhibitions, GroupMarketing, "Exhibitions", "Exhibitions and conferences with a stand or a talk about the release.", false},
	{CategoryRoadShows, GroupMarketing, "Road shows", "A series of customer or partner visits and events presenting the release, usually after launch.", false},
	{CategoryProductDemos, GroupMarketing, "Product demos", "Demo environments, scripts and demo sessions for customers and prospects, before or after launch.", false},

	{CategoryEnvironmentReadiness, GroupDeployment, "Environment readiness", "Production and staging environments sized, provisioned, monitored and performance-tested for the release.", true},
	{CategoryDeploymentWaves, GroupDeployment, "Installation and deployment waves", "Installation of the release, piloted first and rolled out in waves of users or sites on a schedule.", true},
	{CategoryDataMigration, GroupDeployment, "Data migration", "Moving and converting existing data for the release, rehearsed and verified.", false},
	{CategoryCutover, GroupDeployment, "Cutover", "The switch from the old release to the new one: cutover plan, freeze, go/no-go and execution.", true},
	{CategoryRollback, GroupDeployment, "Rollback", "A documented and tested way to back the release out, with its trigger and who decides.", true},
	{CategorySupportHandoff, GroupDeployment, "Support hand-off", "Early life support after go-live and the hand-off to the support organisation, with exit criteria.", true},
	{CategoryDocumentation, GroupDeployment, "Documentation", "User, administrator and release documentation, help-centre articles and release notes.", true},
	{CategoryLicensingLegal, GroupDeployment, "Licensing and legal", "Licence terms, keys and entitlements, data processing terms and regulatory approvals for the release.", true},
	{CategoryMaintenanceNotices, GroupDeployment, "Customer maintenance notices", "Notices telling customers of each deployment wave's maintenance window, its impact and what they must do, sent a set number of workdays before the window.", false},
	{CategoryStatusPage, GroupDeployment, "Status page updates", "Scheduled maintenance entries on the public status page for each wave's window, and updates while it runs.", false},
	{CategoryInternalAnnouncements, GroupDeployment, "Internal announcements", "Announcements to support, sales, account management and operations of the launch and each wave, with who to call.", false},
}

// DefaultCatalogue returns a new copy of the built-in catalogue: every need
// the "Create Rollout and Deployment Plan" activity names, in three groups.
//
//   - training: sales, help desk and support, field service and
//     maintenance, operations, end-user trainers;
//   - marketing: marketing plan, collateral, product launch, marketing
//     communications, press releases, trade shows, exhibitions, road shows,
//     product demos;
//   - deployment: environment readiness, installation and deployment waves,
//     data migration, cutover, rollback, support hand-off, documentation,
//     licensing and legal, and the operational communications: customer
//     maintenance notices, status page updates and internal announcements.
//
// A standard launch expects every category except trade shows, exhibitions,
// road shows, product demos (the activity lists them as "any ... planned"),
// data migration (not every release moves data) and the operational
// communications (an on-premises release has no maintenance window; a
// hosted one adds them, and Plan.PlanNotices times the notices against its
// deployment waves).
func DefaultCatalogue() *Catalogue {
	return &Catalogue{entries: slices.Clone(defaultCategories)}
}

// NewCatalogue returns a catalogue of the given entries, in order. It
// returns a validation.List if an entry is malformed or repeated.
func NewCatalogue(entries ...CategoryInfo) (*Catalogue, error) {
	c := &Catalogue{entries: slices.Clone(entries)}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func checkInfo(l *validation.List, at validation.Path, info CategoryInfo) {
	if !info.Category.IsValid() {
		l.Add(validation.Invalid(at.Child("category"), CodeCatalogueCategory, "category %q is not a kebab-case word", clip(string(info.Category))))
	}
	if !info.Group.IsValid() {
		l.Add(validation.Invalid(at.Child("group"), CodeCatalogueGroup, "group %q is not a kebab-case word", clip(string(info.Group))))
	}
	if info.Title == "" {
		l.Add(validation.Required(at.Child("title"), CodeCatalogueTitle, "a title"))
	}
}

// Validate checks every entry (kebab-case category and group, a title) and
// that no category is listed twice, and returns every problem as a
// validation.List with paths such as [3].group.
func (c *Catalogue) Validate() error {
	var l validation.List
	seen := make(map[Category]bool, len(c.list()))
	for i, e := range c.list() {
		checkInfo(&l, validation.Path{}.Index(i), e)
		if seen[e.Category] {
			l.Add(validation.Duplicate(validation.Path{}.Index(i).Child("category"), CodeCatalogueDuplicate, string(e.Category)))
		}
		seen[e.Category] = true
	}
	return l.Err()
}

func (c *Catalogue) list() []CategoryInfo {
	if c == nil {
		return nil
	}
	return c.entries
}

// Len returns the number of categories.
func (c *Catalogue) Len() int { return len(c.list()) }

func (c *Catalogue) find(cat Category) int {
	return slices.IndexFunc(c.list(), func(e CategoryInfo) bool { return e.Category == cat })
}

// Lookup returns the entry of the category.
func (c *Catalogue) Lookup(cat Category) (CategoryInfo, bool) {
	if i := c.find(cat); i >= 0 {
		return c.list()[i], true
	}
	return CategoryInfo{}, false
}

// Has reports whether the catalogue lists the category.
func (c *Catalogue) Has(cat Category) bool { return c.find(cat) >= 0 }

// Add appends a new category. It returns a validation.List when info is
// malformed or the category is already listed, and then changes nothing.
func (c *Catalogue) Add(info CategoryInfo) error {
	var l validation.List
	checkInfo(&l, validation.Path{}, info)
	if c.Has(info.Category) {
		l.Add(validation.Duplicate(validation.NewPath("category"), CodeCatalogueDuplicate, string(info.Category)))
	}
	if err := l.Err(); err != nil {
		return err
	}
	c.entries = append(c.entries, info)
	return nil
}

// Set replaces the entry of info's category, keeping its place, or appends
// it when the category is new. It returns a validation.List when info is
// malformed, and then changes nothing.
func (c *Catalogue) Set(info CategoryInfo) error {
	var l validation.List
	checkInfo(&l, validation.Path{}, info)
	if err := l.Err(); err != nil {
		return err
	}
	if i := c.find(info.Category); i >= 0 {
		c.entries[i] = info
	} else {
		c.entries = append(c.entries, info)
	}
	return nil
}

// Remove deletes the category and reports whether it was listed.
func (c *Catalogue) Remove(cat Category) bool {
	i := c.find(cat)
	if i < 0 {
		return false
	}
	c.entries = slices.Delete(c.entries, i, i+1)
	return true
}

// All returns a copy of the entries, in order.
func (c *Catalogue) All() []CategoryInfo { return slices.Clone(c.list()) }

// Categories returns the category names, in order.
func (c *Catalogue) Categories() []Category {
	out := make([]Category, len(c.list()))
	for i, e := range c.list() {
		out[i] = e.Category
	}
	return out
}

// Group returns the entries of group g, in order.
func (c *Catalogue) Group(g Group) []CategoryInfo {
	var out []CategoryInfo
	for _, e := range c.list() {
		if e.Group == g {
			out = append(out, e)
		}
	}
	return out
}

// Expected returns the entries a standard launch expects, in order.
func (c *Catalogue) Expected() []CategoryInfo {
	var out []CategoryInfo
	for _, e := range c.list() {
		if e.Expected {
			out = append(out, e)
		}
	}
	return out
}

// Clone returns an independent copy.
func (c *Catalogue) Clone() *Catalogue { return &Catalogue{entries: slices.Clone(c.list())} }

// Missing returns the expected categories that no requirement has, in
// catalogue order: what was never gathered. A requirement counts whatever
// its state, because a rejected requirement was gathered and decided on;
// the plan reports the gaps, or a waiver for each.
func (c *Catalogue) Missing(reqs []Requirement) []CategoryInfo {
	have := make(map[Category]bool, len(c.list()))
	for i := range reqs {
		have[reqs[i].Category] = true
	}
	var out []CategoryInfo
	for _, e := range c.list() {
		if e.Expected && !have[e.Category] {
			out = append(out, e)
		}
	}
	return out
}

// Unknown returns the categories that requirements use and the catalogue
// does not list, in order of first use: typing mistakes, or a company's
// own categories not yet catalogued.
func (c *Catalogue) Unknown(reqs []Requirement) []Category {
	var out []Category
	for i := range reqs {
		cat := reqs[i].Category
		if cat != "" && !c.Has(cat) && !slices.Contains(out, cat) {
			out = append(out, cat)
		}
	}
	return out
}

// Check reports, as warnings, the requirements whose category the
// catalogue does not list (code CodeCategoryUnknown, path
// requirements[i].category) and each expected category no requirement has
// (code CodeCategoryMissing, path requirements), in catalogue order. A plan
// adds these to its own report, where a waiver can answer a gap.
func (c *Catalogue) Check(reqs []Requirement) validation.List {
	var l validation.List
	for i := range reqs {
		if cat := reqs[i].Category; cat != "" && !c.Has(cat) {
			l.Add(validation.NotFound(pRequirements.Index(i).Child("category"), CodeCategoryUnknown, "catalogue category", string(cat)).WithSeverity(validation.Warning))
		}
	}
	for _, e := range c.Missing(reqs) {
		l.Add(validation.Required(pRequirements, CodeCategoryMissing, fmt.Sprintf("a requirement of the expected category %q (%s)", e.Category, e.Title)).WithSeverity(validation.Warning))
	}
	return l
}

// MarshalJSON writes the catalogue as an array of entries.
func (c Catalogue) MarshalJSON() ([]byte, error) {
	if c.list() == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(c.list())
}

// UnmarshalJSON reads an array of entries strictly and checks it as
// Validate does; on error it returns a validation.List and c is unchanged.
func (c *Catalogue) UnmarshalJSON(data []byte) error {
	var entries []CategoryInfo
	if err := jsondoc.Decode(data, &entries, jsondoc.Options{}); err != nil {
		return err
	}
	trial := Catalogue{entries: entries}
	if err := trial.Validate(); err != nil {
		return err
	}
	*c = trial
	return nil
}

// JSONSchemaAlias makes JSON Schema generators describe a Catalogue as its
// array of entries.
func (Catalogue) JSONSchemaAlias() any { return []CategoryInfo{} }

// String returns a short description, such as "catalogue of 22 categories".
func (c *Catalogue) String() string { return fmt.Sprintf("catalogue of %d categories", len(c.list())) }
