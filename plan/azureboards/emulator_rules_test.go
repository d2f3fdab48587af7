package azureboards_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestEmulatorRefuses: the emulator refuses what Azure DevOps refuses, with
// its status codes and error shape, and changes nothing for a refusal.
func TestEmulatorRefuses(t *testing.T) {
	em := newEmulator(t)
	call := func(method, path, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, em.URL()+"/contoso/Ledger%204/_apis/wit/"+path, bytes.NewReader([]byte(body)))
		req.Header.Set("Content-Type", "application/json-patch+json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	title := `{"op":"add","path":"/fields/System.Title","value":"x"}`
	code, task := call("POST", "workitems/$Task", "["+title+"]")
	if code != 200 {
		t.Fatalf("create: %d %v", code, task)
	}
	code, parent := call("POST", "workitems/$Requirement", "["+title+"]")
	if code != 200 {
		t.Fatalf("create: %d %v", code, parent)
	}
	id := int(task["id"].(float64))
	link := func(to float64) string {
		return fmt.Sprintf(`{"op":"add","path":"/relations/-","value":{"rel":"System.LinkTypes.Hierarchy-Reverse","url":"%s/contoso/_apis/wit/workItems/%d"}}`, em.URL(), int(to))
	}
	if code, out := call("PATCH", fmt.Sprint("workitems/", id), "["+link(parent["id"].(float64))+"]"); code != 200 {
		t.Fatalf("first parent: %d %v", code, out)
	}
	for _, c := range []struct {
		name, method, path, body string
		code                     int
		typeKey, text            string
	}{
		{"unknown field", "PATCH", fmt.Sprint("workitems/", id), `[{"op":"add","path":"/fields/Custom.Nope","value":"x"}]`, 400, "WorkItemFieldInvalidException", "TF51535"},
		{"value not allowed", "PATCH", fmt.Sprint("workitems/", id), `[{"op":"add","path":"/fields/Microsoft.VSTS.CMMI.TaskType","value":"Contingency"}]`, 400, "RuleValidationException", "LimitedToValues"},
		{"wrong type", "PATCH", fmt.Sprint("workitems/", id), `[{"op":"add","path":"/fields/Microsoft.VSTS.Scheduling.RemainingWork","value":"lots"}]`, 400, "RuleValidationException", "InvalidType"},
		{"move not allowed", "PATCH", fmt.Sprint("workitems/", id), `[{"op":"add","path":"/fields/System.State","value":"Resolved"}]`, 400, "RuleValidationException", "cannot move"},
		{"reason not allowed", "PATCH", fmt.Sprint("workitems/", id), `[{"op":"add","path":"/fields/System.State","value":"Active"},{"op":"add","path":"/fields/System.AssignedTo","value":"a"},{"op":"add","path":"/fields/System.Reason","value":"Accepted (won't mitigate)"}]`, 400, "RuleValidationException", "not a reason"},
		{"required in state", "PATCH", fmt.Sprint("workitems/", id), `[{"op":"add","path":"/fields/System.State","value":"Active"}]`, 400, "RuleValidationException", "System.AssignedTo"},
		{"created elsewhere than the start", "POST", "workitems/$Task", `[` + title + `,{"op":"add","path":"/fields/System.State","value":"Closed"}]`, 400, "RuleValidationException", "starts in Proposed"},
		{"required field", "POST", "workitems/$Risk", `[` + title + `]`, 400, "RuleValidationException", "Probability"},
		{"second parent", "PATCH", fmt.Sprint("workitems/", id), "[" + link(parent["id"].(float64)) + "]", 400, "WorkItemLinkAddExtraParentException", "TF201036"},
		{"stale revision", "PATCH", fmt.Sprint("workitems/", id), `[{"op":"test","path":"/rev","value":1},` + title + `]`, 412, "WorkItemRevisionMismatchException", "TF26071"},
		{"unknown item", "PATCH", "workitems/999", `[` + title + `]`, 404, "WorkItemUnauthorizedAccessException", "TF401232"},
	} {
		before, _ := em.Item(id)
		code, out := call(c.method, c.path, c.body)
		if code != c.code || out["typeKey"] != c.typeKey || !strings.Contains(fmt.Sprint(out["message"]), c.text) {
			t.Errorf("%s: %d %v, want %d %s containing %q", c.name, code, out, c.code, c.typeKey, c.text)
		}
		if after, _ := em.Item(id); after.Rev != before.Rev {
			t.Errorf("%s: the refusal changed the item (rev %d -> %d)", c.name, before.Rev, after.Rev)
		}
	}
}
