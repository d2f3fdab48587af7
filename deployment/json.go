package deployment

import (
	"github.com/rolloutkit/rollout/internal/jsondoc"
)

// Decode reads a deployment plan from its JSON document strictly (unknown
// fields, wrong types, trailing data and oversized input are refused) and
// validates it. On error it returns a validation.List, each problem with
// its path in the document, and no plan. A plan document embeds the
// deployment plan as its "deployment" member.
func Decode(data []byte) (*Plan, error) {
	var d Plan
	if err := jsondoc.Decode(data, &d, jsondoc.Options{}); err != nil {
		return nil, err
	}
	if l := d.ValidateList().Blocking(); len(l) > 0 {
		return nil, l
	}
	return &d, nil
}
