package product

import (
	"fmt"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/category"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// DateLayout is the form of every date in events and inputs.
const DateLayout = "2006-01-02"

// Product is a registered GTIN and its certificate.
type Product struct {
	aggregate.Root
	gtin      ident.GTIN
	reg       Registered
	origin    ident.Country
	status    Status // none, notified, issued, rejected, revoked
	certNo    string
	validFrom time.Time
	validTo   time.Time
	issued    int
	revokedAt time.Time
	// version counts the issued certificate's issue, renewals and
	// amendments; holder and recordNo are its notified data.
	version  int
	holder   string
	recordNo string
	// renotify: after a revocation, the regulator allowed a new
	// notification.
	renotify bool
	// authorised are the importers the owner lets act for the product.
	authorised map[string]bool
}

// Stream is the product's stream name.
func Stream(g ident.GTIN) string { return "product-" + g.String() }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeRegistered:            aggregate.As[Registered](),
	TypeBarcodeNotified:       aggregate.As[BarcodeNotified](),
	TypeCertificateIssued:     aggregate.As[CertificateIssued](),
	TypeCertificateRejected:   aggregate.As[CertificateRejected](),
	TypeCertificateRevoked:    aggregate.As[CertificateRevoked](),
	TypeImporterAuthorised:    aggregate.As[ImporterAuthorised](),
	TypeImporterDeauthorised:  aggregate.As[ImporterDeauthorised](),
	TypeCertificateRenewed:    aggregate.As[CertificateRenewed](),
	TypeCertificateAmended:    aggregate.As[CertificateAmended](),
	TypeRenotificationAllowed: aggregate.As[RenotificationAllowed](),
}

// Load rebuilds a product from its stream.
func Load(recs []event.Record) (*Product, error) {
	p := &Product{status: StatusNone}
	return p, aggregate.Replay("product", recs, Decoders, &p.Root, p.apply)
}

// Details are what a product registration says.
type Details struct {
	Name, Brand, Spec, Category, Manufacturer string
	Origin                                    ident.Country
	Owner                                     ident.USCC
	ShelfLifeDays                             int
}

// Register registers the product once.
func (p *Product) Register(g ident.GTIN, d Details) error {
	if p.Registered() {
		return domain.Conflict("product_already_registered", "product %s is already registered", g)
	}
	for _, f := range []struct{ name, v string }{{"name", d.Name}, {"brand", d.Brand}, {"spec", d.Spec}, {"category", d.Category}, {"manufacturer", d.Manufacturer}} {
		if strings.TrimSpace(f.v) == "" {
			return domain.Invalid(f.name, "required", "is required")
		}
	}
	cat, ok := category.Lookup(d.Category)
	if !ok {
		return domain.Invalid("category", "not_in_key_traceability_product", "%q is not in the key traceability product catalogue %s: give a code or a name listed by GET /api/v1/categories",
			d.Category, category.Current().Version)
	}
	if d.ShelfLifeDays < 0 || d.ShelfLifeDays > 36500 {
		return domain.Invalid("shelf_life_days", "must_between_0_none_and", "must be between 0 (none) and 36500")
	}
	p.Raise(Registered{GTIN: g.String(), Name: d.Name, Brand: d.Brand, Spec: d.Spec, Category: cat.Zh,
		OriginCountry: d.Origin.String(), Manufacturer: d.Manufacturer, OwnerUSCC: d.Owner.String(),
		ShelfLifeDays: d.ShelfLifeDays, CategoryCode: cat.Code, CatalogueVersion: category.Current().Version}, p.apply)
	return nil
}

// Notify records a barcode data notification by the product's owner or an
// importer it authorised. Only imported products are notified; a product
// may be notified when it has no certificate, when its last one was
// rejected or has expired, or after a revocation once the regulator
// allowed a new notification.
func (p *Product) Notify(notifier ident.USCC, recordNo string, now time.Time) error {
	if err := p.ActsForProduct(notifier, "notifier_uscc"); err != nil {
		return err
	}
	if p.origin.IsChina() {
		return domain.Conflict("product_made_in_cn_barcode", "product %s is made in CN: barcode data notification is for imported products", p.gtin)
	}
	switch s := p.Status(now); s {
	case StatusNone, StatusRejected, StatusExpired:
	case StatusRevoked:
		if !p.renotify {
			return domain.Conflict("product_certificate_revoked_and_regulator", "product %s: the certificate is revoked and the regulator has not allowed a new notification", p.gtin)
		}
	default:
		return domain.Conflict("product_cannot_notify_while_certificate", "product %s: cannot notify while the certificate is %s", p.gtin, s)
	}
	p.Raise(BarcodeNotified{GTIN: p.gtin.String(), NotifierUSCC: notifier.String(), RecordNo: recordNo}, p.apply)
	return nil
}

