package httpapi

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// readBody reads the whole request body, refusing more than the server's
// limit with a *http.MaxBytesError (413). Commands read their body whole: the
// idempotency hash covers it, and no command needs more than a few KiB.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > s.maxBodyBytes {
		return nil, &http.MaxBytesError{Limit: s.maxBodyBytes}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, err
		}
		return nil, badRequest("", "body_unreadable", "could not read the request body: %v", err)
	}
	return body, nil
}

// decodeJSON decodes body, one JSON object, into v (a pointer), refusing
// unknown fields, trailing data and what strictJSON refuses. An empty body is an error unless
// allowEmpty (commands whose every field is optional or in the path).
func decodeJSON(body []byte, v any, allowEmpty bool) error {
	if len(bytes.TrimSpace(body)) == 0 {
		if allowEmpty {
			return nil
		}
		return badRequest("", "request_body_empty_send_json", "request body is empty: send a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(body, reflect.TypeOf(v).Elem(), err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("", "unexpected_data_after_json_object", "unexpected data after the JSON object")
	}
	return strictJSON(body, reflect.TypeOf(v).Elem())
}

// decodeError turns an encoding/json error into a 400 naming the field.
func decodeError(body []byte, root reflect.Type, err error) error {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return badRequest("", "malformed_json_at_byte", "malformed JSON at byte %d: %s", syntax.Offset, strings.TrimPrefix(syntax.Error(), "json: "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("", "malformed_json_body_ends_before", "malformed JSON: the body ends before the object does")
	case errors.As(err, &typeErr):
		path := walkJSON(body, root, func(v jsonVisit) bool { return !v.isKey && v.end >= typeErr.Offset })
		if path == "" && typeErr.Field == "" {
			return badRequest("", "body_not_object", "request body must be a JSON object, not %s", typeErr.Value)
		}
		if path == "" {
			path = typeErr.Field
		}
		return badRequest(path, "wrong_json_type", "must be %s, not %s", describeType(typeErr.Type), typeErr.Value)
	}
	if name, ok := unknownField(err); ok {
		path := walkJSON(body, root, func(v jsonVisit) bool { return v.isKey && !v.known && v.tok == name })
		if path == "" {
			path = name
		}
		return badRequest(path, "unknown_field", "unknown field")
	}
	// An UnmarshalJSON or UnmarshalText method failed (a time, say): find
	// the first value that its type refuses on its own.
	var msg string
	path := walkJSON(body, root, func(v jsonVisit) bool {
		if v.isKey || v.typ == nil || !unmarshals(v.typ) {
			return false
		}
		if _, composite := v.tok.(json.Delim); composite {
			return false
		}
		raw, _ := json.Marshal(v.tok)
		if e := json.Unmarshal(raw, reflect.New(v.typ).Interface()); e != nil {
			msg = describeType(v.typ)
			return true
		}
		return false
	})
	if path != "" {
		return badRequest(path, "wrong_value_type", "must be %s", msg)
	}
	return badRequest("", "malformed_body", "malformed request body: %v", err)
}

// unknownField recognises DisallowUnknownFields' error, which is not typed:
// `json: unknown field "name"`.
func unknownField(err error) (string, bool) {
	rest, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return "", false
	}
	name, uerr := strconv.Unquote(rest)
	return name, uerr == nil
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType        = reflect.TypeFor[time.Time]()
)

func unmarshals(t reflect.Type) bool {
	p := reflect.PointerTo(deref(t))
	return p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler)
}

// describeType says in a client's words what JSON a Go type takes.
func describeType(t reflect.Type) string {
	t = deref(t)
	if t == timeType {
		return "an RFC 3339 time such as 2024-05-01T08:00:00+08:00"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a valid value"
}
