package sample

import (
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
)

const calendarName = "Contoso HQ"

// people returns the people, facilities and equipment of the plan, in the
// order the pool lists them.
func people() []resource.Resource {
	person := func(id, name, role string, rate string) resource.Resource {
		return resource.Resource{ID: id, Name: name, Kind: resource.KindPerson, Role: role, Calendar: calendarName,
			Rate: resource.Rate{Amount: money.MustParse("USD " + rate), Per: resource.PerHour}}
	}
	place := func(id, name string, seats float64, note string) resource.Resource {
		return resource.Resource{ID: id, Name: name, Kind: resource.KindFacility, Capacity: seats, Calendar: calendarName, Note: note}
	}
	stock := func(id, name string, units float64) resource.Resource {
		return resource.Resource{ID: id, Name: name, Kind: resource.KindEquipment, Capacity: units, Calendar: calendarName}
	}
	return []resource.Resource{
		person("tom-becker", "Tom Becker", "trainer", "95"),
		person("hana-sato", "Hana Sato", "trainer", "95"),
		person("luis-romero", "Luis Romero", "support-trainer", "90"),
		person("greta-lind", "Greta Lind", "service-trainer", "90"),
		person("owen-price", "Owen Price", "operations-trainer", "100"),
		person("maya-chen", "Maya Chen", "product-marketer", "120"),
		person("jonas-weber", "Jonas Weber", "product-marketer", "120"),
		person("priya-nair", "Priya Nair", "product-marketer", "115"),
		person("ellen-brooks", "Ellen Brooks", "copywriter", "85"),
		person("sam-ortiz", "Sam Ortiz", "copywriter", "85"),
		person("kai-mueller", "Kai Mueller", "designer", "90"),
		person("nora-quinn", "Nora Quinn", "pr-manager", "125"),
		person("dev-patel", "Dev Patel", "web-developer", "110"),
		person("ravi-kumar", "Ravi Kumar", "sales-engineer", "130"),
		person("lena-novak", "Lena Novak", "sales-engineer", "130"),
		person("ben-carter", "Ben Carter", "operations-engineer", "115"),
		person("aisha-bello", "Aisha Bello", "operations-engineer", "115"),
		person("ivan-petrov", "Ivan Petrov", "performance-tester", "110"),
		person("carla-diaz", "Carla Diaz", "deployment-engineer", "110"),
		person("mark-olsen", "Mark Olsen", "deployment-engineer", "110"),
		person("yuki-tanaka", "Yuki Tanaka", "developer", "125"),
		person("omar-haddad", "Omar Haddad", "developer", "125"),
		person("fiona-walsh", "Fiona Walsh", "support-engineer", "95"),
		person("tariq-aziz", "Tariq Aziz", "support-engineer", "95"),
		person("grace-lee", "Grace Lee", "technical-writer", "90"),
		person("paul-adler", "Paul Adler", "counsel", "250"),
		place("room-redmond", "Training room A, Redmond", 16, "16 seats, projector"),
		place("room-chicago", "Training room B, Chicago", 16, "16 seats"),
		place("room-dublin", "Training room C, Dublin", 14, "14 seats, EMEA"),
		place("road-show-venues", "Road show venues (partner hotels)", 60, "conference rooms booked per city"),
		stock("support-lab", "Support lab workstations", 12),
		stock("appliance-units", "Ledger appliance training units", 4),
		stock("booth-kit", "FinTech Expo booth kit", 1),
		stock("stand-kit", "Exhibition stand kit", 1),
		stock("demo-laptops", "Demo laptops", 12),
	}
}

// byRoleOrKey maps a role, or the key of a demand for a facility or
// equipment, to the resources that can serve it, in turn order.
func byRoleOrKey() map[string][]string {
	m := map[string][]string{
		"room":           {"room-redmond", "room-chicago", "room-dublin"},
		"venue":          {"road-show-venues"},
		"lab-machines":   {"support-lab"},
		"training-units": {"appliance-units"},
		"booth-kit":      {"booth-kit"},
		"stand-kit":      {"stand-kit"},
		"demo-laptops":   {"demo-laptops"},
	}
	for _, r := range people() {
		if r.Kind == resource.KindPerson {
			m[r.Role] = append(m[r.Role], r.ID)
		}
	}
	return m
}

