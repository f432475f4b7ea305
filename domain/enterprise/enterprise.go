package enterprise

import (
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// Enterprise is a registered participant of the chain.
type Enterprise struct {
	aggregate.Root
	uscc      ident.USCC
	name      string
	contact   string
	roles     map[Role]bool
	food      bool
	penalties int
}

// Stream is the enterprise's stream name.
func Stream(u ident.USCC) string { return "enterprise-" + u.String() }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeRegistered:     aggregate.As[Registered](),
	TypePenaltyImposed: aggregate.As[PenaltyImposed](),
}

// Load rebuilds an enterprise from its stream; an empty stream gives one that
// is not registered.
func Load(recs []event.Record) (*Enterprise, error) {
	e := &Enterprise{}
	return e, aggregate.Replay("enterprise", recs, Decoders, &e.Root, e.apply)
}

// Details are what a registration says.
type Details struct {
	Name, Region, Contact, WebhookURL string
	Roles                             []Role
	FoodOperator                      bool
	// WebhookHMACSealed is the sealed webhook secret (see Registered).
	WebhookHMACSealed string
}

// Register registers the enterprise. It must not be registered already.
func (e *Enterprise) Register(u ident.USCC, d Details) error {
	if e.Registered() {
		return domain.Conflict("enterprise_already_registered", "enterprise %s is already registered", u)
	}
	if strings.TrimSpace(d.Name) == "" {
		return domain.Invalid("name", "required", "is required")
	}
	if strings.TrimSpace(d.Region) == "" {
		return domain.Invalid("region", "required", "is required")
	}
	if len(d.Roles) == 0 {
		return domain.Invalid("roles", "at_least_one_role_required", "at least one role is required")
	}
	roles := make([]string, len(d.Roles))
	for i, r := range d.Roles {
		roles[i] = string(r)
	}
	e.Raise(Registered{USCC: u.String(), Name: d.Name, Region: d.Region, Roles: roles,
		FoodOperator: d.FoodOperator, Contact: d.Contact, WebhookURL: d.WebhookURL, WebhookHMACSealed: d.WebhookHMACSealed}, e.apply)
	return nil
}

// ImposePenalty records an administrative penalty.
func (e *Enterprise) ImposePenalty(authority string, amountCNY int64, reason string) error {
	if !e.Registered() {
		return domain.NotFound("enterprise_uscc", "enterprise_not_registered_2", "enterprise is not registered")
	}
	if strings.TrimSpace(authority) == "" {
		return domain.Invalid("authority", "required", "is required")
	}
	if amountCNY < 0 {
		return domain.Invalid("amount_cny", "must_not_negative", "must not be negative")
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid("reason", "required", "is required")
	}
	e.Raise(PenaltyImposed{USCC: e.uscc.String(), Authority: authority, AmountCNY: amountCNY, Reason: reason}, e.apply)
	return nil
}

func (e *Enterprise) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Registered:
		e.uscc, _ = ident.ParseUSCC(ev.USCC)
		e.name, e.contact, e.food = ev.Name, ev.Contact, ev.FoodOperator
		e.roles = make(map[Role]bool, len(ev.Roles))
		for _, r := range ev.Roles {
			e.roles[Role(r)] = true
		}
	case PenaltyImposed:
		e.penalties++
	}
}

// Registered reports whether the enterprise exists.
func (e *Enterprise) Registered() bool { return !e.uscc.IsZero() }

// USCC is the enterprise's credit code.
func (e *Enterprise) USCC() ident.USCC { return e.uscc }

// Name is the registered name.
func (e *Enterprise) Name() string { return e.name }

// HasRole reports whether the enterprise registered with any of roles.
func (e *Enterprise) HasRole(roles ...Role) bool {
	for _, r := range roles {
		if e.roles[r] {
			return true
		}
	}
	return false
}

// RequireRole refuses with a conflict naming field unless the enterprise has
// one of roles.
func (e *Enterprise) RequireRole(field string, roles ...Role) error {
	if e.HasRole(roles...) {
		return nil
	}
	return domain.ConflictAt(field, "enterprise_not_registered_as", "enterprise %s is not registered as %v", e.uscc, roles)
}