// Verify records the verification of a notified barcode against the origin
// country's numbering organisation: valid issues a certificate valid for
// validDays from today, invalid rejects it.
func (p *Product) Verify(valid bool, reason string, validDays int, now time.Time) error {
	if err := p.mustExist(); err != nil {
		return err
	}
	if s := p.Status(now); s != StatusNotified {
		return domain.Conflict("product_verification_needs_notified_barcode", "product %s: verification needs a notified barcode, the certificate is %s", p.gtin, s)
	}
	if !valid {
		if strings.TrimSpace(reason) == "" {
			return domain.Invalid("reason", "required_when_barcode_not_valid", "is required when the barcode is not valid")
		}
		p.Raise(CertificateRejected{GTIN: p.gtin.String(), Reason: reason}, p.apply)
		return nil
	}
	if validDays == 0 {
		validDays = 365
	}
	if validDays < 1 || validDays > 3650 {
		return domain.Invalid("valid_days", "must_between_1_and_3650", "must be between 1 and 3650")
	}
	from := now.UTC()
	to := from.AddDate(0, 0, validDays-1)
	no := fmt.Sprintf("TZ%s%s%02d", from.Format("2006"), p.gtin, p.issued+1)
	p.Raise(CertificateIssued{GTIN: p.gtin.String(), CertificateNo: no,
		ValidFrom: from.Format(DateLayout), ValidTo: to.Format(DateLayout)}, p.apply)
	return nil
}

// Revoke withdraws an issued certificate (expired ones too: a revocation
// on file outlives the expiry).
func (p *Product) Revoke(reason string, now time.Time) error {
	if err := p.mustExist(); err != nil {
		return err
	}
	if s := p.Status(now); s != StatusIssued && s != StatusExpired {
		return domain.Conflict("product_only_issued_certificate_can", "product %s: only an issued certificate can be revoked, it is %s", p.gtin, s)
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid("reason", "required", "is required")
	}
	p.Raise(CertificateRevoked{GTIN: p.gtin.String(), CertificateNo: p.certNo, Reason: reason, RevokedAt: now.UTC().Format(time.RFC3339)}, p.apply)
	return nil
}

func (p *Product) mustExist() error {
	if !p.Registered() {
		return domain.NotFound("gtin", "product_not_registered_2", "product is not registered")
	}
	return nil
}

func (p *Product) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Registered:
		p.gtin, _ = ident.ParseGTIN(ev.GTIN)
		p.origin, _ = ident.ParseCountry(ev.OriginCountry)
		p.reg = ev
	case BarcodeNotified:
		p.status, p.certNo, p.validFrom, p.validTo = StatusNotified, "", time.Time{}, time.Time{}
		p.version, p.holder, p.recordNo, p.renotify = 0, ev.NotifierUSCC, ev.RecordNo, false
		p.revokedAt = time.Time{}
	case CertificateIssued:
		p.status, p.certNo = StatusIssued, ev.CertificateNo
		p.validFrom, _ = time.Parse(DateLayout, ev.ValidFrom)
		p.validTo, _ = time.Parse(DateLayout, ev.ValidTo)
		p.issued++
		p.version = 1
	case CertificateRenewed:
		p.validTo, _ = time.Parse(DateLayout, ev.ValidTo)
		p.version = ev.Version
	case CertificateAmended:
		p.version = ev.Version
		for _, c := range ev.Changes {
			switch c.Field {
			case "record_no":
				p.recordNo = c.To
			case "holder_uscc":
				p.holder = c.To
			}
		}
	case RenotificationAllowed:
		p.renotify = true
	case CertificateRejected:
		p.status = StatusRejected
	case CertificateRevoked:
		p.status = StatusRevoked
		p.revokedAt, _ = time.Parse(time.RFC3339, ev.RevokedAt)
	case ImporterAuthorised:
		if p.authorised == nil {
			p.authorised = map[string]bool{}
		}
		p.authorised[ev.ImporterUSCC] = true
	case ImporterDeauthorised:
		delete(p.authorised, ev.ImporterUSCC)
	}
}
