package access

import "slices"

// MayReadContainer: overseers read any case or pallet; an enterprise one it
// holds, held, or is sent (holders); anyone else none. What it may not read
// answers like a container that does not exist.
func MayReadContainer(a Actor, holders []string) error {
	if own, only := a.OwnOnly(); only && !slices.Contains(holders, own) {
		return ErrNotVisible
	}
	return nil
}

// MayReadTransformation: overseers read any transformation; an enterprise
// one it recorded or whose input or output batches it held (parties).
func MayReadTransformation(a Actor, parties func(uscc string) bool) error {
	if own, only := a.OwnOnly(); only && !parties(own) {
		return ErrNotVisible
	}
	return nil
}
