package command

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/holding"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
)

// FileComplaint takes in a 12315 complaint (regulators).
func (h *Handlers) FileComplaint(ctx context.Context, a access.Actor, in FileComplaint) (Outcome, error) {
	return h.execute("FileComplaint", a, in, func() (Outcome, error) { return h.fileComplaint(ctx, a, in) })
}

// SubmitComplaint takes in a consumer's complaint through the public
// intake: anyone may, so nothing is asked of the actor.
func (h *Handlers) SubmitComplaint(ctx context.Context, a access.Actor, in SubmitComplaint) (Outcome, error) {
	return h.execute("SubmitComplaint", a, in, func() (Outcome, error) { return h.submitComplaint(ctx, a, in) })
}

// AcceptComplaint takes a filed case on (regulators).
func (h *Handlers) AcceptComplaint(ctx context.Context, a access.Actor, in AcceptComplaint) (Outcome, error) {
	return h.execute("AcceptComplaint", a, in, func() (Outcome, error) {
		return h.onCase(ctx, a, in.Common, in.ComplaintID, func(c *complaint.Complaint, now time.Time) error { return c.Accept(now) })
	})
}

// RefuseComplaint declines a filed case (regulators).
func (h *Handlers) RefuseComplaint(ctx context.Context, a access.Actor, in RefuseComplaint) (Outcome, error) {
	return h.execute("RefuseComplaint", a, in, func() (Outcome, error) {
		return h.onCase(ctx, a, in.Common, in.ComplaintID, func(c *complaint.Complaint, now time.Time) error { return c.Refuse(in.Reason, now) })
	})
}

// InvestigateComplaint starts the investigation of an accepted case
// (regulators).
func (h *Handlers) InvestigateComplaint(ctx context.Context, a access.Actor, in InvestigateComplaint) (Outcome, error) {
	return h.execute("InvestigateComplaint", a, in, func() (Outcome, error) {
		return h.onCase(ctx, a, in.Common, in.ComplaintID, func(c *complaint.Complaint, _ time.Time) error { return c.Investigate(in.Note) })
	})
}

// ResolveComplaint concludes an investigated case, mediated or resolved
// (regulators).
func (h *Handlers) ResolveComplaint(ctx context.Context, a access.Actor, in ResolveComplaint) (Outcome, error) {
	return h.execute("ResolveComplaint", a, in, func() (Outcome, error) {
		if in.Substantiated == nil {
			return Outcome{}, domain.Invalid("substantiated", "required_true_or_false", "is required (true or false)")
		}
		conclusion := in.Conclusion
		if conclusion == "" {
			conclusion = complaint.ConclusionResolved
		}
		return h.onCase(ctx, a, in.Common, in.ComplaintID, func(c *complaint.Complaint, now time.Time) error {
			return c.Conclude(conclusion, *in.Substantiated, in.Outcome, now)
		})
	})
}

// TransferComplaint hands an accepted case to another authority
// (regulators).
func (h *Handlers) TransferComplaint(ctx context.Context, a access.Actor, in TransferComplaint) (Outcome, error) {
	return h.execute("TransferComplaint", a, in, func() (Outcome, error) {
		return h.onCase(ctx, a, in.Common, in.ComplaintID, func(c *complaint.Complaint, now time.Time) error {
			return c.Transfer(in.Authority, in.Reason, now)
		})
	})
}

// AnswerComplaint records the enterprise concerned's answer to its case.
func (h *Handlers) AnswerComplaint(ctx context.Context, a access.Actor, in AnswerComplaint) (Outcome, error) {
	return h.execute("AnswerComplaint", a, in, func() (Outcome, error) {
		return h.onCase(ctx, a, in.Common, in.ComplaintID, func(c *complaint.Complaint, _ time.Time) error { return c.Answer(in.Answer) })
	})
}

// onCase loads a case and lets change decide at the ledger's clock. A case
// the actor may not see answers exactly as one that does not exist.
func (h *Handlers) onCase(ctx context.Context, a access.Actor, common Common, id string, change func(*complaint.Complaint, time.Time) error) (Outcome, error) {
	if err := required("id", id); err != nil {
		return Outcome{}, err
	}
	unit := h.begin(h.metadata(ctx, a, common), []string{complaint.Stream(id)}, nil)
	defer unit.end()
	c, err := load(ctx, unit, complaint.Stream(id), complaint.Load)
	if err != nil {
		return Outcome{}, err
	}
	if c.Status() == "" || !complaint.Visible(a, c.Against(), c.Status()) {
		return Outcome{}, domain.NotFound("id", "complaint_not_known", "complaint %s is not known", id)
	}
	if err := change(c, unit.now); err != nil {
		return Outcome{}, err
	}
	return unit.commitWith(ctx, Outcome{ComplaintID: id})
}

