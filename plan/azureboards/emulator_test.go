package azureboards_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// processTable is testdata/cmmi-process.json: the rules of the CMMI
// process's work item types as the template defines them (its "source"
// names the template copies it was derived from).
type processTable struct {
	Source []string           `json:"source"`
	System []string           `json:"system"`
	Types  map[string]*witDef `json:"types"`
}

type witDef struct {
	Initial         string              `json:"initial"`
	Created         []string            `json:"created"`
	Transitions     [][]string          `json:"transitions"`
	RequiredInState map[string][]string `json:"requiredInState"`
	Fields          map[string]fieldDef `json:"fields"`
}

type fieldDef struct {
	Type     string   `json:"type"`
	Required bool     `json:"required"`
	Default  string   `json:"default"`
	Allowed  []string `json:"allowed"`
	Min      *float64 `json:"min"`
	Max      *float64 `json:"max"`
}

// reasons returns the reasons of the move from -> to, nil when the
// template has no such move.
func (w *witDef) reasons(from, to string) []string {
	for _, t := range w.Transitions {
		if t[0] == from && t[1] == to {
			return t[2:]
		}
	}
	return nil
}

var (
	tableOnce sync.Once
	table     *processTable
	tableErr  error
)

// loadProcess reads the template table once per test binary.
func loadProcess(tb testing.TB) *processTable {
	tb.Helper()
	tableOnce.Do(func() {
		data, err := os.ReadFile("testdata/cmmi-process.json")
		if err != nil {
			tableErr = err
			return
		}
		var t processTable
		if err := json.Unmarshal(data, &t); err != nil {
			tableErr = err
			return
		}
		table = &t
	})
	if tableErr != nil {
		tb.Fatal(tableErr)
	}
	return table
}

// emulator is an Azure DevOps organization with one project whose
// process is the CMMI table: it keeps work items and refuses, as Azure
// DevOps does (status 400 with its error body; 404 for unknown items; 412
// for a failed revision test), unknown fields, values outside a field's
// allowed values, missing required fields, moves and reasons the template
// does not allow, and a second parent. It serves
//
//	PATCH /{org}/_apis/wit/$batch
//	POST  /{org}/{project}/_apis/wit/workitems/${type}
//	PATCH /{org}/{project}/_apis/wit/workitems/{id}
//	POST  /{org}/{project}/_apis/wit/workitemsbatch   (batch get)
//	GET   /{org}/{project}/_apis/wit/workitems?ids=   (list)
//	GET   /{org}/{project}/_apis/wit/workItems/{id}/updates?$top=&$skip=
type emulator struct {
	proc    *processTable
	org     string
	project string
	// By is the identity changes are made by (System.ChangedBy).
	By string
	// Now is the time of every change; each change adds a minute.
	Now time.Time

	mu    sync.Mutex
	next  int
	items map[int]*emuItem
	// Calls counts the HTTP calls, Requests the work item requests.
	Calls, Requests int
	// Refused collects the messages of every refusal.
	Refused []string
	srv     *httptest.Server
}

type emuItem struct {
	ID        int
	Rev       int
	Type      string
	Fields    map[string]any
	Relations []emuRelation
	// Updates are the item's revisions as the updates endpoint returns
	// them: each changed field with its old and new value.
	Updates []map[string]any
}

