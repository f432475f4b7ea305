package epcisview

import (
	"encoding/binary"

	"github.com/traceledger/traceledger/projections/modelstore"
)

// renderCtx is what a renderer reads and folds into during one Apply: the
// batch of the store it writes, with a cache of what the batch already
// read or wrote (a batch of the log reads the same shipments and batches
// again and again), and the model's in-memory state. Every key the batch
// may read back is cached when written (put, del), so the batch only
// writes, and a read the cache cannot answer is one of committed state.
// The first fault of the store sticks and fails the Apply.
type renderCtx struct {
	p     *Projection
	b     *modelstore.Batch
	cache map[string][]byte
	err   error
}

func newRenderCtx(p *Projection, b *modelstore.Batch) *renderCtx {
	return &renderCtx{p: p, b: b, cache: map[string][]byte{}}
}

// get reads key through the cache (nil when absent).
func (c *renderCtx) get(key []byte) []byte {
	if v, ok := c.cache[string(key)]; ok {
		return v
	}
	v, _, err := c.p.m.Get(key)
	c.fault(err)
	c.cache[string(key)] = v
	return v
}

// put writes key and remembers it for the rest of the batch.
func (c *renderCtx) put(key, value []byte) {
	c.cache[string(key)] = value
	c.set(key, value)
}

// set writes key without caching it (keys the batch never reads back).
func (c *renderCtx) set(key, value []byte) { c.fault(c.b.Set(key, value)) }

func (c *renderCtx) del(key []byte) {
	c.cache[string(key)] = nil
	c.fault(c.b.Delete(key))
}

func (c *renderCtx) fault(err error) {
	if err != nil && c.err == nil {
		c.err = err
	}
}

func (c *renderCtx) batch(gtin, lot string) batchInfo {
	r := &reader{b: c.get(contextKey(ctxBatch, gtin+"|"+lot))}
	if len(r.b) == 0 {
		return batchInfo{}
	}
	return batchInfo{Owner: r.string(), ExpiresOn: r.string()}
}

func (c *renderCtx) setBatch(gtin, lot string, b batchInfo) {
	c.put(contextKey(ctxBatch, gtin+"|"+lot), putString(putString(nil, b.Owner), b.ExpiresOn))
}

func (c *renderCtx) shipment(id string) shipmentInfo {
	r := &reader{b: c.get(contextKey(ctxShipment, id))}
	if len(r.b) == 0 {
		return shipmentInfo{}
	}
	return shipmentInfo{From: r.string(), To: r.string()}
}

func (c *renderCtx) setShipment(id string, s shipmentInfo) {
	c.put(contextKey(ctxShipment, id), putString(putString(nil, s.From), s.To))
}

func (c *renderCtx) declaration(no string) (declarationInfo, bool) {
	r := &reader{b: c.get(contextKey(ctxDeclaration, no))}
	if len(r.b) == 0 {
		return declarationInfo{}, false
	}
	d := declarationInfo{Importer: r.string(), Port: r.string()}
	for n := r.list(); n > 0; n-- {
		d.Lines = append(d.Lines, declaredLine{GTIN: r.string(), Lot: r.string(), Quantity: r.varint()})
	}
	return d, r.err == nil
}

func (c *renderCtx) setDeclaration(no string, d declarationInfo) {
	b := putString(putString(nil, d.Importer), d.Port)
	b = putLen(b, d.Lines == nil, len(d.Lines))
	for _, l := range d.Lines {
		b = binary.AppendVarint(putString(putString(b, l.GTIN), l.Lot), l.Quantity)
	}
	c.put(contextKey(ctxDeclaration, no), b)
}

// recall is a recall's initiator.
func (c *renderCtx) recall(id string) string { return string(c.get(contextKey(ctxRecall, id))) }

func (c *renderCtx) setRecall(id, initiator string) {
	c.put(contextKey(ctxRecall, id), []byte(initiator))
}

// gln is an enterprise's GLN, kept in memory: nearly every rendering
// names a location.
func (c *renderCtx) gln(uscc string) (string, bool) {
	g, ok := c.p.small.glns[uscc]
	return g, ok
}

func (c *renderCtx) setGLN(uscc, gln string) {
	c.p.small.glns[uscc] = gln
	c.set(contextKey(ctxGLN, uscc), []byte(gln))
}

// skip marks a ledger event to leave unrendered when it comes.
func (c *renderCtx) skip(ledgerEventID string) {
	c.p.small.skip[ledgerEventID] = true
	c.set(contextKey(ctxSkip, ledgerEventID), nil)
}

func (c *renderCtx) setQuery(owner, name, q string) {
	if c.p.small.queries[owner] == nil {
		c.p.small.queries[owner] = map[string]string{}
	}
	c.p.small.queries[owner][name] = q
	c.set(contextKey(ctxQuery, owner, name), []byte(q))
}

func (c *renderCtx) deleteQuery(owner, name string) {
	delete(c.p.small.queries[owner], name)
	c.del(contextKey(ctxQuery, owner, name))
}
