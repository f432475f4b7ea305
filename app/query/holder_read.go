package query

// holderRead adapts a holder read that can fail (a read model's "did this
// enterprise hold it?") to the predicate the access rules take, keeping
// the first failure: the caller answers it as the failure it is, never as
// "may not see", which would answer a broken store as "not found".
type holderRead struct{ err error }

// of is read as access's predicate; a failed read answers false and is
// kept in r.err.
func (r *holderRead) of(read func(uscc string) (bool, error)) func(uscc string) bool {
	return func(uscc string) bool {
		ok, err := read(uscc)
		r.keep(err)
		return ok
	}
}

// keep keeps err in r.err when it is the first failure.
func (r *holderRead) keep(err error) {
	if err != nil && r.err == nil {
		r.err = err
	}
}