type emuRelation struct {
	Rel        string         `json:"rel"`
	URL        string         `json:"url"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

func newEmulator(tb testing.TB) *emulator {
	tb.Helper()
	e := &emulator{
		proc: loadProcess(tb), org: "contoso", project: "Ledger 4",
		By:   "Ana Ortiz <ana@contoso.com>",
		Now:  time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC),
		next: 1, items: map[int]*emuItem{},
	}
	e.srv = httptest.NewServer(e)
	tb.Cleanup(e.srv.Close)
	return e
}

// URL is the base URL to give the client (Options.BaseURL).
func (e *emulator) URL() string { return e.srv.URL }

// Parent returns the parent of a work item, 0 for none.
func (e *emulator) Parent(id int) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, r := range e.items[id].Relations {
		if r.Rel == "System.LinkTypes.Hierarchy-Reverse" {
			n, _ := strconv.Atoi(r.URL[strings.LastIndex(r.URL, "/")+1:])
			return n
		}
	}
	return 0
}

// Item returns a copy of a work item.
func (e *emulator) Item(id int) (emuItem, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	it, ok := e.items[id]
	if !ok {
		return emuItem{}, false
	}
	c := *it
	c.Fields = make(map[string]any, len(it.Fields))
	for k, v := range it.Fields {
		c.Fields[k] = v
	}
	c.Relations = slices.Clone(it.Relations)
	return c, true
}

// Len returns the number of work items.
func (e *emulator) Len() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.items)
}

// Set changes a work item as a person in the web UI would, through the
// same rules (fields as plain values; State and Reason included).
func (e *emulator) Set(tb testing.TB, id int, fields map[string]any) {
	tb.Helper()
	var ops []patchOp
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, _ := json.Marshal(fields[k])
		ops = append(ops, patchOp{Op: "add", Path: "/fields/" + k, Value: v})
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if code, body := e.apply(id, "", ops, nil); code != 200 {
		tb.Fatalf("emulator: set #%d: %d %s", id, code, body)
	}
}

type patchOp struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	Value json.RawMessage `json:"value"`
}

// adoError is the error body of Azure DevOps.
func adoError(typeKey, msg string) []byte {
	b, _ := json.Marshal(map[string]any{
		"$id": "1", "innerException": nil, "message": msg,
		"typeName": "Microsoft.TeamFoundation.WorkItemTracking.Server." + typeKey + ", Microsoft.TeamFoundation.WorkItemTracking.Server",
		"typeKey":  typeKey, "errorCode": 0, "eventId": 3200,
	})
	return b
}

func (e *emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.Calls++
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	path := r.URL.EscapedPath()
	proj := "/" + e.org + "/" + strings.ReplaceAll(e.project, " ", "%20") + "/_apis/wit/"
	switch {
	case r.Method == http.MethodPatch && path == "/"+e.org+"/_apis/wit/$batch":
		e.batch(w, r)
	case r.Method == http.MethodPost && path == proj+"workitemsbatch":
		var q struct {
			IDs []int `json:"ids"`
		}
		if err := json.NewDecoder(r.Body).Decode(&q); err != nil || len(q.IDs) == 0 || len(q.IDs) > 200 {
			w.WriteHeader(http.StatusBadRequest)
			w.Write(adoError("VssPropertyValidationException", "ids: 1 to 200 work item IDs are required"))
			return
		}
		e.list(w, q.IDs)
	case r.Method == http.MethodGet && strings.HasPrefix(strings.ToLower(path), strings.ToLower(proj+"workitems/")) && strings.HasSuffix(path, "/updates"):
		e.updates(w, r, strings.TrimSuffix(path[len(proj+"workitems/"):], "/updates"))
	case r.Method == http.MethodGet && path == proj+"workitems":
		var ids []int
		for _, s := range strings.Split(r.URL.Query().Get("ids"), ",") {
			n, err := strconv.Atoi(s)
			if err != nil {
				w.WriteHeader(http.StatusBadRequest)
				w.Write(adoError("VssPropertyValidationException", "ids: "+s+" is not a work item ID"))
				return
			}
			ids = append(ids, n)
		}
		e.list(w, ids)
	case (r.Method == http.MethodPost || r.Method == http.MethodPatch) && strings.HasPrefix(path, proj+"workitems/"):
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json-patch+json") {
			w.WriteHeader(http.StatusUnsupportedMediaType)
			w.Write(adoError("VssRequestContentTypeNotSupportedException", "content type "+ct+" is not supported"))
			return
		}
		var ops []patchOp
		if err := json.NewDecoder(r.Body).Decode(&ops); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			w.Write(adoError("VssPropertyValidationException", "the body is not a JSON Patch document"))
			return
		}
		rest := strings.TrimPrefix(path, proj+"workitems/")
		id, typ := 0, ""
		if r.Method == http.MethodPost {
			if !strings.HasPrefix(rest, "$") {
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			typ, _ = urlUnescape(rest[1:])
		} else {
			n, err := strconv.Atoi(rest)
			if err != nil {
				w.WriteHeader(http.StatusNotFound)
				return
			}
			id = n
		}
		code, body := e.apply(id, typ, ops, nil)
		w.WriteHeader(code)
		w.Write(body)
	default:
		w.WriteHeader(http.StatusNotFound)
		w.Write(adoError("VssResourceNotFoundException", "no route for "+r.Method+" "+path))
	}
}

func urlUnescape(s string) (string, error) {
	return strings.ReplaceAll(s, "%20", " "), nil
}

// list answers a batch get: {"count":n,"value":[work items]}; unknown
// IDs are a 404 for the whole call, as errorPolicy "fail" does.
func (e *emulator) list(w http.ResponseWriter, ids []int) {
	out := make([]json.RawMessage, 0, len(ids))
	for _, id := range ids {
		it, ok := e.items[id]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			w.Write(adoError("WorkItemUnauthorizedAccessException", fmt.Sprintf("TF401232: Work item %d does not exist, or you do not have permissions to read it.", id)))
			return
		}
		out = append(out, e.render(it))
	}
	b, _ := json.Marshal(map[string]any{"count": len(out), "value": out})
	w.Write(b)
}

func (e *emulator) batch(w http.ResponseWriter, r *http.Request) {
	var reqs []struct {
		Method  string            `json:"method"`
		URI     string            `json:"uri"`
		Headers map[string]string `json:"headers"`
		Body    []patchOp         `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&reqs); err != nil || len(reqs) > 200 {
		w.WriteHeader(http.StatusBadRequest)
		w.Write(adoError("VssPropertyValidationException", "the $batch body must be an array of at most 200 requests"))
		return
	}
	temp := map[int]int{}
	type answer struct {
		Code    int               `json:"code"`
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
	}
	out := make([]answer, 0, len(reqs))
	prefix := "/" + strings.ReplaceAll(e.project, " ", "%20") + "/_apis/wit/workitems/"
	for _, q := range reqs {
		code, body := 0, []byte(nil)
		rest, ok := strings.CutPrefix(q.URI, prefix)
		if q.Method != "PATCH" || q.Headers["Content-Type"] != "application/json-patch+json" || !ok {
			code, body = 400, adoError("VssPropertyValidationException", "bad request "+q.Method+" "+q.URI)
		} else {
			rest, _, _ = strings.Cut(rest, "?")
			if typ, isCreate := strings.CutPrefix(rest, "$"); isCreate {
				typ, _ = urlUnescape(typ)
				code, body = e.apply(0, typ, q.Body, temp)
			} else if id, err := strconv.Atoi(rest); err != nil || id <= 0 {
				code, body = 400, adoError("VssPropertyValidationException", "bad work item ID "+rest)
			} else {
				code, body = e.apply(id, "", q.Body, temp)
			}
		}
		out = append(out, answer{Code: code, Headers: map[string]string{"Content-Type": "application/json; charset=utf-8"}, Body: string(body)})
	}
	b, _ := json.Marshal(map[string]any{"count": len(out), "value": out})
	w.Write(b)
}

