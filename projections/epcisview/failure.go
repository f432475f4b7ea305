package epcisview

import "fmt"

// failure keeps the first read failure of one query: a query that could
// not read all it should have answers the failure, never a shorter page.
type failure struct{ err error }

func (f *failure) keep(err error) {
	if f.err == nil && err != nil {
		f.err = err
	}
}

// failed reports whether a read failed: the query stops there.
func (f *failure) failed() bool { return f.err != nil }

// result is what a query answers: what it read, or its failure.
func result[T any](out T, f *failure) (T, error) {
	if f.err != nil {
		var zero T
		return zero, fmt.Errorf("epcis view: %w", f.err)
	}
	return out, nil
}
