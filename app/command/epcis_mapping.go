package command

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/location"
)

// The mapping of EPCIS events to ledger commands (docs/epcis.md has it as a
// table). Only ObjectEvents move goods; every other event, and an
// ObjectEvent whose business step maps to no command or that names no goods
// the ledger counts, is recorded as a captured EPCIS event only (never
// dropped: its capture record lists it in the histories of its goods and
// enterprises).
var commandOfBizStep = map[string]string{
	"commissioning":  "ApplyLabels",
	"shipping":       "Ship",
	"departing":      "Ship",
	"receiving":      "ConfirmReceipt",
	"arriving":       "ConfirmReceipt",
	"retail_selling": "Sell",
	"inspecting":     "InspectMarket",
	"holding":        "RecordWithdrawal",
	"destroying":     "RecordDisposal",
	"recalling":      "RecordRecallReturn",
	"returning":      "ReturnGoods", // a recall return when the batch is recalled, else a return to the supplier
}

// recordedOnly are the event types and business steps that are, for now,
// recorded as captured EPCIS events only. Cases and pallets (packing,
// unpacking, AggregationEvent) and transformations (TransformationEvent)
// map to their own commands once the ledger has them: this is the one
// place to wire them.
var recordedOnly = map[string]bool{
	"AggregationEvent":    true,
	"TransformationEvent": true,
	"TransactionEvent":    true,
	"AssociationEvent":    true,
	"packing":             true,
	"unpacking":           true,
}

// commandFor is the command an event maps to ("" for none).
func commandFor(ev EPCISEvent) string {
	if ev.Type != "ObjectEvent" || recordedOnly[ev.Type] || recordedOnly[ev.BizStep] {
		return ""
	}
	c := commandOfBizStep[ev.BizStep]
	if c == "ApplyLabels" && ev.Action != "ADD" {
		return ""
	}
	return c
}

// withdrawalReasons maps the dispositions of a holding event to the
// reason of the withdrawal from sale it records.
var withdrawalReasons = map[string]string{
	"expired":        batch.ReasonExpired,
	"non_conformant": batch.ReasonInspectionFailed,
}

// inspectionResults maps the disposition of an inspecting event to the
// market inspection's result.
var inspectionResults = map[string]string{
	"conformant":     "pass",
	"non_conformant": "fail",
}

// captureRule is a capture-specific refusal: the rule's name, the EPCIS
// field and why.
type captureRule struct{ rule, field, msg string }

func (e *captureRule) Error() string { return e.rule + ": " + e.msg }

func refuse(rule, field, msg string, args ...any) error {
	return &captureRule{rule: rule, field: field, msg: fmt.Sprintf(msg, args...)}
}

// mapped is what an event became.
type mapped struct {
	command     string
	out         Outcome
	items       []string
	batches     []string
	enterprises []string
}

// mapEvent decides the command ev maps to, with the actor's own rights, in
// the document unit.
func (h *Handlers) mapEvent(ctx context.Context, a access.Actor, ev EPCISEvent) (mapped, error) {
	var m mapped
	ps, err := h.resolve(ctx, ev)
	if err != nil {
		return m, err
	}
	actingField, acting := ps.acting(ev.BizStep)
	if acting == "" {
		return m, refuse("no_location", "bizLocation", "the event names no location or party: capture resolves the enterprise acting from bizLocation, readPoint, sourceList or destinationList")
	}
	m.enterprises = ps.all(acting)
	if err := a.MayCaptureAt(acting, actingField); err != nil {
		return m, &captureRule{rule: "not_your_location", field: actingField, msg: err.Error()}
	}
	m.command = commandFor(ev)
	goods, err := eventGoods(ev, m.command != "")
	if err != nil {
		return m, err
	}
	for _, c := range goods.codes {
		m.items = append(m.items, c.Path())
	}
	m.batches = goods.batchNames()
	if ev.DeclarationNo != "" {
		if _, err := parseDeclarationNo("declarationNo", ev.DeclarationNo); err != nil {
			return m, err
		}
	}
	if len(goods.codes) == 0 && len(ev.Lines) == 0 {
		m.command = "" // no goods the ledger counts (classes without a lot, containers)
	}
	switch {
	case m.command == "InspectMarket" && a.IsEnterprise():
		m.command = "" // an enterprise's own inspection: recorded, not a market inspection
	case m.command != "" && m.command != "InspectMarket" && !a.IsEnterprise():
		return m, refuse("regulator_capture", "bizStep", "%s: a regulator captures inspections and events that map to no command; goods move only by their holder's capture", ev.BizStep)
	}
	if m.command == "" {
		return m, nil
	}
	common := Common{OccurredAt: &ev.EventTime}
	m.out, err = h.decideMapped(ctx, a, ev, m.command, common, acting, ps, &goods)
	if m.command == "ReturnGoods" {
		m.command = goods.returnCommand
	}
	return m, err
}

