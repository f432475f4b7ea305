package event

import "fmt"

// InPositionOrder returns the records of byPos at positions, in the order
// positions names them (repeats included), for a store's ReadPositions: a
// position byPos lacks is not in the log, and an error.
func InPositionOrder(positions []uint64, byPos map[uint64]Record) ([]Record, error) {
	out := make([]Record, 0, len(positions))
	for _, p := range positions {
		r, ok := byPos[p]
		if !ok {
			return nil, fmt.Errorf("read positions: position %d is not in the log", p)
		}
		out = append(out, r)
	}
	return out, nil
}
