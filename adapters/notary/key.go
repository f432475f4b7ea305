package notary

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

// KeyFile is the signer key's file in the data directory.
const KeyFile = "ledger.key"

// originPrefix starts the origin of a key created here; a random suffix
// makes each ledger's origin its own, and the key file keeps it stable.
const originPrefix = "traceledger.example/ledger/"

// Key is the ledger's note signer and the verifier key that goes with it.
type Key struct {
	signer   note.Signer
	verifier note.Verifier
	vkey     string
}

// LoadOrCreateKey reads the signer key at path, creating it (mode 0600,
// synced) with a new Ed25519 key when the file does not exist. origin names
// a new key ("" for traceledger.example/ledger/<random>); an existing key
// keeps the origin it was made with.
func LoadOrCreateKey(path, origin string) (*Key, error) {
	k, err := LoadKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	if origin == "" {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, fmt.Errorf("ledger key: %w", err)
		}
		origin = originPrefix + hex.EncodeToString(b[:])
	}
	skey, _, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		return nil, fmt.Errorf("ledger key for origin %q: %w", origin, err)
	}
	if err := writeKey(path, skey); err != nil {
		return nil, err
	}
	return LoadKey(path)
}

// writeKey creates path with the key, refusing to overwrite one: two
// processes racing to create it keep the first.
func writeKey(path, skey string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("ledger key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("ledger key: %w", err)
	}
	_, err = f.WriteString(skey + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("ledger key %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// LoadKey reads the note signer key (PRIVATE+KEY+origin+hash+key) at path.
func LoadKey(path string) (*Key, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ledger key: %w", err)
	}
	k, err := ParseKey(strings.TrimSpace(string(raw)))
	if err != nil {
		return nil, fmt.Errorf("ledger key %s: %w", path, err)
	}
	return k, nil
}

// ParseKey reads a note signer key and derives its verifier key: the
// Ed25519 public key of the key's seed, under the key's name.
func ParseKey(skey string) (*Key, error) {
	signer, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("not a note signer key: %w", err)
	}
	// PRIVATE+KEY+name+hash+key: the key's base64 may itself hold '+'.
	parts := strings.SplitN(skey, "+", 5)
	seed, err := base64.StdEncoding.DecodeString(parts[len(parts)-1])
	if err != nil || len(seed) != 1+ed25519.SeedSize {
		return nil, errors.New("not an Ed25519 note signer key")
	}
	pub := ed25519.NewKeyFromSeed(seed[1:]).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(signer.Name(), pub)
	if err != nil {
		return nil, err
	}
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, err
	}
	return &Key{signer: signer, verifier: verifier, vkey: vkey}, nil
}

// Origin is the key's name: the first line of every checkpoint it signs.
func (k *Key) Origin() string { return k.signer.Name() }

// VerifierKey is the public note verifier key (origin+hash+key) to publish.
func (k *Key) VerifierKey() string { return k.vkey }

// Verifier checks notes signed with this key.
func (k *Key) Verifier() note.Verifier { return k.verifier }

// ReadVerifierKey accepts a verifier key, or the path of a file holding
// one, as people pass --key: whichever the argument is.
func ReadVerifierKey(arg string) (note.Verifier, error) {
	arg = strings.TrimSpace(arg)
	if v, err := note.NewVerifier(arg); err == nil {
		return v, nil
	}
	raw, err := os.ReadFile(arg)
	if err != nil {
		return nil, fmt.Errorf("%q is neither a note verifier key nor a readable file: %w", arg, err)
	}
	v, err := note.NewVerifier(strings.TrimSpace(string(raw)))
	if err != nil {
		return nil, fmt.Errorf("%s: not a note verifier key: %w", arg, err)
	}
	return v, nil
}
