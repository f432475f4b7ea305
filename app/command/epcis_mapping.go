package command

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/batch"
)

// The mapping of EPCIS events to ledger commands (docs/epcis.md has it as a
// table). ObjectEvents move goods by their business step; an
// AggregationEvent whose parent is an SSCC packs (ADD) or unpacks (DELETE)
// a case or pallet; a TransformationEvent records a transformation. Every
// other event, and one whose business step maps to no command or that
// names no goods the ledger counts, is recorded as a captured EPCIS event
// only (never dropped: its capture record lists it in the histories of its
// goods and enterprises).
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

// commandOfAggregation maps an AggregationEvent's action, whatever its
// business step (packing, unpacking or none), when its parent is an SSCC.
// OBSERVE changes nothing: recorded only.
var commandOfAggregation = map[string]string{
	"ADD":    "PackContainer",
	"DELETE": "UnpackContainer",
}

// recordedOnly are the event types, and the business steps of an
// ObjectEvent, recorded as captured EPCIS events only: an ObjectEvent
// packing or unpacking names no parent (an AggregationEvent packs).
var recordedOnly = map[string]bool{
	"TransactionEvent": true,
	"AssociationEvent": true,
	"packing":          true,
	"unpacking":        true,
}

// commandFor is the command an event maps to ("" for none).
func commandFor(ev EPCISEvent) string {
	switch {
	case recordedOnly[ev.Type]:
		return ""
	case ev.Type == "AggregationEvent":
		if ev.ParentSSCC == "" {
			return ""
		}
		return commandOfAggregation[ev.Action]
	case ev.Type == "TransformationEvent":
		return "RecordTransformation"
	case ev.Type != "ObjectEvent" || recordedOnly[ev.BizStep]:
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
type captureRule struct {
	rule, field, msg string
	params           []string
}

func (e *captureRule) Error() string { return e.rule + ": " + e.msg }

// Reason answers the rule as the refusal's reason, with its parameters.
func (e *captureRule) Reason() (string, []string) { return "epcis_" + e.rule, e.params }

func refuse(rule, field, msg string, args ...any) error {
	ps := make([]string, len(args))
	for i, a := range args {
		ps[i] = fmt.Sprint(a)
	}
	return &captureRule{rule: rule, field: field, msg: fmt.Sprintf(msg, args...), params: ps}
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
		return m, &captureRule{rule: "not_your_location", field: actingField, msg: err.Error(), params: []string{acting}}
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
	if !countsGoods(m.command, ev, goods) {
		m.command = "" // no goods the ledger counts (classes without a lot, containers it does not move)
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
	if err != nil {
		err = &namedFields{fields: commandFields(m.command, ev), err: err}
	}
	return m, err
}

// countsGoods reports whether an event mapped to command names goods the
// ledger counts: units of a lot or lots, and for the commands that move
// cases and pallets, SSCCs. Unpacking names none to empty the container.
func countsGoods(command string, ev EPCISEvent, goods eventGoodsSet) bool {
	switch command {
	case "":
		return false
	case "UnpackContainer":
		return true
	case "PackContainer":
		return len(goods.codes) > 0 || len(ev.Containers) > 0
	case "RecordTransformation":
		return len(goods.inputs) > 0 || len(ev.InputLines) > 0
	case "Ship", "ConfirmReceipt":
		if len(ev.Containers) > 0 {
			return true
		}
	}
	return len(goods.codes) > 0 || len(ev.Lines) > 0
}

// commandFields maps, for the commands whose fields come from other EPCIS
// fields than an ObjectEvent's, their fields to the event's.
func commandFields(command string, ev EPCISEvent) map[string]string {
	switch command {
	case "PackContainer", "UnpackContainer":
		return map[string]string{"sscc": "parentID", "items": "childEPCs", "containers": "childEPCs"}
	case "Ship", "ConfirmReceipt":
		return map[string]string{"containers": "epcList"}
	case "RecordTransformation":
		outputs := "outputQuantityList"
		if len(ev.OutputLines) == 0 {
			outputs = "outputEPCList"
		}
		return map[string]string{"inputs": "inputQuantityList", "input_items": "inputEPCList", "outputs": outputs}
	}
	return nil
}

// namedFields carries the EPCIS fields a command's fields came from, for
// its refusal.
type namedFields struct {
	fields map[string]string
	err    error
}

func (e *namedFields) Error() string { return e.err.Error() }
func (e *namedFields) Unwrap() error { return e.err }

// epcisFields maps the fields of the commands capture gives to the EPCIS
// fields they came from, so a refusal names what the document said.
var epcisFields = map[string]string{
	"items": "epcList", "lines": "quantityList", "from_uscc": "sourceList", "to_uscc": "destinationList",
	"owner_uscc": "bizLocation", "seller_uscc": "bizLocation", "holder_uscc": "bizLocation", "enterprise_uscc": "bizLocation",
	"id": "epcList", "gtin": "epcList", "lot": "epcList", "serials": "epcList", "occurred_at": "eventTime",
	"quantity": "quantityList", "supplier_uscc": "destinationList", "waybill": "bizTransactionList",
	"transformer_uscc": "bizLocation", "sscc": "parentID", "containers": "epcList",
}

// epcisField is the EPCIS field a command's field came from: the command's
// own mapping (of the refusal err) first, then epcisFields.
func epcisField(f string, err error) string {
	head, rest, _ := strings.Cut(f, "[")
	var nf *namedFields
	if errors.As(err, &nf) {
		if to, ok := nf.fields[head]; ok {
			if rest != "" {
				return to + "[" + rest
			}
			return to
		}
	}
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
