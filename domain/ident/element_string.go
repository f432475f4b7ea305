package ident

import (
	"strconv"
	"strings"
)

// elementString renders AIs in the unbracketed form with "^" for FNC1: one
// at the start, and one after each AI that is not of predefined length and
// is followed by another AI. Barcode encoders take this form directly.
func elementString(ais []AIValue, defs []*aiDef) string {
	var b strings.Builder
	b.WriteByte('^')
	for i, v := range ais {
		if i > 0 && !defs[i-1].fixed {
			b.WriteByte('^')
		}
		b.WriteString(v.AI)
		b.WriteString(v.Value)
	}
	return b.String()
}

// bracketedElementString renders "(01)09520123456788(10)ABC". A "(" inside
// a value is escaped as "\(" so that ParseElementString reads it back.
func bracketedElementString(ais []AIValue) string {
	var b strings.Builder
	for _, v := range ais {
		b.WriteString("(" + v.AI + ")")
		b.WriteString(strings.ReplaceAll(v.Value, "(", `\(`))
	}
	return b.String()
}

// ParseElementString parses a bracketed GS1 element string such as
// "(01)12312312312326(21)abc123" (the human-readable form under a barcode)
// with strict options; see ParseOptions.ParseElementString.
func ParseElementString(bracketed string) ([]AIValue, error) {
	return ParseOptions{}.ParseElementString(bracketed)
}

// ParseElementString parses a bracketed element string, validating every
// value against its AI's format, refusing repeated AIs with different
// values and invalid AI pairings. Identical repeats are kept as given.
// "\(" in a value stands for a literal "(".
func (o ParseOptions) ParseElementString(bracketed string) ([]AIValue, error) {
	var out []AIValue
	rest := bracketed
	if rest == "" {
		return nil, invalidf("element string is empty")
	}
	for rest != "" {
		if rest[0] != '(' {
			return nil, invalid("element string", bracketed, "expected ( at "+strconv.Itoa(len(bracketed)-len(rest)+1))
		}
		ai, after, ok := strings.Cut(rest[1:], ")")
		if !ok {
			return nil, invalid("element string", bracketed, "unclosed (")
		}
		var val strings.Builder
		for {
			i := strings.IndexByte(after, '(')
			if i < 0 {
				val.WriteString(after)
				after = ""
				break
			}
			if i > 0 && after[i-1] == '\\' {
				val.WriteString(after[:i-1] + "(")
				after = after[i+1:]
				continue
			}
			val.WriteString(after[:i])
			after = after[i:]
			break
		}
		out = append(out, AIValue{AI: ai, Value: val.String()})
		rest = after
	}
	if _, _, err := o.checkAIs(out); err != nil {
		return nil, err
	}
	return out, nil
}
