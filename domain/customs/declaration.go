package customs

import (
	"fmt"
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// Declaration is a customs declaration and where it stands.
type Declaration struct {
	aggregate.Root
	decl      Declared
	inspected string // "", "pass" or "fail"
	decided   string // "", "released" or "rejected"
}

// Stream is the declaration's stream name.
func Stream(no ident.DeclarationNo) string { return "declaration-" + no.String() }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeDeclared:  aggregate.As[Declared](),
	TypeInspected: aggregate.As[Inspected](),
	TypeReleased:  aggregate.As[Released](),
	TypeRejected:  aggregate.As[Rejected](),
}

// Load rebuilds a declaration from its stream.
func Load(recs []event.Record) (*Declaration, error) {
	d := &Declaration{}
	return d, aggregate.Replay("declaration", recs, Decoders, &d.Root, d.apply)
}

// Batch is a batch a line declares: it says whether the importer may declare
// it (registered, imported by the importer, not yet cleared). *batch.Batch
// implements it.
type Batch interface {
	DeclarableBy(importer ident.USCC) error
}

// Declare files the declaration once. Each line declares a registered batch
// the importer imported and customs has not cleared yet; batches[i] is the
// batch of lines[i]. The lines' values were parsed by the caller.
func (d *Declaration) Declare(no ident.DeclarationNo, port string, importer ident.USCC, lines []Line, batches []Batch) error {
	if d.Declared() {
		return domain.Conflict("declaration_already_filed", "declaration %s is already filed", no)
	}
	if strings.TrimSpace(port) == "" {
		return domain.Invalid("port", "required", "is required")
	}
	if len(lines) == 0 {
		return domain.Invalid("lines", "at_least_one_line_required", "at least one line is required")
	}
	if len(batches) != len(lines) {
		return fmt.Errorf("declare %s: %d batches for %d lines", no, len(batches), len(lines))
	}
	for i := range lines {
		if err := batches[i].DeclarableBy(importer); err != nil {
			return domain.Within(fmt.Sprintf("lines[%d]", i), err)
		}
	}
	d.Raise(Declared{DeclarationNo: no.String(), Port: port, ImporterUSCC: importer.String(), Lines: lines}, d.apply)
	return nil
}

// Inspect records an inspection result before the decision.
func (d *Declaration) Inspect(result, findings string) error {
	if err := d.mustBeOpen(); err != nil {
		return err
	}
	if result != "pass" && result != "fail" {
		return domain.Invalid("result", "must_pass_or_fail", "must be pass or fail")
	}
	if result == "fail" && strings.TrimSpace(findings) == "" {
		return domain.Invalid("findings", "required_when_inspection_fails", "is required when the inspection fails")
	}
	d.Raise(Inspected{DeclarationNo: d.decl.DeclarationNo, Result: result, Findings: findings}, d.apply)
	return nil
}

// Release lets the goods in. Goods whose last inspection failed cannot be
// released.
func (d *Declaration) Release(reason string) error {
	if err := d.mustBeOpen(); err != nil {
		return err
	}
	if d.inspected == "fail" {
		return domain.Conflict("declaration_failed_inspection_cannot_released", "declaration %s failed inspection: it cannot be released", d.decl.DeclarationNo)
	}
	d.Raise(Released{DeclarationNo: d.decl.DeclarationNo, Reason: reason}, d.apply)
	return nil
}

// Reject refuses the goods.
func (d *Declaration) Reject(reason string) error {
	if err := d.mustBeOpen(); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid("reason", "required_when_goods_rejected", "is required when goods are rejected")
	}
	d.Raise(Rejected{DeclarationNo: d.decl.DeclarationNo, Reason: reason}, d.apply)
	return nil
}

func (d *Declaration) mustBeOpen() error {
	if !d.Declared() {
		return domain.NotFound("no", "declaration_not_filed_2", "declaration is not filed")
	}
	if d.decided != "" {
		return domain.Conflict("declaration_already", "declaration %s is already %s", d.decl.DeclarationNo, d.decided)
	}
	return nil
}

func (d *Declaration) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Declared:
		d.decl = ev
	case Inspected:
		d.inspected = ev.Result
	case Released:
		d.decided = "released"
	case Rejected:
		d.decided = "rejected"
	}
}

// Declared reports whether the declaration was filed.
func (d *Declaration) Declared() bool { return d.decl.DeclarationNo != "" }

// Lines are the declared lines.
func (d *Declaration) Lines() []Line { return d.decl.Lines }

// Importer is the declaring importer.
func (d *Declaration) Importer() string { return d.decl.ImporterUSCC }
