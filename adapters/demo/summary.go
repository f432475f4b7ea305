package demo

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// kind is a counter of the summary.
type kind int

const (
	kEnterprise kind = iota
	kProduct
	kNotification
	kVerification
	kRevocation
	kBatch
	kDeclaration
	kCustomsInspection
	kDecision
	kLabel
	kShipment
	kReceipt
	kSale
	kSoldUnits
	kInspection
	kComplaint
	kResolution
	kCaseStep // a complaint case's step other than filing and conclusion
	kRecall
	kReturn
	kReturnedUnits
	kRecallClosure
	kRecallAck
	kPublicNotice
	kPenalty
	kWithdrawalOrder
	kWithdrawal
	kDisposal
	kRenewal
	kAmendment
	kRenotification
	kLocation // a firm's GLN registered (locations.go)
	kRecallReminder
	kinds
)

// runner runs steps against the handlers and counts what they appended.
type runner struct {
	cmds   Commands
	counts [kinds]atomic.Int64
	events atomic.Uint64
	done   atomic.Int64
	total  int
}

// record counts n of kind k and the events the command appended.
func (x *runner) record(k kind, n int, out command.Outcome) {
	x.counts[k].Add(int64(n))
	x.events.Add(uint64(len(out.Events)))
}

// finish ends a step that gave one command: its outcome counts under k, or
// its error is wrapped with what the step did (format and args).
func (x *runner) finish(k kind, out command.Outcome, err error, format string, args ...any) error {
	if err != nil {
		return fmt.Errorf(format+": %w", append(args, err)...)
	}
	x.record(k, 1, out)
	return nil
}

func (x *runner) add(k kind, n int64) { x.counts[k].Add(n) }

func (x *runner) count(k kind) int { return int(x.counts[k].Load()) }

// Summary is what a run appended. Counts are of events of one type, so a
// reader can check them against the log: Enterprises (enterprise.registered),
// Products (product.registered), Batches (batch.registered), Declarations
// (customs.declared), CustomsInspections (customs.inspected), Labels (units
// labelled by batch.labelled), Shipments (shipment.dispatched), Receipts
// (shipment.received), Sales (goods.sold: one per batch a sale names),
// Inspections (batch.inspected), Complaints (complaint.filed), Resolutions
// (complaint.resolved), Recalls (recall.started), Returns (goods.returned),
// ClosedRecalls (recall.closed), Penalties (enterprise.penalty_imposed).
type Summary struct {
	Enterprises, Products, Batches, Declarations, CustomsInspections int
	Labels, Shipments, Receipts, Sales, SoldUnits                    int
	Inspections, Complaints, Resolutions                             int
	Recalls, Returns, ReturnedUnits, ClosedRecalls, Penalties        int
	// RecallAcks (recall.notice_acknowledged), PublicNotices
	// (recall.public_notice_accepted).
	RecallAcks, PublicNotices int
	// RecallReminders (recall.holders_reminded).
	RecallReminders int
	// ComplaintCases counts the complaint cases by the status they end in,
	// and those filed through the public intake (public_intake).
	ComplaintCases map[string]int
	// WithdrawalOrders (batch.withdrawal_ordered), Withdrawals
	// (batch.withdrawn), Disposals (batch.disposed).
	WithdrawalOrders, Withdrawals, Disposals int
	// Renewals (certificate.renewed), Amendments (certificate.amended),
	// Renotifications (certificate.renotification_allowed).
	Renewals, Amendments, Renotifications int
	// Events is every event appended.
	Events uint64
	// Certificates counts products by certificate state now: none
	// (domestic), notified, issued, rejected, expired, revoked.
	Certificates map[string]int
	Elapsed      time.Duration

	// Enterprises to make tokens for. Regulator is empty: regulator tokens
	// are bound to no USCC. Importer is the importer of the level-1
	// recall's batch (penalised); Retailer sold SampleItem.
	Regulator, Importer, Retailer string
	// SampleItem is the Digital Link of a sold item, chosen so that its card
	// has every field: imported, certified, cleared, shipped by the importer
	// to a distributor and on to a shop, sold (empty when nothing labelled
	// was sold).
	SampleItem string
	SampleGTIN string // its product's GTIN-14
	// SampleBatch is the level-1 recall's batch (GTIN-14, lot), held across
	// several enterprises: good for downstream trace.
	SampleBatch    [2]string
	SampleRecallID string // the level-1 recall, in progress
	ClosedRecallID string // the level-3 recall, closed
	// SampleDeclaration is a released customs declaration number.
	SampleDeclaration string
}

// summary reads the counters and the plan's samples.
func (p *plan) summary(x *runner, elapsed time.Duration) Summary {
	s := Summary{
		Enterprises: x.count(kEnterprise), Products: x.count(kProduct), Batches: x.count(kBatch),
		Declarations: x.count(kDeclaration), CustomsInspections: x.count(kCustomsInspection),
		Labels: x.count(kLabel), Shipments: x.count(kShipment), Receipts: x.count(kReceipt),
		Sales: x.count(kSale), SoldUnits: x.count(kSoldUnits), Inspections: x.count(kInspection),
		Complaints: x.count(kComplaint), Resolutions: x.count(kResolution), Recalls: x.count(kRecall),
		Returns: x.count(kReturn), ReturnedUnits: x.count(kReturnedUnits), ClosedRecalls: x.count(kRecallClosure),
		Penalties: x.count(kPenalty), Events: x.events.Load(), Elapsed: elapsed,
		RecallAcks: x.count(kRecallAck), PublicNotices: x.count(kPublicNotice),
		Certificates: map[string]int{}, ComplaintCases: p.complaintStates(),
		Renewals: x.count(kRenewal), Amendments: x.count(kAmendment), Renotifications: x.count(kRenotification),
	}
	s.WithdrawalOrders, s.Withdrawals, s.Disposals = x.count(kWithdrawalOrder), x.count(kWithdrawal), x.count(kDisposal)
	s.RecallReminders = x.count(kRecallReminder)
	for _, pr := range p.products {
		s.Certificates[pr.cert.status()]++
	}
	s.Certificates[certNone] += dairyProducts
	sr := p.sample
	if sr == nil {
		sr = p.anySample
	}
	if sr != nil {
		pt := sr.parts[0]
		s.SampleItem, s.SampleGTIN, s.Retailer = pt.l.codes[pt.items[0]], pt.l.pr.gtin14, sr.seller.uscc
	}
	for _, rp := range p.recalls {
		switch {
		case rp.level == 1:
			l := rp.groups[0].lots[0]
			s.SampleBatch, s.SampleRecallID, s.Importer = [2]string{l.pr.gtin14, l.lot}, rp.id, rp.owner().uscc
		case rp.closes:
			s.ClosedRecallID = rp.id
		}
	}
	for _, g := range p.groups {
		if g.customs == decisionReleased {
			s.SampleDeclaration = g.decl.no
			break
		}
	}
	return s
}
