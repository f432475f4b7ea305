package ident

import "strconv"

// cset82 is GS1 AI encodable character set 82 (GS1 General Specifications
// figure 7.11-1), in the order its characters are weighted by the GS1
// alphanumeric check character pair. Lots, serials and most free-text AIs
// are restricted to it so that they survive every barcode symbology.
const cset82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"

// cset39 is GS1 AI encodable character set 39, used by identifiers that must
// also fit into EPC binary encodings, e.g. (8010) CPID.
const cset39 = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// cset64 is the file-safe base64 alphabet with "=" padding, used by (8030).
const cset64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_="

var (
	in82 = charTable(cset82)
	in39 = charTable(cset39)
	in64 = charTable(cset64)
)

func charTable(s string) (t [256]bool) {
	for i := 0; i < len(s); i++ {
		t[s[i]] = true
	}
	return t
}

// badChar returns a description of the first byte of s outside t, or "".
func badChar(s string, t *[256]bool, set string) string {
	for i := 0; i < len(s); i++ {
		if !t[s[i]] {
			return strconv.Quote(s[i:i+1]) + " at position " + strconv.Itoa(i+1) + " is not in " + set
		}
	}
	return ""
}

// checkCSet82 validates the GS1 (10)/(21) shape shared by Lot and Serial:
// 1 to max characters of character set 82.
func checkCSet82(kind, s string, max int) error {
	if s == "" {
		return invalidFor(kind, s, "id_empty", "must not be empty")
	}
	if len(s) > max {
		return invalidFor(kind, s, "id_too_long", "must be at most "+strconv.Itoa(max)+" characters, got "+strconv.Itoa(len(s)), strconv.Itoa(max), strconv.Itoa(len(s)))
	}
	if why := badChar(s, &in82, "GS1 character set 82"); why != "" {
		return invalid(kind, s, why)
	}
	return nil
}
