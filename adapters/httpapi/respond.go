package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// PositionHeader carries the highest log position a command appended, so a
// client can later ask a read model whether it has caught up with its write.
const PositionHeader = "X-Traceledger-Position"

// WriteJSON answers v as JSON with the given status. Every JSON answer of the
// API goes through it, so content type and encoding are the same everywhere.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"error":{"code":"internal","message":"internal error","field":""}}`)
	}
	writeJSONBytes(w, status, append(body, '\n'))
}

func writeJSONBytes(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
