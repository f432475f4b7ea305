package clickhouse

import (
	"testing"

	"github.com/traceledger/traceledger/domain/complaint"
)

func TestAConsumersContactIsNotCopiedToTheAnalyticsStore(t *testing.T) {
	if got := storedData(complaint.TypeContactRecorded, []byte(`{"complaint_id":"c","contact":"138"}`)); got != "{}" {
		t.Fatalf("contact event data stored as %s", got)
	}
	if got := storedData(complaint.TypeFiled, []byte(`{"complaint_id":"c"}`)); got != `{"complaint_id":"c"}` {
		t.Fatalf("filed event data stored as %s", got)
	}
}