// assigned names who serves a requirement's demands for a role or
// resource key where the sample does not simply take turns.
func assigned() map[string]string {
	return map[string]string{
		"REQ-1 trainer":              "tom-becker",
		"REQ-5 trainer":              "hana-sato",
		"REQ-2 room":                 "room-chicago",
		"REQ-3 room":                 "room-chicago",
		"REQ-4 room":                 "room-dublin",
		"REQ-1 room":                 "room-redmond",
		"REQ-5 room":                 "room-redmond",
		"REQ-6 product-marketer":     "maya-chen",
		"REQ-7 product-marketer":     "priya-nair",
		"REQ-8 product-marketer":     "maya-chen",
		"REQ-9 product-marketer":     "jonas-weber",
		"REQ-11 product-marketer":    "priya-nair",
		"REQ-12 product-marketer":    "jonas-weber",
		"REQ-13 product-marketer":    "jonas-weber",
		"REQ-7 copywriter":           "ellen-brooks",
		"REQ-9 copywriter":           "sam-ortiz",
		"REQ-16 deployment-engineer": "carla-diaz",
		"REQ-17 deployment-engineer": "mark-olsen",
		"REQ-15 operations-engineer": "ben-carter",
		"REQ-19 operations-engineer": "ben-carter",
		"REQ-20 operations-engineer": "aisha-bello",
		"REQ-4 operations-engineer":  "aisha-bello",
		"REQ-18 operations-engineer": "aisha-bello",
		"REQ-14 sales-engineer":      "ravi-kumar",
		"REQ-21 support-engineer":    "fiona-walsh",
		"REQ-15/monitoring/staff":    "aisha-bello",
	}
}

// adjust fits the dated demands of a task to the way Contoso works: the
// cutover's 16 engineer hours spread over the two-day window, and the
// trade show, exhibition and road show staffed by two people, so that
// nobody works more than a workday a day.
func adjust(ds []resource.Demand) []resource.Demand {
	second := func(d resource.Demand, key string, hours float64, who string) resource.Demand {
		d.ID = d.ID[:len(d.ID)-len(demandKey(d.ID))] + key
		d.Quantity = resource.HoursOf(hours)
		d.ResourceID = who
		return d
	}
	var out []resource.Demand
	for _, d := range ds {
		switch d.ID {
		case "REQ-19/execute/engineer":
			d.To = date("2027-04-14")
		case "REQ-11/staff-show/staff":
			d.Quantity = resource.HoursOf(24)
			out = append(out, d)
			d = second(d, "staff-2", 24, "maya-chen")
		case "REQ-12/exhibit/staff":
			d.Quantity = resource.HoursOf(16)
			out = append(out, d)
			d = second(d, "staff-2", 16, "priya-nair")
		case "REQ-13/run-events/presenter":
			d.Quantity = resource.HoursOf(40)
		}
		out = append(out, d)
	}
	return out
}

// secondPresenter is the pool's own demand for the road show's second
// presenter, whom the IPMO has yet to find: no person is named.
func secondPresenter(events resource.Demand) resource.Demand {
	return resource.Demand{
		ID: negotiatedDemand, Role: "product-marketer", Kind: resource.KindPerson,
		Quantity: resource.HoursOf(20), From: events.From, To: events.To, TaskID: events.TaskID,
		Note: "second presenter for the Atlanta and Denver events",
	}
}

// usd returns a whole number of US dollars.
func usd(dollars int64) money.Money { return money.MustFromMinor("USD", dollars*100) }

