package domain_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
)

func TestWithinReportsAnElementsErrorAtItsPath(t *testing.T) {
	var re *domain.RuleError
	err := domain.Within("batches[1]", domain.Forbidden("lot", "not_yours", "not yours"))
	if !errors.Is(err, domain.ErrForbidden) || !errors.As(err, &re) || re.Field != "batches[1].lot" {
		t.Errorf("rule error = %#v", err)
	}
	var fe *domain.FieldError
	err = domain.Within("lines[0]", domain.Invalid("gtin", "bad", "bad"))
	if !errors.Is(err, domain.ErrInvalid) || !errors.As(err, &fe) || fe.Field != "lines[0].gtin" {
		t.Errorf("field error = %#v", err)
	}
	if err := domain.Within("batches[0]", domain.Conflict("recalled", "recalled")); !errors.As(err, &re) || re.Field != "" {
		t.Errorf("an error naming no field gained one: %#v", err)
	}
}
