package notify

import "github.com/traceledger/traceledger/domain/recall"

// Notice is the JSON body POSTed to a holder: the recall, its deadlines and
// the holder's own affected units, so the holder can act without calling
// back.
type Notice struct {
	RecallID   string            `json:"recall_id"`
	Level      int               `json:"level"`
	Reason     string            `json:"reason"`
	Batches    []recall.BatchKey `json:"batches"`
	StartBy    string            `json:"start_by"`
	CompleteBy string            `json:"complete_by"`
	HolderUSCC string            `json:"holder_uscc"`
	Affected   Units             `json:"affected"`
}

// Units are the holder's units of the recalled batches where they are now.
type Units struct {
	InStock   int64 `json:"in_stock"`
	InTransit int64 `json:"in_transit"`
	Sold      int64 `json:"sold"`
}
