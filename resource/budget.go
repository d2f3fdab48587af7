package resource

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/resource/money"
)

// Category is a budget category, such as training or travel. The built-in
// categories are listed by BuiltinCategories; users may add their own as any
// lower-case kebab-case word (see Category.IsValid).
type Category string

// The built-in budget categories.
const (
	CategoryTraining    Category = "training"
	CategoryMarketing   Category = "marketing"
	CategoryEvents      Category = "events"
	CategoryTravel      Category = "travel"
	CategoryEquipment   Category = "equipment"
	CategoryFacilities  Category = "facilities"
	CategoryContractors Category = "contractors"
	CategoryContingency Category = "contingency"
)

// BuiltinCategories returns the built-in budget categories in their
// customary order.
func BuiltinCategories() []Category {
	return []Category{CategoryTraining, CategoryMarketing, CategoryEvents, CategoryTravel, CategoryEquipment, CategoryFacilities, CategoryContractors, CategoryContingency}
}

// IsBuiltin reports whether c is one of the built-in categories.
func (c Category) IsBuiltin() bool {
	switch c {
	case CategoryTraining, CategoryMarketing, CategoryEvents, CategoryTravel, CategoryEquipment, CategoryFacilities, CategoryContractors, CategoryContingency:
		return true
	}
	return false
}

