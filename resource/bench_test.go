package resource_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
)

// bigPool returns a pool of nres resources (90% people, 5% rooms, 5%
// equipment; two calendars) and ndem demands on named resources spread over
// 2027, each lasting 1 to 10 days, with one committed commitment per demand
// (every tenth against an older revision, every twentieth for a demand
// changed since).
func bigPool(tb testing.TB, nres, ndem int) *resource.Pool {
	tb.Helper()
	r := rand.New(rand.NewPCG(7, 11))
	var hol []calendar.Holiday
	for _, s := range []string{"2027-01-01", "2027-04-02", "2027-05-01", "2027-12-24", "2027-12-25"} {
		hol = append(hol, calendar.Holiday{Date: calendar.MustParse(s)})
	}
	emea, err := calendar.New(calendar.Spec{Name: "emea", Workweek: calendar.MondayToFriday, HoursPerDay: 8, Holidays: hol})
	if err != nil {
		tb.Fatal(err)
	}
	p := &resource.Pool{Calendars: []*calendar.Calendar{emea}}
	start := calendar.MustParse("2027-01-01")
	for i := range nres {
		res := resource.Resource{ID: fmt.Sprintf("R%04d", i), Name: fmt.Sprintf("Resource %d", i), Kind: resource.KindPerson, Role: "trainer"}
		switch {
		case i%20 == 0:
			res.Kind, res.Role, res.Capacity = resource.KindFacility, "", 30
		case i%20 == 1:
			res.Kind, res.Role, res.Capacity = resource.KindEquipment, "", 12
		}
		if i%2 == 0 {
			res.Calendar = "emea"
		}
		if i%7 == 0 {
			a := start.AddDays(r.IntN(350))
			res.Absences = []resource.Absence{{From: a, To: a.AddDays(r.IntN(10))}}
		}
		p.Resources = append(p.Resources, res)
	}
	at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	p.Demands = make([]resource.Demand, 0, ndem)
	p.Commitments = make([]resource.Commitment, 0, ndem)
	for i := range ndem {
		res := &p.Resources[r.IntN(nres)]
		from := start.AddDays(r.IntN(355))
		dm := resource.Demand{ID: fmt.Sprintf("D%06d", i), ResourceID: res.ID, From: from, To: from.AddDays(r.IntN(10))}
		switch res.Kind {
		case resource.KindPerson:
			dm.Quantity = resource.HoursOf(float64(2 + r.IntN(30)))
		case resource.KindFacility:
			dm.Quantity = resource.SeatsOf(float64(1 + r.IntN(10)))
		default:
			dm.Quantity = resource.UnitsOf(float64(1 + r.IntN(4)))
		}
		if i%50 == 0 {
			dm = resource.Demand{ID: dm.ID, Kind: resource.KindMoney, Quantity: resource.MoneyOf(money.MustFromMinor("EUR", int64(1+r.IntN(1e6)))), Category: resource.CategoryEvents}
		}
		p.Demands = append(p.Demands, dm)
		rev := 2
		if i%10 == 0 {
			rev = 1
		}
		p.Commitments = append(p.Commitments, resource.Commitment{ID: fmt.Sprintf("C%06d", i), DemandID: dm.ID, State: resource.Committed,
			Terms: resource.TermsOf(&dm), CommittedBy: "ipmo", CommittedAt: at, Revision: rev, DemandFingerprint: dm.Fingerprint()})
		if i%20 == 0 && dm.Quantity.Unit != resource.UnitMoney {
			p.Demands[i].Note = "changed"
			p.Demands[i].Quantity.Value++
		}
	}
	return p
}

func BenchmarkLoad(b *testing.B) {
	p := bigPool(b, 1000, 100_000)
	b.ReportAllocs()
	var over int
	for b.Loop() {
		rep, err := p.Load(calendar.Date{}, calendar.Date{})
		if err != nil {
			b.Fatal(err)
		}
		over = len(rep.OverAllocations)
	}
	b.ReportMetric(float64(over), "overallocations")
}

func BenchmarkCoverage(b *testing.B) {
	p := bigPool(b, 1000, 100_000)
	b.ReportAllocs()
	var gaps int
	for b.Loop() {
		gaps = 0
		for _, c := range p.Coverage(2) {
			if c.Status != resource.Covered {
				gaps++
			}
		}
	}
	b.ReportMetric(float64(gaps), "gaps")
}

func BenchmarkValidate(b *testing.B) {
	p := bigPool(b, 1000, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	p := bigPool(b, 1000, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Check(2)
	}
}

func BenchmarkDecode(b *testing.B) {
	p := bigPool(b, 1000, 100_000)
	data, err := json.Marshal(p)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("resource.Decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var q resource.Pool
			if err := resource.Decode(data, &q); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var q resource.Pool
			if err := json.Unmarshal(data, &q); err != nil {
				b.Fatal(err)
			}
		}
	})
}
