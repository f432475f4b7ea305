package document

import (
	"strconv"
	"strings"

	"github.com/traceledger/traceledger/domain/ident"
)

// gln reads a location or party identifier as a GLN and its SGLN extension:
// urn:epc:id:sgln:CP.REF.EXT, urn:epc:id:pgln:CP.REF, or a Digital Link
// with (414) (and (254)) or (417). ok is false for any other identifier.
func gln(id string) (g, ext string, ok bool) {
	switch {
	case strings.HasPrefix(id, "urn:epc:id:sgln:"):
		parts := strings.Split(strings.TrimPrefix(id, "urn:epc:id:sgln:"), ".")
		if len(parts) != 3 {
			return "", "", false
		}
		g, ok = glnOf(parts[0] + parts[1])
		ext = parts[2]
		if ext == "0" {
			ext = ""
		}
		return g, ext, ok
	case strings.HasPrefix(id, "urn:epc:id:pgln:"):
		parts := strings.Split(strings.TrimPrefix(id, "urn:epc:id:pgln:"), ".")
		if len(parts) != 2 {
			return "", "", false
		}
		g, ok = glnOf(parts[0] + parts[1])
		return g, "", ok
	case strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://"):
		dl, err := ident.ParseDigitalLink(id, ident.DefaultParseOptions)
		if err != nil {
			return "", "", false
		}
		if v, has := dl.Value("414"); has {
			ext, _ = dl.Value("254")
			return v, ext, true
		}
		if v, has := dl.Value("417"); has {
			return v, "", true
		}
	}
	return "", "", false
}

// glnOf completes twelve digits with their check digit.
func glnOf(digits string) (string, bool) {
	if len(digits) != 12 {
		return "", false
	}
	sum := 0
	for i := range 12 {
		d := int(digits[11-i] - '0')
		if d < 0 || d > 9 {
			return "", false
		}
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return digits + strconv.Itoa((10-sum%10)%10), true
}

// isItem reports whether id names one trade item (an SGTIN, or a Digital
// Link with (01) and (21)): what the ledger labels and counts.
func isItem(id string) bool {
	_, err := ident.ParseItemCode(id)
	return err == nil
}

// lotLine reads a quantity of a lot (an LGTIN class, URN or Digital Link)
// counted in units: gtin, lot and the count. ok is false for a class
// without a lot, a measured quantity (a unit of measure) or a fraction.
func lotLine(q Quantity) (gtin, lot string, n int64, ok bool) {
	if q.UOM != "" && q.UOM != "EA" && q.UOM != "H87" {
		return "", "", 0, false
	}
	n, err := strconv.ParseInt(q.Quantity, 10, 64)
	if err != nil || n <= 0 {
		return "", "", 0, false
	}
	l, err := lgtinOf(q.EPCClass)
	if err != nil {
		return "", "", 0, false
	}
	return l.GTIN().String(), l.Lot().String(), n, true
}

// sscc reads a container identifier as its eighteen-digit SSCC:
// urn:epc:id:sscc:CP.SERIALREF (the serial reference's first digit is the
// extension digit), or a Digital Link with (00). ok is false for any other
// identifier.
func sscc(id string) (string, bool) {
	switch {
	case strings.HasPrefix(id, "urn:epc:id:sscc:"):
		cp, ref, found := strings.Cut(strings.TrimPrefix(id, "urn:epc:id:sscc:"), ".")
		if !found || len(cp) < 6 || len(cp) > 12 || len(cp)+len(ref) != 17 {
			return "", false
		}
		s, ok := withCheckDigit(ref[:1] + cp + ref[1:])
		if !ok {
			return "", false
		}
		if _, err := ident.ParseSSCC(s); err != nil {
			return "", false
		}
		return s, true
	case strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://"):
		dl, err := ident.ParseDigitalLink(id, ident.DefaultParseOptions)
		if err != nil {
			return "", false
		}
		if v, has := dl.Value("00"); has {
			if _, err := ident.ParseSSCC(v); err == nil {
				return v, true
			}
		}
	}
	return "", false
}

// withCheckDigit completes seventeen digits with their GS1 check digit.
func withCheckDigit(digits string) (string, bool) {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if d < 0 || d > 9 {
			return "", false
		}
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return digits + strconv.Itoa((10-sum%10)%10), true
}

// lgtinOf reads a class of a lot: an LGTIN URN or a Digital Link with (10).
func lgtinOf(class string) (ident.LGTIN, error) {
	if strings.HasPrefix(class, "urn:epc:class:lgtin:") {
		return ident.ParseLGTIN(class)
	}
	return ident.LGTINFromDigitalLink(class, 7) // the split does not change the GTIN
}
