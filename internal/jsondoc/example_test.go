package jsondoc_test

import (
	"fmt"

	"github.com/rolloutkit/rollout/internal/jsondoc"
)

func ExampleDecode() {
	var doc struct {
		Risks []struct {
			ID          string `json:"id"`
			Probability int    `json:"probability"`
		} `json:"risks"`
	}
	err := jsondoc.Decode([]byte(`{"risks":[{"id":"R1","probability":40},{"id":"R2","probability":"high","owner":"ann"}]}`), &doc, jsondoc.Options{})
	fmt.Println(err)
	fmt.Println(len(doc.Risks)) // unchanged on error
	// Output:
	// 2 problems:
	//	risks[1].probability: want an integer that fits in 64 bits, got a string "high" [json.type]
	//	risks[1].owner: unknown field "owner" [json.unknown-field]
	// 0
}