// apply creates (id 0, typ set) or updates work item id with a JSON Patch
// document; temp maps the temporary IDs declared earlier in a $batch
// call. Nothing changes unless the whole document is accepted.
func (e *emulator) apply(id int, typ string, ops []patchOp, temp map[int]int) (int, []byte) {
	e.Requests++
	refuse := func(code int, typeKey, msg string) (int, []byte) {
		e.Refused = append(e.Refused, msg)
		return code, adoError(typeKey, msg)
	}
	var cur *emuItem
	if id != 0 {
		cur = e.items[id]
		if cur == nil {
			return refuse(404, "WorkItemUnauthorizedAccessException", fmt.Sprintf("TF401232: Work item %d does not exist, or you do not have permissions to read it.", id))
		}
		typ = cur.Type
	}
	def := e.proc.Types[typ]
	if def == nil {
		return refuse(404, "WorkItemTypeNotFoundException", fmt.Sprintf("TF201063: Work item type %s does not exist in project %s.", typ, e.project))
	}
	fields := map[string]any{}
	var rels []emuRelation
	if cur != nil {
		for k, v := range cur.Fields {
			fields[k] = v
		}
		rels = slices.Clone(cur.Relations)
	}
	tempID := 0
	set := map[string]bool{}
	// mirror are the children a Hierarchy-Forward link gives this item:
	// each gets its Hierarchy-Reverse link once the change is accepted.
	var mirror []int
	for _, op := range ops {
		switch {
		case op.Op == "test" && op.Path == "/rev":
			var rev int
			if json.Unmarshal(op.Value, &rev) != nil || cur == nil || rev != cur.Rev {
				return refuse(412, "WorkItemRevisionMismatchException", fmt.Sprintf("TF26071: This work item has been changed by someone else since you opened it (revision %s, now %d).", op.Value, revOf(cur)))
			}
		case op.Op == "add" && op.Path == "/id":
			if cur != nil || temp == nil || json.Unmarshal(op.Value, &tempID) != nil || tempID >= 0 {
				return refuse(400, "VssPropertyValidationException", "/id may only declare a negative temporary ID of a create in a $batch call")
			}
		case (op.Op == "add" || op.Op == "replace") && strings.HasPrefix(op.Path, "/fields/"):
			name := strings.TrimPrefix(op.Path, "/fields/")
			v, msg := e.value(def, name, op.Value)
			if msg != "" {
				if strings.HasPrefix(msg, "TF51535") {
					return refuse(400, "WorkItemFieldInvalidException", msg)
				}
				return refuse(400, "RuleValidationException", msg)
			}
			if v == nil {
				delete(fields, name)
			} else {
				fields[name] = v
			}
			set[name] = true
		case op.Op == "add" && op.Path == "/relations/-":
			var rel emuRelation
			if err := json.Unmarshal(op.Value, &rel); err != nil {
				return refuse(400, "VssPropertyValidationException", "relation: "+err.Error())
			}
			target, msg := e.linkTarget(rel.URL, temp)
			if msg != "" {
				return refuse(400, "WorkItemLinkInvalidTargetException", msg)
			}
			switch rel.Rel {
			case "System.LinkTypes.Hierarchy-Reverse":
				for _, o := range rels {
					if o.Rel == rel.Rel {
						return refuse(400, "WorkItemLinkAddExtraParentException", fmt.Sprintf("TF201036: You cannot add a Child link between work items %d and %d because a work item can have only one Parent.", target, id))
					}
				}
			case "System.LinkTypes.Hierarchy-Forward":
				// The child gets the parent: it may have none yet.
				for _, o := range e.items[target].Relations {
					if o.Rel == "System.LinkTypes.Hierarchy-Reverse" {
						return refuse(400, "WorkItemLinkAddExtraParentException", fmt.Sprintf("TF201036: You cannot add a Child link between work items %d and %d because a work item can have only one Parent.", id, target))
					}
				}
				mirror = append(mirror, target)
			case "System.LinkTypes.Dependency-Reverse", "System.LinkTypes.Dependency-Forward", "System.LinkTypes.Related",
				"Microsoft.VSTS.Common.Affects-Forward", "Microsoft.VSTS.Common.Affects-Reverse":
			default:
				return refuse(400, "WorkItemLinkTypeNotFoundException", "TF201063: link type "+rel.Rel+" does not exist")
			}
			for _, o := range rels {
				if o.Rel == rel.Rel && o.URL == rel.URL {
					return refuse(400, "WorkItemLinkAlreadyExistsException", "TF201035: the link already exists")
				}
			}
			rel.URL = fmt.Sprintf("%s/%s/_apis/wit/workItems/%d", e.srv.URL, e.org, target)
			rels = append(rels, rel)
		default:
			return refuse(400, "VssPropertyValidationException", fmt.Sprintf("operation %s %s is not supported", op.Op, op.Path))
		}
	}
	// State and reason.
	state, _ := fields["System.State"].(string)
	reason, _ := fields["System.Reason"].(string)
	from := ""
	if cur != nil {
		from, _ = cur.Fields["System.State"].(string)
	}
	switch {
	case cur == nil:
		if !set["System.State"] {
			state = def.Initial
		}
		if state != def.Initial {
			return refuse(400, "RuleValidationException", fmt.Sprintf("TF401320: Rule Error for field State. Error code: LimitedToValues. A new %s starts in %s, not %q.", typ, def.Initial, state))
		}
		if !set["System.Reason"] {
			reason = def.Created[0]
		}
		if !slices.Contains(def.Created, reason) {
			return refuse(400, "RuleValidationException", fmt.Sprintf("TF401320: Rule Error for field Reason. Error code: LimitedToValues. %q is not a reason to create a %s.", reason, typ))
		}
	case state != from:
		allowed := def.reasons(from, state)
		if allowed == nil {
			return refuse(400, "RuleValidationException", fmt.Sprintf("TF401320: Rule Error for field State. Error code: LimitedToValues. A %s cannot move from %s to %q.", typ, from, state))
		}
		if !set["System.Reason"] {
			reason = allowed[0]
		}
		if !slices.Contains(allowed, reason) {
			return refuse(400, "RuleValidationException", fmt.Sprintf("TF401320: Rule Error for field Reason. Error code: LimitedToValues. %q is not a reason to move a %s from %s to %s.", reason, typ, from, state))
		}
	case set["System.Reason"] && reason != cur.Fields["System.Reason"]:
		return refuse(400, "RuleValidationException", fmt.Sprintf("TF401320: Rule Error for field Reason. Error code: LimitedToValues. The reason of a %s can change only with its state.", typ))
	}
	fields["System.State"], fields["System.Reason"] = state, reason
	// Defaults, then required fields.
	if cur == nil {
		for name, f := range def.Fields {
			if _, ok := fields[name]; !ok && f.Default != "" {
				if f.Type == "Integer" {
					n, _ := strconv.Atoi(f.Default)
					fields[name] = float64(n)
				} else {
					fields[name] = f.Default
				}
			}
		}
	}
	names := make([]string, 0, len(def.Fields))
	for name := range def.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if def.Fields[name].Required && isEmpty(fields[name]) {
			return refuse(400, "RuleValidationException", fmt.Sprintf("TF401320: Rule Error for field %s. Error code: Required, InvalidEmpty.", name))
		}
	}
	for _, name := range def.RequiredInState[state] {
		if isEmpty(fields[name]) {
			return refuse(400, "RuleValidationException", fmt.Sprintf("TF401320: Rule Error for field %s. Error code: Required, InvalidEmpty. A %s in %s needs it.", name, typ, state))
		}
	}
	// Accepted: server fields, then store.
	e.Now = e.Now.Add(time.Minute)
	now := e.Now.Format(time.RFC3339)
	if cur == nil {
		cur = &emuItem{ID: e.next, Type: typ}
		e.next++
		e.items[cur.ID] = cur
		fields["System.CreatedBy"], fields["System.CreatedDate"] = e.By, now
		fields["System.WorkItemType"] = typ
		fields["System.TeamProject"] = e.project
		if temp != nil && tempID < 0 {
			temp[tempID] = cur.ID
		}
	}
	if state != from {
		fields["Microsoft.VSTS.Common.StateChangeDate"] = now
		switch state {
		case "Active":
			fields["Microsoft.VSTS.Common.ActivatedBy"], fields["Microsoft.VSTS.Common.ActivatedDate"] = e.By, now
		case "Resolved":
			fields["Microsoft.VSTS.Common.ResolvedBy"], fields["Microsoft.VSTS.Common.ResolvedDate"] = e.By, now
		case "Closed":
			fields["Microsoft.VSTS.Common.ClosedBy"], fields["Microsoft.VSTS.Common.ClosedDate"] = e.By, now
		}
	}
	fields["System.ChangedBy"], fields["System.ChangedDate"] = e.By, now
	cur.Rev++
	fields["System.Rev"] = float64(cur.Rev)
	fields["System.Id"] = float64(cur.ID)
	e.recordUpdate(cur, cur.Fields, fields, now)
	cur.Fields, cur.Relations = fields, rels
	for _, child := range mirror {
		c := e.items[child]
		c.Relations = append(c.Relations, emuRelation{Rel: "System.LinkTypes.Hierarchy-Reverse",
			URL: fmt.Sprintf("%s/%s/_apis/wit/workItems/%d", e.srv.URL, e.org, cur.ID)})
		c.Rev++
		old := c.Fields
		c.Fields = maps.Clone(old)
		c.Fields["System.Rev"], c.Fields["System.ChangedBy"], c.Fields["System.ChangedDate"] = float64(c.Rev), e.By, now
		e.recordUpdate(c, old, c.Fields, now)
	}
	return 200, e.render(cur)
}

