package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/app/command"
)

// certLife is what happens to a product's certificate after its issue:
// the regulator renews it before it expires, the importer amends its
// record number, and after a revocation the regulator allows a new
// notification, which is verified and issued again.
type certLife struct {
	renewAt    time.Time
	renewDays  int
	amendAt    time.Time
	newRecord  string
	allowAt    time.Time // after the revocation: leave to notify again
	renotifyAt time.Time
	reissueAt  time.Time
}

// reissued reports whether the certificate was issued again after a
// revocation.
func (l certLife) reissued() bool { return !l.reissueAt.IsZero() }

// planCertLife gives some issued certificates a renewal and some an
// amendment (the first ones both, so that every data set has them), and
// every other revoked product, the first included, a new notification the
// regulator allowed. Renewals and amendments go in the product's chain;
// the new notification follows the revocation in the oversight.
func (p *plan) planCertLife() {
	r := rng(p.seed, "certlife")
	issued, revoked := 0, 0
	for _, pr := range p.products {
		c := &pr.cert
		switch c.story {
		case certIssued, certReissued:
			first := c.decided
			if c.story == certReissued {
				first = c.reissue
			}
			earliest := first.AddDate(0, 0, 30)
			if !p.latest().After(earliest) {
				continue
			}
			last := first
			if issued < 2 || chance(r, 0.3) {
				c.life.renewAt = within(r, earliest, p.latest().AddDate(0, 0, -2))
				c.life.renewDays = pick(r, []int{365, 730})
				c.validTo = c.validTo.AddDate(0, 0, c.life.renewDays)
				last = c.life.renewAt
				pr.steps = append(pr.steps, renew{pr})
			}
			if issued < 2 || chance(r, 0.2) {
				c.life.amendAt = within(r, maxTime(last, earliest).Add(time.Hour), p.latest())
				c.life.newRecord = fmt.Sprintf("%sA%d", c.recordNo, 1+r.IntN(9))
				pr.steps = append(pr.steps, amend{pr})
			}
			issued++
		case certRevoked:
			if revoked%2 == 0 {
				c.life.allowAt = after(r, c.revokeAt, 48, 144)
				c.life.renotifyAt = after(r, c.life.allowAt, 24, 72)
				c.life.reissueAt = after(r, c.life.renotifyAt, 48, 120)
			}
			revoked++
		}
	}
}

// renotifySteps follow a revocation: the regulator's leave, the new
// notification and its verification (none when the plan has none).
func (pr *product) renotifySteps() []step {
	l := pr.cert.life
	if !l.reissued() {
		return nil
	}
	return []step{allowRenotification{pr}, notify{pr, l.renotifyAt}, verify{pr, l.reissueAt, true, pr.cert.validDays}}
}

// renew is the regulator's renewal of an issued certificate.
type renew struct{ pr *product }

func (s renew) run(ctx context.Context, x *runner) error {
	l := s.pr.cert.life
	out, err := x.cmds.RenewCertificate(ctx, regulator, command.RenewCertificate{Common: at(l.renewAt), GTIN: s.pr.gtin, ValidDays: l.renewDays})
	return x.finish(kRenewal, out, err, "renew certificate of %s", s.pr.gtin)
}

// amend is the importer's amendment of its record number.
type amend struct{ pr *product }

func (s amend) run(ctx context.Context, x *runner) error {
	l := s.pr.cert.life
	out, err := x.cmds.AmendCertificate(ctx, s.pr.owner.actor(), command.AmendCertificate{Common: at(l.amendAt), GTIN: s.pr.gtin,
		HolderUSCC: s.pr.owner.uscc, RecordNo: l.newRecord, Reason: "海关备案号变更"})
	return x.finish(kAmendment, out, err, "amend certificate of %s", s.pr.gtin)
}

// allowRenotification is the regulator's leave to notify a revoked
// product again.
type allowRenotification struct{ pr *product }

func (s allowRenotification) run(ctx context.Context, x *runner) error {
	out, err := x.cmds.AllowRenotification(ctx, regulator, command.AllowRenotification{Common: at(s.pr.cert.life.allowAt), GTIN: s.pr.gtin,
		Reason: "撤销原因已消除，准予重新通报"})
	return x.finish(kRenotification, out, err, "allow %s to be notified again", s.pr.gtin)
}
