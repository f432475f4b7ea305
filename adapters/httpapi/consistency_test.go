package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/analytics"
	"github.com/traceledger/traceledger/projections/risk"
)

// stopped is read models that failed at position 3 and will go no further.
type stopped struct{}

func (stopped) WaitFor(_ context.Context, pos uint64) error {
	if pos <= 3 {
		return nil
	}
	return errors.New("read model risk stopped at position 3, before 9: fold refused the event")
}
func (stopped) Position() uint64 { return 3 }

// A read whose models cannot reach the client's position is answered 503
// at once, naming the parameter or header the position came in and the
// model that stopped; a read the models already cover is answered.
func TestReadOfAStoppedModelFailsAtOnceNamingIt(t *testing.T) {
	f := newFixture(t, nil)
	f.srv.RouteAnalytics(query.NewDashboards(analytics.Embedded{Risk: risk.New()}, stopped{}))

	start := time.Now()
	e := wantError(t, f.do(t, http.MethodGet, "/api/v1/analytics/grades?min_position=9", anaToken, ""), 503, "unavailable", "min_position")
	if !strings.Contains(e.Error.Message, "risk stopped at position 3") {
		t.Errorf("message %q does not name the stopped model", e.Error.Message)
	}
	if time.Since(start) > time.Second {
		t.Errorf("the read took %v: it should fail at once, not wait", time.Since(start))
	}
	wantError(t, f.do(t, http.MethodGet, "/api/v1/analytics/grades", anaToken, "", "X-Traceledger-Min-Position", "9"), 503, "unavailable", "X-Traceledger-Min-Position")
	wantError(t, f.do(t, http.MethodGet, "/api/v1/analytics/grades?min_position=nine", anaToken, ""), 400, "invalid", "min_position")

	rec := f.do(t, http.MethodGet, "/api/v1/analytics/grades?min_position=3", anaToken, "")
	if rec.Code != 200 || rec.Header().Get("X-Traceledger-Position") != "3" {
		t.Fatalf("read within the model's position: %d %s (position %q)", rec.Code, rec.Body, rec.Header().Get("X-Traceledger-Position"))
	}
}