// identityRef is an identity as the REST API 5.0 and later writes it in
// updates: an object with the display and unique names.
func identityRef(s string) map[string]any {
	name, addr := s, s
	if i := strings.Index(s, " <"); i > 0 && strings.HasSuffix(s, ">") {
		name, addr = s[:i], s[i+2:len(s)-1]
	}
	return map[string]any{"displayName": name, "uniqueName": addr, "id": "00000000-0000-0000-0000-000000000000"}
}

// recordUpdate keeps the update that took it from old to new fields (the
// new revision it.Rev): the fields that changed with their old and new
// values, identities as objects; the update before it is revised now.
func (e *emulator) recordUpdate(it *emuItem, old, new map[string]any, now string) {
	changed := map[string]any{}
	for k, v := range new {
		o, had := old[k]
		if had && fmt.Sprint(o) == fmt.Sprint(v) {
			continue
		}
		if k == "System.ChangedBy" || k == "System.CreatedBy" || k == "System.AssignedTo" {
			v = identityRef(fmt.Sprint(v))
			if had {
				o = identityRef(fmt.Sprint(o))
			}
		}
		if had {
			changed[k] = map[string]any{"oldValue": o, "newValue": v}
		} else {
			changed[k] = map[string]any{"newValue": v}
		}
	}
	if n := len(it.Updates); n > 0 {
		it.Updates[n-1]["revisedDate"] = now
	}
	it.Updates = append(it.Updates, map[string]any{
		"id": len(it.Updates) + 1, "workItemId": it.ID, "rev": it.Rev,
		"revisedBy": identityRef(e.By), "revisedDate": "9999-01-01T00:00:00Z", "fields": changed,
		"url": fmt.Sprintf("%s/%s/_apis/wit/workItems/%d/updates/%d", e.srv.URL, e.org, it.ID, len(it.Updates)+1),
	})
}

