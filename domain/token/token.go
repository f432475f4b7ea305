// Package token is the bearer token aggregate: a grant of access to the
// ledger's API, for a role (and, for an enterprise, the USCC it acts for),
// and its revocation. Grants and revocations are events, so a regulator can
// read who had access and when, and every replica on one store sees them.
// The token's secret never enters the log: a grant keeps its SHA-256 only.
package token

import (
	"regexp"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// Event type names, written by hand and versioned.
const (
	TypeGranted = "token.granted.v1"
	TypeRevoked = "token.revoked.v1"
)

// Granted: a token was issued. SecretSHA256 is the hex SHA-256 of the
// token's secret; the secret itself is shown once to whoever asked for it.
type Granted struct {
	ID   string `json:"id"`
	Role string `json:"role"`
	USCC string `json:"uscc,omitempty"`
	// Label is what the admin called the token ("warehouse scanner"), so a
	// list tells tokens apart; grants recorded before labels have none.
	Label        string    `json:"label,omitempty"`
	SecretSHA256 string    `json:"secret_sha256"`
	GrantedAt    time.Time `json:"granted_at"`
}

// Revoked: the token no longer lets anyone in.
type Revoked struct {
	ID        string    `json:"id"`
	RevokedAt time.Time `json:"revoked_at"`
}

// EventType names the event.
func (Granted) EventType() string { return TypeGranted }

// EventType names the event.
func (Revoked) EventType() string { return TypeRevoked }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeGranted: aggregate.As[Granted](),
	TypeRevoked: aggregate.As[Revoked](),
}

// Stream is the token's stream name.
func Stream(id string) string { return "token-" + id }

// Token is one token's grant and, once revoked, its revocation.
type Token struct {
	aggregate.Root
	g         Granted
	revokedAt time.Time
}

// Load rebuilds a token from its stream.
func Load(recs []event.Record) (*Token, error) {
	t := &Token{}
	return t, aggregate.Replay("token", recs, Decoders, &t.Root, t.apply)
}

// idPattern is a token id: 16 lowercase hex digits (a digest prefix).
var idPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)

// hashPattern is a hex SHA-256.
var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Grant issues the token once. An enterprise token is bound to a valid USCC;
// any other role to none. The USCC is kept in canonical form; the label is
// kept as given (its bounds are the command's).
func (t *Token) Grant(id string, role access.Role, uscc, label, secretSHA256 string, at time.Time) error {
	if t.g.ID != "" {
		return domain.Conflict("token_already_granted", "token %s is already granted", id)
	}
	if !idPattern.MatchString(id) {
		return domain.Invalid("id", "must_16_lowercase_hex_digits", "must be 16 lowercase hex digits")
	}
	if !hashPattern.MatchString(secretSHA256) {
		return domain.Invalid("secret_sha256", "must_lowercase_hex_sha_256", "must be a lowercase hex SHA-256")
	}
	r, err := access.ParseRole(string(role))
	if err != nil {
		return domain.InvalidValue("role", err)
	}
	switch {
	case r != access.RoleEnterprise && uscc != "":
		return domain.Invalid("uscc", "only_enterprise_tokens_bound_uscc", "only enterprise tokens are bound to a USCC, not %s tokens", r)
	case r == access.RoleEnterprise && uscc == "":
		return domain.Invalid("uscc", "enterprise_token_must_bound_enterprise", "an enterprise token must be bound to the enterprise's USCC")
	case r == access.RoleEnterprise:
		u, err := ident.ParseUSCC(uscc)
		if err != nil {
			return domain.InvalidValue("uscc", err)
		}
		uscc = u.String()
	}
	t.Raise(Granted{ID: id, Role: string(r), USCC: uscc, Label: label, SecretSHA256: secretSHA256, GrantedAt: at.UTC()}, t.apply)
	return nil
}

// Revoke revokes a granted token. Revoking it again changes nothing and
// raises nothing.
func (t *Token) Revoke(at time.Time) error {
	if t.g.ID == "" {
		return domain.NotFound("id", "no_token_with_this_id", "no token with this id")
	}
	if t.Revoked() {
		return nil
	}
	t.Raise(Revoked{ID: t.g.ID, RevokedAt: at.UTC()}, t.apply)
	return nil
}

// Granted reports whether the token was ever granted.
func (t *Token) Granted() bool { return t.g.ID != "" }

// Revoked reports whether the token is revoked.
func (t *Token) Revoked() bool { return !t.revokedAt.IsZero() }

// Details returns the token's grant (zero when not granted).
func (t *Token) Details() Granted { return t.g }

// RevokedAt is when the token was revoked (zero when it is not).
func (t *Token) RevokedAt() time.Time { return t.revokedAt }

// Actor is who the token stands for, if it lets its bearer in: granted, not
// revoked, and secretSHA256 is the hash of the secret presented.
func (t *Token) Actor(secretSHA256 string) (access.Actor, bool) {
	if !t.Granted() || t.Revoked() || t.g.SecretSHA256 != secretSHA256 {
		return access.Actor{}, false
	}
	return access.Actor{Role: access.Role(t.g.Role), USCC: t.g.USCC}, true
}

func (t *Token) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Granted:
		t.g = ev
	case Revoked:
		t.revokedAt = ev.RevokedAt
	}
}
