package azureboards

import (
	"html"
	"math"
	"net/mail"
	"net/url"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/risk"
)

// Work item types of the CMMI process.
const (
	TypeRequirement = "Requirement"
	TypeTask        = "Task"
	TypeRisk        = "Risk"
	TypeIssue       = "Issue"
	TypeReview      = "Review"
	// TypeChangeRequest carries a revision of the committed plan.
	TypeChangeRequest = "Change Request"
)

// Field reference names the export writes.
const (
	FieldTitle         = "System.Title"
	FieldDescription   = "System.Description"
	FieldState         = "System.State"
	FieldReason        = "System.Reason"
	FieldAssignedTo    = "System.AssignedTo"
	FieldTags          = "System.Tags"
	FieldAreaPath      = "System.AreaPath"
	FieldIterationPath = "System.IterationPath"

	FieldPriority   = "Microsoft.VSTS.Common.Priority"
	FieldSeverity   = "Microsoft.VSTS.Common.Severity"
	FieldDiscipline = "Microsoft.VSTS.Common.Discipline"

	FieldRequirementType = "Microsoft.VSTS.CMMI.RequirementType"
	FieldCommitted       = "Microsoft.VSTS.CMMI.Committed"
	FieldBlocked         = "Microsoft.VSTS.CMMI.Blocked"
	FieldTaskType        = "Microsoft.VSTS.CMMI.TaskType"
	FieldRequiresReview  = "Microsoft.VSTS.CMMI.RequiresReview"
	FieldRequiresTest    = "Microsoft.VSTS.CMMI.RequiresTest"

	FieldOriginalEstimate = "Microsoft.VSTS.Scheduling.OriginalEstimate"
	FieldRemainingWork    = "Microsoft.VSTS.Scheduling.RemainingWork"
	FieldCompletedWork    = "Microsoft.VSTS.Scheduling.CompletedWork"
	FieldStartDate        = "Microsoft.VSTS.Scheduling.StartDate"
	FieldFinishDate       = "Microsoft.VSTS.Scheduling.FinishDate"

	FieldProbability        = "Microsoft.VSTS.CMMI.Probability"
	FieldMitigationPlan     = "Microsoft.VSTS.CMMI.MitigationPlan"
	FieldContingencyPlan    = "Microsoft.VSTS.CMMI.ContingencyPlan"
	FieldMitigationTriggers = "Microsoft.VSTS.CMMI.MitigationTriggers"

	FieldEscalate             = "Microsoft.VSTS.CMMI.Escalate"
	FieldTargetResolveDate    = "Microsoft.VSTS.CMMI.TargetResolveDate"
	FieldAnalysis             = "Microsoft.VSTS.CMMI.Analysis"
	FieldCorrectiveActionPlan = "Microsoft.VSTS.CMMI.CorrectiveActionPlan"
	FieldActualResolution     = "Microsoft.VSTS.CMMI.CorrectiveActionActualResolution"

	FieldPurpose     = "Microsoft.VSTS.CMMI.Purpose"
	FieldMinutes     = "Microsoft.VSTS.CMMI.Minutes"
	FieldComments    = "Microsoft.VSTS.CMMI.Comments"
	FieldMeetingType = "Microsoft.VSTS.CMMI.MeetingType"
	FieldCalledDate  = "Microsoft.VSTS.CMMI.CalledDate"
	FieldCalledBy    = "Microsoft.VSTS.CMMI.CalledBy"
	// FieldRequiredAttendee and FieldActualAttendee are followed by 1 to
	// MaxAttendees.
	FieldRequiredAttendee = "Microsoft.VSTS.CMMI.RequiredAttendee"
	FieldActualAttendee   = "Microsoft.VSTS.CMMI.ActualAttendee"

	FieldJustification                 = "Microsoft.VSTS.CMMI.Justification"
	FieldImpactOnArchitecture          = "Microsoft.VSTS.CMMI.ImpactOnArchitecture"
	FieldImpactOnUserExperience        = "Microsoft.VSTS.CMMI.ImpactOnUserExperience"
	FieldImpactOnTest                  = "Microsoft.VSTS.CMMI.ImpactOnTest"
	FieldImpactOnDevelopment           = "Microsoft.VSTS.CMMI.ImpactOnDevelopment"
	FieldImpactOnTechnicalPublications = "Microsoft.VSTS.CMMI.ImpactOnTechnicalPublications"
)

// MaxAttendees is the number of attendee fields of the CMMI Review.
const MaxAttendees = 8

// Link types (relation "rel" values) the export writes.
const (
	// LinkParent, on a child, points at its one parent.
	LinkParent = "System.LinkTypes.Hierarchy-Reverse"
	// LinkChild, on a parent, points at a child (a risk at its
	// mitigation actions, an issue at its corrective actions).
	LinkChild = "System.LinkTypes.Hierarchy-Forward"
	// LinkPredecessor, on a successor, points at a predecessor.
	LinkPredecessor = "System.LinkTypes.Dependency-Reverse"
	// LinkRelated links two items both ways.
	LinkRelated = "System.LinkTypes.Related"
	// LinkAffects, on a change request, points at a requirement it
	// changes (the CMMI process's Affects link; the requirement shows it
	// as Affected By).
	LinkAffects = "Microsoft.VSTS.Common.Affects-Forward"
)

// requirementTypes are the values of Microsoft.VSTS.CMMI.RequirementType.
var requirementTypes = [...]string{
	"Business Objective", "Feature", "Functional", "Interface", "Operational",
	"Quality of Service", "Safety", "Scenario", "Security",
}

