package sqlite

import (
	"os"
	"strconv"
	"testing"

	"github.com/traceledger/traceledger/adapters/eventstore/loadgen"
)

func TestProbe(t *testing.T) {
	w, _ := strconv.Atoi(os.Getenv("W"))
	n, _ := strconv.Atoi(os.Getenv("N"))
	for range 3 {
		s, err := Open(t.Context(), t.TempDir()+"/l.db", Options{Synchronous: os.Getenv("S")})
		if err != nil {
			t.Fatal(err)
		}
		res, err := loadgen.Append(t.Context(), s, w, n)
		st := s.Stats()
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s %v %.1f/commit", os.Getenv("S"), res, float64(st.Events)/float64(st.Commits))
	}
}

