package command

import (
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/traceledger/traceledger/domain"
)

// Bounded input: every text a command records is kept forever in a log
// every regulator reads, so each has a length limit and holds only
// printable characters. The limits are the API's; docs/api/openapi.yaml
// states them as maxLength and maxItems.
const (
	// MaxLine is the length, in characters, of a one-line text (a name, a
	// port, a channel, an identifier) unless its field says otherwise.
	MaxLine = 200
	// MaxParagraph is the length of a free text that may span lines
	// (findings, reasons, outcomes), tagged `text:"para"`.
	MaxParagraph = 2000
	// MaxListItems bounds every list of a command (items, serials, lines,
	// batches).
	MaxListItems = 10000
)

// checkBounds refuses, naming the field as the client spelled it, a text
// of in that is too long, not valid UTF-8, or holds a control character
// (a paragraph may hold line breaks and tabs), and a list that is too long.
func checkBounds(in any) error {
	return boundsOf(reflect.ValueOf(in), "")
}

func boundsOf(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return boundsOf(v.Elem(), path)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				name = strings.ToLower(f.Name)
			}
			p := path
			if !f.Anonymous {
				p = join(path, name)
			}
			if f.Type.Kind() == reflect.String {
				if err := checkText(p, v.Field(i).String(), f.Tag.Get("text")); err != nil {
					return err
				}
				continue
			}
			if err := boundsOf(v.Field(i), p); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Len() > MaxListItems {
			return domain.Invalid(path, "holds_entries_more_than", "holds %d entries, more than %d", v.Len(), MaxListItems)
		}
		for i := range v.Len() {
			p := path + "[" + strconv.Itoa(i) + "]"
			if v.Index(i).Kind() == reflect.String {
				if err := checkText(p, v.Index(i).String(), ""); err != nil {
					return err
				}
				continue
			}
			if err := boundsOf(v.Index(i), p); err != nil {
				return err
			}
		}
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// checkText applies a field's bounds: tag "para" for a multi-line text, a
// number for a one-line text of that many characters, "" for MaxLine.
func checkText(field, s, tag string) error {
	limit, para := MaxLine, false
	switch {
	case tag == "para":
		limit, para = MaxParagraph, true
	case tag != "":
		if n, err := strconv.Atoi(tag); err == nil {
			limit = n
		}
	}
	if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
		return domain.Invalid(field, "not_valid_utf_8_text", "is not valid UTF-8 text")
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return domain.Invalid(field, "characters_long_more_than", "is %d characters long, more than %d", n, limit)
	}
	for _, r := range s {
		if para && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return domain.Invalid(field, "holds_control_character_u", "holds a control character (U+%04X)", r)
		}
	}
	return nil
}