// RequirementType returns the Microsoft.VSTS.CMMI.RequirementType of a
// requirement:
//
//   - the requirement's own Type, when it is one of the nine CMMI values
//     (Business Objective, Feature, Functional, Interface, Operational,
//     Quality of Service, Safety, Scenario, Security; matched ignoring
//     case);
//   - otherwise the override for its category, when overrides has one;
//   - otherwise by the group of its category in backlog.DefaultCatalogue:
//     marketing needs (collateral, launch, press, events, demos) are
//     "Business Objective", training and deployment needs (people and
//     systems ready to run the release) are "Operational";
//   - "Operational" for a category the default catalogue does not list.
func RequirementType(r backlog.Requirement, overrides map[backlog.Category]string) string {
	if t, ok := cmmiRequirementType(r.Type); ok {
		return t
	}
	if t, ok := overrides[r.Category]; ok && t != "" {
		return t
	}
	if info, ok := backlog.DefaultCatalogue().Lookup(r.Category); ok && info.Group == backlog.GroupMarketing {
		return "Business Objective"
	}
	return "Operational"
}

func cmmiRequirementType(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, t := range requirementTypes {
		if strings.EqualFold(s, t) {
			return t, true
		}
	}
	return "", false
}

// Severity returns the Microsoft.VSTS.Common.Severity of a risk impact:
// 5 (very high) "1 - Critical", 4 "2 - High", 3 "3 - Medium", 2 and 1
// "4 - Low" (the stock field has four values for five impacts, so the two
// lowest share one); "" for an impact not assessed.
func Severity(i risk.Impact) string {
	switch {
	case i == risk.VeryHigh:
		return "1 - Critical"
	case i == risk.High:
		return "2 - High"
	case i == risk.Medium:
		return "3 - Medium"
	case i == risk.Low || i == risk.VeryLow:
		return "4 - Low"
	}
	return ""
}

// riskPriority is the Microsoft.VSTS.Common.Priority of a risk: by its
// impact, as the issue it would become is prioritised (5 is 1, 4 is 2,
// 3 is 3, 2 and 1 are 4).
func riskPriority(i risk.Impact) int {
	switch {
	case i >= risk.VeryHigh:
		return 1
	case i == risk.High:
		return 2
	case i == risk.Medium:
		return 3
	}
	return 4
}

// Identity returns an assignee as Azure Boards reads identities: a name
// with an address ("Ana Ortiz <ana@contoso.com>", quoted or not) is
// written "Ana Ortiz <ana@contoso.com>", a bare address as it is, and
// anything else (a display name alone) trimmed. The export writes the
// plan's assignees and owners this way, in the form the plan holds them.
//
// Azure Boards answers every identity with its address (an identity
// object with displayName and uniqueName, read as "Display Name
// <address>"), so Apply takes an identity the tracker returns for the
// same person as the plan's, and records no change, when: both have an
// address and the addresses match (case aside), whatever the names; or
// either lacks one and both display names match (case and runs of
// spaces aside), so the plan's "Tom Becker" is the tracker's "Tom Becker
// <tom@contoso.com>". An address alone against a name alone is taken
// for a different person, as are two identities with the same name and
// different addresses. An export read back thus changes no assignee.
func Identity(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || !strings.Contains(s, "@") {
		return s
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return s
	}
	if a.Name == "" {
		return a.Address
	}
	return a.Name + " <" + a.Address + ">"
}

// yesNo is the text of a CMMI Yes/No field.
func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// hours converts workdays into hours, rounded to the hundredth.
func hours(workdays, perDay float64) float64 {
	return math.Round(workdays*perDay*100) / 100
}

// dateTime renders a civil date as the date-time Azure Boards stores. Noon
// UTC keeps the same calendar day in every time zone from UTC-11 to
// UTC+11, where midnight UTC would show the day before in the Americas.
func dateTime(d calendar.Date) string {
	return d.String() + "T12:00:00Z"
}

// htmlText escapes plain text for an HTML field, keeping line breaks.
func htmlText(s string) string {
	return strings.ReplaceAll(html.EscapeString(strings.TrimSpace(s)), "\n", "<br>")
}

// htmlDoc builds the content of an HTML field from labelled paragraphs and
// lists; empty parts are left out.
type htmlDoc struct{ b strings.Builder }

func (h *htmlDoc) para(label, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	h.b.WriteString("<p>")
	if label != "" {
		h.b.WriteString("<b>")
		h.b.WriteString(html.EscapeString(label))
		h.b.WriteString(":</b> ")
	}
	h.b.WriteString(htmlText(text))
	h.b.WriteString("</p>")
}

func (h *htmlDoc) list(label string, items []string) {
	if len(items) == 0 {
		return
	}
	h.b.WriteString("<p><b>")
	h.b.WriteString(html.EscapeString(label))
	h.b.WriteString(":</b></p><ul>")
	for _, it := range items {
		h.b.WriteString("<li>")
		h.b.WriteString(htmlText(it))
		h.b.WriteString("</li>")
	}
	h.b.WriteString("</ul>")
}

func (h *htmlDoc) String() string { return h.b.String() }

// joinTags joins tags as System.Tags wants them: "; " between, without
// empty and repeated tags (compared ignoring case, as Azure Boards does),
// and without the tracker tag.
func joinTags(groups ...[]string) string {
	var out []string
	for _, g := range groups {
		for _, t := range g {
			t = strings.TrimSpace(strings.ReplaceAll(t, ";", ","))
			if t == "" || strings.HasPrefix(t, TagPrefix) {
				continue
			}
			dup := false
			for _, o := range out {
				if strings.EqualFold(o, t) {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, t)
			}
		}
	}
	return strings.Join(out, "; ")
}

// urlPath escapes a path segment (work item types, project names).
func urlPath(s string) string { return url.PathEscape(s) }
