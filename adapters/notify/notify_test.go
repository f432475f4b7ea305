package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/traceledger/traceledger/adapters/bus"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/notify"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/directory"
	"github.com/traceledger/traceledger/projections/recalllist"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/trace"
)

// hooks is a holder-side webhook receiver: it checks each notice's
// signature with the holder's secret and answers 503 to the first attempt
// of each holder, so every delivery needs a retry.
type hooks struct {
	secrets map[string]string
	mu      sync.Mutex
	tries   map[string]int
	got     map[string][]notify.Notice
	bad     []string
}

func (h *hooks) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var n notify.Notice
	if err := json.Unmarshal(body, &n); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !notify.Verify(h.secrets[n.HolderUSCC], body, r.Header.Get(notify.SignatureHeader)) {
		h.bad = append(h.bad, n.HolderUSCC)
		http.Error(w, "bad signature", 401)
		return
	}
	if h.tries[n.HolderUSCC]++; h.tries[n.HolderUSCC] == 1 {
		http.Error(w, "try again", 503)
		return
	}
	h.got[n.HolderUSCC] = append(h.got[n.HolderUSCC], n)
	w.WriteHeader(204)
}

// A recall started through the command handlers reaches, over the bus,
// the webhook of each affected holder with a valid signature, after a
// retry; each delivery is one recall.holder_notified.v1 in the log and the
// recall list shows the holders notified. The secrets stay out of the log.
func TestRecallNotifiesEachHolder(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	dir := t.TempDir()
	store, err := sqlite.Open(ctx, filepath.Join(dir, "ledger.db"), sqlite.Options{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sealer, err := notify.LoadOrCreateSealer(filepath.Join(dir, "secrets.key"))
	if err != nil {
		t.Fatal(err)
	}
	secrets, err := notify.NewSecrets(store, sealer, filepath.Join(dir, "webhooks.json"))
	if err != nil {
		t.Fatal(err)
	}
	h := command.NewHandlers(store, command.Options{Sealer: sealer})

	u := func(p string) string { v, _ := ident.NewUSCC(p); return v.String() }
	maker, shop, quiet := u("91330100MA2H00000"), u("91330100MA2H00001"), u("91330100MA2H00002")
	rx := &hooks{secrets: map[string]string{maker: "maker-secret", shop: "shop-secret"}, tries: map[string]int{}, got: map[string][]notify.Notice{}}
	srv := httptest.NewServer(rx)
	defer srv.Close()

	tr, dirModel := trace.New(), directory.New()
	rl := recalllist.New(tr)
	run := runner.New(store, runner.Options{Dir: dir}, tr, rl, dirModel)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	wg.Go(func() { run.Run(ctx) })

	ps := bus.NewGoChannel(nil)
	defer ps.Close()
	router, err := bus.NewRouter(ps, bus.RouterOptions{Registerer: prometheus.NewRegistry(), InitialInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	n := &notify.Notifier{Lists: rl, Directory: dirModel, Waiter: run, Recorder: h, Secrets: secrets,
		Poster: notify.Poster{Backoff: 10 * time.Millisecond}}
	if err := n.AddTo(router, ps); err != nil {
		t.Fatal(err)
	}
	wg.Go(func() { router.Run(ctx) })
	<-router.Running()
	// As serve does: the in-process bus is sent the recall category alone.
	wg.Go(func() { bus.NewForwarderInto(store, ps, bus.ForwarderOptions{}).Run(ctx) })

	reg := access.Actor{Role: access.RoleRegulator}
	const g, l = "6901234567892", "R1"
	q := []command.QuantityLine{{GTIN: g, Lot: l, Quantity: 5}}
	must := func(out command.Outcome, err error) command.Outcome {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	must(h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: maker, Name: "M", Region: "浙江", Roles: []string{"manufacturer"},
		WebhookURL: srv.URL + "/maker", WebhookSecret: "maker-secret"}))
	must(h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: shop, Name: "S", Region: "浙江", Roles: []string{"retailer"},
		WebhookURL: srv.URL + "/shop", WebhookSecret: "shop-secret"}))
	must(h.RegisterEnterprise(ctx, reg, command.RegisterEnterprise{USCC: quiet, Name: "Q", Region: "浙江", Roles: []string{"retailer"}}))
	must(h.RegisterProduct(ctx, reg, command.RegisterProduct{GTIN: g, Name: "P", Brand: "B", Spec: "1", Category: "dairy", OriginCountry: "CN", Manufacturer: "M", OwnerUSCC: maker, ShelfLifeDays: 9}))
	must(h.RegisterBatch(ctx, reg, command.RegisterBatch{GTIN: g, Lot: l, Quantity: 30, ProducedOn: "2026-05-01",
		ExpiresOn: time.Now().AddDate(1, 0, 0).Format(time.DateOnly), OwnerUSCC: maker})) // in date when sold: expired goods are not sold
	for _, to := range []string{shop, quiet} {
		out := must(h.Ship(ctx, reg, command.Ship{FromUSCC: maker, ToUSCC: to, Waybill: "W-" + to, Lines: q}))
		must(h.ConfirmReceipt(ctx, reg, command.ConfirmReceipt{ShipmentID: out.ShipmentID}))
	}
	must(h.Sell(ctx, reg, command.Sell{SellerUSCC: shop, Channel: "门店", Lines: []command.QuantityLine{{GTIN: g, Lot: l, Quantity: 2}}}))
	r := must(h.StartRecall(ctx, reg, command.StartRecall{Batches: []command.BatchRef{{GTIN: g, Lot: l}}, Level: 1, Reason: "salmonella", InitiatedByUSCC: maker}))

	var list query.RecallList
	deadline := time.Now().Add(15 * time.Second)
	for {
		head, err := store.Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := run.WaitFor(ctx, head); err != nil {
			t.Fatal(err)
		}
		if list, err = rl.Get(t.Context(), r.RecallID, time.Now(), nil); err != nil {
			t.Fatal(err)
		}
		if notified(list, maker) && notified(list, shop) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("holders not notified within 15s: %+v", list.Holders)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if notified(list, quiet) {
		t.Error("a holder without a webhook is shown notified")
	}

	rx.mu.Lock()
	defer rx.mu.Unlock()
	if len(rx.bad) > 0 {
		t.Errorf("notices with a bad signature for %v", rx.bad)
	}
	for _, row := range list.Holders {
		got := rx.got[row.USCC]
		if row.USCC == quiet {
			continue
		}
		if len(got) != 1 {
			t.Fatalf("%s received %d notices, want 1", row.USCC, len(got))
		}
		want := notify.Units{InStock: row.InStock, InTransit: row.InTransit, Sold: row.Sold}
		if n := got[0]; n.RecallID != r.RecallID || n.Level != 1 || n.Reason != "salmonella" || n.StartBy != list.StartBy ||
			n.CompleteBy != list.CompleteBy || len(n.Batches) != 1 || n.Affected != want {
			t.Errorf("notice to %s = %+v, want affected %+v and the recall %+v", row.USCC, n, want, list)
		}
	}
	if got := rx.got[shop][0].Affected; got.InStock != 3 || got.Sold != 2 {
		t.Errorf("shop's affected units %+v, want 3 in stock and 2 sold", got)
	}

	recs, err := store.ReadAll(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	notices := map[string]int{}
	for _, rec := range recs {
		if bytes.Contains(rec.Data, []byte("secret")) {
			t.Errorf("a webhook secret is in the log at position %d: %s", rec.Position, rec.Data)
		}
		if rec.Type == recall.TypeHolderNotified {
			var d recall.HolderNotified
			json.Unmarshal(rec.Data, &d)
			notices[d.HolderUSCC]++
			if d.Attempts != 2 || d.Status != 204 || rec.Metadata.ActorRole != "system" {
				t.Errorf("recorded delivery %+v by %s, want 2 attempts, 204, by system", d, rec.Metadata.ActorRole)
			}
		}
	}
	if notices[maker] != 1 || notices[shop] != 1 || len(notices) != 2 {
		t.Errorf("recorded deliveries %v, want one each for maker and shop", notices)
	}
	if fi, err := os.Stat(filepath.Join(dir, "secrets.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("secrets key file: %v, mode %v; want 0600", err, fi.Mode())
	}
	again, err := h.RecordNotification(ctx, access.Actor{Role: access.RoleSystem}, command.RecordNotification{
		RecallID: r.RecallID, HolderUSCC: shop, URL: srv.URL + "/shop", Status: 200, Attempts: 1})
	if err != nil || len(again.Events) != 0 {
		t.Errorf("a second delivery to the same holder appended %v (err %v), want nothing", again.Events, err)
	}
	if _, err := h.RecordNotification(ctx, access.Actor{Role: access.RoleEnterprise, USCC: shop}, command.RecordNotification{
		RecallID: r.RecallID, HolderUSCC: quiet, URL: "http://x", Status: 200, Attempts: 1}); !errors.Is(err, domain.ErrForbidden) {
		t.Errorf("an enterprise recording a delivery: %v, want forbidden", err)
	}
	if _, err := h.RecordNotification(ctx, access.Actor{Role: access.RoleSystem}, command.RecordNotification{
		RecallID: "no-such-recall", HolderUSCC: quiet, URL: "http://x", Status: 200, Attempts: 1}); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a delivery of an unknown recall: %v, want not found", err)
	}
	if s, _, _ := secrets.Secret(ctx, shop); s != "shop-secret" {
		t.Errorf("shop's stored secret %q", s)
	}
}

func notified(l query.RecallList, uscc string) bool {
	for _, r := range l.Holders {
		if r.USCC == uscc {
			return r.Notified
		}
	}
	return false
}
