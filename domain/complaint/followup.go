package complaint

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"
)

// A consumer who filed through the public intake follows the case with its
// number and a follow-up code, a secret shown once. The ledger keeps only
// the code's SHA-256 (Filed.FollowUpHash): the log, its readers and its
// backups never hold what opens the case's public status.

// NormaliseFollowUpCode is the code as it is hashed: upper case, without
// the spaces and hyphens a consumer may type between its groups.
func NormaliseFollowUpCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\t':
			return -1
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, code)
}

// FollowUpHash is the hex SHA-256 of the normalised code.
func FollowUpHash(code string) string {
	sum := sha256.Sum256([]byte(NormaliseFollowUpCode(code)))
	return hex.EncodeToString(sum[:])
}

// FollowUpMatches reports whether code opens the case whose filing kept
// hash, in constant time. A case without a hash (filed by a regulator, or
// before cases had codes) is opened by no code.
func FollowUpMatches(hash, code string) bool {
	want := FollowUpHash(code) // computed either way: a case without a hash answers as slowly
	if hash == "" || strings.TrimSpace(code) == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(hash), []byte(want)) == 1
}
