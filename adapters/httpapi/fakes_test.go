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

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/command"
	"github.com/traceledger/traceledger/domain/event"
)

// memLog is the log as the API reads it, in memory.
type memLog struct {
	mu   sync.Mutex
	recs []event.Record
}

func (l *memLog) ReadAll(_ context.Context, after uint64, limit int) ([]event.Record, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []event.Record
	for _, r := range l.recs {
		if r.Position > after && len(out) < limit {
			out = append(out, r)
		}
	}
	return out, nil
}

func (l *memLog) Head(context.Context) (uint64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return uint64(len(l.recs)), nil
}

// append adds n records to stream, chained as a store would.
func (l *memLog) append(a command.Actor, stream string, typ string, n int) []event.Record {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []event.Record
	for i := range n {
		var prev [32]byte
		if len(l.recs) > 0 {
			prev = l.recs[len(l.recs)-1].Hash
		}
		at := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
		r := event.Record{
			ID: uuid.New(), Stream: stream, Version: uint64(i + 1), Position: uint64(len(l.recs) + 1),
			Type: typ, Data: json.RawMessage(`{"n":1}`),
			Metadata: event.Metadata{ActorUSCC: a.USCC, ActorRole: string(a.Role), OccurredAt: at, RecordedAt: at},
		}
		r.Hash = event.Chain(prev, r)
		l.recs = append(l.recs, r)
		out = append(out, r)
	}
	return out
}

// call is one command the fake received.
type call struct {
	name  string
	actor command.Actor
	in    any
}

// fakeCommands records what it is asked and appends to a memLog: one event
// per command, or Events of them; it fails with Err when set.
type fakeCommands struct {
	log *memLog

	mu     sync.Mutex
	calls  []call
	Err    error
	Events int
}

func (f *fakeCommands) do(a command.Actor, in any) (command.Outcome, error) {
	name := reflect.TypeOf(in).Name()
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
	for _, r := range f.log.append(a, "test-"+name, "test."+name+".v1", n) {
		out.Events = append(out.Events, command.Appended{EventID: r.ID, Stream: r.Stream, Version: r.Version, Position: r.Position})
	}
	switch in.(type) {
	case command.ApplyLabels:
		out.Labels = []command.Label{{Serial: "1", Code: "https://id.example/01/06901234567892/10/L1/21/1"}}
	case command.Ship:
		out.ShipmentID = "shp-1"
	}
	return out, nil
}

func (f *fakeCommands) Calls() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

func (f *fakeCommands) RegisterEnterprise(_ context.Context, a command.Actor, in command.RegisterEnterprise) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) RegisterProduct(_ context.Context, a command.Actor, in command.RegisterProduct) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) NotifyBarcode(_ context.Context, a command.Actor, in command.NotifyBarcode) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) VerifyBarcode(_ context.Context, a command.Actor, in command.VerifyBarcode) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) RevokeCertificate(_ context.Context, a command.Actor, in command.RevokeCertificate) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) RegisterBatch(_ context.Context, a command.Actor, in command.RegisterBatch) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) DeclareCustoms(_ context.Context, a command.Actor, in command.DeclareCustoms) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) InspectCustoms(_ context.Context, a command.Actor, in command.InspectCustoms) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) DecideRelease(_ context.Context, a command.Actor, in command.DecideRelease) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) ApplyLabels(_ context.Context, a command.Actor, in command.ApplyLabels) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) Ship(_ context.Context, a command.Actor, in command.Ship) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) ConfirmReceipt(_ context.Context, a command.Actor, in command.ConfirmReceipt) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) Sell(_ context.Context, a command.Actor, in command.Sell) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) InspectMarket(_ context.Context, a command.Actor, in command.InspectMarket) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) FileComplaint(_ context.Context, a command.Actor, in command.FileComplaint) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) ResolveComplaint(_ context.Context, a command.Actor, in command.ResolveComplaint) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) StartRecall(_ context.Context, a command.Actor, in command.StartRecall) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) RecordRecallReturn(_ context.Context, a command.Actor, in command.RecordRecallReturn) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) CloseRecall(_ context.Context, a command.Actor, in command.CloseRecall) (command.Outcome, error) {
	return f.do(a, in)
}
func (f *fakeCommands) ImposePenalty(_ context.Context, a command.Actor, in command.ImposePenalty) (command.Outcome, error) {
	return f.do(a, in)
}

// fakeTokens knows a fixed set of tokens.
type fakeTokens map[string]command.Actor

func (f fakeTokens) Authenticate(_ context.Context, token string) (command.Actor, error) {
	if a, ok := f[token]; ok {
		return a, nil
	}
	return command.Actor{}, fmt.Errorf("token %x: %w", sha256.Sum256([]byte(token)), domain.ErrNotFound)
}
