package batch

import (
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/product"
)

// Imported goods change hands at a receiver's intake and at a sale only
// under an issued, valid certificate (进口商品条码数据通报凭证): retailers and
// e-commerce platforms check it in their daily intake. Domestic goods need
// none. The product aggregate derives the certificate's state at the
// ledger's recording time (expired and revoked included); the batch, which
// guards every movement of its units, decides with it.

// CertificateAdmits reports whether goods of a product, imported or not,
// may be received or sold while its certificate is in state s.
func CertificateAdmits(imported bool, s product.Status) bool {
	return !imported || s == product.StatusIssued
}

// mustBeCertified refuses to receive or sell (verb) imported goods whose
// certificate is not issued and valid, naming the certificate's state and
// the request's field.
func (b *Batch) mustBeCertified(s product.Status, verb, field string) error {
	if CertificateAdmits(b.reg.Imported, s) {
		return nil
	}
	if s == "" {
		s = product.StatusNone
	}
	return domain.ConflictAt(field, "certificate_product_imported_goods_cannot", "the certificate of product %s is %s: imported goods cannot be %s", b.reg.GTIN, s, verb)
}
