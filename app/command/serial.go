package command

import (
	"strings"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/ident"
)

// serialAlphabet avoids characters people misread on a label (0/O, 1/I/L).
const serialAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// newSerial makes a 12-character serial from an id's bits: about 59 bits of
// randomness, so serials the ledger makes do not collide in practice, and a
// batch refuses the rare one that does.
func newSerial(id uuid.UUID) ident.Serial {
	var b strings.Builder
	n := uint64(0)
	for _, x := range id[:8] {
		n = n<<8 | uint64(x)
	}
	for i := 0; i < 12; i++ {
		b.WriteByte(serialAlphabet[n%uint64(len(serialAlphabet))])
		n /= uint64(len(serialAlphabet))
	}
	s, _ := ident.ParseSerial(b.String())
	return s
}