// IsValid reports whether c is a well-formed category: 1 to 40 characters of
// lower-case letters, digits and single hyphens, starting with a letter
// ("training", "partner-enablement").
func (c Category) IsValid() bool {
	if len(c) == 0 || len(c) > 40 || c[0] < 'a' || c[0] > 'z' || c[len(c)-1] == '-' {
		return false
	}
	for i := 1; i < len(c); i++ {
		ch := c[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
		case ch == '-' && c[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// String returns the category.
func (c Category) String() string { return string(c) }

// BudgetLine is one line of the launch budget: what a category needs
// (Required), what the IPMO has granted (Committed) and what has been spent
// so far (Spent). All three amounts are in the budget's currency.
type BudgetLine struct {
	// ID identifies the line, stable across plan revisions.
	ID string `json:"id" jsonschema:"minLength=1"`
	// Category is a built-in category or one declared in Budget.Categories.
	Category Category `json:"category"`
	// Description says what the money is for, such as "Trade show booth".
	Description string `json:"description,omitzero"`
	// Required is the amount the plan needs.
	Required money.Money `json:"required,omitzero"`
	// Committed is the amount the IPMO committed.
	Committed money.Money `json:"committed,omitzero"`
	// Spent is the amount spent so far.
	Spent money.Money `json:"spent,omitzero"`
	// Funds names the requirements the line pays for, by ID, so that a
	// rule can ask, say, that every road show has a budget line. The plan
	// checks that each names a requirement of its backlog.
	Funds []string `json:"funds,omitempty"`
}

// Budget is the launch budget: lines by category in one currency.
type Budget struct {
	// Currency is the currency of every amount in the budget.
	Currency money.Currency `json:"currency,omitzero"`
	// Categories declares user-defined categories, in addition to the
	// built-in ones (BuiltinCategories).
	Categories []Category `json:"categories,omitempty"`
	// Lines are the budget lines.
	Lines []BudgetLine `json:"lines,omitempty"`
}

// IsZero reports whether the budget is empty.
func (b *Budget) IsZero() bool {
	return b.Currency == "" && len(b.Categories) == 0 && len(b.Lines) == 0
}

// Known reports whether c is a built-in category or declared in
// b.Categories.
func (b *Budget) Known(c Category) bool {
	return c.IsBuiltin() || slices.Contains(b.Categories, c)
}

// BudgetFigures are the required, committed and spent amounts of a set of
// budget lines, with their variances.
type BudgetFigures struct {
	// Category is the category summed, empty for the whole budget.
	Category Category `json:"category,omitzero"`
	// Required, Committed and Spent are the sums of the lines.
	Required  money.Money `json:"required"`
	Committed money.Money `json:"committed"`
	Spent     money.Money `json:"spent"`
}

// Funding returns Committed minus Required: negative when the IPMO has
// committed less than the plan needs (a funding gap).
func (f BudgetFigures) Funding() (money.Money, error) { return f.Committed.Sub(f.Required) }

// Remaining returns Committed minus Spent: negative when spending exceeds
// the commitment.
func (f BudgetFigures) Remaining() (money.Money, error) { return f.Committed.Sub(f.Spent) }

// Variance returns Required minus Spent: the part of the need not yet spent,
// negative when more was spent than planned.
func (f BudgetFigures) Variance() (money.Money, error) { return f.Required.Sub(f.Spent) }

func (f *BudgetFigures) add(l *BudgetLine) error {
	var err error
	if f.Required, err = f.Required.Add(l.Required); err != nil {
		return fmt.Errorf("budget line %s: required: %w", l.ID, err)
	}
	if f.Committed, err = f.Committed.Add(l.Committed); err != nil {
		return fmt.Errorf("budget line %s: committed: %w", l.ID, err)
	}
	if f.Spent, err = f.Spent.Add(l.Spent); err != nil {
		return fmt.Errorf("budget line %s: spent: %w", l.ID, err)
	}
	return nil
}

// fill gives the zero amounts of f the budget currency, so that a category
// with nothing spent shows "EUR 0.00".
func (f *BudgetFigures) fill(c money.Currency) {
	if c == "" {
		return
	}
	for _, m := range []*money.Money{&f.Required, &f.Committed, &f.Spent} {
		if m.IsZero() {
			*m = money.Zero(c)
		}
	}
}

// Totals returns the sums over all lines. Amounts in a currency other than
// the budget's give an error wrapping money.ErrCurrencyMismatch, and sums
// that overflow an error wrapping money.ErrOverflow.
func (b *Budget) Totals() (BudgetFigures, error) {
	var f BudgetFigures
	for i := range b.Lines {
		if err := f.add(&b.Lines[i]); err != nil {
			return BudgetFigures{}, err
		}
	}
	if err := f.checkCurrency(b.Currency); err != nil {
		return BudgetFigures{}, err
	}
	f.fill(b.Currency)
	return f, nil
}

func (f *BudgetFigures) checkCurrency(c money.Currency) error {
	if c == "" {
		return nil
	}
	for _, m := range []money.Money{f.Required, f.Committed, f.Spent} {
		if !m.IsZero() && m.Currency() != c {
			return &money.MismatchError{Op: "budget", A: c, B: m.Currency()}
		}
	}
	return nil
}

// ByCategory returns the figures of each category that has a line or is
// declared: the built-in categories first in their customary order, then the
// user-defined ones by name. Errors are those of Totals.
func (b *Budget) ByCategory() ([]BudgetFigures, error) {
	idx := map[Category]int{}
	var out []BudgetFigures
	at := func(c Category) *BudgetFigures {
		i, ok := idx[c]
		if !ok {
			i = len(out)
			idx[c] = i
			out = append(out, BudgetFigures{Category: c})
		}
		return &out[i]
	}
	for i := range b.Lines {
		if err := at(b.Lines[i].Category).add(&b.Lines[i]); err != nil {
			return nil, err
		}
	}
	for _, c := range b.Categories {
		at(c)
	}
	order := map[Category]int{}
	for i, c := range BuiltinCategories() {
		order[c] = i
	}
	slices.SortFunc(out, func(x, y BudgetFigures) int {
		ox, bx := order[x.Category]
		oy, by := order[y.Category]
		switch {
		case bx && by:
			return cmp.Compare(ox, oy)
		case bx:
			return -1
		case by:
			return 1
		}
		return strings.Compare(string(x.Category), string(y.Category))
	})
	for i := range out {
		if err := out[i].checkCurrency(b.Currency); err != nil {
			return nil, err
		}
		out[i].fill(b.Currency)
	}
	return out, nil
}
