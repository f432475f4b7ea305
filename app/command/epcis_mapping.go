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
