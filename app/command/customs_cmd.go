package command

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/ident"
)

// declareCustoms files an importer's declaration of batches it imported.
func (h *Handlers) declareCustoms(ctx context.Context, a access.Actor, in DeclareCustoms) (Outcome, error) {
	no, err := parseDeclarationNo("declaration_no", in.DeclarationNo)
	if err != nil {
		return Outcome{}, err
	}
	importer, err := actingAs(a, "importer_uscc", in.ImporterUSCC)
	if err != nil {
		return Outcome{}, err
	}
	refs := make([]batchRef, len(in.Lines))
	lines := make([]customs.Line, len(in.Lines))
	reads := []string{enterprise.Stream(importer)}
	for i, ln := range in.Lines {
		g, err := parseGTIN(subField("lines", i, "gtin"), ln.GTIN)
		if err != nil {
			return Outcome{}, err
		}
		l, err := parseLot(subField("lines", i, "lot"), ln.Lot)
		if err != nil {
			return Outcome{}, err
		}
		q, err := parseQuantity(subField("lines", i, "quantity"), ln.Quantity)
		if err != nil {
			return Outcome{}, err
		}
		hs, err := ident.ParseHSCode(ln.HSCode)
		if err != nil {
			return Outcome{}, fieldErr(subField("lines", i, "hs_code"), ln.HSCode, err)
		}
		c, err := parseCountry(subField("lines", i, "origin_country"), ln.OriginCountry)
		if err != nil {
			return Outcome{}, err
		}
		refs[i] = batchRef{g, l}
		lines[i] = customs.Line{GTIN: g.String(), Lot: l.String(), Quantity: q.Int64(), HSCode: hs.String(), OriginCountry: c.String()}
		reads = append(reads, batch.Stream(g, l))
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), []string{customs.Stream(no)}, reads)
	defer unit.end()
	e, err := registered(ctx, unit, importer, "importer_uscc")
	if err != nil {
		return Outcome{}, err
	}
	if err := e.MayDeclareImports("importer_uscc"); err != nil {
		return Outcome{}, err
	}
	batches := make([]customs.Batch, len(refs))
	for i, r := range refs {
		if batches[i], err = loadBatch(ctx, unit, r.g, r.l); err != nil {
			return Outcome{}, err
		}
	}
	d, err := load(ctx, unit, customs.Stream(no), customs.Load)
	if err != nil {
		return Outcome{}, err
	}
	if err := d.Declare(no, in.Port, importer, lines, batches); err != nil {
		return Outcome{}, err
	}
	return unit.commit(ctx)
}

// inspectCustoms records customs' inspection of a declaration (regulators).
func (h *Handlers) inspectCustoms(ctx context.Context, a access.Actor, in InspectCustoms) (Outcome, error) {
	no, err := parseDeclarationNo("no", in.DeclarationNo)
	if err != nil {
		return Outcome{}, err
	}
	return decideOn(ctx, h, h.metadata(ctx, a, in.Common), customs.Stream(no), customs.Load, func(d *customs.Declaration) error { return d.Inspect(in.Result, in.Findings) })
}

// decideRelease releases or rejects a declaration and with it each declared
// batch (regulators).
func (h *Handlers) decideRelease(ctx context.Context, a access.Actor, in DecideRelease) (Outcome, error) {
	no, err := parseDeclarationNo("no", in.DeclarationNo)
	if err != nil {
		return Outcome{}, err
	}
	if in.Decision != batch.DecisionReleased && in.Decision != batch.DecisionRejected {
		return Outcome{}, domain.Invalid("decision", "must_released_or_rejected", "must be released or rejected")
	}
	lines, err := h.declaredLines(ctx, no)
	if err != nil {
		return Outcome{}, err
	}
	writes := []string{customs.Stream(no)}
	for _, ln := range lines {
		writes = append(writes, batch.StreamOf(ln.GTIN, ln.Lot))
	}
	unit := h.begin(h.metadata(ctx, a, in.Common), writes, nil)
	defer unit.end()
	d, err := load(ctx, unit, customs.Stream(no), customs.Load)
	if err != nil {
		return Outcome{}, err
	}
	if in.Decision == batch.DecisionReleased {
		err = d.Release(in.Reason)
	} else {
		err = d.Reject(in.Reason)
	}
	if err != nil {
		return Outcome{}, err
	}
	for _, ln := range d.Lines() {
		b, err := load(ctx, unit, batch.StreamOf(ln.GTIN, ln.Lot), batch.Load)
		if err != nil {
			return Outcome{}, err
		}
		if err := b.Clear(no.String(), in.Decision, in.Reason); err != nil {
			return Outcome{}, err
		}
	}
	return unit.commit(ctx)
}

// declaredLines reads a declaration's lines under a read lock: they never
// change once filed, so a command may lock its batches afterwards (none when
// it is not filed: the declaration refuses then).
func (h *Handlers) declaredLines(ctx context.Context, no ident.DeclarationNo) ([]customs.Line, error) {
	unit := h.begin(readOnly, nil, []string{customs.Stream(no)})
	defer unit.end()
	d, err := load(ctx, unit, customs.Stream(no), customs.Load)
	if err != nil {
		return nil, err
	}
	return d.Lines(), nil
}
