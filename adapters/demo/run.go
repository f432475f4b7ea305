// Package demo appends a realistic, deterministic national data set through
// the command handlers, the same path the HTTP API takes: enterprises across
// China's regions, imported and domestic products with barcode certificates
// in every state, batches with customs clearance, labels, multi-hop trade,
// months of sales, market inspections, 12315 complaints, recalls and
// penalties. `traceledger demo` runs it; tests use it as a large fixture.
package demo

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

// Commands is the subset of *command.Handlers the demo drives.
type Commands interface {
	RegisterEnterprise(context.Context, access.Actor, command.RegisterEnterprise) (command.Outcome, error)
	ImposePenalty(context.Context, access.Actor, command.ImposePenalty) (command.Outcome, error)
	RegisterProduct(context.Context, access.Actor, command.RegisterProduct) (command.Outcome, error)
	NotifyBarcode(context.Context, access.Actor, command.NotifyBarcode) (command.Outcome, error)
	VerifyBarcode(context.Context, access.Actor, command.VerifyBarcode) (command.Outcome, error)
	RevokeCertificate(context.Context, access.Actor, command.RevokeCertificate) (command.Outcome, error)
	RenewCertificate(context.Context, access.Actor, command.RenewCertificate) (command.Outcome, error)
	AmendCertificate(context.Context, access.Actor, command.AmendCertificate) (command.Outcome, error)
	AllowRenotification(context.Context, access.Actor, command.AllowRenotification) (command.Outcome, error)
	RegisterBatch(context.Context, access.Actor, command.RegisterBatch) (command.Outcome, error)
	ApplyLabels(context.Context, access.Actor, command.ApplyLabels) (command.Outcome, error)
	InspectMarket(context.Context, access.Actor, command.InspectMarket) (command.Outcome, error)
	DeclareCustoms(context.Context, access.Actor, command.DeclareCustoms) (command.Outcome, error)
	InspectCustoms(context.Context, access.Actor, command.InspectCustoms) (command.Outcome, error)
	DecideRelease(context.Context, access.Actor, command.DecideRelease) (command.Outcome, error)
	Ship(context.Context, access.Actor, command.Ship) (command.Outcome, error)
	ConfirmReceipt(context.Context, access.Actor, command.ConfirmReceipt) (command.Outcome, error)
	Sell(context.Context, access.Actor, command.Sell) (command.Outcome, error)
	FileComplaint(context.Context, access.Actor, command.FileComplaint) (command.Outcome, error)
	ResolveComplaint(context.Context, access.Actor, command.ResolveComplaint) (command.Outcome, error)
	SubmitComplaint(context.Context, access.Actor, command.SubmitComplaint) (command.Outcome, error)
	AcceptComplaint(context.Context, access.Actor, command.AcceptComplaint) (command.Outcome, error)
	RefuseComplaint(context.Context, access.Actor, command.RefuseComplaint) (command.Outcome, error)
	InvestigateComplaint(context.Context, access.Actor, command.InvestigateComplaint) (command.Outcome, error)
	TransferComplaint(context.Context, access.Actor, command.TransferComplaint) (command.Outcome, error)
	AnswerComplaint(context.Context, access.Actor, command.AnswerComplaint) (command.Outcome, error)
	StartRecall(context.Context, access.Actor, command.StartRecall) (command.Outcome, error)
	RecordRecallReturn(context.Context, access.Actor, command.RecordRecallReturn) (command.Outcome, error)
	CloseRecall(context.Context, access.Actor, command.CloseRecall) (command.Outcome, error)
	AcknowledgeRecallNotice(context.Context, access.Actor, command.AcknowledgeRecallNotice) (command.Outcome, error)
	RemindRecallHolders(context.Context, access.Actor, command.RemindRecallHolders) (command.Outcome, error)
	AcceptPublicNotice(context.Context, access.Actor, command.AcceptPublicNotice) (command.Outcome, error)

	OrderWithdrawal(context.Context, access.Actor, command.OrderWithdrawal) (command.Outcome, error)
	RecordWithdrawal(context.Context, access.Actor, command.RecordWithdrawal) (command.Outcome, error)
	RecordDisposal(context.Context, access.Actor, command.RecordDisposal) (command.Outcome, error)

	PackContainer(context.Context, access.Actor, command.PackContainer) (command.Outcome, error)
	UnpackContainer(context.Context, access.Actor, command.UnpackContainer) (command.Outcome, error)
	RecordTransformation(context.Context, access.Actor, command.RecordTransformation) (command.Outcome, error)
	RegisterLocation(context.Context, access.Actor, command.RegisterLocation) (command.Outcome, error)
}

