package schemacheck

import (
	"net/mail"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// formats are the values of "format" that Validate checks. Others are
// listed by Schema.Ignored.
var formats = map[string]func(string) bool{
	"date":          isDate,
	"date-time":     isDateTime,
	"time":          isTime,
	"email":         isEmail,
	"uri":           isURI,
	"uri-reference": isURIReference,
	"ipv4":          func(s string) bool { a, err := netip.ParseAddr(s); return err == nil && a.Is4() },
	"ipv6":          func(s string) bool { a, err := netip.ParseAddr(s); return err == nil && a.Is6() && a.Zone() == "" },
	"uuid":          isUUID,
}

// isDate accepts a real calendar date written YYYY-MM-DD (RFC 3339 full-date).
func isDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// isDateTime accepts an RFC 3339 date-time such as 2026-11-27T06:00:00Z or
// 2026-11-27T07:00:00.5+01:00.
func isDateTime(s string) bool {
	// RFC 3339 allows lower-case t and z; time.Parse wants upper case.
	if len(s) < 20 || (s[10] != 'T' && s[10] != 't') || !isDate(s[:10]) {
		return false
	}
	return isTime(s[11:])
}

// isTime accepts an RFC 3339 full-time such as 06:00:00Z or 06:00:00.25-05:00.
func isTime(s string) bool {
	s = strings.Replace(s, "z", "Z", 1)
	if len(s) < 9 || s[2] != ':' || s[5] != ':' {
		return false
	}
	_, err := time.Parse("15:04:05.999999999Z07:00", s)
	return err == nil
}

// isEmail accepts a bare address such as a.b@example.com (no display name,
// no angle brackets).
func isEmail(s string) bool {
	if isSimpleEmail(s) {
		return true
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s
}

func hasSpaceOrControl(s string) bool {
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return true
		}
	}
	return false
}

// isURI accepts an absolute URI (with a scheme).
func isURI(s string) bool {
	if hasSpaceOrControl(s) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

// isURIReference accepts an absolute or relative URI reference.
func isURIReference(s string) bool {
	if hasSpaceOrControl(s) {
		return false
	}
	_, err := url.Parse(s)
	return err == nil
}

// isUUID accepts 8-4-4-4-12 hexadecimal digits.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// isSimpleEmail accepts the common dot-atom form local@domain.example
// without allocating; anything else is left to net/mail.
func isSimpleEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !isAlnum(c) && !strings.ContainsRune("!#$%&'*+/=?^_`{|}~.-", rune(c)) {
			return false
		}
	}
	for label := range strings.SplitSeq(domain, ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			if !isAlnum(label[i]) && label[i] != '-' {
				return false
			}
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
