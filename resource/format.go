package resource

import "strconv"

// formatFloat formats v with no more decimals than needed.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
