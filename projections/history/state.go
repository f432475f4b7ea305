package history

import "github.com/traceledger/traceledger/projections/certificate"

// state is everything the projection keeps. Tables grow in log order, so
// the same log always builds the same indexes.
type state struct {
	ents      []*enterpriseRec
	entIdx    map[string]uint32
	products  map[string]*productRec
	batches   []*batchRec
	batchIdx  map[string]uint32 // GTIN-14 + lot: the GTIN's fixed width makes it unambiguous
	items     []item
	moves     []move
	texts     []string
	textIdx   map[string]uint32
	decls     map[string]*declarationRec
	shipments map[string]*shipmentRec
	complaint map[string]*complaintRec
	recalls   map[string]*recallRec
	// times holds, by log position, when each event occurred (Unix
	// milliseconds of its occurred_at): the time-range filters of the
	// histories read it.
	times []int64
	// track, when set, receives what each event adds instead of the
	// position lists (see Tracker).
	track *Tracker
}

func newState() *state {
	return &state{
		ents:      []*enterpriseRec{{}},
		entIdx:    map[string]uint32{},
		products:  map[string]*productRec{},
		batches:   []*batchRec{{}},
		batchIdx:  map[string]uint32{},
		items:     []item{{}},
		texts:     []string{""},
		textIdx:   map[string]uint32{"": 0},
		decls:     map[string]*declarationRec{},
		shipments: map[string]*shipmentRec{},
		complaint: map[string]*complaintRec{},
		recalls:   map[string]*recallRec{},
	}
}

// ent interns an enterprise; "" is none (0).
func (s *state) ent(uscc string) uint32 {
	if uscc == "" {
		return 0
	}
	if i, ok := s.entIdx[uscc]; ok {
		return i
	}
	i := uint32(len(s.ents))
	s.ents = append(s.ents, &enterpriseRec{USCC: uscc})
	s.entIdx[uscc] = i
	return i
}

// text interns a waybill, channel or recall id.
func (s *state) text(v string) uint32 {
	if i, ok := s.textIdx[v]; ok {
		return i
	}
	i := uint32(len(s.texts))
	s.texts = append(s.texts, v)
	s.textIdx[v] = i
	return i
}

func (s *state) product(gtin string) *productRec {
	p := s.products[gtin]
	if p == nil {
		p = &productRec{GTIN: gtin, Cert: certificate.NewCert(), serials: map[string]uint32{}}
		s.products[gtin] = p
	}
	return p
}

// batch returns the batch's index, making it on first mention.
func (s *state) batch(gtin, lot string) uint32 {
	if i, ok := s.batchIdx[gtin+lot]; ok {
		return i
	}
	i := uint32(len(s.batches))
	s.batches = append(s.batches, &batchRec{GTIN: gtin, Lot: lot})
	s.batchIdx[gtin+lot] = i
	return i
}

// findItem returns the item of a batch with this serial, or 0.
func (s *state) findItem(gtin, lot, serial string) uint32 {
	p := s.products[gtin]
	if p == nil {
		return 0
	}
	for i := p.serials[serial]; i != 0; i = s.items[i].Next {
		if s.batches[s.items[i].Batch].Lot == lot {
			return i
		}
	}
	return 0
}

// addItem makes the item of batch b with this serial.
func (s *state) addItem(b uint32, serial string) uint32 {
	i := uint32(len(s.items))
	s.items = append(s.items, item{Serial: serial, Batch: b})
	s.chain(i)
	if s.track != nil {
		s.track.labelled(s.batches[b], serial)
	}
	return i
}

// chain indexes item i by its GTIN and serial, after the items of other
// lots with the same serial (rare: serials are unique per batch only).
func (s *state) chain(i uint32) {
	it := &s.items[i]
	p := s.product(s.batches[it.Batch].GTIN)
	first, ok := p.serials[it.Serial]
	if !ok {
		p.serials[it.Serial] = i
		return
	}
	last := first
	for s.items[last].Next != 0 {
		last = s.items[last].Next
	}
	s.items[last].Next = i
}
