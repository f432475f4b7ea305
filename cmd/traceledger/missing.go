package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// missing is the Validate of a wiring config: one error naming every field
// of what that is not set, in name order, so one run shows them all.
func missing(what string, set map[string]bool) error {
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(set)) {
		if !set[name] {
			errs = append(errs, fmt.Errorf("%s: %s is required", what, name))
		}
	}
	return errors.Join(errs...)
}
