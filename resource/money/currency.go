package money

import (
	"fmt"
	"slices"
)

// Currency is an ISO 4217 alphabetic currency code, such as EUR, USD or
// JPY. Only the codes in the package's table are accepted (see Currencies);
// the empty Currency means "none".
type Currency string

// currencies maps each known code to its number of minor-unit digits
// (ISO 4217 "minor unit" column).
var currencies = map[Currency]int{
	"AED": 2, "ARS": 2, "AUD": 2, "BGN": 2, "BHD": 3, "BRL": 2, "CAD": 2,
	"CHF": 2, "CLP": 0, "CNY": 2, "COP": 2, "CZK": 2, "DKK": 2, "EGP": 2,
	"EUR": 2, "GBP": 2, "HKD": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2,
	"ISK": 0, "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3, "MAD": 2, "MXN": 2,
	"MYR": 2, "NGN": 2, "NOK": 2, "NZD": 2, "OMR": 3, "PEN": 2, "PHP": 2,
	"PKR": 2, "PLN": 2, "QAR": 2, "RON": 2, "RSD": 2, "SAR": 2, "SEK": 2,
	"SGD": 2, "THB": 2, "TND": 3, "TRY": 2, "TWD": 2, "UAH": 2, "USD": 2,
	"VND": 0, "ZAR": 2,
}

// ParseCurrency returns the currency with the given code, such as "EUR".
// Codes are three upper-case letters; a code missing from the table gives an
// error wrapping ErrUnknownCurrency.
func ParseCurrency(code string) (Currency, error) {
	c := Currency(code)
	if _, ok := currencies[c]; !ok {
		return "", fmt.Errorf("money: currency %q: %w", clip(code), ErrUnknownCurrency)
	}
	return c, nil
}

// Currencies returns the known currencies, sorted by code.
func Currencies() []Currency {
	cs := make([]Currency, 0, len(currencies))
	for c := range currencies {
		cs = append(cs, c)
	}
	slices.Sort(cs)
	return cs
}

// IsValid reports whether c is a known currency.
func (c Currency) IsValid() bool {
	_, ok := currencies[c]
	return ok
}

// Digits returns the number of decimals of the currency's minor unit: 2 for
// EUR (cents), 0 for JPY, 3 for KWD. Unknown currencies give 0.
func (c Currency) Digits() int { return currencies[c] }

// String returns the code.
func (c Currency) String() string { return string(c) }

// MarshalText returns the code.
func (c Currency) MarshalText() ([]byte, error) { return []byte(c), nil }

// UnmarshalText accepts a known code or empty text (no currency); on error c
// is unchanged.
func (c *Currency) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = ""
		return nil
	}
	v, err := ParseCurrency(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
