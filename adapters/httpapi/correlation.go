package httpapi

import (
	"net/http"

	"github.com/google/uuid"
)

// CorrelationHeader carries the id that ties a client's request to the
// events it caused: the client's own (say, its order number) or one the API
// draws. The events record it as their correlation_id and the answer echoes
// it, so a support request can be traced to log positions.
const CorrelationHeader = "X-Correlation-ID"

// maxCorrelationID bounds a client-chosen id kept in every event.
const maxCorrelationID = 128

// correlationID returns the request's valid X-Correlation-ID or a new UUID.
func correlationID(r *http.Request) string {
	if id := r.Header.Get(CorrelationHeader); id != "" && len(id) <= maxCorrelationID && printableASCII(id) {
		return id
	}
	return uuid.NewString()
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
