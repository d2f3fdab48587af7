// Package money holds exact amounts of money for plans and budgets.
//
// A Money is an integer number of minor units (cents, pence, yen) in an
// ISO 4217 currency from a fixed table of common codes; unknown codes are
// rejected. Arithmetic is exact and checked: Add, Sub, Mul and MulFrac
// report overflow instead of wrapping, and mixing two currencies is an error
// (a *MismatchError wrapping ErrCurrencyMismatch), never a silent
// conversion. Allocate splits an amount by ratios without losing a cent.
//
// The text form, used by String, Parse and JSON, is the currency code, one
// space and a decimal number: "EUR 1234.50". JSON carries it as a string, so
// that an amount round-trips exactly and no float is ever involved.
package money
