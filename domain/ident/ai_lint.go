package ident

import (
	"math/big"
	"strconv"
	"strings"
)

// lints are the content checks an AI format component may name. Each
// returns "" when the component is acceptable, or why it is not. They run
// after the character set and length of the component have been checked.
var lints = map[string]func(string) string{
	"csum":          lintCsum,
	"csumalpha":     lintCsumAlpha,
	"yymmd0":        func(s string) string { return lintDate(s, 2, true) },
	"yymmdd":        func(s string) string { return lintDate(s, 2, false) },
	"yyyymmdd":      func(s string) string { return lintDate(s, 4, false) },
	"hh":            func(s string) string { return lintRange(s, 0, 23, "hour") },
	"mi":            func(s string) string { return lintRange(s, 0, 59, "minute") },
	"ss":            func(s string) string { return lintRange(s, 0, 59, "second") },
	"hhmi":          lintHHMI,
	"iso3166":       lintISO3166,
	"iso3166999":    func(s string) string { return orLint(s == "999", lintISO3166(s)) },
	"iso3166alpha2": lintISO3166Alpha2,
	"iso4217":       lintISO4217,
	"iso5218":       func(s string) string { return oneOf(s, "0 1 2 9", "sex code") },
	"nonzero":       func(s string) string { return orLint(strings.Trim(s, "0") != "", "must not be zero") },
	"zero":          func(s string) string { return orLint(s == "0", "must be 0") },
	"nozeroprefix":  func(s string) string { return orLint(s == "0" || s[0] != '0', "must not start with 0") },
	"hasnondigit":   func(s string) string { return orLint(!isDigits(s), "must contain a non-digit") },
	"pieceoftotal":  lintPieceOfTotal,
	"winding":       func(s string) string { return oneOf(s, "0 1 9", "winding direction") },
	"yesno":         func(s string) string { return oneOf(s, "0 1", "flag") },
	"hyphen":        func(s string) string { return orLint(s == "-", "must be -") },
	"latitude":      func(s string) string { return lintMaxNum(s, 1800000000, "latitude") },
	"longitude":     func(s string) string { return lintMaxNum(s, 3600000000, "longitude") },
	"pcenc":         lintPercentEncoding,
	"iban":          lintIBAN,
	"mediatype":     lintMediaType,
	"importeridx":   lintImporterIndex,
	"posinseqslash": lintPosInSeq,
}

func orLint(ok bool, why string) string {
	if ok {
		return ""
	}
	return why
}

func oneOf(s, set, what string) string {
	for _, v := range strings.Fields(set) {
		if s == v {
			return ""
		}
	}
	return "is not a valid " + what
}

func lintCsum(s string) string {
	want := checkDigit(s[:len(s)-1])
	if got := s[len(s)-1]; got != want {
		return "check digit should be " + string(want) + ", got " + string(got)
	}
	return ""
}

// gmnPrimes are the weights of the GS1 alphanumeric check character pair,
// applied right to left.
var gmnPrimes = func() []int {
	var ps []int
	for n := 2; len(ps) < 97; n++ {
		if big.NewInt(int64(n)).ProbablyPrime(0) {
			ps = append(ps, n)
		}
	}
	return ps
}()

// lintCsumAlpha checks the GS1 alphanumeric check character pair ((8013)
// GMN, (8014) MUDI): prime-weighted sum of set-82 values mod 1021, split
// into two characters of set 32.
func lintCsumAlpha(s string) string {
	const cset32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	if len(s) < 2 || len(s)-2 > len(gmnPrimes) {
		return "wrong length for a check character pair"
	}
	sum := 0
	body := s[:len(s)-2]
	for i := 0; i < len(body); i++ {
		sum += strings.IndexByte(cset82, body[i]) * gmnPrimes[len(body)-1-i]
	}
	sum %= 1021
	want := string([]byte{cset32[sum>>5], cset32[sum&31]})
	if got := s[len(s)-2:]; got != want {
		return "check characters should be " + want + ", got " + got
	}
	return ""
}

