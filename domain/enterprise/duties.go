package enterprise

// Which registered roles may take part in which step of the chain. Each rule
// refuses with a conflict naming field, the client's field for the
// enterprise.

// MayNotifyBarcodes: only importers notify barcode data of imported goods.
func (e *Enterprise) MayNotifyBarcodes(field string) error { return e.RequireRole(field, Importer) }

// MayDeclareImports: only importers file customs declarations.
func (e *Enterprise) MayDeclareImports(field string) error { return e.RequireRole(field, Importer) }

// MayOwnBatch: an imported product's batches are registered by an importer,
// a domestic product's by a manufacturer.
func (e *Enterprise) MayOwnBatch(field string, imported bool) error {
	if imported {
		return e.RequireRole(field, Importer)
	}
	return e.RequireRole(field, Manufacturer)
}

// MaySell: only retailers and e-commerce platforms sell to consumers.
func (e *Enterprise) MaySell(field string) error { return e.RequireRole(field, Retailer, Ecommerce) }

// MayReceiveGoods: goods are shipped to enterprises that hold stock, never
// to a logistics provider (which carries them under a waybill).
func (e *Enterprise) MayReceiveGoods(field string) error {
	return e.RequireRole(field, Manufacturer, Importer, Distributor, Retailer, Ecommerce)
}
