package benchmark

import (
	"context"
	"encoding/json"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
)

// samples are what the scale figures query, found in the first events of
// a generated ledger: a sold labelled item, the batch that labelled the
// most units (the generator's big batch), its owner, and a recall.
type samples struct {
	item       [3]string // GTIN-14, lot, serial
	batch      [2]string // GTIN-14, lot
	batchUnits int
	enterprise string
	recall     string
}

// sampleWindow is how far into the log the samples are looked for: the
// generator opens its big batch first; its recalls come last, so the end
// of the log is read too.
const sampleWindow = 400_000

// findSamples reads the start of the ledger at path for its samples.
func findSamples(ctx context.Context, path string) (samples, error) {
	store, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return samples{}, err
	}
	defer store.Close()
	var s samples
	labelled := map[[2]string]int{}
	owners := map[[2]string]string{}
	var body struct {
		GTIN     string   `json:"gtin"`
		Lot      string   `json:"lot"`
		Serials  []string `json:"serials"`
		Owner    string   `json:"owner_uscc"`
		RecallID string   `json:"recall_id"`
	}
	head, err := store.Head(ctx)
	if err != nil {
		return s, err
	}
	for after := uint64(0); after < head; {
		if after >= sampleWindow && after < head-min(head, sampleWindow) {
			after = head - sampleWindow
		}
		recs, err := store.ReadAll(ctx, after, 10_000)
		if err != nil {
			return s, err
		}
		if len(recs) == 0 {
			break
		}
		for _, r := range recs {
			switch r.Type {
			case "batch.labelled.v1", "goods.sold.v1", "recall.started.v1":
			default:
				continue
			}
			body.Serials, body.RecallID = nil, ""
			if json.Unmarshal(r.Data, &body) != nil {
				continue
			}
			key := [2]string{body.GTIN, body.Lot}
			switch r.Type {
			case "batch.labelled.v1":
				labelled[key] += len(body.Serials)
				owners[key] = body.Owner
			case "goods.sold.v1":
				if s.item[0] == "" && len(body.Serials) > 0 {
					s.item = [3]string{body.GTIN, body.Lot, body.Serials[0]}
				}
			case "recall.started.v1":
				if s.recall == "" {
					s.recall = body.RecallID
				}
			}
		}
		after = recs[len(recs)-1].Position
	}
	for k, n := range labelled {
		if n > s.batchUnits || (n == s.batchUnits && k[0]+k[1] < s.batch[0]+s.batch[1]) {
			s.batch, s.batchUnits, s.enterprise = k, n, owners[k]
		}
	}
	return s, nil
}
