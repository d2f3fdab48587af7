package risk_test

import (
	"testing"

	"github.com/rolloutkit/rollout/risk"
)

func TestProbabilityBand(t *testing.T) {
	tests := []struct {
		p    risk.Probability
		band int
	}{{0, 0}, {1, 1}, {20, 1}, {21, 2}, {40, 2}, {41, 3}, {60, 3}, {61, 4}, {80, 4}, {81, 5}, {99, 5}, {100, 0}}
	for _, tt := range tests {
		if got := tt.p.Band(); got != tt.band {
			t.Errorf("Probability(%d).Band() = %d, want %d", tt.p, got, tt.band)
		}
	}
	if got := risk.Probability(40).Fraction(); got != 0.4 {
		t.Errorf("Fraction = %v", got)
	}
}

func TestExposureAndScore(t *testing.T) {
	r := sampleRisk("R1", 40, risk.High)
	if got := r.Exposure(); got != 160 {
		t.Errorf("Exposure = %d, want 160", got)
	}
	if got := r.Exposure().Expected(); got != 1.6 {
		t.Errorf("Expected = %v, want 1.6", got)
	}
	if got := r.Score(); got != 8 {
		t.Errorf("Score = %d, want 8 (band 2 x impact 4)", got)
	}
}

func TestKindText(t *testing.T) {
	for _, k := range []risk.Kind{risk.Threat, risk.Opportunity} {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got risk.Kind
		if err := got.UnmarshalText(b); err != nil || got != k {
			t.Errorf("round trip %v: %v, %v", k, got, err)
		}
	}
	k := risk.Opportunity
	if err := k.UnmarshalText([]byte("Threat")); err == nil || k != risk.Opportunity {
		t.Errorf("UnmarshalText(Threat) = %v, kind %v", err, k)
	}
	if _, err := risk.Kind(7).MarshalText(); err == nil {
		t.Error("MarshalText(7) succeeded")
	}
}

func TestResponse(t *testing.T) {
	tests := []struct {
		r          risk.Response
		threat, op bool
	}{
		{risk.Avoid, true, false}, {risk.Reduce, true, false}, {risk.Transfer, true, false}, {risk.Fallback, true, false},
		{risk.Accept, true, true}, {risk.Share, true, true}, {risk.Exploit, false, true}, {risk.Enhance, false, true},
	}
	for _, tt := range tests {
		if got := tt.r.Fits(risk.Threat); got != tt.threat {
			t.Errorf("%s.Fits(threat) = %v", tt.r, got)
		}
		if got := tt.r.Fits(risk.Opportunity); got != tt.op {
			t.Errorf("%s.Fits(opportunity) = %v", tt.r, got)
		}
	}
	r := risk.Accept
	if err := r.UnmarshalText([]byte("mitigate")); err == nil || r != risk.Accept {
		t.Errorf("UnmarshalText(mitigate) = %v, %v", err, r)
	}
	if len(risk.Responses()) != 8 {
		t.Errorf("Responses() = %v", risk.Responses())
	}
}

func TestCategory(t *testing.T) {
	tests := []struct {
		c       risk.Category
		valid   bool
		builtin bool
	}{
		{"", true, false},
		{risk.LegalAndCompliance, true, true},
		{risk.Technical, true, true},
		{"data-migration", true, false},
		{"Data", false, false},
		{"-x", false, false},
		{"x-", false, false},
		{"a--b", false, false},
		{"a b", false, false},
	}
	for _, tt := range tests {
		if got := tt.c.IsValid(); got != tt.valid {
			t.Errorf("%q.IsValid() = %v", tt.c, got)
		}
		if got := tt.c.IsBuiltin(); got != tt.builtin {
			t.Errorf("%q.IsBuiltin() = %v", tt.c, got)
		}
	}
	if n := len(risk.BuiltinCategories()); n != 8 {
		t.Errorf("%d built-in categories, want 8", n)
	}
	b := risk.BuiltinCategories()
	b[0] = "changed"
	if risk.BuiltinCategories()[0] != risk.Technical {
		t.Error("BuiltinCategories exposes package state")
	}
}

func TestValidCurrency(t *testing.T) {
	for code, want := range map[string]bool{"EUR": true, "USD": true, "eur": false, "EU": false, "EURO": false, "E1R": false, "": false} {
		if got := risk.ValidCurrency(code); got != want {
			t.Errorf("ValidCurrency(%q) = %v", code, got)
		}
	}
}

func TestProximity(t *testing.T) {
	launch := day("2027-03-01")
	tests := []struct {
		text   string
		on     string
		passed bool
	}{
		{"2027-02-10", "2027-02-10", false},
		{"2027-02-10", "2027-02-11", true},
		{"before-launch", "2027-02-28", false},
		{"before-launch", "2027-03-01", true},
		{"at-launch", "2027-03-01", false},
		{"at-launch", "2027-03-02", true},
		{"after-launch", "2030-01-01", false},
		{"", "2030-01-01", false},
	}
	for _, tt := range tests {
		var p risk.Proximity
		if err := p.UnmarshalText([]byte(tt.text)); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", tt.text, err)
		}
		if p.String() != tt.text {
			t.Errorf("round trip %q gave %q", tt.text, p)
		}
		if got := p.Passed(day(tt.on), launch); got != tt.passed {
			t.Errorf("%q.Passed(%s) = %v, want %v", tt.text, tt.on, got, tt.passed)
		}
	}
	p := risk.ProximityOn(day("2027-01-01"))
	if err := p.UnmarshalText([]byte("soon")); err == nil || p != risk.ProximityOn(day("2027-01-01")) {
		t.Errorf("UnmarshalText(soon) = %v, proximity %v", err, p)
	}
	if risk.ProximityAt(risk.BeforeLaunch).Passed(day("2027-03-05"), calendar0()) {
		t.Error("a phase passed with no launch date")
	}
	if !risk.ProximityAt(9).IsZero() {
		t.Error("ProximityAt(9) is not zero")
	}
}
