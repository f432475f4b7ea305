package enginebench

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// SampleTemplates are n bodies shaped like a generated ledger's sales and
// shipments (about 130 bytes of data, full metadata), for tests and for a
// run without a generated ledger at hand.
func SampleTemplates(n int) []event.Pending {
	out := make([]event.Pending, n)
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := range out {
		id := uuid.Must(uuid.NewV7())
		out[i] = event.Pending{
			ID:   id,
			Type: "goods.sold.v1",
			Data: []byte(fmt.Sprintf(`{"gtin":"0691201485%04d","lot":"L%07d","serial":"S%09d","store":"91310000MA1FL8XQ3B","quantity":1,"sold_at":"2026-03-01"}`, i%10000, i%1000, i)),
			Metadata: event.Metadata{
				ActorUSCC: "91310000MA1FL8XQ3B", ActorRole: "retailer", CorrelationID: id.String(),
				OccurredAt: at.Add(time.Duration(i) * time.Second),
			},
		}
	}
	return out
}
