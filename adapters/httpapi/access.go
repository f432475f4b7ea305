package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// Access says who may call a route. The zero Access is any authenticated
// actor; Public skips authentication; Roles restricts a route to roles the
// contract reserves it for (admin routes, the regulator's global log).
type Access struct {
	public bool
	roles  []access.Role
}

// Public is the access of routes anyone may call: /healthz, /metrics, the
// certificate check, the Digital Link resolver, the web UI.
var Public = Access{public: true}

// Authenticated is the access of routes any valid bearer token may call;
// finer permissions are left to the domain (answered 403 from there).
var Authenticated = Access{}

// Roles is the access of routes only the given roles may call; other
// authenticated actors get 403 without the handler running.
func Roles(roles ...access.Role) Access { return Access{roles: roles} }

func (a Access) allows(r access.Role) bool {
	return len(a.roles) == 0 || slices.Contains(a.roles, r)
}

type ctxKey int

const (
	actorKey ctxKey = iota
	scopeKey
	routeKey
)

// ActorFrom returns the authenticated actor of a request to a non-public
// route; ok is false on public routes.
func ActorFrom(ctx context.Context) (a access.Actor, ok bool) {
	a, ok = ctx.Value(actorKey).(access.Actor)
	return a, ok
}

// scopeFrom returns the request's token scope: a digest of its bearer token
// that keys idempotency and rate limits without keeping the token itself.
func scopeFrom(ctx context.Context) string {
	s, _ := ctx.Value(scopeKey).(string)
	return s
}

// guard wraps h with authentication, the role check and the rate limit.
func (s *Server) guard(access Access, h http.Handler) http.Handler {
	if access.public {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearerToken(r)
		if !ok {
			s.WriteError(w, r, errUnauthorized("missing bearer token: send Authorization: Bearer TOKEN"))
			return
		}
		actor, err := s.tokens.Authenticate(r.Context(), token)
		switch {
		case errors.Is(err, domain.ErrNotFound), errors.Is(err, domain.ErrInvalid), errors.Is(err, domain.ErrForbidden):
			s.WriteError(w, r, errUnauthorized("unknown or revoked bearer token"))
			return
		case err != nil:
			s.WriteError(w, r, fmt.Errorf("authenticate: %w", err))
			return
		}
		if !access.allows(actor.Role) {
			s.WriteError(w, r, &requestError{
				status: http.StatusForbidden, code: "forbidden",
				message: fmt.Sprintf("role %s may not use this route", actor.Role),
			})
			return
		}
		scope := tokenScope(token)
		if ok, wait := s.limiter.allow(scope); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
			s.WriteError(w, r, &requestError{status: http.StatusTooManyRequests, code: "rate_limited", message: "too many requests for this token; retry later"})
			return
		}
		ctx := context.WithValue(r.Context(), actorKey, actor)
		ctx = context.WithValue(ctx, scopeKey, scope)
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// bearerToken reads "Authorization: Bearer TOKEN" (scheme case-insensitive).
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// tokenScope is a digest of the token, so maps keyed by it hold no secret.
func tokenScope(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:16])
}

func errUnauthorized(msg string) error {
	return &requestError{status: http.StatusUnauthorized, code: "unauthorized", message: msg}
}
