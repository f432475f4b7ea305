package ident

import (
	"strconv"
	"strings"
)

// AIValue is one GS1 element: an Application Identifier and its value, e.g.
// {AI: "01", Value: "09520123456788"}. It is the common currency between
// element strings, Digital Link URIs and EPC URIs. It is a plain struct, not
// a validated value type: the functions that accept one validate it.
type AIValue struct {
	AI    string
	Value string
}

// validateAIValue checks v.Value against the format of its AI.
func validateAIValue(d *aiDef, v AIValue) error {
	kind := "ai (" + v.AI + ")"
	min, max := d.minMax()
	switch {
	case v.Value == "":
		return invalid(kind, v.Value, "value is empty")
	case len(v.Value) < min:
		return invalid(kind, v.Value, "value is too short, want at least "+strconv.Itoa(min)+" characters")
	case len(v.Value) > max:
		return invalid(kind, v.Value, "value is too long, want at most "+strconv.Itoa(max)+" characters")
	}
	rest := v.Value
	for _, p := range d.parts {
		n := min2(len(rest), p.max)
		if n == 0 && p.optional {
			continue
		}
		if n < p.min {
			return invalid(kind, v.Value, "value is too short")
		}
		comp := rest[:n]
		rest = rest[n:]
		var why string
		switch p.cset {
		case 'N':
			if i := firstNonDigit(comp); i >= 0 {
				why = strconv.Quote(comp[i:i+1]) + " is not a digit"
			}
		case 'X':
			why = badChar(comp, &in82, "GS1 character set 82")
		case 'Y':
			why = badChar(comp, &in39, "GS1 character set 39")
		case 'Z':
			why = badChar(comp, &in64, "the base64url alphabet")
		}
		for _, l := range p.lints {
			if why != "" {
				break
			}
			if why = lints[l](comp); why != "" && l == "csum" {
				want, got := checkDigit(comp[:len(comp)-1]), comp[len(comp)-1]
				return invalidFor(kind, v.Value, "id_check_digit", why, string(want), string(got))
			}
		}
		if why != "" {
			return invalid(kind, v.Value, why)
		}
	}
	return nil
}

func min2(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// checkAssociations applies GS1's mandatory ("req") and invalid ("ex") AI
// pairings over a set of distinct AIs, e.g. (10) needs a (01) or another
// trade item key and (01) must not be paired with (37).
func checkAssociations(defs []*aiDef) error {
	has := func(pattern string) bool {
		for _, d := range defs {
			if matchAIPattern(pattern, d.ai) {
				return true
			}
		}
		return false
	}
	for _, d := range defs {
		for _, group := range d.req {
			met := false
			for _, alt := range group {
				all := true
				for _, p := range strings.Split(alt, "+") {
					all = all && has(p)
				}
				met = met || all
			}
			if !met {
				return invalidf("ai (" + d.ai + ") requires " + describeReq(group))
			}
		}
		for _, p := range d.ex {
			for _, o := range defs {
				if o.ai != d.ai && matchAIPattern(p, o.ai) {
					return invalidf("ai (" + d.ai + ") must not be used together with (" + o.ai + ")")
				}
			}
		}
	}
	return nil
}

func describeReq(group []string) string {
	var parts []string
	for _, alt := range group {
		parts = append(parts, "("+strings.ReplaceAll(alt, "+", ") with (")+")")
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "one of " + strings.Join(parts, ", ")
}

// checkAIs validates each value, then the set: a repeated AI must repeat its
// value, and pairings must be valid. It returns the AIs with identical
// repeats removed, and their definitions.
func (o ParseOptions) checkAIs(ais []AIValue) ([]AIValue, []*aiDef, error) {
	var uniq []AIValue
	var defs []*aiDef
	seen := map[string]string{}
	for _, v := range ais {
		d := lookupAI(v.AI, o.PermitUnknownAIs)
		if d == nil {
			return nil, nil, invalid("ai", v.AI, "is not a known GS1 Application Identifier")
		}
		if err := validateAIValue(d, v); err != nil {
			return nil, nil, err
		}
		if prev, ok := seen[v.AI]; ok {
			if prev != v.Value {
				return nil, nil, invalidf("ai (" + v.AI + ") appears twice with different values " + strconv.Quote(prev) + " and " + strconv.Quote(v.Value))
			}
			continue
		}
		seen[v.AI] = v.Value
		uniq = append(uniq, v)
		defs = append(defs, d)
	}
	if err := checkAssociations(defs); err != nil {
		return nil, nil, err
	}
	return uniq, defs, nil
}
