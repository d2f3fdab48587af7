package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Fingerprint returns a stable hash of the plan's content: the SHA-256 of
// its JSON document (as MarshalJSON writes it), as 64 lowercase hex
// digits. Two plans that encode to the same document have the same
// fingerprint, whether built by the same calls, decoded from a document
// or decoded from a re-indented copy of it; any recorded change (an edit,
// a move, a new revision, an event) changes it. Observers do not count.
//
// It is meant for HTTP entity tags: a service sends `"` + fp + `"` as a
// strong ETag and compares it with If-Match to refuse a write based on a
// stale read (412). It costs one encoding of the plan.
func (p *Plan) Fingerprint() (string, error) {
	if p == nil {
		return "", fmt.Errorf("plan: fingerprint: %w", ErrNilPlan)
	}
	doc, err := json.Marshal(p.document())
	if err != nil {
		return "", fmt.Errorf("plan: fingerprint: %w", err)
	}
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:]), nil
}
