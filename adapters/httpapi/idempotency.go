package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"sync"
)

// IdempotencyKeyHeader names the header a client sets to make a command
// safe to retry.
const IdempotencyKeyHeader = "Idempotency-Key"

// maxIdempotencyKey bounds the key: a UUID or a ULID fits with room to spare.
const maxIdempotencyKey = 255

// idempotent runs a command once per (token, Idempotency-Key). The first
// successful answer is kept; a retry with the same method, path and body
// gets it again (with Idempotent-Replayed: true) and runs nothing; the same
// key with another request is 409. A refused command appends nothing, so
// only successes are kept and a refused request may be retried with its key.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, body []byte, run func() (SavedResponse, error)) error {
	key := r.Header.Get(IdempotencyKeyHeader)
	if key == "" {
		resp, err := run()
		if err != nil {
			return err
		}
		writeSaved(w, resp)
		return nil
	}
	if s.idem == nil {
		return badRequest(IdempotencyKeyHeader, "this server does not keep idempotency keys")
	}
	if len(key) > maxIdempotencyKey {
		return badRequest(IdempotencyKeyHeader, fmt.Sprintf("must be at most %d characters", maxIdempotencyKey))
	}
	scope := scopeFrom(r.Context())
	unlock := s.idemLocks.lock(scope + "\x00" + key)
	defer unlock()

	hash := requestHash(r, body)
	saved, found, err := s.idem.Lookup(r.Context(), scope, key)
	if err != nil {
		return fmt.Errorf("idempotency lookup: %w", err)
	}
	if found {
		if saved.RequestHash != hash {
			return &requestError{status: http.StatusConflict, code: "conflict", field: IdempotencyKeyHeader,
				message: "this Idempotency-Key was already used for another request"}
		}
		w.Header().Set("Idempotent-Replayed", "true")
		writeSaved(w, saved)
		return nil
	}
	resp, err := run()
	if err != nil {
		return err
	}
	resp.RequestHash = hash
	if err := s.idem.Save(r.Context(), scope, key, resp); err != nil {
		// The command is recorded: answer it, but a retry would run it again.
		s.logger.ErrorContext(r.Context(), "idempotency save failed", "route", routeLabel(r.Pattern, ""), "err", err)
	}
	writeSaved(w, resp)
	return nil
}

// requestHash covers what makes a retry the same request.
func requestHash(r *http.Request, body []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", r.Method, r.URL.EscapedPath())
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

func writeSaved(w http.ResponseWriter, resp SavedResponse) {
	if resp.Position > 0 {
		w.Header().Set(PositionHeader, strconv.FormatUint(resp.Position, 10))
	}
	writeJSONBytes(w, resp.Status, resp.Body)
}

// keyLocks serialises requests that share an idempotency key, so two
// concurrent retries cannot both miss the lookup and both run the command.
type keyLocks struct {
	mu    sync.Mutex
	locks map[string]*keyLock
}

type keyLock struct {
	mu      sync.Mutex
	waiters int
}

func newKeyLocks() *keyLocks { return &keyLocks{locks: make(map[string]*keyLock)} }

// lock blocks until key is free and returns its unlock.
func (k *keyLocks) lock(key string) (unlock func()) {
	k.mu.Lock()
	l := k.locks[key]
	if l == nil {
		l = &keyLock{}
		k.locks[key] = l
	}
	l.waiters++
	k.mu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		k.mu.Lock()
		if l.waiters--; l.waiters == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}