var _ Commands = (*command.Handlers)(nil)

// Options tune a run. Zero values take the defaults.
type Options struct {
	// Items is about how many units get labels (default 20,000); the number
	// of products, batches and everything else grows with it, up to 300
	// products.
	Items int
	// Seed selects the data set (default 1). Pass the same seed to IDs.
	Seed uint64
	// Workers is how many batch groups are appended concurrently (default 32).
	Workers int
	// Now is the moment the data set leads up to (default time.Now()).
	Now time.Time
	// Progress, when set, is told how many of the commands are done, from one
	// goroutine, a few times a second and once at the end.
	Progress func(done, total int)
}

// DefaultItems is the default scale: it appends well over 100,000 events.
const DefaultItems = 20_000

func (o Options) withDefaults() Options {
	if o.Items <= 0 {
		o.Items = DefaultItems
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Workers <= 0 {
		o.Workers = 32
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	return o
}

// regulator is the actor of registrations, inspections, decisions and
// 12315 intake.
var regulator = access.Actor{Role: access.RoleRegulator}

// at is the Common of a command that happened at t.
func at(t time.Time) command.Common { return command.Common{OccurredAt: &t} }

// step is one command of the plan.
type step interface {
	run(ctx context.Context, x *runner) error
}

// Run plans the data set and appends it: enterprises, then products and
// their certificates, then every batch group's chain on o.Workers
// goroutines, then the oversight one command at a time. It stops at the
// first refused command and returns its error: the plan only asks for what
// the ledger must accept, so a refusal is a bug in one of the two.
//
// The data is a function of o.Items, o.Seed and the date of o.Now. With one
// worker the ledger's own ids (handlers built with IDs(o.Seed)) repeat too;
// with more, the shipment ids and label serials it draws while chains
// interleave differ from run to run, and nothing else does (complaint and
// recall ids are drawn after the trade, one command at a time). Run expects
// a ledger without this seed's data: a second run refuses to register the
// same enterprises again.
func Run(ctx context.Context, cmds Commands, o Options) (Summary, error) {
	o = o.withDefaults()
	began := time.Now()
	p, err := newPlan(o.Items, o.Seed, o.Now)
	if err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	phases := p.phases()
	x := &runner{cmds: cmds}
	for _, ph := range phases {
		for _, c := range ph.chains {
			x.total += len(c)
		}
	}
	stop := x.report(o.Progress)
	for _, ph := range phases {
		workers := o.Workers
		if ph.serial {
			workers = 1
		}
		if err := x.runChains(ctx, ph.chains, workers); err != nil {
			stop()
			return Summary{}, fmt.Errorf("demo: %s: %w", ph.name, err)
		}
	}
	stop()
	return p.summary(x, time.Since(began)), nil
}

// phase is a set of chains that may run concurrently; phases run in turn.
type phase struct {
	name   string
	chains [][]step
	serial bool
}

// phases orders the plan: each phase needs the previous one done (products
// need their owners, batches their products, recalls the trade). Group
// chains go longest first, so the last worker is not left with a long one.
func (p *plan) phases() []phase {
	var firms, products, groups [][]step
	for i, f := range p.firms {
		firms = append(firms, []step{registerFirm{f}, registerLocation{f, i + 1}})
	}
	for _, pr := range p.products {
		products = append(products, pr.steps)
	}
	for _, g := range p.groups {
		groups = append(groups, g.steps)
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i]) > len(groups[j]) })
	return []phase{
		{name: "registering enterprises", chains: firms},
		{name: "registering products and certificates", chains: products},
		{name: "recording batches, customs, labels, trade and sales", chains: groups},
		{name: "recording oversight", chains: [][]step{p.final}, serial: true},
		{name: "packing pallets and a dairy transformation", chains: [][]step{p.dairy}, serial: true},
	}
}

// runChains runs each chain's steps in order, chains concurrently on up to
// workers goroutines, and returns the first error, cancelling the rest.
func (x *runner) runChains(ctx context.Context, chains [][]step, workers int) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(chains)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(chains) {
					return
				}
				for _, st := range chains[i] {
					if ctx.Err() != nil {
						return
					}
					if err := st.run(ctx, x); err != nil {
						cancel(err)
						return
					}
					x.done.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}

// report calls progress a few times a second until the returned stop is
// called, and once more then.
func (x *runner) report(progress func(done, total int)) (stop func()) {
	if progress == nil {
		return func() {}
	}
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				progress(int(x.done.Load()), x.total)
				return
			case <-t.C:
				progress(int(x.done.Load()), x.total)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(quit); <-finished })
	}
}
