package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/event"
)

// IdempotencyKeyHeader names the header a client sets to make a command
// safe to retry.
const IdempotencyKeyHeader = "Idempotency-Key"

// maxIdempotencyKey bounds the key: a UUID or a ULID fits with room to spare.
const maxIdempotencyKey = 255

// idempotent runs a command once per (token, Idempotency-Key). The key is
// recorded by the event store in the same atomic append as the command's
// events (see event.KeyedStore), so every replica on the store knows it and
// a crash can never keep the events without the key. A retry with the same
// method, path and body gets the first answer again, rebuilt from the
// recorded key and records (with Idempotent-Replayed: true), and runs
// nothing; the same key with another request is 409. A refused command
// appends nothing, so its key is not recorded and the request may be retried
// with it.
func (s *Server) idempotent(ctx context.Context, w http.ResponseWriter, r *http.Request, body []byte, run func(context.Context) (SavedResponse, error)) error {
	key := r.Header.Get(IdempotencyKeyHeader)
	if key == "" {
		resp, err := run(ctx)
		if err != nil {
			return err
		}
		writeSaved(w, resp)
		return nil
	}
	if s.idem == nil {
		return badRequest(IdempotencyKeyHeader, "this_server_does_not_keep", "this server does not keep idempotency keys")
	}
	if len(key) > maxIdempotencyKey {
		return badRequest(IdempotencyKeyHeader, "must_at_most_characters", "must be at most %d characters", maxIdempotencyKey)
	}
	scope := scopeFrom(r.Context())
	// Retries reaching this process wait for each other here; one reaching
	// another replica meets the store's refusal of a recorded key instead.
	unlock := s.idemLocks.lock(scope + "\x00" + key)
	defer unlock()

	hash := requestHash(r, body)
	if done, err := s.replay(w, r, scope, key, hash); done || err != nil {
		return err
	}
	resp, err := run(command.WithIdempotencyKey(ctx, event.Key{Scope: scope, Key: key, RequestHash: hash}))
	if errors.Is(err, event.ErrKeyRecorded) {
		// Another replica recorded the key since the lookup.
		if done, err := s.replay(w, r, scope, key, hash); done || err != nil {
			return err
		}
		return fmt.Errorf("idempotency key refused as recorded but not found: %w", err)
	}
	if err != nil {
		return err
	}
	writeSaved(w, resp)
	return nil
}

// replay answers a request whose key is recorded: the first answer when the
// request is the same, 409 when not. done is false for a key not recorded.
func (s *Server) replay(w http.ResponseWriter, r *http.Request, scope, key, hash string) (done bool, err error) {
	k, found, err := s.idem.LookupKey(r.Context(), scope, key)
	if err != nil {
		return false, fmt.Errorf("idempotency lookup: %w", err)
	}
	if !found {
		return false, nil
	}
	if k.Key.RequestHash != hash {
		return true, &requestError{status: http.StatusConflict, code: "conflict", reason: "idempotency_key_reused", field: IdempotencyKeyHeader,
			message: "this Idempotency-Key was already used for another request"}
	}
	out, err := command.Replay(k)
	if err != nil {
		return true, err
	}
	resp, err := commandResponse(out)
	if err != nil {
		return true, err
	}
	w.Header().Set("Idempotent-Replayed", "true")
	writeSaved(w, resp)
	return true, nil
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
