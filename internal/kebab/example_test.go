package kebab_test

import (
	"fmt"

	"github.com/rolloutkit/rollout/internal/kebab"
)

func ExampleIsWord() {
	for _, s := range []string{"field-service-training", "Field Service", "ops--team"} {
		fmt.Println(s, kebab.IsWord(s))
	}
	// Output:
	// field-service-training true
	// Field Service false
	// ops--team false
}
