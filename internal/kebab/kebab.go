// Package kebab checks the lower-case kebab-case words the library uses as
// identifiers of open sets of values: requirement categories, groups,
// disciplines and template keys (package backlog) and readiness functions
// (package readiness), such as "field-service-training".
package kebab

// MaxLen bounds a word, in bytes.
const MaxLen = 64

// IsWord reports whether s is a lower-case kebab-case word: letters,
// digits and single hyphens, starting with a letter, not ending with a
// hyphen, at most MaxLen bytes.
func IsWord(s string) bool {
	if len(s) == 0 || len(s) > MaxLen || s[0] < 'a' || s[0] > 'z' || s[len(s)-1] == '-' {
		return false
	}
	for i := 1; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
		case ch == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
