package demo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/traceledger/traceledger/app/command"
)

// registerLocation registers the firm's head office GLN (master data for
// EPCIS capture): GS1 China's prefix 690 followed by the firm's place in the
// roster, so every firm's GLN is its own and the same on every run.
type registerLocation struct {
	f *firm
	n int
}

// glnOf is the n-th firm's GLN: twelve digits and their check digit.
func glnOf(n int) string {
	body := fmt.Sprintf("69099%07d", n)
	sum := 0
	for i := range 12 {
		d := int(body[11-i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return body + strconv.Itoa((10-sum%10)%10)
}

func (s registerLocation) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.RegisterLocation(ctx, regulator, command.RegisterLocation{
		Common: at(s.f.since), USCC: s.f.uscc, GLN: glnOf(s.n), Name: s.f.name + " 总部",
	})
	return x.finish(kLocation, out, err, "register location %s of %s", glnOf(s.n), s.f.uscc)
}
