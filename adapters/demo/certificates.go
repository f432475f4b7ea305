package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// The certificate states a product ends in, as the ledger reports them now.
const (
	certNone     = "none"
	certNotified = "notified"
	certIssued   = "issued"
	certRejected = "rejected"
	certExpired  = "expired"
	certRevoked  = "revoked"
	// certReissued ends issued, after a first notification was rejected.
	certReissued = "reissued"
)

// certificate is the plan of one product's barcode notification certificate.
type certificate struct {
	story     string // one of the cert* constants
	notified  time.Time
	decided   time.Time
	renotify  time.Time // certReissued: the second notification
	reissue   time.Time
	validDays int
	validTo   time.Time // last valid day of the issued certificate
	revokeAt  time.Time
	recordNo  string
	life      certLife // renewals, amendments, a new notification after revocation
}

// status is the certificate's state now, as the ledger derives it.
func (c certificate) status() string {
	if c.story == certReissued || c.life.reissued() {
		return certIssued
	}
	return c.story
}

// planCertificates gives each imported product a certificate story: most are
// notified and issued; the first few take the rarer stories so that even a
// small data set shows every state; the rest are drawn by weight. It also
// sets each product's trading window, which the certificate bounds.
func (p *plan) planCertificates() {
	r := rng(p.seed, "certificates")
	forced := []string{certRejected, certRevoked, certNotified, certExpired, certReissued, certRevoked, certExpired}
	k := 0
	for _, pr := range p.products {
		pr.from, pr.to = p.today.AddDate(0, 0, -365), p.latest().AddDate(0, 0, -1)
		if !pr.imported() {
			pr.cert.story = certNone
			continue
		}
		c := &pr.cert
		if k < len(forced) {
			c.story = forced[k]
		} else {
			switch x := r.Float64(); {
			case x < 0.05:
				c.story = certRejected
			case x < 0.10:
				c.story = certRevoked
			case x < 0.13:
				c.story = certNotified
			case x < 0.19:
				c.story = certExpired
			case x < 0.22:
				c.story = certReissued
			default:
				c.story = certIssued
			}
		}
		k++
		c.recordNo = fmt.Sprintf("%s%s%06d", pr.owner.region.port.office, pr.registered.Format("2006"), k)
		c.validDays = pick(r, []int{730, 730, 1095})
		switch c.story {
		case certIssued, certRevoked:
			c.notified = p.daysAgo(r, between(r, 345, 420))
			c.decided = after(r, c.notified, 48, 240)
		case certReissued:
			c.notified = p.daysAgo(r, between(r, 420, 460))
			c.decided = after(r, c.notified, 48, 240)
			c.renotify = after(r, c.decided, 240, 600)
			c.reissue = after(r, c.renotify, 48, 200)
		case certExpired:
			c.validDays = 365
			c.notified = p.daysAgo(r, between(r, 400, 445))
			c.decided = after(r, c.notified, 48, 120)
		case certRejected:
			c.notified = p.daysAgo(r, between(r, 60, 150))
			c.decided = after(r, c.notified, 72, 300)
		case certNotified:
			c.notified = p.daysAgo(r, between(r, 8, 14))
		}
		issued := c.decided
		if c.story == certReissued {
			issued = c.reissue
		}
		c.validTo = issued.Truncate(24*time.Hour).AddDate(0, 0, c.validDays-1)
		pr.from = maxTime(pr.from, issued.AddDate(0, 0, 1))
		switch c.story {
		case certExpired:
			pr.to = minTime(pr.to, c.validTo.Add(-12*time.Hour))
		case certRevoked:
			c.revokeAt = p.daysAgo(r, between(r, 20, 70))
			pr.to = minTime(pr.to, c.revokeAt.AddDate(0, 0, -1))
		case certNotified:
			pr.from, pr.to = after(r, c.notified, 24, 72), p.latest()
		}
	}
}

// certSteps are the product's notifications and decisions, in order. A
// revocation comes last of all, with the oversight (see planOversight): the
// ledger refuses to sell goods of a revoked product, so it must follow
// every sale.
func (pr *product) certSteps() []step {
	c := pr.cert
	switch c.story {
	case certNone:
		return nil
	case certNotified:
		return []step{notify{pr, c.notified}}
	case certRejected:
		return []step{notify{pr, c.notified}, verify{pr, c.decided, false, 0}}
	case certReissued:
		return []step{notify{pr, c.notified}, verify{pr, c.decided, false, 0},
			notify{pr, c.renotify}, verify{pr, c.reissue, true, c.validDays}}
	}
	return []step{notify{pr, c.notified}, verify{pr, c.decided, true, c.validDays}}
}

// notify is the importer's barcode data notification (通报).
type notify struct {
	pr *product
	at time.Time
}

func (s notify) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.NotifyBarcode(ctx, s.pr.owner.actor(), command.NotifyBarcode{
		Common: at(s.at), GTIN: s.pr.gtin, NotifierUSCC: s.pr.owner.uscc, RecordNo: s.pr.cert.recordNo,
	})
	return x.finish(kNotification, out, err, "notify barcode %s", s.pr.gtin)
}

// verify is the regulator's verification against the origin's numbering
// organisation: it issues (valid for days from the decision) or rejects.
type verify struct {
	pr    *product
	at    time.Time
	valid bool
	days  int
}

func (s verify) run(ctx context.Context, x *runner) error {
	in := command.VerifyBarcode{Common: at(s.at), GTIN: s.pr.gtin, Valid: &s.valid, ValidDays: s.days}
	if !s.valid {
		in.Reason = certRejections[int(s.pr.gtin[12]-'0')%len(certRejections)]
	}
	out, err := x.cmds.VerifyBarcode(ctx, regulator, in)
	return x.finish(kVerification, out, err, "verify barcode %s", s.pr.gtin)
}

// revoke withdraws an issued certificate.
type revoke struct{ pr *product }

func (s revoke) run(ctx context.Context, x *runner) error {
	reason := certRevocations[int(s.pr.gtin[12]-'0')%len(certRevocations)]
	out, err := x.cmds.RevokeCertificate(ctx, regulator, command.RevokeCertificate{
		Common: at(s.pr.cert.revokeAt), GTIN: s.pr.gtin, Reason: reason,
	})
	return x.finish(kRevocation, out, err, "revoke certificate of %s", s.pr.gtin)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
