package product

import (
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// An issued certificate lives on: the regulator renews it before it expires
// (on its holder's application), its holder amends the notified data, and
// after a revocation the regulator may allow a new notification. Each
// renewal and amendment is a new version of the same certificate number:
// issue is version 1.

// Amendment is the notified data an amendment changes: an empty field is
// left as it is.
type Amendment struct {
	RecordNo string
	// Holder is the importer that holds the certificate from now on: the
	// owner or an importer it authorised.
	Holder ident.USCC
	Reason string
}

// Renew extends an issued, unexpired certificate by validDays (365 when 0)
// after its current last valid day, keeping its number.
func (p *Product) Renew(validDays int, now time.Time) error {
	if err := p.mustExist(); err != nil {
		return err
	}
	if s := p.Status(now); s != StatusIssued {
		return domain.Conflict("product_only_issued_certificate_renewed", "product %s: only an issued certificate is renewed before it expires, it is %s (notify again instead)", p.gtin, s)
	}
	if validDays == 0 {
		validDays = 365
	}
	if validDays < 1 || validDays > 3650 {
		return domain.Invalid("valid_days", "must_between_1_and_3650", "must be between 1 and 3650")
	}
	to := p.validTo.AddDate(0, 0, validDays)
	p.Raise(CertificateRenewed{GTIN: p.gtin.String(), CertificateNo: p.certNo, Version: p.version + 1,
		ValidFrom: p.validFrom.Format(DateLayout), ValidTo: to.Format(DateLayout), PreviousValidTo: p.validTo.Format(DateLayout)}, p.apply)
	return nil
}

// Amend changes the notified data of an issued certificate, which stays
// issued. by records it: the product's owner or an importer it authorised
// (field holder_uscc). An amendment that changes nothing is refused.
func (p *Product) Amend(by ident.USCC, a Amendment, now time.Time) error {
	if err := p.ActsForProduct(by, "holder_uscc"); err != nil {
		return err
	}
	if s := p.Status(now); s != StatusIssued {
		return domain.Conflict("product_only_issued_certificate_amended", "product %s: only an issued certificate is amended, it is %s", p.gtin, s)
	}
	if strings.TrimSpace(a.Reason) == "" {
		return domain.Invalid("reason", "required", "is required")
	}
	var changes []Change
	if a.RecordNo != "" && a.RecordNo != p.recordNo {
		changes = append(changes, Change{Field: FieldRecordNo, From: p.recordNo, To: a.RecordNo})
	}
	if !a.Holder.IsZero() && a.Holder.String() != p.holder {
		if err := p.ActsForProduct(a.Holder, "new_holder_uscc"); err != nil {
			return err
		}
		changes = append(changes, Change{Field: FieldHolder, From: p.holder, To: a.Holder.String()})
	}
	if len(changes) == 0 {
		return domain.Invalid("record_no", "changes_nothing_give_record_no", "changes nothing: give a record_no or new_holder_uscc other than the certificate's")
	}
	p.Raise(CertificateAmended{GTIN: p.gtin.String(), CertificateNo: p.certNo, Version: p.version + 1,
		Changes: changes, Reason: a.Reason}, p.apply)
	return nil
}

// AllowRenotification lets a product whose certificate was revoked be
// notified again (the regulator, once the cause is remedied).
func (p *Product) AllowRenotification(reason string, now time.Time) error {
	if err := p.mustExist(); err != nil {
		return err
	}
	if s := p.Status(now); s != StatusRevoked {
		return domain.Conflict("product_new_notification_allowed_only", "product %s: a new notification is allowed only after a revocation, the certificate is %s", p.gtin, s)
	}
	if p.renotify {
		return domain.Conflict("product_new_notification_already_allowed", "product %s: a new notification is already allowed", p.gtin)
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid("reason", "required", "is required")
	}
	p.Raise(RenotificationAllowed{GTIN: p.gtin.String(), CertificateNo: p.certNo, Reason: reason}, p.apply)
	return nil
}

// CertificateVersion is the issued certificate's version: 1 at issue, one more for
// each renewal and amendment (0 when none was issued).
func (p *Product) CertificateVersion() int { return p.version }

// Holder is the importer holding the certificate: the last notifier, or
// whom an amendment made the holder.
func (p *Product) Holder() string { return p.holder }
