package httpapi

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// The decoder of encoding/json says what went wrong but not always where:
// an unknown field comes without its path, a type error without array
// indexes, an UnmarshalJSON error without either. walkJSON re-reads the body
// token by token alongside the Go type it was decoded into, so a 400 can name
// the field as the client spelled it ("lines[2].quantity").

// jsonVisit is one step of walkJSON: an object member name (isKey) or the
// first token of a value.
type jsonVisit struct {
	path  string
	isKey bool
	known bool         // isKey: the member is a field of the struct decoded into
	typ   reflect.Type // value: the Go type decoded into here, nil if unknown
	tok   json.Token
	end   int64 // input offset just after tok
}

type jsonFrame struct {
	array   bool
	index   int
	key     string
	keyNext bool
	typ     reflect.Type
}

// walkJSON calls visit for every member name and value of body, in order,
// until visit returns true; it returns that step's path, or "" if it never
// stopped (or the JSON broke first).
func walkJSON(body []byte, root reflect.Type, visit func(jsonVisit) bool) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var stack []*jsonFrame
	done := func() {
		if len(stack) == 0 {
			return
		}
		top := stack[len(stack)-1]
		if top.array {
			top.index++
		} else {
			top.keyNext = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		end := dec.InputOffset()
		var top *jsonFrame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			done()
			continue
		}
		if top != nil && !top.array && top.keyNext {
			top.key, _ = tok.(string)
			top.keyNext = false
			_, known := memberType(top.typ, top.key)
			if visit(jsonVisit{path: framesPath(stack), isKey: true, known: known, tok: tok, end: end}) {
				return framesPath(stack)
			}
			continue
		}
		typ := root
		if top != nil {
			typ = elemType(top)
		}
		if visit(jsonVisit{path: framesPath(stack), typ: typ, tok: tok, end: end}) {
			return framesPath(stack)
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &jsonFrame{array: d == '[', keyNext: d == '{', typ: deref(typ)})
			continue
		}
		done()
		if len(stack) == 0 {
			return ""
		}
	}
}

// framesPath spells the current position: members joined by dots, array
// elements as [i].
func framesPath(stack []*jsonFrame) string {
	var b strings.Builder
	for _, f := range stack {
		if f.array {
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.key)
	}
	return b.String()
}

// elemType is the Go type of the current element or member of frame f.
func elemType(f *jsonFrame) reflect.Type {
	t := f.typ
	if t == nil {
		return nil
	}
	if f.array {
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			return t.Elem()
		}
		return nil
	}
	mt, _ := memberType(t, f.key)
	return mt
}

// memberType finds the type encoding/json decodes member key of an object
// into t: a struct field by its JSON name (case-insensitively, as the decoder
// matches, through embedded structs) or a map's element type.
func memberType(t reflect.Type, key string) (reflect.Type, bool) {
	switch {
	case t == nil:
		return nil, false
	case t.Kind() == reflect.Map:
		return t.Elem(), true
	case t.Kind() != reflect.Struct:
		return nil, false
	}
	if ft, ok := structField(t, key, false); ok {
		return ft, true
	}
	return structField(t, key, true)
}

// structField is the type of the field of struct t whose JSON name is key
// (through embedded structs), compared exactly, or case-insensitively when
// fold is set.
func structField(t reflect.Type, key string, fold bool) (reflect.Type, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if f.Anonymous && name == "" && deref(f.Type).Kind() == reflect.Struct {
			if ft, ok := structField(deref(f.Type), key, fold); ok {
				return ft, true
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key || (fold && strings.EqualFold(name, key)) {
			return f.Type, true
		}
	}
	return nil, false
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
