package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// The admin routes manage bearer tokens (and, in admin_status.go, show the
// server's status): the admin role of the contract reads none of the
// ledger's records. They extend the contract (docs/api/openapi.yaml).

var adminAccess = Roles(access.RoleAdmin)

type createTokenRequest struct {
	Role  string `json:"role"`
	USCC  string `json:"uscc,omitempty"`
	Label string `json:"label,omitempty"`
}

type createTokenResponse struct {
	Token string      `json:"token"`
	ID    string      `json:"id"`
	Role  access.Role `json:"role"`
	USCC  string      `json:"uscc,omitempty"`
	Label string      `json:"label,omitempty"`
}

type tokenList struct {
	Tokens []TokenInfo `json:"tokens"`
	Next   *string     `json:"next"`
}

func (s *Server) routeAdmin() {
	s.HandleFunc("POST /api/v1/admin/tokens", s.createToken, adminAccess)
	s.HandleFunc("GET /api/v1/admin/tokens", s.listTokens, adminAccess)
	s.HandleFunc("DELETE /api/v1/admin/tokens/{id}", s.revokeToken, adminAccess)
}

// createToken issues a token; its secret is in this answer only.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readBody(w, r)
	if err != nil {
		return err
	}
	var req createTokenRequest
	if err := decodeJSON(body, &req, false); err != nil {
		return err
	}
	role, err := access.ParseRole(req.Role)
	if err != nil {
		return domain.InvalidValue("role", err)
	}
	token, err := s.admin.Create(r.Context(), role, req.USCC, req.Label)
	if err != nil {
		return fmt.Errorf("create token: %w", err)
	}
	w.Header().Set("Cache-Control", "no-store")
	WriteJSON(w, http.StatusCreated, createTokenResponse{Token: token, ID: tokenID(token), Role: role, USCC: req.USCC, Label: req.Label})
	return nil
}

// listTokens answers a page of the tokens, oldest first, paged by
// ?after=&limit= (an offset into that order, which only grows at its end).
func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) error {
	after, limit, err := pageParams(r)
	if err != nil {
		return err
	}
	list, err := s.admin.List(r.Context())
	if err != nil {
		return fmt.Errorf("list tokens: %w", err)
	}
	page, next := pageOf(list, after, limit)
	WriteJSON(w, http.StatusOK, tokenList{Tokens: page, Next: cursorOf(next)})
	return nil
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.admin.Revoke(r.Context(), id); err != nil {
		return fmt.Errorf("revoke token %s: %w", id, err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// tokenID is a token's public id, the first 16 hex digits of its SHA-256
// (as the token store names it), so the creator can find it in the list.
func tokenID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])[:16]
}
