package ident

import "sort"

func sortedAIs(ais []AIValue) []AIValue {
	out := append([]AIValue(nil), ais...)
	sort.Slice(out, func(i, j int) bool { return out[i].AI < out[j].AI })
	return out
}