// updates answers the updates of a work item, {"count":n,"value":[...]},
// oldest first, $skip and $top (default 200) paging them.
func (e *emulator) updates(w http.ResponseWriter, r *http.Request, idText string) {
	id, err := strconv.Atoi(idText)
	it := e.items[id]
	if err != nil || it == nil {
		w.WriteHeader(http.StatusNotFound)
		w.Write(adoError("WorkItemUnauthorizedAccessException", fmt.Sprintf("TF401232: Work item %s does not exist, or you do not have permissions to read it.", idText)))
		return
	}
	top, skip := 200, 0
	if s := r.URL.Query().Get("$top"); s != "" {
		top, _ = strconv.Atoi(s)
	}
	if s := r.URL.Query().Get("$skip"); s != "" {
		skip, _ = strconv.Atoi(s)
	}
	if top <= 0 || top > 200 || skip < 0 {
		w.WriteHeader(http.StatusBadRequest)
		w.Write(adoError("VssPropertyValidationException", "$top must be 1 to 200 and $skip not negative"))
		return
	}
	page := it.Updates[min(skip, len(it.Updates)):min(skip+top, len(it.Updates))]
	b, _ := json.Marshal(map[string]any{"count": len(page), "value": page})
	w.Write(b)
}

func revOf(it *emuItem) int {
	if it == nil {
		return 0
	}
	return it.Rev
}

