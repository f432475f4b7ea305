package search

import (
	"strconv"
	"strings"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/category"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
)

func (f *fold) product(ev event.Event, day string) error {
	var gtin string
	switch ev := ev.(type) {
	case product.Registered:
		gtin = ev.GTIN
	case product.BarcodeNotified:
		gtin = ev.GTIN
	case product.CertificateIssued:
		gtin = ev.GTIN
	case product.CertificateRejected:
		gtin = ev.GTIN
	case product.CertificateRevoked:
		gtin = ev.GTIN
	case product.CertificateAmended:
		gtin = ev.GTIN
	}
	d, err := f.get(KindProduct, gtin)
	if err != nil {
		return err
	}
	switch ev := ev.(type) {
	case product.Registered:
		for k, v := range map[string]string{"gtin": ev.GTIN, "name": ev.Name, "brand": ev.Brand, "spec": ev.Spec,
			"category": ev.Category, "origin": ev.OriginCountry, "manufacturer": ev.Manufacturer, "owner": ev.OwnerUSCC, "date": day} {
			d.set(k, v)
		}
		d.set("owner_name", f.peek(KindEnterprise, ev.OwnerUSCC, "name"))
		// A catalogue category is found by its code and English name too.
		if e, ok := category.Lookup(ev.Category); ok {
			d.set("category_terms", e.Code+" "+e.En)
		}
		add(&d.Visible, ev.OwnerUSCC)
		add(&d.Refs, ev.OwnerUSCC)
	case product.BarcodeNotified:
		d.F["certificate"] = "notified"
		d.set("record_no", ev.RecordNo)
		add(&d.Own, ev.RecordNo)
		add(&d.Visible, ev.NotifierUSCC)
		add(&d.Refs, ev.NotifierUSCC)
	case product.CertificateIssued:
		d.F["certificate"] = "issued"
		d.set("certificate_no", ev.CertificateNo)
		add(&d.Own, ev.CertificateNo)
	case product.CertificateRejected:
		d.F["certificate"] = "rejected"
		add(&d.Notes, ev.Reason)
	case product.CertificateRevoked:
		d.F["certificate"] = "revoked"
		add(&d.Notes, ev.Reason)
	case product.CertificateAmended:
		if no, ok := ev.Changed(product.FieldRecordNo); ok {
			d.set("record_no", no)
			add(&d.Own, no)
		}
	}
	return nil
}

// batchOf names the batch an event of the batch stream is about.
func batchOf(ev event.Event) (gtin, lot string) {
	switch ev := ev.(type) {
	case batch.Registered:
		return ev.GTIN, ev.Lot
	case batch.Cleared:
		return ev.GTIN, ev.Lot
	case batch.Shipped:
		return ev.GTIN, ev.Lot
	case batch.Received:
		return ev.GTIN, ev.Lot
	case batch.Sold:
		return ev.GTIN, ev.Lot
	case batch.Recalled:
		return ev.GTIN, ev.Lot
	case batch.Inspected:
		return ev.GTIN, ev.Lot
	}
	return "", ""
}

func (f *fold) batch(ev event.Event) error {
	gtin, lot := batchOf(ev)
	b, err := f.get(KindBatch, batchID(gtin, lot))
	if err != nil {
		return err
	}
	b.F["gtin"], b.F["lot"] = gtin, lot
	switch ev := ev.(type) {
	case batch.Registered:
		for k, v := range map[string]string{"produced": ev.ProducedOn, "expires": ev.ExpiresOn, "owner": ev.OwnerUSCC,
			"origin": ev.OriginCountry, "quantity": strconv.FormatInt(ev.Quantity, 10), "date": ev.ProducedOn} {
			b.set(k, v)
		}
		b.set("product", f.peek(KindProduct, gtin, "name"))
		b.set("owner_name", f.peek(KindEnterprise, ev.OwnerUSCC, "name"))
		add(&b.Refs, gtin, lot, ev.OwnerUSCC)
		return f.holder(b, ev.OwnerUSCC)
	case batch.Cleared:
		b.F["customs"] = ev.Decision
		add(&b.Refs, ev.DeclarationNo)
		add(&b.Notes, ev.Reason)
	case batch.Shipped:
		if err := f.holder(b, ev.FromUSCC); err != nil {
			return err
		}
		if err := f.holder(b, ev.ToUSCC); err != nil {
			return err
		}
		return f.partners(ev.FromUSCC, ev.ToUSCC)
	case batch.Received:
		return f.holder(b, ev.ToUSCC)
	case batch.Sold:
		add(&b.Notes, ev.Channel)
		return f.holder(b, ev.SellerUSCC)
	case batch.Recalled:
		b.F["recalled"] = "true"
		add(&b.Links, ev.RecallID)
		r, err := f.get(KindRecall, ev.RecallID)
		if err != nil {
			return err
		}
		add(&r.Visible, b.Visible...)
	case batch.Inspected:
		b.F["inspection"] = ev.Result
		add(&b.Notes, ev.Findings)
		return f.holder(b, ev.EnterpriseUSCC)
	}
	return nil
}

