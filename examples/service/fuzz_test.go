package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
)

// FuzzCheckDocument posts arbitrary bodies to POST /check: every answer
// is one of the documented statuses, and every failure is a problem
// document; nothing panics.
func FuzzCheckDocument(f *testing.F) {
	small, err := plan.Encode(plan.New("p", plan.Release{Product: "Ledger", Version: "4.0", Date: calendar.MustParse("2027-04-15")}))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{string(small), "", "{}", "null", "[", `{"schemaVersion":1,"id":5}`,
		`{"schemaVersion":1,"id":"x","backlog":{"tasks":[{"id":"a","dependencies":[{"task":"a"}]}]}}`} {
		f.Add([]byte(seed))
	}
	s := newServer(Options{MaxBytes: 64 << 10})
	allowed := map[int]bool{http.StatusOK: true, http.StatusBadRequest: true, http.StatusRequestEntityTooLarge: true,
		http.StatusUnprocessableEntity: true}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest("POST", "/check", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if !allowed[rec.Code] {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body.Bytes())
		}
		if rec.Code == http.StatusOK {
			return
		}
		var p problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("status %d with body %s (%v)", rec.Code, rec.Body.Bytes(), err)
		}
	})
}
