package httpapi_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
)

// appendN appends n events to stream in the real store, recorded by a.
func appendN(ctx context.Context, store event.Store, a access.Actor, stream, typ string, n int) ([]event.Record, error) {
	return appendKeyedN(ctx, store, a, stream, typ, n, command.Outcome{})
}

// appendKeyedN is appendN that records the context's idempotency key, if
// any, keeping extra with it, as the real handlers do.
func appendKeyedN(ctx context.Context, store event.Store, a access.Actor, stream, typ string, n int, extra command.Outcome) ([]event.Record, error) {
	at := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	md := event.Metadata{ActorUSCC: a.USCC, ActorRole: string(a.Role), OccurredAt: at}
	w := event.Write{Stream: stream, Expected: event.Any}
	for range n {
		w.Events = append(w.Events, event.Pending{ID: uuid.New(), Type: typ, Data: json.RawMessage(`{"n":1}`), Metadata: md})
	}
	k, keyed, err := command.KeyFor(ctx, extra)
	if err != nil {
		return nil, err
	}
	if keyed {
		return store.AppendKeyed(ctx, k, w)
	}
	return store.Append(ctx, w)
}

// call is one command the fake received.
type call struct {
	name  string
	actor access.Actor
	in    any
}

// fakeCommands records what it is asked and appends to the store: one event
// per command, or Events of them; it fails with Err when set. Like the real
// handlers, it tells observer how each command ended.
type fakeCommands struct {
	store    event.Store
	observer command.Observer

	mu     sync.Mutex
	calls  []call
	Err    error
	Events int
}

func (f *fakeCommands) do(ctx context.Context, a access.Actor, in any) (command.Outcome, error) {
	name := reflect.TypeOf(in).Name()
	out, err := f.decide(ctx, a, name, in)
	f.observer.Done(name, out, err)
	return out, err
}

func (f *fakeCommands) decide(ctx context.Context, a access.Actor, name string, in any) (command.Outcome, error) {
	f.mu.Lock()
	f.calls = append(f.calls, call{name: name, actor: a, in: in})
	err, n := f.Err, f.Events
	f.mu.Unlock()
	if err != nil {
		return command.Outcome{}, err
	}
	if n == 0 {
		n = 1
	}
	var out command.Outcome
	switch in.(type) {
	case command.ApplyLabels:
		out.Labels = []command.Label{{Serial: "1", Code: "https://id.example/01/06901234567892/10/L1/21/1"}}
	case command.Ship:
		out.ShipmentID = "shp-1"
	}
	recs, err := appendKeyedN(ctx, f.store, a, "test-"+name, "test."+name+".v1", n, out)
	if err != nil {
		return command.Outcome{}, err
	}
	for _, r := range recs {
		out.Events = append(out.Events, command.Appended{EventID: r.ID, Stream: r.Stream, Version: r.Version, Position: r.Position})
	}
	return out, nil
}

func (f *fakeCommands) Calls() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

func (f *fakeCommands) RegisterEnterprise(ctx context.Context, a access.Actor, in command.RegisterEnterprise) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) RegisterProduct(ctx context.Context, a access.Actor, in command.RegisterProduct) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) NotifyBarcode(ctx context.Context, a access.Actor, in command.NotifyBarcode) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) AuthoriseImporter(ctx context.Context, a access.Actor, in command.AuthoriseImporter) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) DeauthoriseImporter(ctx context.Context, a access.Actor, in command.DeauthoriseImporter) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) VerifyBarcode(ctx context.Context, a access.Actor, in command.VerifyBarcode) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) RevokeCertificate(ctx context.Context, a access.Actor, in command.RevokeCertificate) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) RenewCertificate(ctx context.Context, a access.Actor, in command.RenewCertificate) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) AmendCertificate(ctx context.Context, a access.Actor, in command.AmendCertificate) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) AllowRenotification(ctx context.Context, a access.Actor, in command.AllowRenotification) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) RegisterBatch(ctx context.Context, a access.Actor, in command.RegisterBatch) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) DeclareCustoms(ctx context.Context, a access.Actor, in command.DeclareCustoms) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) InspectCustoms(ctx context.Context, a access.Actor, in command.InspectCustoms) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) DecideRelease(ctx context.Context, a access.Actor, in command.DecideRelease) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) ApplyLabels(ctx context.Context, a access.Actor, in command.ApplyLabels) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) Ship(ctx context.Context, a access.Actor, in command.Ship) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) ConfirmReceipt(ctx context.Context, a access.Actor, in command.ConfirmReceipt) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) Sell(ctx context.Context, a access.Actor, in command.Sell) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) InspectMarket(ctx context.Context, a access.Actor, in command.InspectMarket) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) FileComplaint(ctx context.Context, a access.Actor, in command.FileComplaint) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) ResolveComplaint(ctx context.Context, a access.Actor, in command.ResolveComplaint) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) StartRecall(ctx context.Context, a access.Actor, in command.StartRecall) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) RecordRecallReturn(ctx context.Context, a access.Actor, in command.RecordRecallReturn) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) CloseRecall(ctx context.Context, a access.Actor, in command.CloseRecall) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) AcceptPublicNotice(ctx context.Context, a access.Actor, in command.AcceptPublicNotice) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) AcknowledgeRecallNotice(ctx context.Context, a access.Actor, in command.AcknowledgeRecallNotice) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) RemindRecallHolders(ctx context.Context, a access.Actor, in command.RemindRecallHolders) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) ImposePenalty(ctx context.Context, a access.Actor, in command.ImposePenalty) (command.Outcome, error) {
	return f.do(ctx, a, in)
}

// fakeTokens knows a fixed set of tokens.
type fakeTokens map[string]access.Actor

func (f fakeTokens) Authenticate(_ context.Context, token string) (access.Actor, error) {
	if a, ok := f[token]; ok {
		return a, nil
	}
	return access.Actor{}, fmt.Errorf("token %x: %w", sha256.Sum256([]byte(token)), domain.ErrNotFound)
}
