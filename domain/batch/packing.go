package batch

import (
	"fmt"
	"slices"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// Event type names of packing and transformation, written by hand and
// versioned.
const (
	TypePacked   = "goods.packed.v1"
	TypeUnpacked = "goods.unpacked.v1"
	TypeConsumed = "goods.consumed.v1"
)

// Packed: labelled units of the batch were put into a container (SSCC) at
// their holder.
type Packed struct {
	GTIN       string   `json:"gtin"`
	Lot        string   `json:"lot"`
	SSCC       string   `json:"sscc"`
	HolderUSCC string   `json:"holder_uscc"`
	Serials    []string `json:"serials"`
}

// Unpacked: labelled units of the batch were taken out of their container.
type Unpacked struct {
	GTIN       string   `json:"gtin"`
	Lot        string   `json:"lot"`
	SSCC       string   `json:"sscc"`
	HolderUSCC string   `json:"holder_uscc"`
	Serials    []string `json:"serials"`
}

// Ref names a batch by GTIN-14 and lot.
type Ref struct {
	GTIN string `json:"gtin"`
	Lot  string `json:"lot"`
}

// Consumed: units of the batch were used up by their holder as an input of
// a transformation whose outputs are other batches.
type Consumed struct {
	GTIN             string `json:"gtin"`
	Lot              string `json:"lot"`
	TransformationID string `json:"transformation_id"`
	HolderUSCC       string `json:"holder_uscc"`
	Outputs          []Ref  `json:"outputs"`
	Units
}

// EventType names the event.
func (Packed) EventType() string { return TypePacked }

// EventType names the event.
func (Unpacked) EventType() string { return TypeUnpacked }

// EventType names the event.
func (Consumed) EventType() string { return TypeConsumed }

// Pack puts labelled units into container sscc at holder: each must be
// labelled, in stock at holder and in no container. A unit is in at most one
// container at a time, decided here on the batch's stream.
func (b *Batch) Pack(sscc ident.SSCC, holder ident.USCC, serials []string) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	h := holder.String()
	for i, s := range serials {
		field := fmt.Sprintf("items[%d]", i)
		it, ok := b.items[s]
		switch {
		case !ok:
			return domain.NotFound(field, "item_batch_not_labelled", "item %s of batch %s is not labelled", s, b.name())
		case it.holder != h || it.state != StateInStock:
			return domain.ConflictAt(field, "does_not_hold_item_batch_3", "%s does not hold item %s of batch %s: cannot pack it", h, s, b.name())
		case it.container != "":
			return domain.ConflictAt(field, "item_batch_already_in_container", "item %s of batch %s is already in container %s: unpack it first", s, b.name(), it.container)
		}
	}
	b.Raise(Packed{GTIN: b.reg.GTIN, Lot: b.reg.Lot, SSCC: sscc.String(), HolderUSCC: h, Serials: serials}, b.apply)
	return nil
}

// Unpack takes labelled units out of container sscc at holder.
func (b *Batch) Unpack(sscc string, holder ident.USCC, serials []string) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	for i, s := range serials {
		if it, ok := b.items[s]; !ok || it.container != sscc {
			return domain.ConflictAt(fmt.Sprintf("items[%d]", i), "item_batch_not_in_container", "item %s of batch %s is not in container %s", s, b.name(), sscc)
		}
	}
	b.Raise(Unpacked{GTIN: b.reg.GTIN, Lot: b.reg.Lot, SSCC: sscc, HolderUSCC: holder.String(), Serials: serials}, b.apply)
	return nil
}

// ContainerOf is the container a labelled unit is in ("" for none).
func (b *Batch) ContainerOf(serial string) string {
	if it := b.items[serial]; it != nil {
		return it.container
	}
	return ""
}

// mustBeUnpacked refuses to move a packed unit on its own: it moves with
// its container (one of travelling) or is unpacked first.
func (b *Batch) mustBeUnpacked(u Units, travelling []string, verb string) error {
	for i, s := range u.Serials {
		if it := b.items[s]; it != nil && it.container != "" && !slices.Contains(travelling, it.container) {
			return domain.ConflictAt(fmt.Sprintf("items[%d]", i), "item_batch_packed_in_container", "item %s of batch %s is packed in container %s: %s the container, or unpack it first", s, b.name(), it.container, verb)
		}
	}
	return nil
}

// Consume uses up units holder holds as an input of a transformation: the
// goods must be movable (not recalled, released if imported), held on sale
// by holder and not packed. outputs are the batches made of them, which a
// recall of this batch reaches (Outputs).
func (b *Batch) Consume(transformationID string, holder ident.USCC, u Units, outputs []Ref) error {
	if err := b.mustMove("transformed"); err != nil {
		return err
	}
	if err := b.mustHold(holder.String(), u, "transform"); err != nil {
		return err
	}
	if err := b.mustBeUnpacked(u, nil, "transform"); err != nil {
		return err
	}
	b.Raise(Consumed{GTIN: b.reg.GTIN, Lot: b.reg.Lot, TransformationID: transformationID, HolderUSCC: holder.String(),
		Outputs: outputs, Units: u}, b.apply)
	return nil
}

// Outputs are the batches made of this batch's units by transformations, in
// the order first made, each once.
func (b *Batch) Outputs() []Ref { return b.outputs }

func (b *Batch) applyPacking(ev any) {
	switch ev := ev.(type) {
	case Packed:
		for _, s := range ev.Serials {
			b.items[s].container = ev.SSCC
		}
	case Unpacked:
		for _, s := range ev.Serials {
			b.items[s].container = ""
		}
	case Consumed:
		b.unitsOf(ev.HolderUSCC).Consume(ev.Quantity)
		for _, s := range ev.Serials {
			b.items[s].state = StateConsumed
		}
		for _, o := range ev.Outputs {
			if !slices.Contains(b.outputs, o) {
				b.outputs = append(b.outputs, o)
			}
		}
	}
}

// RecallAsOutput marks the batch as named by a recall of a batch it was
// made from (Outputs): a recall of an input reaches every output, whoever
// produced it, so no ownership check applies. Once per recall.
func (b *Batch) RecallAsOutput(recallID string, level int) error {
	if err := b.mustExist(); err != nil {
		return err
	}
	if b.InRecall(recallID) {
		return nil
	}
	b.Raise(Recalled{GTIN: b.reg.GTIN, Lot: b.reg.Lot, RecallID: recallID, Level: level}, b.apply)
	return nil
}

// OwnedBy reports whether uscc registered the batch.
func (b *Batch) OwnedBy(uscc string) bool { return b.reg.OwnerUSCC == uscc }
