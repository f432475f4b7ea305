package httpapi

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// encoding/json is lenient where a ledger of record must not be: it matches
// member names case-insensitively ("GTIN" fills gtin), keeps the last of two
// members of the same name, and turns invalid UTF-8 and lone surrogate
// escapes into U+FFFD. strictJSON refuses each of those, naming the member,
// after the decoder has accepted the body.
func strictJSON(body []byte, root reflect.Type) error {
	if !utf8.Valid(body) {
		return badRequest("", "request_body_not_valid_utf", "request body is not valid UTF-8")
	}
	var problem func(path string) error
	seen := map[string]map[string]bool{}
	path := walkJSON(body, root, func(v jsonVisit) bool {
		if v.isKey {
			// A member's path ends with its own name; the object is before it.
			name, _ := v.tok.(string)
			object := strings.TrimSuffix(strings.TrimSuffix(v.path, name), ".")
			if seen[object] == nil {
				seen[object] = map[string]bool{}
			}
			switch {
			case seen[object][name]:
				problem = func(path string) error { return badRequest(path, "field_given_twice", "given twice") }
			case !exactMember(structAt(root, object), name):
				problem = func(path string) error {
					return badRequest(path, "unknown_field", "unknown field (member names are case-sensitive)")
				}
			}
			seen[object][name] = true
			return problem != nil
		}
		if s, ok := v.tok.(string); ok && strings.ContainsRune(s, utf8.RuneError) {
			problem = func(path string) error {
				return badRequest(path, "broken_character", "holds a broken character (invalid UTF-8 or an unpaired surrogate escape)")
			}
			return true
		}
		return false
	})
	if problem == nil {
		return nil
	}
	return problem(path)
}

// structAt is the Go type decoded into at path ("", "lines[0]"), found by
// walking the members and elements of root; nil when there is none.
func structAt(root reflect.Type, path string) reflect.Type {
	t := deref(root)
	for path != "" {
		if strings.HasPrefix(path, "[") {
			_, rest, _ := strings.Cut(path, "]")
			if t == nil || (t.Kind() != reflect.Slice && t.Kind() != reflect.Array) {
				return nil
			}
			t, path = deref(t.Elem()), strings.TrimPrefix(rest, ".")
			continue
		}
		end := strings.IndexAny(path, ".[")
		key, rest := path, ""
		if end >= 0 {
			key, rest = path[:end], strings.TrimPrefix(path[end:], ".")
		}
		mt, ok := memberType(t, key)
		if !ok {
			return nil
		}
		t, path = deref(mt), rest
	}
	return t
}

// exactMember reports whether an object decoded into t may hold a member
// named key as written: a struct field's JSON name exactly (through
// embedded structs), or any key of a map.
func exactMember(t reflect.Type, key string) bool {
	switch {
	case t == nil, t.Kind() == reflect.Map:
		return true // a value decoded into any, or a map: nothing to match
	case t.Kind() != reflect.Struct:
		return false
	}
	_, ok := structField(t, key, false)
	return ok
}