// lintDate checks YYMMDD (yearDigits 2) or YYYYMMDD; zeroDay allows day 00,
// which GS1 uses for "end of month" in (11)-(17).
func lintDate(s string, yearDigits int, zeroDay bool) string {
	year, _ := strconv.Atoi(s[:yearDigits])
	if yearDigits == 2 {
		year += 2000
	}
	month, _ := strconv.Atoi(s[yearDigits : yearDigits+2])
	day, _ := strconv.Atoi(s[yearDigits+2:])
	if month < 1 || month > 12 {
		return "month " + s[yearDigits:yearDigits+2] + " is not 01-12"
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	if day > days || (day == 0 && !zeroDay) {
		return "day " + s[yearDigits+2:] + " is not valid in that month"
	}
	return ""
}

func lintRange(s string, lo, hi int, what string) string {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return what + " " + s + " is out of range"
	}
	return ""
}

func lintHHMI(s string) string {
	if why := lintRange(s[:2], 0, 23, "hour"); why != "" {
		return why
	}
	return lintRange(s[2:], 0, 59, "minute")
}

func lintMaxNum(s string, max int64, what string) string {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > max {
		return what + " is out of range"
	}
	return ""
}

func lintISO3166(s string) string {
	return orLint(countryNumeric(s), "is not an ISO 3166-1 numeric country code")
}

func lintISO3166Alpha2(s string) string {
	_, ok := countries[s]
	return orLint(ok, "is not an ISO 3166-1 alpha-2 country code")
}

func lintISO4217(s string) string {
	return orLint(currencyNumeric[s], "is not an ISO 4217 numeric currency code")
}

// lintPieceOfTotal checks an even-length "piece, total" pair: 1 <= piece <= total.
func lintPieceOfTotal(s string) string {
	if len(s)%2 != 0 {
		return "piece and total must have equal length"
	}
	piece, _ := strconv.Atoi(s[:len(s)/2])
	total, _ := strconv.Atoi(s[len(s)/2:])
	if piece < 1 || total < 1 || piece > total {
		return "piece must be between 1 and the total"
	}
	return ""
}

func lintPercentEncoding(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			return "has an invalid percent-encoding at position " + strconv.Itoa(i+1)
		}
	}
	return ""
}

// lintIBAN checks an IBAN's country code and ISO 13616 mod-97 check digits.
func lintIBAN(s string) string {
	if len(s) < 5 || lintISO3166Alpha2(s[:2]) != "" || !isDigits(s[2:4]) {
		return "is not an IBAN"
	}
	var digits strings.Builder
	for _, c := range s[4:] + s[:4] {
		switch {
		case c >= '0' && c <= '9':
			digits.WriteRune(c)
		case c >= 'A' && c <= 'Z':
			digits.WriteString(strconv.Itoa(int(c-'A') + 10))
		default:
			return "is not an IBAN"
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	if new(big.Int).Mod(n, big.NewInt(97)).Int64() != 1 {
		return "IBAN check digits are wrong"
	}
	return ""
}

// lintMediaType accepts the assigned AIDC media types 01-10 and the
// company-internal 80-99.
func lintMediaType(s string) string {
	n, _ := strconv.Atoi(s)
	return orLint((n >= 1 && n <= 10) || (n >= 80 && n <= 99), "is not an AIDC media type")
}

func lintImporterIndex(s string) string {
	c := s[0]
	ok := c == '-' || c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
	return orLint(ok, "is not an importer index")
}

// lintPosInSeq checks "n/m", a birth's position in a sequence of m (1-9).
func lintPosInSeq(s string) string {
	if len(s) != 3 || s[1] != '/' || s[0] < '1' || s[0] > '9' || s[2] < '1' || s[2] > '9' || s[0] > s[2] {
		return "is not a position in a sequence (n/m)"
	}
	return ""
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}
