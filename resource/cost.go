package resource

import (
	"fmt"

	"github.com/rolloutkit/rollout/resource/money"
)

// DemandCost is what one demand costs: the rate of the resource it names
// applied to its quantity, or the amount of a money demand.
type DemandCost struct {
	// DemandID names the demand.
	DemandID string `json:"demandId"`
	// Cost is the amount; zero when the demand has no priced resource.
	Cost money.Money `json:"cost"`
}

// CostReport is the cost of the plan's demands.
type CostReport struct {
	// Demands holds the cost of each demand that has one, in pool order.
	Demands []DemandCost `json:"demands"`
	// Total is their sum.
	Total money.Money `json:"total"`
	// Unpriced lists the demands on people, facilities or equipment that
	// cannot be priced: no resource named, no rate, or no dates for a
	// daily rate.
	Unpriced []string `json:"unpriced,omitempty"`
}

// Costs prices every demand: a demand naming a resource with a Rate costs
// the rate applied to its quantity (see Rate.Cost; a daily rate counts the
// resource's workdays in the demand's range), and a money demand costs its
// amount. Amounts in different currencies give an error wrapping
// money.ErrCurrencyMismatch, and an unknown calendar one wrapping
// ErrAnalysis.
func (p *Pool) Costs() (CostReport, error) {
	ix := p.index()
	var rep CostReport
	for i := range p.Demands {
		d := &p.Demands[i]
		var cost money.Money
		switch {
		case d.Quantity.Unit == UnitMoney:
			cost = d.Quantity.Money
		case d.ResourceID == "":
			rep.Unpriced = append(rep.Unpriced, d.ID)
			continue
		default:
			ri, ok := ix.resources[d.ResourceID]
			if !ok || p.Resources[ri].Rate.IsZero() {
				rep.Unpriced = append(rep.Unpriced, d.ID)
				continue
			}
			r := &p.Resources[ri]
			cal, ok := p.Calendar(r.Calendar)
			if !ok {
				return CostReport{}, fmt.Errorf("resource: costs: %w: resource %s uses calendar %q, which the pool does not hold", ErrAnalysis, r.ID, r.Calendar)
			}
			days := 0
			if d.HasDates() {
				days = cal.WorkdaysBetween(d.From, d.To.AddDays(1))
			} else if r.Rate.Per == PerDay && d.Quantity.Unit != UnitHours {
				rep.Unpriced = append(rep.Unpriced, d.ID)
				continue
			}
			var err error
			cost, err = r.Rate.Cost(d.Quantity, days, r.DailyCapacity(cal))
			if err != nil {
				return CostReport{}, fmt.Errorf("resource: costing demand %s: %w", d.ID, err)
			}
		}
		total, err := rep.Total.Add(cost)
		if err != nil {
			return CostReport{}, fmt.Errorf("resource: costing demand %s: %w", d.ID, err)
		}
		rep.Total = total
		rep.Demands = append(rep.Demands, DemandCost{DemandID: d.ID, Cost: cost})
	}
	return rep, nil
}