func (f *fold) declaration(ev event.Event, day string) error {
	var no string
	switch ev := ev.(type) {
	case customs.Declared:
		no = ev.DeclarationNo
	case customs.Inspected:
		no = ev.DeclarationNo
	case customs.Released:
		no = ev.DeclarationNo
	case customs.Rejected:
		no = ev.DeclarationNo
	}
	d, err := f.get(KindDeclaration, no)
	if err != nil {
		return err
	}
	switch ev := ev.(type) {
	case customs.Declared:
		d.set("port", ev.Port)
		d.set("importer", ev.ImporterUSCC)
		d.set("importer_name", f.peek(KindEnterprise, ev.ImporterUSCC, "name"))
		d.set("date", day)
		d.F["status"] = "declared"
		d.F["lines"] = strconv.Itoa(len(ev.Lines))
		add(&d.Visible, ev.ImporterUSCC)
		add(&d.Refs, ev.ImporterUSCC)
		for _, l := range ev.Lines {
			add(&d.Refs, l.GTIN, l.Lot, l.HSCode)
			add(&d.Notes, f.peek(KindProduct, l.GTIN, "name"))
		}
	case customs.Inspected:
		d.F["inspection"] = ev.Result
		add(&d.Notes, ev.Findings)
	case customs.Released:
		d.F["status"] = "released"
		add(&d.Notes, ev.Reason)
	case customs.Rejected:
		d.F["status"] = "rejected"
		add(&d.Notes, ev.Reason)
	}
	return nil
}

func (f *fold) complaint(ev event.Event, day string) error {
	switch ev := ev.(type) {
	case complaint.Filed:
		d, err := f.get(KindComplaint, ev.ComplaintID)
		if err != nil {
			return err
		}
		for k, v := range map[string]string{"gtin": ev.GTIN, "lot": ev.Lot, "against": ev.AgainstUSCC, "category": ev.Category,
			"channel": ev.Channel, "date": day, "severity": strconv.Itoa(ev.Severity)} {
			d.set(k, v)
		}
		d.F["status"] = "filed"
		d.set("product", f.peek(KindProduct, ev.GTIN, "name"))
		d.set("against_name", f.peek(KindEnterprise, ev.AgainstUSCC, "name"))
		add(&d.Visible, ev.AgainstUSCC)
		add(&d.Refs, ev.GTIN, ev.Lot, ev.Serial, ev.AgainstUSCC)
	case complaint.Accepted:
		return f.caseStatus(ev.ComplaintID, "accepted", "")
	case complaint.Refused:
		return f.caseStatus(ev.ComplaintID, "refused", ev.Reason)
	case complaint.InvestigationStarted:
		return f.caseStatus(ev.ComplaintID, "investigating", "")
	case complaint.Transferred:
		return f.caseStatus(ev.ComplaintID, "transferred", strings.TrimSpace(ev.Authority+" "+ev.Reason))
	case complaint.Resolved:
		conclusion := ev.Conclusion
		if conclusion == "" {
			conclusion = "resolved"
		}
		if err := f.caseStatus(ev.ComplaintID, conclusion, ev.Outcome); err != nil {
			return err
		}
		d, err := f.get(KindComplaint, ev.ComplaintID)
		if err != nil {
			return err
		}
		d.F["verdict"] = "unsubstantiated"
		if ev.Substantiated {
			d.F["verdict"] = "substantiated"
		}
	}
	return nil
}

// caseStatus records the step a complaint case reached, and the note the
// step gave (a reason, an outcome).
func (f *fold) caseStatus(id, status, note string) error {
	d, err := f.get(KindComplaint, id)
	if err != nil {
		return err
	}
	d.F["status"] = status
	add(&d.Notes, note)
	return nil
}

func (f *fold) recall(ev event.Event, day string) error {
	switch ev := ev.(type) {
	case recall.Started:
		d, err := f.get(KindRecall, ev.RecallID)
		if err != nil {
			return err
		}
		d.set("reason", ev.Reason)
		d.set("level", strconv.Itoa(ev.Level))
		d.set("initiator", ev.InitiatedByUSCC)
		d.set("initiator_name", f.peek(KindEnterprise, ev.InitiatedByUSCC, "name"))
		d.set("date", day)
		d.set("complete_by", ev.CompleteBy)
		d.F["status"] = "open"
		add(&d.Visible, ev.InitiatedByUSCC)
		add(&d.Refs, ev.InitiatedByUSCC)
		for _, k := range ev.Batches {
			add(&d.Refs, k.GTIN, k.Lot)
			add(&d.Notes, f.peek(KindProduct, k.GTIN, "name"))
			b, err := f.get(KindBatch, batchID(k.GTIN, k.Lot))
			if err != nil {
				return err
			}
			b.F["gtin"], b.F["lot"] = k.GTIN, k.Lot
			add(&b.Links, ev.RecallID)
			add(&d.Visible, b.Visible...)
		}
	case recall.Closed:
		d, err := f.get(KindRecall, ev.RecallID)
		if err != nil {
			return err
		}
		d.F["status"] = "closed"
	}
	return nil
}
