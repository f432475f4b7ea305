package audit

import "fmt"

// Failure is a check that failed at a log position: the first position
// whose event, link or tree no longer matches what was stored or signed.
type Failure struct {
	Position uint64
	Reason   string
}

func (f *Failure) Error() string { return fmt.Sprintf("position %d: %s", f.Position, f.Reason) }

func failAt(pos uint64, format string, args ...any) error {
	return &Failure{Position: pos, Reason: fmt.Sprintf(format, args...)}
}
