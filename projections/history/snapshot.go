package history

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// The snapshot is a stream of JSON values rather than one document, so a
// model of millions of items is written and read a chunk at a time instead
// of being marshalled whole in memory: first the counts, then each table in
// chunks of snapshotChunk records (products sorted by GTIN, the other
// tables in index order), then the small maps. The same state always
// writes the same bytes. Indexes (USCC, batch key, serial) are rebuilt on
// Restore.
const snapshotChunk = 4096

type snapCounts struct {
	Enterprises int `json:"enterprises"`
	Products    int `json:"products"`
	Batches     int `json:"batches"`
	Items       int `json:"items"`
	Moves       int `json:"moves"`
	Texts       int `json:"texts"`
	Times       int `json:"times"`
}

type snapRest struct {
	Declarations map[string]*declarationRec `json:"declarations"`
	Shipments    map[string]*shipmentRec    `json:"shipments"`
	Complaints   map[string]*complaintRec   `json:"complaints"`
	Recalls      map[string]*recallRec      `json:"recalls"`
}

// Snapshot writes the model.
func (p *Projection) Snapshot(w io.Writer) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	s := p.s
	products := make([]*productRec, 0, len(s.products))
	for _, pr := range s.products {
		products = append(products, pr)
	}
	sort.Slice(products, func(i, j int) bool { return products[i].GTIN < products[j].GTIN })
	enc := json.NewEncoder(w)
	err := enc.Encode(snapCounts{Enterprises: len(s.ents), Products: len(products), Batches: len(s.batches),
		Items: len(s.items), Moves: len(s.moves), Texts: len(s.texts), Times: len(s.times)})
	for _, write := range []func() error{
		func() error { return writeChunks(enc, s.ents) },
		func() error { return writeChunks(enc, products) },
		func() error { return writeChunks(enc, s.batches) },
		func() error { return writeChunks(enc, s.items) },
		func() error { return writeChunks(enc, s.moves) },
		func() error { return writeChunks(enc, s.texts) },
		func() error { return writeChunks(enc, s.times) },
		func() error {
			return enc.Encode(snapRest{Declarations: s.decls, Shipments: s.shipments, Complaints: s.complaint, Recalls: s.recalls})
		},
	} {
		if err == nil {
			err = write()
		}
	}
	if err != nil {
		return fmt.Errorf("history snapshot: %w", err)
	}
	return nil
}

func writeChunks[T any](enc *json.Encoder, xs []T) error {
	for i := 0; i < len(xs); i += snapshotChunk {
		if err := enc.Encode(xs[i:min(i+snapshotChunk, len(xs))]); err != nil {
			return err
		}
	}
	return nil
}

func readChunks[T any](dec *json.Decoder, n int) ([]T, error) {
	out := make([]T, 0, n)
	for len(out) < n {
		var part []T
		if err := dec.Decode(&part); err != nil {
			return nil, err
		}
		if len(part) == 0 || len(out)+len(part) > n {
			return nil, fmt.Errorf("a chunk of %d records where %d remain", len(part), n-len(out))
		}
		out = append(out, part...)
	}
	return out, nil
}

// Restore replaces the model with a snapshot's.
func (p *Projection) Restore(r io.Reader) error {
	s, err := readState(json.NewDecoder(r))
	if err != nil {
		return fmt.Errorf("history restore: %w", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.s = s
	return nil
}

func readState(dec *json.Decoder) (*state, error) {
	var n snapCounts
	if err := dec.Decode(&n); err != nil {
		return nil, err
	}
	s := newState()
	var err error
	var products []*productRec
	var rest snapRest
	for _, read := range []func() error{
		func() (err error) { s.ents, err = readChunks[*enterpriseRec](dec, n.Enterprises); return },
		func() (err error) { products, err = readChunks[*productRec](dec, n.Products); return },
		func() (err error) { s.batches, err = readChunks[*batchRec](dec, n.Batches); return },
		func() (err error) { s.items, err = readChunks[item](dec, n.Items); return },
		func() (err error) { s.moves, err = readChunks[move](dec, n.Moves); return },
		func() (err error) { s.texts, err = readChunks[string](dec, n.Texts); return },
		func() (err error) { s.times, err = readChunks[int64](dec, n.Times); return },
		func() error { return dec.Decode(&rest) },
	} {
		if err == nil {
			err = read()
		}
	}
	if err != nil {
		return nil, err
	}
	if len(s.ents) == 0 || len(s.batches) == 0 || len(s.items) == 0 || len(s.texts) == 0 {
		return nil, fmt.Errorf("tables lack their placeholder")
	}
	s.decls, s.shipments, s.complaint, s.recalls = orEmpty(rest.Declarations), orEmpty(rest.Shipments), orEmpty(rest.Complaints), orEmpty(rest.Recalls)
	s.reindex(products)
	return s, nil
}

// reindex rebuilds the lookups a snapshot does not carry.
func (s *state) reindex(products []*productRec) {
	s.entIdx = make(map[string]uint32, len(s.ents))
	for i, e := range s.ents[1:] {
		s.entIdx[e.USCC] = uint32(i + 1)
	}
	s.products = make(map[string]*productRec, len(products))
	for _, pr := range products {
		pr.serials = map[string]uint32{}
		s.products[pr.GTIN] = pr
	}
	s.batchIdx = make(map[string]uint32, len(s.batches))
	for i, b := range s.batches[1:] {
		s.batchIdx[b.GTIN+b.Lot] = uint32(i + 1)
	}
	s.textIdx = make(map[string]uint32, len(s.texts))
	for i, t := range s.texts {
		s.textIdx[t] = uint32(i)
	}
	for i := 1; i < len(s.items); i++ {
		s.chain(uint32(i))
	}
}

func orEmpty[V any](m map[string]V) map[string]V {
	if m == nil {
		return map[string]V{}
	}
	return m
}
