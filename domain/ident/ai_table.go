package ident

import (
	"fmt"
	"strconv"
	"strings"
)

// aiDef is one GS1 Application Identifier as the parsers need it.
type aiDef struct {
	ai      string
	fixed   bool       // predefined length: no FNC1 separator after it
	dlAttr  bool       // permitted as a Digital Link data attribute (query)
	key     bool       // a Digital Link primary key
	alts    [][]string // for a key: alternative ordered, optional qualifier lists
	parts   []aiPart
	req     [][]string // each group must be met by one of its "A+B" alternatives
	ex      []string   // patterns ("01", "310n") this AI must not be paired with
	unknown bool       // vivified under PermitUnknownAIs, not from the table
}

// aiPart is one component of an AI's format, e.g. "N13,csum" or "[X..17]".
type aiPart struct {
	cset     byte // 'N', 'X' (set 82), 'Y' (set 39), 'Z' (base64url)
	min, max int
	optional bool
	lints    []string
}

// minMax returns the total value length bounds.
func (d *aiDef) minMax() (min, max int) {
	for _, p := range d.parts {
		if !p.optional {
			min += p.min
		}
		max += p.max
	}
	return min, max
}

var (
	aiTable       = map[string]*aiDef{}
	aiPrefixes    = map[string]bool{} // proper prefixes of known AIs
	aiLenByPrefix = map[string]int{}  // AI length by first two digits
)

func init() {
	for _, r := range aiRows {
		addAIRow(r)
	}
	for _, m := range measureRows {
		for _, p := range strings.Fields(m.prefixes) {
			addAIRow([4]string{p + "0-" + p + "5", "*?", "N6", "req=" + m.req + " ex=" + p + "n"})
		}
	}
	for ai := range aiTable {
		for l := 2; l < len(ai); l++ {
			aiPrefixes[ai[:l]] = true
		}
		if n, ok := aiLenByPrefix[ai[:2]]; ok && n != len(ai) {
			panic("ident: AIs beginning " + ai[:2] + " have different lengths")
		}
		aiLenByPrefix[ai[:2]] = len(ai)
	}
}

// addAIRow parses one row of aiRows; a malformed row is a programming error
// and panics at start-up, so that any test run catches it.
func addAIRow(r [4]string) {
	from, to, _ := strings.Cut(r[0], "-")
	if to == "" {
		to = from
	}
	lo, err1 := strconv.Atoi(from)
	hi, err2 := strconv.Atoi(to)
	if err1 != nil || err2 != nil || len(from) != len(to) || lo > hi {
		panic("ident: bad AI range " + r[0])
	}
	parts := parseAIFormat(r[2])
	for n := lo; n <= hi; n++ {
		d := &aiDef{
			ai:     fmt.Sprintf("%0*d", len(from), n),
			fixed:  strings.Contains(r[1], "*"),
			dlAttr: strings.Contains(r[1], "?"),
			parts:  parts,
		}
		for _, attr := range strings.Fields(r[3]) {
			k, v, _ := strings.Cut(attr, "=")
			switch k {
			case "req":
				d.req = append(d.req, strings.Split(v, ","))
			case "ex":
				d.ex = append(d.ex, strings.Split(v, ",")...)
			case "dlpkey":
				d.key = true
				for _, alt := range strings.Split(v, "|") {
					var qs []string
					if alt != "" {
						qs = strings.Split(alt, ",")
					}
					d.alts = append(d.alts, qs)
				}
			default:
				panic("ident: bad AI attribute " + attr)
			}
		}
		if _, dup := aiTable[d.ai]; dup {
			panic("ident: duplicate AI " + d.ai)
		}
		aiTable[d.ai] = d
	}
}

// parseAIFormat parses "N13,csum [X..17]" into parts.
func parseAIFormat(spec string) []aiPart {
	var parts []aiPart
	for _, f := range strings.Fields(spec) {
		var p aiPart
		if strings.HasPrefix(f, "[") {
			p.optional = true
			f = strings.Replace(f[1:], "]", "", 1)
		}
		names := strings.Split(f, ",")
		t := names[0]
		p.cset = t[0]
		if strings.HasPrefix(t[1:], "..") {
			p.min = 1
			p.max, _ = strconv.Atoi(t[3:])
		} else {
			p.min, _ = strconv.Atoi(t[1:])
			p.max = p.min
		}
		if p.max == 0 || !strings.ContainsRune("NXYZ", rune(p.cset)) {
			panic("ident: bad AI format " + spec)
		}
		for _, l := range names[1:] {
			if lints[l] == nil {
				panic("ident: unknown AI linter " + l)
			}
		}
		p.lints = names[1:]
		parts = append(parts, p)
	}
	return parts
}

// lookupAI finds the definition of ai. Under permitUnknown an all-digit AI
// of 2-4 digits that is not in the table is vivified as free text (set 82,
// up to 90 characters, or the predefined length of its prefix) provided it
// neither extends nor prefixes a known AI and has the length its first two
// digits dictate; so "89" may be vivified but "999" (99 is known) may not.
func lookupAI(ai string, permitUnknown bool) *aiDef {
	if len(ai) < 2 || len(ai) > 4 || !isDigits(ai) {
		return nil
	}
	if d := aiTable[ai]; d != nil {
		return d
	}
	if !permitUnknown || aiPrefixes[ai] {
		return nil
	}
	for l := 2; l < len(ai); l++ {
		if aiTable[ai[:l]] != nil {
			return nil
		}
	}
	if n, ok := aiLenByPrefix[ai[:2]]; ok && n != len(ai) {
		return nil
	}
	d := &aiDef{ai: ai, dlAttr: true, unknown: true, parts: []aiPart{{cset: 'X', min: 1, max: 90}}}
	if n := predefinedLength[ai[:2]]; n > 0 {
		d.fixed = true
		d.parts[0].min, d.parts[0].max = n, n
	}
	return d
}

// validPathSeq reports whether seq (AIs in Digital Link path order) is a
// primary key followed by qualifiers that are, in order, a subsequence of
// one of the key's alternatives: 01/22/10/21 and 01/10 and 01/235 are
// valid, 01/10/22 and 01/22/235 are not.
func validPathSeq(seq []string) bool {
	if len(seq) == 0 {
		return false
	}
	d := aiTable[seq[0]]
	if d == nil || !d.key {
		return false
	}
	for _, alt := range d.alts {
		if isSubsequence(seq[1:], alt) {
			return true
		}
	}
	return false
}

func isSubsequence(qs, alt []string) bool {
	j := 0
	for _, q := range qs {
		for j < len(alt) && alt[j] != q {
			j++
		}
		if j == len(alt) {
			return false
		}
		j++
	}
	return true
}

// matchAIPattern matches an AI against "01" or "31nn" ("n" is any digit).
func matchAIPattern(pattern, ai string) bool {
	if len(pattern) != len(ai) {
		return false
	}
	for i := 0; i < len(ai); i++ {
		if pattern[i] != ai[i] && !(pattern[i] == 'n' && ai[i] >= '0' && ai[i] <= '9') {
			return false
		}
	}
	return true
}
