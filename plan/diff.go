package plan

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// DifferenceKind says how an entry differs between two plans.
type DifferenceKind string

// The kinds of change.
const (
	Added   DifferenceKind = "added"
	Removed DifferenceKind = "removed"
	Changed DifferenceKind = "changed"
)

// Difference is one difference between two plans, keyed by entity ID: task T12
// added; risk R3's probability changed from 40 to 60.
type Difference struct {
	// Kind says whether the value was added, removed or changed.
	Kind DifferenceKind `json:"kind"`
	// Entity names the kind of entity changed, such as "task" or "risk";
	// "plan" for the plan's own fields.
	Entity string `json:"entity"`
	// ID identifies the entity; empty for the plan's own fields.
	ID string `json:"id,omitempty"`
	// Path locates the value, with list elements keyed by ID, such as
	// backlog.tasks["T12"].estimate.mostLikely.
	Path string `json:"path"`
	// Old and New are the values before and after, as compact JSON; Old is
	// empty for an addition and New for a removal.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
}

// String renders the change in one line, such as
// `task T12: backlog.tasks["T12"].estimate.mostLikely changed from 3 to 5`.
func (c Difference) String() string {
	who := c.Entity
	if c.ID != "" {
		who += " " + c.ID
	}
	switch c.Kind {
	case Added:
		return fmt.Sprintf("%s: %s added", who, c.Path)
	case Removed:
		return fmt.Sprintf("%s: %s removed", who, c.Path)
	}
	return fmt.Sprintf("%s: %s changed from %s to %s", who, c.Path, c.Old, c.New)
}

// entityNames maps the names of keyed lists in a plan document to the
// entity their elements are.
var entityNames = map[string]string{
	"requirements": "requirement",
	"tasks":        "task",
	"risks":        "risk",
	"issues":       "issue",
	"resources":    "resource",
	"demands":      "demand",
	"commitments":  "commitment",
	"decisions":    "decision",
	"lines":        "budget-line",
	"baselines":    "baseline",
}

// maxDiffDepth bounds the walk over pathological documents.
const maxDiffDepth = 64

// DiffJSON compares two JSON documents and returns their differences, with
// the elements of lists of objects that all carry a unique string "id"
// matched by ID rather than by position. It never panics; malformed input
// gives an error.
func DiffJSON(old, new []byte) ([]Difference, error) {
	a, err := decodeTree(old)
	if err != nil {
		return nil, fmt.Errorf("plan: old document: %w", err)
	}
	b, err := decodeTree(new)
	if err != nil {
		return nil, fmt.Errorf("plan: new document: %w", err)
	}
	d := differ{}
	d.walk(a, b, validation.Path{}, "plan", "", 0)
	slices.SortStableFunc(d.out, func(x, y Difference) int {
		return cmp.Or(strings.Compare(x.Path, y.Path), strings.Compare(string(x.Kind), string(y.Kind)))
	})
	return d.out, nil
}

func decodeTree(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

type differ struct {
	out []Difference
}

func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func (d *differ) add(kind DifferenceKind, path validation.Path, entity, id string, old, new any) {
	c := Difference{Kind: kind, Entity: entity, ID: id, Path: path.String()}
	if kind != Added {
		c.Old = compact(old)
	}
	if kind != Removed {
		c.New = compact(new)
	}
	d.out = append(d.out, c)
}

func (d *differ) walk(a, b any, path validation.Path, entity, id string, depth int) {
	if depth > maxDiffDepth {
		if compact(a) != compact(b) {
			d.add(Changed, path, entity, id, a, b)
		}
		return
	}
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			d.add(Changed, path, entity, id, a, b)
			return
		}
		keys := make([]string, 0, len(av)+len(bv))
		for k := range av {
			keys = append(keys, k)
		}
		for k := range bv {
			if _, in := av[k]; !in {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			x, inA := av[k]
			y, inB := bv[k]
			p := path.Child(k)
			switch {
			case !inB:
				d.add(Removed, p, entity, id, x, nil)
			case !inA:
				d.add(Added, p, entity, id, nil, y)
			default:
				if ax, isList := x.([]any); isList {
					if bx, ok := y.([]any); ok {
						d.list(ax, bx, p, k, entity, id, depth+1)
						continue
					}
				}
				d.walk(x, y, p, entity, id, depth+1)
			}
		}
	case []any:
		bv, ok := b.([]any)
		if !ok {
			d.add(Changed, path, entity, id, a, b)
			return
		}
		d.list(av, bv, path, "", entity, id, depth+1)
	default:
		if compact(a) != compact(b) {
			d.add(Changed, path, entity, id, a, b)
		}
	}
}

// ids returns the "id" of every element, or false if some element is not
// an object with a unique, non-empty string id.
func ids(list []any) ([]string, bool) {
	out := make([]string, len(list))
	seen := make(map[string]bool, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		id, ok := m["id"].(string)
		if !ok || id == "" || seen[id] {
			return nil, false
		}
		seen[id] = true
		out[i] = id
	}
	return out, true
}

func (d *differ) list(a, b []any, path validation.Path, name, entity, id string, depth int) {
	aIDs, okA := ids(a)
	bIDs, okB := ids(b)
	if okA && okB && (len(a) > 0 || len(b) > 0) {
		ent := entityNames[name]
		if ent == "" {
			ent = strings.TrimSuffix(name, "s")
		}
		if ent == "" {
			ent = entity
		}
		inB := make(map[string]int, len(b))
		for i, x := range bIDs {
			inB[x] = i
		}
		inA := make(map[string]bool, len(a))
		for i, x := range aIDs {
			inA[x] = true
			p := path.Key(x)
			j, ok := inB[x]
			if !ok {
				d.add(Removed, p, ent, x, a[i], nil)
				continue
			}
			d.walk(a[i], b[j], p, ent, x, depth)
		}
		for j, x := range bIDs {
			if !inA[x] {
				d.add(Added, path.Key(x), ent, x, nil, b[j])
			}
		}
		return
	}
	// Lists of scalars, or of objects without IDs, compare as a whole when
	// they hold scalars, and element by element otherwise.
	if scalars(a) && scalars(b) {
		if compact(a) != compact(b) {
			d.add(Changed, path, entity, id, a, b)
		}
		return
	}
	for i := 0; i < max(len(a), len(b)); i++ {
		p := path.Index(i)
		switch {
		case i >= len(b):
			d.add(Removed, p, entity, id, a[i], nil)
		case i >= len(a):
			d.add(Added, p, entity, id, nil, b[i])
		default:
			d.walk(a[i], b[i], p, entity, id, depth)
		}
	}
}

func scalars(list []any) bool {
	for _, e := range list {
		switch e.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}