// fileComplaint takes in a 12315 complaint (regulators).
func (h *Handlers) fileComplaint(ctx context.Context, a access.Actor, in FileComplaint) (Outcome, error) {
	g, err := parseGTIN("gtin", in.GTIN)
	if err != nil {
		return Outcome{}, err
	}
	f := complaint.Filed{GTIN: g.String(), Category: in.Category, Severity: in.Severity, Channel: in.Channel, Description: in.Description,
		FiledBy: complaint.ByRegulator}
	if in.Lot != "" {
		l, err := parseLot("lot", in.Lot)
		if err != nil {
			return Outcome{}, err
		}
		f.Lot = l.String()
	}
	if in.Item != "" {
		c, err := parseItem("item", in.Item)
		if err != nil {
			return Outcome{}, err
		}
		if c.GTIN != g || (f.Lot != "" && c.Lot.String() != f.Lot) {
			return Outcome{}, domain.Invalid("item", "does_not_belong_gtin_and", "does not belong to the gtin and lot given")
		}
		f.Lot, f.Serial = c.Lot.String(), c.Serial.String()
	}
	against, err := parseUSCC("against_uscc", in.AgainstUSCC)
	if err != nil {
		return Outcome{}, err
	}
	f.AgainstUSCC = against.String()
	f.ComplaintID = h.newID().String()
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{complaint.Stream(f.ComplaintID)},
		[]string{enterprise.Stream(against), product.Stream(g)})
	defer unit.end()
	if _, err := registered(ctx, unit, against, "against_uscc"); err != nil {
		return Outcome{}, err
	}
	if _, err := registeredProduct(ctx, unit, g, "gtin"); err != nil {
		return Outcome{}, err
	}
	c, err := load(ctx, unit, complaint.Stream(f.ComplaintID), complaint.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := c.File(f, in.Contact, unit.now); err != nil {
		return Outcome{}, err
	}
	return unit.commitWith(ctx, Outcome{ComplaintID: f.ComplaintID})
}

// PublicComplaintSeverity is the severity a consumer's complaint is filed
// with: the consumer does not grade it; the regulator reads it on accepting.
const PublicComplaintSeverity = 1

// PublicComplaintChannel is the channel of the public intake.
const PublicComplaintChannel = "web"

// submitComplaint files a consumer's complaint against the enterprise the
// ledger says is concerned: the seller of the item when the package names
// an item that was sold, its holder when it was not, and the batch's owner
// (producer or importer) when the package names only a batch.
func (h *Handlers) submitComplaint(ctx context.Context, a access.Actor, in SubmitComplaint) (Outcome, error) {
	code, err := complainedItem(in)
	if err != nil {
		return Outcome{}, err
	}
	id := h.newID().String()
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{complaint.Stream(id)}, []string{batch.Stream(code.GTIN, code.Lot)})
	defer unit.end()
	b, err := loadBatch(ctx, unit, code.GTIN, code.Lot)
	if err != nil {
		return Outcome{}, err
	}
	if !b.Registered() {
		return Outcome{}, domain.NotFound("item", "no_batch_in_ledger_check", "no batch %s/%s is in the ledger: check the code on the package", code.GTIN, code.Lot)
	}
	against := b.Owner()
	if !code.Serial.IsZero() {
		holder, state, ok := b.ItemHolder(code.Serial.String())
		if !ok {
			return Outcome{}, domain.NotFound("item", "no_item_in_ledger_check", "no item %s is in the ledger: check the code on the package", code.Serial)
		}
		if state == holding.Sold || holder != "" {
			against = holder // the seller keeps a sold item in its tallies
		}
	}
	followUp := h.newCode()
	f := complaint.Filed{ComplaintID: id, GTIN: code.GTIN.String(), Lot: code.Lot.String(), Serial: code.Serial.String(), AgainstUSCC: against,
		Category: in.Category, Severity: PublicComplaintSeverity, Channel: PublicComplaintChannel, Description: in.Description, FiledBy: complaint.ByConsumer,
		FollowUpHash: complaint.FollowUpHash(followUp)}
	c, err := load(ctx, unit, complaint.Stream(id), complaint.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := c.File(f, in.Contact, unit.now); err != nil {
		return Outcome{}, err
	}
	out, err := unit.commitWith(ctx, Outcome{ComplaintID: id})
	if err != nil {
		return Outcome{}, err
	}
	// Set after the commit, outside what an idempotency key keeps: the code
	// is answered once and stored nowhere in clear.
	out.FollowUpCode = followUp
	return out, nil
}

// RandomFollowUpCode is a fresh follow-up code: 80 bits from crypto/rand
// in base 32 (A–Z, 2–7), in four groups of four for reading aloud. With the
// lookup's rate limit, guessing one is out of reach.
func RandomFollowUpCode() string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("follow-up code: crypto/rand: %v", err)) // crypto/rand never fails on supported platforms
	}
	return FollowUpCodeOf(b)
}

// FollowUpCodeOf formats 80 bits as a follow-up code.
func FollowUpCodeOf(b [10]byte) string {
	s := base32.StdEncoding.EncodeToString(b[:])
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
}

// complainedItem reads the code from the package: a Digital Link (item),
// or GTIN and lot with an optional serial.
func complainedItem(in SubmitComplaint) (ident.ItemCode, error) {
	if in.Item != "" {
		if in.GTIN != "" || in.Lot != "" || in.Serial != "" {
			return ident.ItemCode{}, domain.Invalid("item", "give_item_digital_link_or", "give the item's Digital Link or its gtin, lot and serial, not both")
		}
		return parseItem("item", in.Item)
	}
	var c ident.ItemCode
	var err error
	if c.GTIN, err = parseGTIN("gtin", in.GTIN); err != nil {
		return c, err
	}
	if c.Lot, err = parseLot("lot", in.Lot); err != nil {
		return c, err
	}
	if in.Serial != "" {
		if c.Serial, err = parseWith("serial", in.Serial, ident.ParseSerial); err != nil {
			return c, err
		}
	}
	return c, nil
}
