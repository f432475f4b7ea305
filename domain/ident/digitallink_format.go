package ident

import "strings"

// FormatDigitalLink builds a GS1 Digital Link URI from AIs with strict
// options; see ParseOptions.FormatDigitalLink.
func FormatDigitalLink(stem string, ais []AIValue) (string, error) {
	return ParseOptions{}.FormatDigitalLink(stem, ais)
}

// FormatDigitalLink builds a GS1 Digital Link URI from AIs (e.g. those of
// ParseElementString), placing them as the GS1 reference engine's
// gs1_generateDLuri does, so that the same data always yields the same URI:
//
//   - stem defaults to DefaultStem; one trailing slash is dropped;
//   - the primary key is the first AI, in the given order, that is a
//     Digital Link primary key;
//   - of the key's alternative qualifier lists, the one matching most of the
//     given AIs (the first on a tie) is used, and its AIs follow the key in
//     the path, in the list's order;
//   - every other AI becomes a query attribute: predefined-length AIs first,
//     then the rest, each group in the given order; an AI that is not a
//     permitted data attribute (e.g. (8200), or (235) when (22)/(10)/(21)
//     took the path) is refused;
//   - identical repeats are dropped, conflicting repeats and invalid
//     pairings refused; values are percent-encoded (unreserved characters
//     only stay literal, so "+" becomes "%2B").
func (o ParseOptions) FormatDigitalLink(stem string, ais []AIValue) (string, error) {
	if stem == "" {
		stem = DefaultStem
	}
	stem = strings.TrimSuffix(stem, "/")
	if err := checkStem(stem); err != nil {
		return "", err
	}
	uniq, defs, err := o.checkAIs(ais)
	if err != nil {
		return "", err
	}
	key := -1
	for i, d := range defs {
		if d.key {
			key = i
			break
		}
	}
	if key < 0 {
		return "", invalidf("digital link: no AI is a primary key: " + bracketedElementString(uniq))
	}
	present := map[string]int{}
	for i, v := range uniq {
		present[v.AI] = i
	}
	var best []string
	bestN := -1
	for _, alt := range defs[key].alts {
		n := 0
		for _, q := range alt {
			if _, ok := present[q]; ok {
				n++
			}
		}
		if n > bestN {
			best, bestN = alt, n
		}
	}
	inPath := map[int]bool{key: true}
	var b strings.Builder
	b.WriteString(stem)
	b.WriteString("/" + uniq[key].AI + "/" + escapeDL(uniq[key].Value))
	for _, q := range best {
		if i, ok := present[q]; ok {
			inPath[i] = true
			b.WriteString("/" + q + "/" + escapeDL(uniq[i].Value))
		}
	}
	sep := "?"
	for _, fixed := range []bool{true, false} {
		for i, v := range uniq {
			if inPath[i] || defs[i].fixed != fixed {
				continue
			}
			if !defs[i].dlAttr {
				return "", invalidf("digital link: ai (" + v.AI + ") is not a valid data attribute here")
			}
			b.WriteString(sep + v.AI + "=" + escapeDL(v.Value))
			sep = "&"
		}
	}
	return b.String(), nil
}

// checkStem validates a caller's stem: http(s), a valid authority, and an
// optional path without query or fragment.
func checkStem(stem string) error {
	scheme, rest, ok := splitScheme(stem)
	if !ok || scheme == "" {
		return invalid("digital link stem", stem, "scheme must be http or https")
	}
	authority, path, _ := strings.Cut(rest, "/")
	if why := checkAuthority(authority); why != "" {
		return invalid("digital link stem", stem, why)
	}
	if why := badChar(path, &uriChars, "the characters allowed in a URI"); why != "" {
		return invalid("digital link stem", stem, why)
	}
	emptySegment := path != "" && strings.Contains("/"+path+"/", "//")
	if strings.ContainsAny(path, "?#") || emptySegment {
		return invalid("digital link stem", stem, "must not contain a query, a fragment or an empty segment")
	}
	return nil
}
