package money_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/rolloutkit/rollout/resource/money"
)

func ExampleParse() {
	m, err := money.Parse("EUR 1234.5")
	if err != nil {
		panic(err)
	}
	fmt.Println(m, m.Minor(), m.Currency())
	_, err = money.Parse("EUR 12.345")
	fmt.Println(err)
	// Output:
	// EUR 1234.50 123450 EUR
	// money: parsing "EUR 12.345": invalid amount: 3 decimals, the currency has 2
}

func ExampleMoney_Add() {
	a := money.MustParse("EUR 1200.00")
	b := money.MustParse("EUR 350.75")
	sum, _ := a.Add(b)
	fmt.Println(sum)

	_, err := a.Add(money.MustParse("USD 10.00"))
	var mismatch *money.MismatchError
	fmt.Println(errors.Is(err, money.ErrCurrencyMismatch), errors.As(err, &mismatch), mismatch.B)
	// Output:
	// EUR 1550.75
	// true true USD
}

func ExampleMoney_Allocate() {
	parts, _ := money.MustParse("EUR 1000.00").Allocate(1, 1, 1)
	fmt.Println(parts)
	// Output:
	// [EUR 333.34 EUR 333.33 EUR 333.33]
}

func ExampleMoney_MarshalJSON() {
	b, _ := json.Marshal(struct {
		Booth money.Money `json:"booth"`
	}{money.MustParse("USD 4500")})
	fmt.Println(string(b))
	// Output:
	// {"booth":"USD 4500.00"}
}

func ExampleMoney_Grouped() {
	fmt.Println(money.MustParse("EUR 1234567.5").Grouped())
	fmt.Println(money.MustParse("USD -950.00").Grouped())
	fmt.Println(money.MustParse("JPY 12000").Grouped())
	fmt.Println(money.MustParse("EUR 0.05").Grouped())
	// Output:
	// EUR 1,234,567.50
	// USD -950.00
	// JPY 12,000
	// EUR 0.05
}
