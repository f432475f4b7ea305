package ident

import "strings"

// ParseDigitalLink parses a GS1 Digital Link URI (syntax 1.x) the way the GS1
// reference engine, gs1/gs1-syntax-engine's gs1_parseDLuri, does:
//
//   - scheme http or https, all lower or all upper case;
//   - a valid authority (see checkAuthority), then a path in which the
//     rightmost "/AI/value" pair whose AI is a primary key starts the
//     identifier; what precedes it is the stem;
//   - the key's qualifiers follow it in the order GS1 allows (01 then 22,
//     10, 21; or 01 then 235; ...), no empty segments, no trailing slash;
//   - query parameters named by AIs are data attributes; other named
//     parameters and valueless ones are ignored; an all-digit name that is
//     not an AI, an empty value, a repeated AI, an AI that is not a data
//     attribute, or one that belongs in the path is refused;
//   - the fragment is ignored; every value is percent-decoded and then
//     checked against its AI's format, and the AIs' pairings are checked.
//
// opts relaxes it; the zero value is the engine's default.
func ParseDigitalLink(uri string, opts ParseOptions) (DigitalLink, error) {
	fail := func(why string) (DigitalLink, error) { return DigitalLink{}, invalid("digital link", uri, why) }
	if uri == "" {
		return fail("is empty")
	}
	if why := badChar(uri, &uriChars, "the characters allowed in a URI"); why != "" {
		return fail(why)
	}
	scheme, rest, ok := splitScheme(uri)
	if !ok {
		return fail("scheme must be http or https")
	}
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		return fail("has no path")
	}
	authority := rest[:slash]
	if why := checkAuthority(authority); why != "" {
		return fail(why)
	}
	path := rest[slash:]
	if i := strings.IndexByte(path, '#'); i >= 0 {
		path = path[:i]
	}
	path, query, _ := strings.Cut(path, "?")

	segs := strings.Split(path[1:], "/")
	start := -1
	// Walk "/AI/value" pairs from the right until a primary key.
	for i := len(segs) - 2; i >= 0; i -= 2 {
		d := opts.pathAI(segs[i])
		if d == nil {
			break
		}
		if d.key {
			start = i
			break
		}
	}
	if start < 0 {
		return fail("path has no GS1 primary key")
	}
	for _, seg := range segs[:start] {
		if seg == "" {
			// The engine lets the stem be anything; an empty segment there
			// would not survive re-serialisation, so refuse it.
			return fail("path has an empty segment before the primary key")
		}
	}
	dl := DigitalLink{Stem: scheme + "://" + authority}
	if start > 0 {
		dl.Stem += "/" + strings.Join(segs[:start], "/")
	}
	var pathAIs []string
	for i := start; i < len(segs); i += 2 {
		d := opts.pathAI(segs[i])
		if segs[i+1] == "" {
			return fail("path value of AI (" + d.ai + ") is empty")
		}
		v, ok := unescapeDL(segs[i+1], false)
		if !ok {
			return fail("path value of AI (" + d.ai + ") decodes to a NUL")
		}
		v = opts.padGTIN(d.ai, v)
		if err := validateAIValue(d, AIValue{d.ai, v}); err != nil {
			return DigitalLink{}, err
		}
		dl.Primary = append(dl.Primary, AIValue{d.ai, v})
		pathAIs = append(pathAIs, d.ai)
	}
	if !validPathSeq(pathAIs) {
		return fail("path AIs (" + strings.Join(pathAIs, ")/(") + ") are not a primary key with qualifiers in a valid order")
	}
	var err error
	if dl.Attributes, err = opts.parseQuery(uri, query, pathAIs); err != nil {
		return DigitalLink{}, err
	}
	if _, _, err := opts.checkAIs(dl.AIs()); err != nil {
		return DigitalLink{}, err
	}
	return dl, nil
}

// pathAI resolves a path segment to an AI: numeric, or a convenience alpha
// when permitted. Unknown AIs are resolved too, so that they are reported
// as misplaced rather than ending the primary key search silently.
func (o ParseOptions) pathAI(seg string) *aiDef {
	if o.PermitConvenienceAlphas {
		if ai, ok := convenienceAlphas[seg]; ok {
			return aiTable[ai]
		}
	}
	return lookupAI(seg, o.PermitUnknownAIs)
}

// padGTIN pads a zero-suppressed GTIN-8/12/13 in (01) to 14 digits when
// permitted; otherwise the value is left to fail its format check.
func (o ParseOptions) padGTIN(ai, v string) string {
	if ai == "01" && o.PermitZeroSuppressedGTIN && (len(v) == 8 || len(v) == 12 || len(v) == 13) {
		return strings.Repeat("0", 14-len(v)) + v
	}
	return v
}

// parseQuery extracts the data attributes of a Digital Link query string.
func (o ParseOptions) parseQuery(uri, query string, pathAIs []string) ([]AIValue, error) {
	fail := func(why string) ([]AIValue, error) { return nil, invalid("digital link", uri, why) }
	var out []AIValue
	seen := map[string]bool{}
	for _, ai := range pathAIs {
		seen[ai] = true
	}
	for _, param := range strings.Split(query, "&") {
		name, raw, hasValue := strings.Cut(param, "=")
		if param == "" || !hasValue {
			continue // empty or a singleton: not an AI
		}
		if name == "" {
			return fail("query has a parameter without a name")
		}
		if !isDigits(name) {
			continue // other applications' parameters
		}
		d := lookupAI(name, o.PermitUnknownAIs)
		if d == nil {
			return fail("query parameter " + name + " is numeric but not a known AI")
		}
		if raw == "" {
			return fail("query value of AI (" + name + ") is empty")
		}
		v, ok := unescapeDL(raw, true)
		if !ok {
			return fail("query value of AI (" + name + ") decodes to a NUL")
		}
		v = o.padGTIN(name, v)
		if err := validateAIValue(d, AIValue{name, v}); err != nil {
			return nil, err
		}
		if seen[name] {
			return fail("AI (" + name + ") appears more than once")
		}
		seen[name] = true
		if !d.dlAttr {
			return fail("AI (" + name + ") is not a valid Digital Link data attribute")
		}
		if !o.PermitQualifiersInQuery {
			for j := 1; j <= len(pathAIs); j++ {
				seq := append(append(append([]string{}, pathAIs[:j]...), name), pathAIs[j:]...)
				if validPathSeq(seq) {
					return fail("AI (" + name + ") qualifies the key and belongs in the path")
				}
			}
		}
		out = append(out, AIValue{name, v})
	}
	return out, nil
}
