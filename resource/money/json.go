package money

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// MarshalText formats m as String does, such as "EUR 1234.50".
func (m Money) MarshalText() ([]byte, error) {
	if m.IsZero() {
		return []byte{}, nil
	}
	return m.appendText(make([]byte, 0, 28)), nil
}

// AppendText appends m as String does; it implements encoding.TextAppender.
func (m Money) AppendText(b []byte) ([]byte, error) {
	if m.IsZero() {
		return b, nil
	}
	return m.appendText(b), nil
}

// UnmarshalText parses text as Parse does; on error m is unchanged.
func (m *Money) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalJSON writes m as a JSON string such as "EUR 1234.50", always with
// the currency's full number of decimals, so that decoding gives back exactly
// the same amount. The zero Money is written as "".
func (m Money) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 30)
	b = append(b, '"')
	if !m.IsZero() {
		b = m.appendText(b)
	}
	return append(b, '"'), nil
}

// UnmarshalJSON reads a JSON string in the form Parse accepts; "" and null
// give the zero Money. Numbers are rejected: a JSON number would lose the
// currency and, as a float, exactness. On error m is unchanged.
func (m *Money) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Money{}
		return nil
	}
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && !bytes.ContainsAny(b[1:len(b)-1], "\\\"") {
		return m.UnmarshalText(b[1 : len(b)-1])
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("money: amount must be a JSON string such as \"EUR 1234.50\": %w", ErrInvalidAmount)
	}
	return m.UnmarshalText([]byte(s))
}

// Pattern is the regular expression (for JSON Schema) of the text form of a
// Money: a three-letter code, a space and a decimal amount, or empty.
const Pattern = `^([A-Z]{3} -?[0-9]+(\.[0-9]+)?)?$`
