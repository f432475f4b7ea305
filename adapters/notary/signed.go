package notary

import (
	"fmt"

	"golang.org/x/mod/sumdb/note"
)

// Signed is a checkpoint and its signed note text, as published.
type Signed struct {
	Checkpoint
	Note []byte
}

// Sign signs the checkpoint of a tree of size leaves with root hash root,
// under the key's origin.
func (k *Key) Sign(size uint64, root [32]byte) (Signed, error) {
	c := Checkpoint{Origin: k.Origin(), Size: size, Root: root}
	msg, err := note.Sign(&note.Note{Text: string(c.Body())}, k.signer)
	if err != nil {
		return Signed{}, fmt.Errorf("sign checkpoint %d: %w", size, err)
	}
	return Signed{Checkpoint: c, Note: msg}, nil
}

// Open checks a signed checkpoint's signature with v and reads it. The
// origin must be the key's name: a checkpoint names the log it is of.
func Open(msg []byte, v note.Verifier) (Signed, error) {
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return Signed{}, fmt.Errorf("checkpoint signature: %w", err)
	}
	c, err := ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return Signed{}, err
	}
	if c.Origin != v.Name() {
		return Signed{}, fmt.Errorf("checkpoint of origin %q, but the key is %q's", c.Origin, v.Name())
	}
	return Signed{Checkpoint: c, Note: msg}, nil
}