func isEmpty(v any) bool {
	s, isString := v.(string)
	return v == nil || isString && strings.TrimSpace(s) == ""
}

// value checks a field value against the template; nil (JSON null) clears
// the field. It returns the message of a refusal.
func (e *emulator) value(def *witDef, name string, raw json.RawMessage) (any, string) {
	f, ok := def.Fields[name]
	if !ok {
		if !slices.Contains(e.proc.System, name) {
			return nil, fmt.Sprintf("TF51535: Cannot find field %s.", name)
		}
		f = fieldDef{Type: "String"}
		if name == "System.Description" {
			f.Type = "HTML"
		}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, "TF401326: Invalid field value for " + name
	}
	if v == nil {
		return nil, ""
	}
	bad := func(why string) (any, string) {
		return nil, fmt.Sprintf("TF401320: Rule Error for field %s. Error code: %s. Value %s.", name, why, raw)
	}
	var text string
	switch f.Type {
	case "Integer":
		n, ok := v.(float64)
		if !ok {
			if s, isString := v.(string); isString {
				p, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil {
					return bad("InvalidType")
				}
				n = float64(p)
			} else {
				return bad("InvalidType")
			}
		}
		if n != math.Trunc(n) {
			return bad("InvalidType")
		}
		if (f.Min != nil && n < *f.Min) || (f.Max != nil && n > *f.Max) {
			return bad("OutOfRange")
		}
		v, text = n, strconv.Itoa(int(n))
	case "Double":
		n, ok := v.(float64)
		if !ok {
			return bad("InvalidType")
		}
		v = n
	case "DateTime":
		s, ok := v.(string)
		if _, err := time.Parse(time.RFC3339, s); !ok || err != nil {
			return bad("InvalidType")
		}
	default:
		s, ok := v.(string)
		if !ok {
			return bad("InvalidType")
		}
		text = s
	}
	if len(f.Allowed) > 0 && !slices.ContainsFunc(f.Allowed, func(a string) bool { return strings.EqualFold(a, text) }) {
		return bad("LimitedToValues, AllowsOldValue, InvalidListValue")
	}
	return v, ""
}

