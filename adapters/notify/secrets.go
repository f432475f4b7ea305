package notify

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// sealedPrefix marks the version of the sealed form: AES-256-GCM, the nonce
// then the ciphertext, in unpadded base64url.
const sealedPrefix = "v1."

// Sealer seals webhook secrets for the event log with AES-256-GCM. The
// enterprise's USCC is the additional data, so a sealed secret opens only
// for the enterprise it was sealed for. Every replica must load the same
// key file (--secrets-key-file); losing it loses the secrets, not the log.
type Sealer struct{ aead cipher.AEAD }

// LoadOrCreateSealer loads the key at path (64 hex digits), creating it
// with mode 0600 from fresh randomness if there is none yet.
func LoadOrCreateSealer(path string) (*Sealer, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if b, err = createKey(path); err != nil {
			return nil, fmt.Errorf("create secrets key %s: %w", path, err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("read secrets key: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("secrets key %s: want 64 hex digits (32 bytes)", path)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secrets key %s: %w", path, err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secrets key %s: %w", path, err)
	}
	return &Sealer{aead: aead}, nil
}

// createKey writes a new key, refusing to overwrite one another process
// created meanwhile (then it reads that one).
func createKey(path string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	text := []byte(hex.EncodeToString(key) + "\n")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return os.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return text, f.Close()
}

// Seal encrypts uscc's secret; it satisfies command.Sealer.
func (s *Sealer) Seal(uscc, secret string) (string, error) {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	out := s.aead.Seal(nonce, nonce, []byte(secret), []byte(uscc))
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(out), nil
}

// Open decrypts a secret Seal sealed for uscc.
func (s *Sealer) Open(uscc, sealed string) (string, error) {
	raw, ok := strings.CutPrefix(sealed, sealedPrefix)
	if !ok {
		return "", errors.New("open sealed secret: unknown version")
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", errors.New("open sealed secret: malformed")
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, b[:n], b[n:], []byte(uscc))
	if err != nil {
		return "", fmt.Errorf("open sealed secret of %s: %w", uscc, err)
	}
	return string(plain), nil
}

// StreamReader is what Secrets reads of the event store.
type StreamReader interface {
	ReadStream(ctx context.Context, stream string, fromVersion uint64) ([]event.Record, error)
}

// Secrets finds an enterprise's webhook secret: sealed in its registration
// event, opened with the Sealer. A registration is recorded once and never
// changes, so an opened secret stays cached. Secrets from an older
// webhooks.json (before secrets were sealed into the log) are read too.
type Secrets struct {
	log    StreamReader
	sealer *Sealer
	legacy map[string]string

	mu    sync.Mutex
	cache map[string]string
}

// NewSecrets builds the lookup; legacyPath (e.g. <data>/webhooks.json) may
// name no file.
func NewSecrets(log StreamReader, sealer *Sealer, legacyPath string) (*Secrets, error) {
	s := &Secrets{log: log, sealer: sealer, legacy: map[string]string{}, cache: map[string]string{}}
	if legacyPath == "" {
		return s, nil
	}
	b, err := os.ReadFile(legacyPath)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open webhook secrets: %w", err)
	}
	if err := json.Unmarshal(b, &s.legacy); err != nil {
		return nil, fmt.Errorf("webhook secrets %s: %w", legacyPath, err)
	}
	return s, nil
}

// Secret answers uscc's secret; ok is false when it has none (or it cannot
// be opened: the notice then goes unsigned, and the error is returned).
func (s *Secrets) Secret(ctx context.Context, uscc string) (secret string, ok bool, err error) {
	s.mu.Lock()
	v, hit := s.cache[uscc]
	s.mu.Unlock()
	if hit {
		return v, true, nil
	}
	sealed, err := s.sealed(ctx, uscc)
	if err != nil {
		return "", false, err
	}
	if sealed == "" {
		v, ok := s.legacy[uscc]
		return v, ok, nil
	}
	if v, err = s.sealer.Open(uscc, sealed); err != nil {
		return "", false, err
	}
	s.mu.Lock()
	s.cache[uscc] = v
	s.mu.Unlock()
	return v, true, nil
}

// sealed reads the sealed secret of uscc's registration, "" if none.
func (s *Secrets) sealed(ctx context.Context, uscc string) (string, error) {
	u, err := ident.ParseUSCC(uscc)
	if err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	recs, err := s.log.ReadStream(ctx, enterprise.Stream(u), 0)
	if err != nil {
		return "", fmt.Errorf("webhook secret of %s: %w", uscc, err)
	}
	for _, r := range recs {
		if r.Type != enterprise.TypeRegistered {
			continue
		}
		var reg enterprise.Registered
		if err := json.Unmarshal(r.Data, &reg); err != nil {
			return "", fmt.Errorf("webhook secret of %s: %w", uscc, err)
		}
		return reg.WebhookHMACSealed, nil
	}
	return "", nil
}