// decideMapped runs the command.
func (h *Handlers) decideMapped(ctx context.Context, a access.Actor, ev EPCISEvent, command string, common Common, acting string, ps parties, goods *eventGoodsSet) (Outcome, error) {
	var all Outcome
	add := func(o Outcome, err error) error {
		all.Events = append(all.Events, o.Events...)
		return err
	}
	switch command {
	case "ApplyLabels":
		for _, b := range goods.byBatch() {
			if len(b.serials) == 0 {
				continue
			}
			if err := add(h.ApplyLabels(ctx, a, ApplyLabels{Common: common, GTIN: b.g, Lot: b.l, OwnerUSCC: acting, Serials: b.serials})); err != nil {
				return all, err
			}
		}
	case "Ship":
		to := ps.receiver()
		if to == "" {
			return all, refuse("no_destination", "destinationList", "a shipping event names the receiver's GLN in its destinationList (owning_party, possessing_party or location)")
		}
		return h.Ship(ctx, a, Ship{Common: common, FromUSCC: acting, ToUSCC: to, Waybill: waybillOf(ev), Items: goods.itemCodes(), Lines: ev.Lines})
	case "ConfirmReceipt":
		ids, err := h.shipmentsCarrying(ctx, acting, *goods)
		if err != nil {
			return all, err
		}
		for _, id := range ids {
			if err := add(h.ConfirmReceipt(ctx, a, ConfirmReceipt{Common: common, ShipmentID: id})); err != nil {
				return all, err
			}
		}
	case "Sell":
		return h.Sell(ctx, a, Sell{Common: common, SellerUSCC: acting, Channel: "store", Items: goods.itemCodes(), Lines: ev.Lines})
	case "InspectMarket":
		result, ok := inspectionResults[ev.Disposition]
		if !ok {
			return all, refuse("inspection_result", "disposition", "an inspecting event says conformant or non_conformant")
		}
		for _, b := range goods.byBatch() {
			in := InspectMarket{Common: common, GTIN: b.g, Lot: b.l, EnterpriseUSCC: acting, Result: result}
			if result == "fail" {
				in.Findings = "EPCIS inspecting event " + ev.HashID
			}
			if err := add(h.InspectMarket(ctx, a, in)); err != nil {
				return all, err
			}
		}
	case "RecordWithdrawal":
		reason, ok := withdrawalReasons[ev.Disposition]
		if !ok {
			return all, refuse("withdrawal_reason", "disposition", "a holding event withdraws goods from sale: its disposition says why, expired or non_conformant")
		}
		for _, b := range goods.byBatch() {
			if err := add(h.RecordWithdrawal(ctx, a, RecordWithdrawal{Common: common, GTIN: b.g, Lot: b.l, HolderUSCC: acting, Reason: reason, Items: b.codes, Quantity: b.quantity})); err != nil {
				return all, err
			}
		}
	case "RecordDisposal":
		for _, b := range goods.byBatch() {
			if err := add(h.RecordDisposal(ctx, a, RecordDisposal{Common: common, GTIN: b.g, Lot: b.l, HolderUSCC: acting, Disposition: batch.DispositionDestroyed, Items: b.codes, Quantity: b.quantity})); err != nil {
				return all, err
			}
		}
	case "RecordRecallReturn", "ReturnGoods":
		for _, b := range goods.byBatch() {
			recalls, err := h.batchRecalls(ctx, b.g, b.l)
			if err != nil {
				return all, err
			}
			if len(recalls) == 0 && command == "RecordRecallReturn" {
				return all, refuse("not_recalled", "epcList", "batch %s/%s is in no recall: a recalling event returns recalled goods", b.g, b.l)
			}
			if len(recalls) == 0 {
				goods.returnCommand = "RecordDisposal"
				in := RecordDisposal{Common: common, GTIN: b.g, Lot: b.l, HolderUSCC: acting, Disposition: batch.DispositionReturnedToSupplier, SupplierUSCC: ps.receiver(), Items: b.codes, Quantity: b.quantity}
				if err := add(h.RecordDisposal(ctx, a, in)); err != nil {
					return all, err
				}
				continue
			}
			goods.returnCommand = "RecordRecallReturn"
			in := RecordRecallReturn{Common: common, RecallID: recalls[len(recalls)-1], HolderUSCC: acting, Items: b.codes, GTIN: b.g, Lot: b.l, Quantity: b.quantity, Disposition: batch.DispositionReturned}
			if err := add(h.RecordRecallReturn(ctx, a, in)); err != nil {
				return all, err
			}
		}
	}
	return all, nil
}

