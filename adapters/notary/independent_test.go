package notary_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// verifyIndependently checks a signed note against a verifier key the way
// the C2SP signed-note spec describes it, with crypto/ed25519 and no code
// of golang.org/x/mod: the key hash is the first four bytes of
// SHA-256(name || "\n" || 0x01 || public key), the signature line is
// "— name base64(key hash || signature)" and the signature covers the body
// up to and including its last newline. It returns the body.
func verifyIndependently(t *testing.T, msg []byte, vkey string) string {
	t.Helper()
	parts := strings.SplitN(vkey, "+", 3) // base64 may hold '+'
	if len(parts) != 3 {
		t.Fatalf("verifier key %q has %d parts", vkey, len(parts))
	}
	name := parts[0]
	key, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(key) != 1+ed25519.PublicKeySize || key[0] != 0x01 {
		t.Fatalf("verifier key %q is not an Ed25519 key", vkey)
	}
	h := sha256.Sum256(append([]byte(name+"\n"), key...))
	keyHash := binary.BigEndian.Uint32(h[:4])
	i := bytes.Index(msg, []byte("\n\n"))
	if i < 0 {
		t.Fatalf("note has no signature block: %q", msg)
	}
	body, sigs := msg[:i+1], msg[i+2:]
	for _, line := range strings.Split(strings.TrimSuffix(string(sigs), "\n"), "\n") {
		rest, ok := strings.CutPrefix(line, "\u2014 "+name+" ")
		if !ok {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(rest)
		if err != nil || len(sig) != 4+ed25519.SignatureSize {
			t.Fatalf("bad signature line %q", line)
		}
		if binary.BigEndian.Uint32(sig[:4]) != keyHash {
			t.Fatalf("signature's key hash %x, key's %x", sig[:4], keyHash)
		}
		if !ed25519.Verify(ed25519.PublicKey(key[1:]), body, sig[4:]) {
			t.Fatal("Ed25519 signature does not verify")
		}
		return string(body)
	}
	t.Fatalf("no signature by %q in %q", name, sigs)
	return ""
}

// pythonNoteCheck is the same check in Python with the cryptography
// package: a third implementation, in another language.
const pythonNoteCheck = `
import base64, hashlib, struct, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
msg = open(sys.argv[1], 'rb').read()
name, khash, key = open(sys.argv[2]).read().strip().split('+', 2)
key = base64.b64decode(key)
assert key[0] == 1
want = struct.unpack('>I', hashlib.sha256(name.encode() + b'\n' + key).digest()[:4])[0]
assert want == int(khash, 16)
body, sigs = msg.split(b'\n\n', 1)
body += b'\n'
for line in sigs.decode().splitlines():
    prefix = '\u2014 ' + name + ' '
    if not line.startswith(prefix):
        continue
    sig = base64.b64decode(line[len(prefix):])
    assert struct.unpack('>I', sig[:4])[0] == want
    Ed25519PublicKey.from_public_bytes(key[1:]).verify(sig[4:], body)
    origin, size, root = body.decode().splitlines()[:3]
    assert origin == name
    print(size, base64.b64decode(root).hex())
    sys.exit(0)
sys.exit('no signature by ' + name)
`

// verifyWithPython runs pythonNoteCheck and returns "SIZE ROOTHEX"; it
// skips when python3 with cryptography is not installed.
func verifyWithPython(t *testing.T, msg []byte, vkey string) string {
	t.Helper()
	if exec.Command("python3", "-c", "import cryptography").Run() != nil {
		t.Skip("python3 with the cryptography package is not installed")
	}
	dir := t.TempDir()
	note, key := filepath.Join(dir, "note"), filepath.Join(dir, "key")
	if err := os.WriteFile(note, msg, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, []byte(vkey), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", "-c", pythonNoteCheck, note, key).CombinedOutput()
	if err != nil {
		t.Fatalf("python check: %v: %s", err, out)
	}
	return strings.TrimSpace(string(out))
}