// linkTarget reads the work item a relation URL names.
func (e *emulator) linkTarget(url string, temp map[int]int) (int, string) {
	i := strings.LastIndex(url, "/workItems/")
	if i < 0 {
		return 0, "TF401298: the relation URL " + url + " does not name a work item"
	}
	n, err := strconv.Atoi(url[i+len("/workItems/"):])
	if err != nil {
		return 0, "TF401298: the relation URL " + url + " does not name a work item"
	}
	if n < 0 {
		real, ok := temp[n]
		if !ok {
			return 0, fmt.Sprintf("TF401347: Invalid tempId %d specified in url %s", n, url)
		}
		n = real
	}
	if e.items[n] == nil {
		return 0, fmt.Sprintf("TF201077: Work item %d does not exist, or you do not have permissions to read it.", n)
	}
	return n, ""
}

// render is the JSON of a work item as the REST API returns it.
func (e *emulator) render(it *emuItem) []byte {
	m := map[string]any{
		"id": it.ID, "rev": it.Rev, "fields": it.Fields,
		"url": fmt.Sprintf("%s/%s/_apis/wit/workItems/%d", e.srv.URL, e.org, it.ID),
		"_links": map[string]any{"html": map[string]string{
			"href": fmt.Sprintf("%s/%s/%s/_workitems/edit/%d", e.srv.URL, e.org, strings.ReplaceAll(e.project, " ", "%20"), it.ID)}},
	}
	if len(it.Relations) > 0 {
		m["relations"] = it.Relations
	}
	b, _ := json.Marshal(m)
	return b
}