// waybillOf is the shipment's waybill: the despatch advice or bill of
// lading the event names, else its hash id.
func waybillOf(ev EPCISEvent) string {
	for _, want := range []string{"desadv", "bol", "po"} {
		for _, t := range ev.BizTransactions {
			if t.Type == want {
				return t.Value
			}
		}
	}
	return "EPCIS " + strings.TrimPrefix(ev.HashID, "ni:///sha-256;")[:16]
}

// shipmentsCarrying finds the shipments to receiver that carry the goods
// an arriving event names: those holding any of its items, and for its
// quantity lines every open shipment of the batch to the receiver.
func (h *Handlers) shipmentsCarrying(ctx context.Context, receiver string, goods eventGoodsSet) ([]string, error) {
	found := map[string]bool{}
	for _, b := range goods.byBatch() {
		g, l, err := parseBatch("gtin", "lot", b.g, b.l)
		if err != nil {
			return nil, err
		}
		u := h.begin(readOnly, nil, []string{batch.Stream(g, l)})
		bt, err := loadBatch(ctx, u, g, l)
		u.end()
		if err != nil {
			return nil, err
		}
		serials := map[string]bool{}
		for _, s := range b.serials {
			serials[s] = true
		}
		for _, s := range bt.OpenShipmentsTo(receiver) {
			carries := b.quantity > 0
			for _, x := range s.Units.Serials {
				carries = carries || serials[x]
			}
			if carries {
				found[s.ID] = true
			}
		}
	}
	if len(found) == 0 {
		return nil, refuse("not_in_transit", "epcList", "no shipment to %s carries these goods: a receiving event confirms goods shipped to its location", receiver)
	}
	ids := make([]string, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}

// batchRecalls lists the recalls a batch is in.
func (h *Handlers) batchRecalls(ctx context.Context, gtin, lot string) ([]string, error) {
	g, l, err := parseBatch("gtin", "lot", gtin, lot)
	if err != nil {
		return nil, err
	}
	u := h.begin(readOnly, nil, []string{batch.Stream(g, l)})
	defer u.end()
	b, err := loadBatch(ctx, u, g, l)
	if err != nil {
		return nil, err
	}
	return b.Recalls(), nil
}

// parties are the enterprises an event's locations and parties resolve to.
type parties struct {
	bizLocation, readPoint string
	sources, destinations  map[string]string // party type -> USCC
	order                  []string
}

// resolve looks every GLN of the event up in the registry: each must be
// registered.
func (h *Handlers) resolve(ctx context.Context, ev EPCISEvent) (parties, error) {
	ps := parties{sources: map[string]string{}, destinations: map[string]string{}}
	var err error
	if ps.bizLocation, err = h.ownerOf(ctx, "bizLocation", ev.BizLocation); err != nil {
		return ps, err
	}
	if ps.readPoint, err = h.ownerOf(ctx, "readPoint", ev.ReadPoint); err != nil {
		return ps, err
	}
	ps.order = append(ps.order, ps.bizLocation, ps.readPoint)
	for i, p := range ev.Sources {
		u, err := h.ownerOf(ctx, fieldIndex("sourceList", i), p.Place)
		if err != nil {
			return ps, err
		}
		if _, dup := ps.sources[p.Type]; !dup {
			ps.sources[p.Type] = u
		}
		ps.order = append(ps.order, u)
	}
	for i, p := range ev.Destinations {
		u, err := h.ownerOf(ctx, fieldIndex("destinationList", i), p.Place)
		if err != nil {
			return ps, err
		}
		if _, dup := ps.destinations[p.Type]; !dup {
			ps.destinations[p.Type] = u
		}
		ps.order = append(ps.order, u)
	}
	return ps, nil
}

// ownerOf resolves a place to the enterprise that registered its GLN ("" for
// no place).
func (h *Handlers) ownerOf(ctx context.Context, field string, p Place) (string, error) {
	if p.GLN == "" && p.Raw == "" {
		return "", nil
	}
	if p.GLN == "" {
		return "", refuse("not_a_gln", field, "%s is no GLN (SGLN, PGLN or a Digital Link with (414) or (417)): capture resolves locations through the GLN registry", p.Raw)
	}
	g, err := ident.ParseGLN(p.GLN)
	if err != nil {
		return "", refuse("not_a_gln", field, "%v", err)
	}
	u := h.begin(readOnly, nil, []string{location.Stream(g)})
	defer u.end()
	l, err := load(ctx, u, location.Stream(g), location.Load)
	if err != nil {
		return "", err
	}
	if l.Owner() == "" {
		return "", refuse("unknown_gln", field, "GLN %s is registered by no enterprise", location.Key(g.String(), p.Extension))
	}
	return l.Owner(), nil
}

// partyPreference is the order in which party types name who acts.
var partyPreference = []string{"possessing_party", "owning_party", "location", ""}

func pick(m map[string]string) string {
	for _, t := range partyPreference {
		if u := m[t]; u != "" {
			return u
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if m[k] != "" {
			return m[k]
		}
	}
	return ""
}

// acting is the enterprise that acts in an event of bizStep, and the field
// that names it: the bizLocation (else the readPoint); a shipment's sender
// by its sourceList when it has no bizLocation, a receipt's receiver by its
// destinationList.
func (ps parties) acting(bizStep string) (string, string) {
	switch commandOfBizStep[bizStep] {
	case "Ship":
		if u := pick(ps.sources); u != "" && ps.bizLocation == "" {
			return "sourceList", u
		}
	case "ConfirmReceipt":
		if u := pick(ps.destinations); u != "" && ps.bizLocation == "" {
			return "destinationList", u
		}
	}
	if ps.bizLocation != "" {
		return "bizLocation", ps.bizLocation
	}
	if ps.readPoint != "" {
		return "readPoint", ps.readPoint
	}
	if u := pick(ps.sources); u != "" {
		return "sourceList", u
	}
	return "destinationList", pick(ps.destinations)
}

// receiver is the enterprise a shipment goes to.
func (ps parties) receiver() string { return pick(ps.destinations) }

// all lists the event's enterprises, acting first, each once.
func (ps parties) all(acting string) []string {
	out := []string{acting}
	for _, u := range ps.order {
		if u != "" && !contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// eventGoodsSet is an event's items (parsed) and quantity lines.
type eventGoodsSet struct {
	codes         []ident.ItemCode
	lines         []QuantityLine
	returnCommand string
}

type batchGoods struct {
	g, l     string
	serials  []string
	codes    []string
	quantity int64
}

// eventGoods parses the event's items; a commissioning SGTIN takes the
// ilmd's lot. For an event that maps to a command every item must name its
// batch; for one only recorded, items that do not are left out of its
// goods (they stay in its EPCs).
func eventGoods(ev EPCISEvent, strict bool) (eventGoodsSet, error) {
	s := eventGoodsSet{lines: ev.Lines}
	for i, it := range ev.Items {
		field := fieldIndex("epcList", i)
		c, err := parseWith(field, it, ident.ParseItemCode)
		if err != nil && !strict {
			continue
		}
		if err != nil {
			return s, err
		}
		if c.Lot.IsZero() && ev.Lot != "" {
			if c.Lot, err = parseLot("ilmd.lotNumber", ev.Lot); err != nil {
				return s, err
			}
		}
		if c.Lot.IsZero() && !strict {
			continue
		}
		if c.Lot.IsZero() {
			return s, refuse("item_without_lot", field, "%s names no lot: give the item as a Digital Link with (10), or the lot in ilmd when commissioning", it)
		}
		s.codes = append(s.codes, c)
	}
	return s, nil
}

func (s eventGoodsSet) itemCodes() []string {
	out := make([]string, len(s.codes))
	for i, c := range s.codes {
		out[i] = c.Path()
	}
	return out
}

// byBatch groups the goods by batch, in the order they first appear.
func (s eventGoodsSet) byBatch() []*batchGoods {
	var out []*batchGoods
	idx := map[string]*batchGoods{}
	get := func(g, l string) *batchGoods {
		k := g + "/" + l
		if b, ok := idx[k]; ok {
			return b
		}
		b := &batchGoods{g: g, l: l}
		idx[k] = b
		out = append(out, b)
		return b
	}
	for _, c := range s.codes {
		b := get(c.GTIN.String(), c.Lot.String())
		b.serials = append(b.serials, c.Serial.String())
		b.codes = append(b.codes, c.Path())
	}
	for _, ln := range s.lines {
		b := get(ln.GTIN, ln.Lot)
		b.quantity += ln.Quantity
	}
	return out
}

func (s eventGoodsSet) batchNames() []string {
	var out []string
	for _, b := range s.byBatch() {
		out = append(out, b.g+"/"+b.l)
	}
	return out
}

// epcisFields maps the fields of the commands capture gives to the EPCIS
// fields they came from, so a refusal names what the document said.
var epcisFields = map[string]string{
	"items": "epcList", "lines": "quantityList", "from_uscc": "sourceList", "to_uscc": "destinationList",
	"owner_uscc": "bizLocation", "seller_uscc": "bizLocation", "holder_uscc": "bizLocation", "enterprise_uscc": "bizLocation",
	"id": "epcList", "gtin": "epcList", "lot": "epcList", "serials": "epcList", "occurred_at": "eventTime",
	"quantity": "quantityList", "supplier_uscc": "destinationList", "waybill": "bizTransactionList",
}

func epcisField(f string) string {
	head, rest, _ := strings.Cut(f, "[")
	if to, ok := epcisFields[head]; ok {
		if rest != "" {
			return to + "[" + rest
		}
		return to
	}
	return f
}

// isRefusal reports whether err refuses an event (rather than failing the
// capture: a store that cannot be read).
func isRefusal(err error) bool {
	var fe *domain.FieldError
	var re *domain.RuleError
	var ce *captureRule
	return errors.As(err, &fe) || errors.As(err, &re) || errors.As(err, &ce)
}
