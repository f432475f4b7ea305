package benchmark

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/document"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

// PartCapture measures EPCIS capture.
const PartCapture = "capture"

// captureEvents is the size of the captured document; baselineShips the
// ship commands the baseline sends one by one (one fsync each).
const (
	captureEvents = 10_000
	baselineShips = 2_000
)

const (
	benchMaker = "91330100MA2H0B0004"
	benchShop  = "91330100MA2H0B0017"
	benchGTIN  = "06901234567892"
	benchMGLN  = "6901234000009"
	benchSGLN  = "6901234000016"
)

// benchCapture measures a durable capture of one document of 10,000
// shipping events (one labelled unit each, read from JSON-LD, judged and
// appended at once) beside the same shipments sent as ship commands one at
// a time, as the JSON API records them (without HTTP).
func benchCapture(ctx context.Context, dir, sync string, out func(Figure)) error {
	maker := access.Actor{Role: access.RoleEnterprise, USCC: benchMaker}
	var base float64
	err := captureSetup(ctx, filepath.Join(dir, "ship.db"), sync, baselineShips, func(ctx context.Context, h *command.Handlers, serials []string) error {
		begin := time.Now()
		for i, s := range serials {
			in := command.Ship{FromUSCC: benchMaker, ToUSCC: benchShop, Waybill: fmt.Sprintf("W%d", i), Items: []string{"/01/" + benchGTIN + "/10/L1/21/" + s}}
			if _, err := h.Ship(ctx, maker, in); err != nil {
				return fmt.Errorf("ship: %w", err)
			}
		}
		base = float64(len(serials)) / time.Since(begin).Seconds()
		return nil
	})
	if err != nil {
		return err
	}
	return captureSetup(ctx, filepath.Join(dir, "capture.db"), sync, captureEvents, func(ctx context.Context, h *command.Handlers, serials []string) error {
		body := captureDocument(serials)
		begin := time.Now()
		d, faults, err := document.Read(document.FormatJSONLD, body)
		if err != nil || len(faults) > 0 {
			return fmt.Errorf("read the bench document: %v %v", err, faults)
		}
		if _, err := h.CaptureEPCIS(ctx, maker, d.Input("bench")); err != nil {
			return fmt.Errorf("capture: %w", err)
		}
		rate := float64(len(serials)) / time.Since(begin).Seconds()
		out(newFigure("capture_10000_event_document_events_per_s", rate, "events/s", "ship_commands_one_by_one_per_s", base))
		return nil
	})
}

// captureSetup builds a ledger at path with a maker, a shop, their GLNs and
// n labelled units of a batch, then calls run with the units' serials.
func captureSetup(ctx context.Context, path, sync string, n int, run func(context.Context, *command.Handlers, []string) error) error {
	store, err := sqlite.Open(ctx, path, sqlite.Options{Synchronous: sync})
	if err != nil {
		return err
	}
	defer store.Close()
	h := command.NewHandlers(store, command.Options{})
	reg, maker := access.Actor{Role: access.RoleRegulator}, access.Actor{Role: access.RoleEnterprise, USCC: benchMaker}
	today := time.Now().UTC()
	steps := []func() (command.Outcome, error){
		func() (command.Outcome, error) {
			return h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: benchMaker, Name: "Maker", Region: "浙江", Roles: []string{"manufacturer"}})
		},
		func() (command.Outcome, error) {
			return h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: benchShop, Name: "Shop", Region: "浙江", Roles: []string{"retailer"}})
		},
		func() (command.Outcome, error) {
			return h.RegisterProduct(ctx, maker, command.RegisterProduct{GTIN: benchGTIN, Name: "酸奶", Brand: "B", Spec: "200g", Category: "乳制品",
				OriginCountry: "CN", Manufacturer: "Maker", OwnerUSCC: benchMaker, ShelfLifeDays: 30})
		},
		func() (command.Outcome, error) {
			return h.RegisterBatch(ctx, maker, command.RegisterBatch{GTIN: benchGTIN, Lot: "L1", Quantity: int64(n), ProducedOn: today.AddDate(0, 0, -1).Format(time.DateOnly),
				ExpiresOn: today.AddDate(0, 0, 20).Format(time.DateOnly), OwnerUSCC: benchMaker})
		},
		func() (command.Outcome, error) {
			return h.RegisterLocation(ctx, reg, command.RegisterLocation{USCC: benchMaker, GLN: benchMGLN, Name: "plant"})
		},
		func() (command.Outcome, error) {
			return h.RegisterLocation(ctx, reg, command.RegisterLocation{USCC: benchShop, GLN: benchSGLN, Name: "store"})
		},
	}
	for _, s := range steps {
		if _, err := s(); err != nil {
			return fmt.Errorf("capture bench setup: %w", err)
		}
	}
	serials := make([]string, n)
	for i := range serials {
		serials[i] = fmt.Sprintf("B%07d", i)
	}
	if _, err := h.ApplyLabels(ctx, maker, command.ApplyLabels{GTIN: benchGTIN, Lot: "L1", OwnerUSCC: benchMaker, Serials: serials}); err != nil {
		return fmt.Errorf("capture bench labels: %w", err)
	}
	return run(ctx, h, serials)
}

// captureDocument is an EPCIS JSON-LD document shipping each serial in an
// event of its own.
func captureDocument(serials []string) []byte {
	at := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	evs := make([]string, len(serials))
	for i, s := range serials {
		ev, _ := json.Marshal(map[string]any{"type": "ObjectEvent", "eventTime": at, "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
			"bizStep": "shipping", "epcList": []string{"https://id.gs1.org/01/" + benchGTIN + "/10/L1/21/" + s},
			"bizLocation":     map[string]any{"id": "https://id.gs1.org/414/" + benchMGLN},
			"destinationList": []any{map[string]any{"type": "owning_party", "destination": "https://id.gs1.org/417/" + benchSGLN}}})
		evs[i] = string(ev)
	}
	return []byte(`{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0",` +
		`"creationDate":"` + at + `","epcisBody":{"eventList":[` + strings.Join(evs, ",") + `]}}`)
}
