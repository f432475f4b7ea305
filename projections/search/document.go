package search

import (
	"crypto/sha256"
	"slices"
	"strings"
)

// Document kinds: what a hit is.
const (
	KindEnterprise  = "enterprise"
	KindProduct     = "product"
	KindBatch       = "batch"
	KindDeclaration = "declaration"
	KindComplaint   = "complaint"
	KindRecall      = "recall"
)

// Kinds is every kind of document, in the order a UI lists them.
var Kinds = []string{KindEnterprise, KindProduct, KindBatch, KindDeclaration, KindComplaint, KindRecall}

// doc is the folded state of one record, kept as JSON in a stored field of
// the document bleve indexes from it. Its scalars are last-write-wins
// and its sets only grow, so re-applying a run of events that the index has
// already seen leaves the same document once the run is replayed to its end.
type doc struct {
	Kind string            `json:"k"`
	ID   string            `json:"i"`
	F    map[string]string `json:"f,omitempty"`
	// Visible: the USCCs that may see the record.
	Visible []string `json:"v,omitempty"`
	// Own: identifiers of the record beyond its id (certificate numbers).
	Own []string `json:"o,omitempty"`
	// Refs: identifiers of other records it names (GTINs, lots, USCCs).
	Refs []string `json:"r,omitempty"`
	// Notes: free text gathered from events (findings, penalty reasons).
	Notes []string `json:"n,omitempty"`
	// Links: recall ids naming a batch; batch keys of a recall.
	Links []string `json:"l,omitempty"`
	// written is the SHA-256 of the state the index holds for the
	// document (zero for one it does not hold yet): a batch rewrites only
	// documents whose state changed, so the many events that change
	// nothing searchable (a sale by a seller the batch already shows) cost
	// the index nothing. A digest rather than the state itself keeps the
	// cache's memory what it was.
	written [sha256.Size]byte
}

// wrote records raw as the state the index holds, and reports whether it
// differs from what was recorded before.
func (d *doc) wrote(raw []byte) bool {
	sum := sha256.Sum256(raw)
	if sum == d.written {
		return false
	}
	d.written = sum
	return true
}

func newDoc(kind, id string) *doc { return &doc{Kind: kind, ID: id, F: map[string]string{}} }

// key is the document's bleve id: kind and id, so that ids of different
// kinds never collide.
func (d *doc) key() string { return docKey(d.Kind, d.ID) }

func docKey(kind, id string) string { return kind + ":" + id }

func (d *doc) set(k, v string) {
	if v != "" {
		d.F[k] = v
	}
}

// add puts the non-empty values into the sorted set s.
func add(s *[]string, vs ...string) {
	for _, v := range vs {
		if v == "" {
			continue
		}
		if i, found := slices.BinarySearch(*s, v); !found {
			*s = slices.Insert(*s, i, v)
		}
	}
}

// batchID is a batch's id: the GTIN-14, a slash, the lot. A GTIN-14 is
// always 14 digits, so the id splits back unambiguously.
func batchID(gtin, lot string) string { return gtin + "/" + lot }

// gtinForms are the forms a user may type a GTIN-14 in: as stored, and
// without the leading zeros of a GTIN-13, -12 or -8 written as 14 digits.
func gtinForms(gtin string) []string {
	out := []string{gtin}
	for _, n := range []int{13, 12, 8} {
		if len(gtin) == 14 && strings.Count(gtin[:14-n], "0") == 14-n {
			out = append(out, gtin[14-n:])
		}
	}
	return out
}

// minPart is the shortest prefix or suffix of an identifier that is
// indexed: shorter parts match too many records to be worth a hit.
const minPart = 4

// parts are an identifier's proper prefixes and suffixes of minPart
// characters or more, lower-cased: a user typing the start of a USCC or
// the last digits of a GTIN finds the record by an exact term.
func parts(id string) []string {
	id = strings.ToLower(id)
	r := []rune(id)
	var out []string
	for n := minPart; n < len(r); n++ {
		out = append(out, string(r[:n]), string(r[len(r)-n:]))
	}
	return out
}
