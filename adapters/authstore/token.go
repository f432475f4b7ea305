package authstore

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// tokenPrefix marks a traceledger token, so secret scanners and people can
// tell one from other credentials.
const tokenPrefix = "tl_"

// tokenBytes of randomness: 256 bits, beyond guessing.
const tokenBytes = 32

// tokenLen is the length of a well-formed token: the prefix and 43
// characters of unpadded base64url.
var tokenLen = len(tokenPrefix) + base64.RawURLEncoding.EncodedLen(tokenBytes)

// ErrUnknownToken is the answer to a token that was never issued or has
// been revoked. It wraps domain.ErrNotFound, which the HTTP adapter answers
// with 401.
var ErrUnknownToken = fmt.Errorf("unknown or revoked token: %w", domain.ErrNotFound)

// newToken draws a fresh token.
func newToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("draw token: %w", err)
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// wellFormed rejects what cannot be a token before any lookup.
func wellFormed(token string) bool {
	return len(token) == tokenLen && strings.HasPrefix(token, tokenPrefix)
}

// digest is the stored form of a token: its SHA-256 in hex.
func digest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ID returns the public id of a token: the first 16 hex digits of its
// digest. Lists show ids, never secrets, and whoever holds a token can
// compute its id to revoke it.
func ID(token string) string { return digest(token)[:16] }

// checkActor validates what a token will stand for: a known role; an
// enterprise bound to a valid USCC; any other role bound to none. It
// returns the USCC in canonical (upper-case) form.
func checkActor(role access.Role, uscc string) (access.Role, string, error) {
	r, err := access.ParseRole(string(role))
	if err != nil {
		return "", "", domain.InvalidValue("role", err)
	}
	if r != access.RoleEnterprise {
		if uscc != "" {
			return "", "", domain.Invalid("uscc", "only_enterprise_tokens_bound_uscc", "only enterprise tokens are bound to a USCC, not %s tokens", r)
		}
		return r, "", nil
	}
	if uscc == "" {
		return "", "", domain.Invalid("uscc", "enterprise_token_must_bound_enterprise", "an enterprise token must be bound to the enterprise's USCC")
	}
	u, err := ident.ParseUSCC(uscc)
	if err != nil {
		return "", "", domain.InvalidValue("uscc", err)
	}
	return r, u.String(), nil
}
