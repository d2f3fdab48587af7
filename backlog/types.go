package backlog

import (
	"fmt"
	"github.com/rolloutkit/rollout/internal/kebab"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// ErrUnknownValue is wrapped by the errors of UnmarshalText methods given text
// that is not one of a type's documented values.
var ErrUnknownValue = validation.Sentinel(validation.ErrNotSupported, "unknown value")

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Category says what kind of need a requirement states, such as
// "sales-training" or "press-releases". It is user-extensible: the built-in
// categories are the entries of [DefaultCatalogue] (constants below), and any
// other lower-case kebab-case word (letters, digits and single hyphens,
// starting with a letter, at most 64 bytes) is accepted as a company's own.
type Category string

// The built-in categories, grouped as in [DefaultCatalogue].
const (
	// Training.
	CategorySalesTraining        Category = "sales-training"
	CategorySupportTraining      Category = "support-training"
	CategoryFieldServiceTraining Category = "field-service-training"
	CategoryOperationsTraining   Category = "operations-training"
	CategoryTrainerTraining      Category = "trainer-training"

	// Marketing.
	CategoryMarketingPlan           Category = "marketing-plan"
	CategoryCollateral              Category = "marketing-collateral"
	CategoryProductLaunch           Category = "product-launch"
	CategoryMarketingCommunications Category = "marketing-communications"
	CategoryPressReleases           Category = "press-releases"
	CategoryTradeShows              Category = "trade-shows"
	CategoryExhibitions             Category = "exhibitions"
	CategoryRoadShows               Category = "road-shows"
	CategoryProductDemos            Category = "product-demos"

	// Deployment.
	CategoryEnvironmentReadiness Category = "environment-readiness"
	CategoryDeploymentWaves      Category = "deployment-waves"
	CategoryDataMigration        Category = "data-migration"
	CategoryCutover              Category = "cutover"
	CategoryRollback             Category = "rollback"
	CategorySupportHandoff       Category = "support-handoff"
	CategoryDocumentation        Category = "documentation"
	CategoryLicensingLegal       Category = "licensing-legal"

	// Operational communications (deployment group).
	CategoryMaintenanceNotices    Category = "maintenance-notices"
	CategoryStatusPage            Category = "status-page-updates"
	CategoryInternalAnnouncements Category = "internal-announcements"
)

// String returns the category's text.
func (c Category) String() string { return string(c) }

// IsValid reports whether c is a kebab-case word of at most 64 bytes.
func (c Category) IsValid() bool { return kebab.IsWord(string(c)) }

// UnmarshalText reads a category. Any text is accepted, so that a
// document naming a malformed category can still be loaded to be repaired;
// validation reports a category that is not a kebab-case word.
func (c *Category) UnmarshalText(b []byte) error {
	*c = Category(b)
	return nil
}

// Group gathers catalogue categories for reports: training, marketing,
// deployment, or a company's own kebab-case word.
type Group string

// The built-in groups.
const (
	GroupTraining   Group = "training"
	GroupMarketing  Group = "marketing"
	GroupDeployment Group = "deployment"
)

// String returns the group's text.
func (g Group) String() string { return string(g) }

// IsValid reports whether g is a kebab-case word of at most 64 bytes.
func (g Group) IsValid() bool { return kebab.IsWord(string(g)) }

// UnmarshalText reads a group; text that is not a kebab-case word is an
// error and leaves g unchanged.
func (g *Group) UnmarshalText(b []byte) error {
	if !kebab.IsWord(string(b)) {
		return fmt.Errorf("backlog: group %q: %w (want a lower-case kebab-case word such as %q)", clip(string(b)), ErrUnknownValue, GroupTraining)
	}
	*g = Group(b)
	return nil
}

// Discipline is the kind of work a task is, as the CMMI Task's Discipline
// field (Microsoft.VSTS.Common.Discipline) has it. The five CMMI values are
// built in, written in kebab-case ("user-education"); [Discipline.Title]
// gives the name Azure Boards shows ("User Education"). The set is
// user-extensible: any kebab-case word is accepted, and rollout's default
// templates use three of their own, marketing, operations and legal (a
// tracker whose Discipline field does not list them needs them added, or a
// mapping in the exporter).
type Discipline string

// TaskType says why a task exists, as the CMMI Task Type field does:
// planned work (the zero value means planned), a risk's mitigation action
// or an issue's corrective action (see [Task.Addresses]).
type TaskType string

// The task types of the CMMI process template.
const (
	// TaskPlanned is work planned to meet the requirements.
	TaskPlanned TaskType = "planned"
	// TaskMitigation carries out part of a risk's mitigation plan.
	TaskMitigation TaskType = "mitigation-action"
	// TaskCorrective carries out part of an issue's corrective action
	// plan.
	TaskCorrective TaskType = "corrective-action"
)

// IsValid reports whether t is empty or one of the three task types.
func (t TaskType) IsValid() bool {
	switch t {
	case "", TaskPlanned, TaskMitigation, TaskCorrective:
		return true
	}
	return false
}

// Title returns the value of the CMMI Task Type field: "Planned",
// "Mitigation Action" or "Corrective Action".
func (t TaskType) Title() string {
	switch t {
	case TaskMitigation:
		return "Mitigation Action"
	case TaskCorrective:
		return "Corrective Action"
	}
	return "Planned"
}

// The disciplines of the CMMI process template.
const (
	DisciplineAnalysis       Discipline = "analysis"
	DisciplineDevelopment    Discipline = "development"
	DisciplineTest           Discipline = "test"
	DisciplineUserEducation  Discipline = "user-education"
	DisciplineUserExperience Discipline = "user-experience"
)

// Disciplines rollout's default templates add to the CMMI five.
const (
	DisciplineMarketing  Discipline = "marketing"
	DisciplineOperations Discipline = "operations"
	DisciplineLegal      Discipline = "legal"
)

// CMMIDisciplines returns the five disciplines of the CMMI process template.
func CMMIDisciplines() []Discipline {
	return []Discipline{DisciplineAnalysis, DisciplineDevelopment, DisciplineTest, DisciplineUserEducation, DisciplineUserExperience}
}

// String returns the discipline's text.
func (d Discipline) String() string { return string(d) }

// IsCMMI reports whether d is one of the five CMMI disciplines.
func (d Discipline) IsCMMI() bool {
	switch d {
	case DisciplineAnalysis, DisciplineDevelopment, DisciplineTest, DisciplineUserEducation, DisciplineUserExperience:
		return true
	}
	return false
}

// IsValid reports whether d is a kebab-case word of at most 64 bytes.
func (d Discipline) IsValid() bool { return kebab.IsWord(string(d)) }

// Title returns the name as a work tracker shows it: each word capitalised,
// hyphens as spaces ("user-education" gives "User Education").
func (d Discipline) Title() string {
	words := strings.Split(string(d), "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// UnmarshalText reads a discipline; text that is not a kebab-case word is
// an error and leaves d unchanged.
func (d *Discipline) UnmarshalText(b []byte) error {
	if !kebab.IsWord(string(b)) {
		return fmt.Errorf("backlog: discipline %q: %w (want a lower-case kebab-case word such as %q)", clip(string(b)), ErrUnknownValue, DisciplineUserEducation)
	}
	*d = Discipline(b)
	return nil
}

// Priority ranks requirements as the CMMI Priority field does: 1 (highest)
// to 4 (lowest). The zero Priority means "not set".
type Priority uint8

// IsValid reports whether p is 1 to 4.
func (p Priority) IsValid() bool { return p >= 1 && p <= 4 }

// String returns "P1" to "P4", or "" for the zero Priority.
func (p Priority) String() string {
	if p == 0 {
		return ""
	}
	return "P" + strconv.Itoa(int(p))
}

// TimingKind says where a requirement falls against the release date.
type TimingKind uint8

// The timing kinds. The zero TimingKind means "not stated".
const (
	// BeforeLaunch: the need must be met a lead time before the release
	// date (training, collateral, environments). Text "before-launch".
	BeforeLaunch TimingKind = iota + 1
	// OnLaunch: the need is met on the release date itself (the press
	// release, the cutover). Text "launch-day".
	OnLaunch
	// AfterLaunch: the need is met after the release, at an offset (trade
	// shows, road shows, product demos often come after). Text
	// "after-launch".
	AfterLaunch
)

var timingNames = [...]string{"", "before-launch", "launch-day", "after-launch"}

// String returns the text form, such as "before-launch".
func (k TimingKind) String() string {
	if int(k) < len(timingNames) {
		return timingNames[k]
	}
	return fmt.Sprintf("TimingKind(%d)", uint8(k))
}

// IsValid reports whether k is one of the three kinds.
func (k TimingKind) IsValid() bool { return k >= BeforeLaunch && k <= AfterLaunch }

// MarshalText writes the text form; an invalid kind is an error.
func (k TimingKind) MarshalText() ([]byte, error) {
	if k != 0 && !k.IsValid() {
		return nil, fmt.Errorf("backlog: timing kind %d: %w", uint8(k), ErrUnknownValue)
	}
	return []byte(timingNames[k]), nil
}

// UnmarshalText reads the text form; "" gives the zero kind. Unknown text
// is an error and leaves k unchanged.
func (k *TimingKind) UnmarshalText(b []byte) error {
	for i, n := range timingNames {
		if n == string(b) {
			*k = TimingKind(i)
			return nil
		}
	}
	return fmt.Errorf("backlog: timing %q: %w (want before-launch, launch-day or after-launch)", clip(string(b)), ErrUnknownValue)
}

// DependencyType is the kind of a dependency between two tasks, as in the
// precedence diagramming method (and package schedule's LinkType, with the
// same text forms): which end of the predecessor constrains which end of the
// successor. The zero value is FinishToStart.
type DependencyType uint8

// The four dependency types.
const (
	// FinishToStart (FS): the task starts after the predecessor finishes.
	FinishToStart DependencyType = iota
	// StartToStart (SS): the task starts no earlier than the predecessor.
	StartToStart
	// FinishToFinish (FF): the task finishes no earlier than the predecessor.
	FinishToFinish
	// StartToFinish (SF): the task finishes no earlier than the predecessor
	// starts.
	StartToFinish
)

var depNames = [...]string{"finish-to-start", "start-to-start", "finish-to-finish", "start-to-finish"}
var depShort = [...]string{"FS", "SS", "FF", "SF"}

// DependencyTypes returns the four types in order.
func DependencyTypes() []DependencyType {
	return []DependencyType{FinishToStart, StartToStart, FinishToFinish, StartToFinish}
}

// IsValid reports whether t is one of the four types.
func (t DependencyType) IsValid() bool { return int(t) < len(depNames) }

// String returns the text form, such as "finish-to-start".
func (t DependencyType) String() string {
	if t.IsValid() {
		return depNames[t]
	}
	return fmt.Sprintf("DependencyType(%d)", uint8(t))
}

// Short returns the abbreviation: FS, SS, FF or SF.
func (t DependencyType) Short() string {
	if t.IsValid() {
		return depShort[t]
	}
	return "??"
}

// MarshalText writes the text form; an invalid type is an error.
func (t DependencyType) MarshalText() ([]byte, error) {
	if !t.IsValid() {
		return nil, fmt.Errorf("backlog: dependency type %d: %w", uint8(t), ErrUnknownValue)
	}
	return []byte(depNames[t]), nil
}

// UnmarshalText reads the text form ("finish-to-start") or the
// abbreviation ("FS", any case). Unknown text is an error and leaves t
// unchanged.
func (t *DependencyType) UnmarshalText(b []byte) error {
	s := string(b)
	for i := range depNames {
		if s == depNames[i] || strings.EqualFold(s, depShort[i]) {
			*t = DependencyType(i)
			return nil
		}
	}
	return fmt.Errorf("backlog: dependency type %q: %w (want finish-to-start, start-to-start, finish-to-finish, start-to-finish or FS, SS, FF, SF)", clip(s), ErrUnknownValue)
}
