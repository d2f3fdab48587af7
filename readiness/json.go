package readiness

import (
	"github.com/rolloutkit/rollout/internal/jsondoc"
)

// Decode reads a checklist document strictly: malformed JSON, unknown
// fields, values of the wrong type, unknown status names, trailing data and
// documents over 256 MiB are refused, and so is content Validate refuses.
// Every problem comes with its path, such as items[2].status, in a
// validation.List.
func Decode(data []byte) (*Checklist, error) {
	var c Checklist
	if err := jsondoc.Decode(data, &c, jsondoc.Options{}); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}
