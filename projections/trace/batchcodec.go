package trace

// The B row is read by every query and by the fold once per batch per
// Apply, so it is binary rather than JSON (a tenth of the decoding time).

func (b *Batch) encode() []byte {
	e := enc{b: make([]byte, 0, 128)}
	for _, s := range []string{b.GTIN, b.Lot, b.Owner, b.Origin, b.ProducedOn, b.ExpiresOn} {
		e.str(s)
	}
	e.uint(boolBit(b.Imported))
	e.int(b.Quantity)
	e.int(b.RegisteredAt)
	e.uint(uint64(b.Moves))
	e.int(b.Items)
	e.uint(uint64(len(b.Declarations)))
	for _, d := range b.Declarations {
		e.str(d)
	}
	if c := b.Clearance; c != nil {
		e.uint(1)
		e.str(c.DeclarationNo)
		e.str(c.Decision)
		e.str(c.Reason)
		e.int(c.At)
	} else {
		e.uint(0)
	}
	e.uint(uint64(len(b.Inspections)))
	for _, in := range b.Inspections {
		e.str(in.USCC)
		e.str(in.Result)
		e.str(in.Findings)
		e.int(in.At)
	}
	e.uint(uint64(len(b.Recalls)))
	for _, r := range b.Recalls {
		e.str(r.RecallID)
		e.int(int64(r.Level))
		e.int(r.At)
	}
	for _, ms := range [][]Made{b.MadeFrom, b.MadeInto} {
		e.uint(uint64(len(ms)))
		for _, m := range ms {
			e.str(m.TransformationID)
			e.str(m.GTIN)
			e.str(m.Lot)
			e.int(m.Units)
			e.str(m.By)
			e.int(m.At)
		}
	}
	e.uint(uint64(b.Holding))
	e.uint(uint64(b.No))
	return e.b
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// count reads a list's length, no more than the bytes left could hold.
func (d *dec) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err = errCorrupt
		return 0
	}
	return int(n)
}

func decodeBatch(v []byte) (*Batch, bool) {
	d := dec{b: v}
	b := &Batch{GTIN: d.str(), Lot: d.str(), Owner: d.str(), Origin: d.str(), ProducedOn: d.str(), ExpiresOn: d.str()}
	b.Imported = d.uint() == 1
	b.Quantity, b.RegisteredAt, b.Moves, b.Items = d.int(), d.int(), uint32(d.uint()), d.int()
	if n := d.count(); n > 0 {
		b.Declarations = make([]string, n)
		for i := range b.Declarations {
			b.Declarations[i] = d.str()
		}
	}
	if d.uint() == 1 {
		b.Clearance = &Clearance{DeclarationNo: d.str(), Decision: d.str(), Reason: d.str(), At: d.int()}
	}
	if n := d.count(); n > 0 {
		b.Inspections = make([]Inspection, n)
		for i := range b.Inspections {
			b.Inspections[i] = Inspection{USCC: d.str(), Result: d.str(), Findings: d.str(), At: d.int()}
		}
	}
	if n := d.count(); n > 0 {
		b.Recalls = make([]RecallRef, n)
		for i := range b.Recalls {
			b.Recalls[i] = RecallRef{RecallID: d.str(), Level: int(d.int()), At: d.int()}
		}
	}
	for _, ms := range []*[]Made{&b.MadeFrom, &b.MadeInto} {
		if n := d.count(); n > 0 {
			*ms = make([]Made, n)
			for i := range *ms {
				(*ms)[i] = Made{TransformationID: d.str(), GTIN: d.str(), Lot: d.str(), Units: d.int(), By: d.str(), At: d.int()}
			}
		}
	}
	b.Holding = uint32(d.uint())
	b.No = uint32(d.uint())
	return b, d.done()
}