// resources adds the people, facilities, equipment and the launch budget
// (sub-activity 3), and starts the revision presented to the program
// office.
func (b *builder) resources() error {
	p := b.p
	ch := b.change(ReleaseManager, at(time.January, 18, 8), "Resources of the Contoso launch")
	if err := p.AddCalendar(b.cal, ch); err != nil {
		return err
	}
	deploy, err := DeploymentCalendar()
	if err != nil {
		return err
	}
	if err := p.AddCalendar(deploy, ch); err != nil {
		return err
	}
	for _, r := range people() {
		if err := p.AddResource(r, ch); err != nil {
			return fmt.Errorf("resource %s: %w", r.ID, err)
		}
	}
	if err := p.SetBudget(money.Currency("USD"), nil, ch); err != nil {
		return err
	}
	line := func(id string, cat resource.Category, what string, required, committed, spent int64) resource.BudgetLine {
		return resource.BudgetLine{ID: id, Category: cat, Description: what, Required: usd(required), Committed: usd(committed), Spent: usd(spent)}
	}
	for _, l := range []resource.BudgetLine{
		line("B-TRN", resource.CategoryTraining, "Course material, certification and trainer time", 48_000, 48_000, 12_500),
		line("B-MKT", resource.CategoryMarketing, "Collateral, campaign and launch webcast", 95_000, 95_000, 31_000),
		line("B-EVT", resource.CategoryEvents, "FinTech Expo booth, Accounting Software Forum stand, road show", 140_000, 110_000, 18_000),
		line("B-TRV", resource.CategoryTravel, "Road show, trade show and field training travel", 36_000, 36_000, 4_200),
		line("B-EQP", resource.CategoryEquipment, "Demo laptops, booth kit, appliance training units", 22_000, 22_000, 9_800),
		line("B-FAC", resource.CategoryFacilities, "Training rooms and road show venues", 18_500, 18_500, 2_000),
		line("B-CON", resource.CategoryContractors, "Design agency and freelance copywriting", 27_000, 27_000, 6_000),
		line("B-CTG", resource.CategoryContingency, "Launch contingency reserve", 30_000, 30_000, 0),
	} {
		if err := p.AddBudgetLine(l, ch); err != nil {
			return fmt.Errorf("budget line %s: %w", l.ID, err)
		}
	}
	return nil
}

// revise starts the revision presented to the program office.
func (b *builder) revise() error {
	b.p.Revise(b.change(ReleaseManager, at(time.February, 1, 9), "Plan revision presented to the IPMO for commitments"))
	return nil
}

// Deliberate gaps in the commitments: the demand under negotiation and the
// IPMO's counter-offer.
const (
	negotiatedDemand = "REQ-13/run-events/presenter-2"
)

// commitmentID returns the ID of the commitment requested for a demand.
func commitmentID(demandID string) string { return "C-" + demandID }

// commitments asks the IPMO for every demand of the tasks and records its
// answers (sub-activity 4): committed against the current revision, except
// the road show presenter hours, still under negotiation after a
// counter-offer.
func (b *builder) commitments() error {
	p := b.p
	demands := p.Backlog.Demands()
	for _, d := range demands {
		if d.ID == "REQ-13/run-events/presenter" {
			if err := p.AddDemand(secondPresenter(d), b.change(ReleaseManager, at(time.February, 1, 10), "A second presenter for the road show")); err != nil {
				return err
			}
		}
	}
	demands = append(demands, p.Resources.Demands...)
	for i, d := range demands {
		day := 2 + i/40
		id := commitmentID(d.ID)
		if err := p.RequestCommitment(id, d.ID, b.change(ReleaseManager, at(time.February, day, 10), "")); err != nil {
			return fmt.Errorf("request %s: %w", id, err)
		}
		if d.ID == negotiatedDemand {
			offer := resource.Offer{
				Terms: resource.Terms{
					Quantity:   resource.HoursOf(12),
					From:       d.From,
					To:         d.To,
					Conditions: "12 of the 20 hours: a product marketer for the Denver event only",
				},
				By: IPMOfficer, At: at(time.February, 10, 14),
				Note: "Atlanta to be covered by Field Marketing",
			}
			if err := p.CounterOffer(id, offer, b.change(IPMOfficer, at(time.February, 10, 14), "")); err != nil {
				return fmt.Errorf("counter-offer %s: %w", id, err)
			}
			continue
		}
		if err := p.Commit(id, b.change(IPMOfficer, at(time.February, day+7, 11), "")); err != nil {
			return fmt.Errorf("commit %s: %w", id, err)
		}
	}
	return nil
}
