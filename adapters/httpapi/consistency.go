package httpapi

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// MinPositionHeader and the min_position query parameter let a client read
// its own writes: a query waits until the read models it reads have applied
// that position (the X-Traceledger-Position a command answered with).
const MinPositionHeader = "X-Traceledger-Min-Position"

// ReadModels is how far read models have folded the log: what a query
// waits on. It is query.Progress, named here for the adapters that hand
// one to the API.
type ReadModels = query.Progress

// reading is a query request as app/query takes it: the actor and the
// position to read from, and the name the client gave that position under
// (for the answer when the models do not get there).
type reading struct {
	query.Read
	field string
}

// readOf reads the request's actor (none on public routes) and its
// min_position parameter or header (400 when malformed).
func readOf(r *http.Request) (reading, error) {
	a, _ := ActorFrom(r.Context())
	rd := reading{Read: query.Read{Actor: a}, field: "min_position"}
	raw := r.URL.Query().Get("min_position")
	if raw == "" {
		raw, rd.field = r.Header.Get(MinPositionHeader), MinPositionHeader
	}
	if raw != "" {
		pos, err := strconv.ParseUint(raw, 10, 64)
		if err != nil {
			return rd, domain.Invalid(rd.field, "not_log_position", "%q is not a log position", raw)
		}
		rd.MinPosition = pos
	}
	return rd, nil
}

// positioned is a query that reports how far its read models have got.
type positioned interface{ Position() uint64 }

// answered finishes a query's outcome: read models that did not reach the
// asked position (in time, or ever) are 503 naming the position's
// parameter; any other outcome answers the models' position in
// X-Traceledger-Position.
func (rd reading) answered(w http.ResponseWriter, q positioned, err error) error {
	var stale *query.StaleError
	if errors.As(err, &stale) {
		return &requestError{status: http.StatusServiceUnavailable, code: "unavailable", field: rd.field, message: stale.Error()}
	}
	w.Header().Set(PositionHeader, strconv.FormatUint(q.Position(), 10))
	return err
}

// answerJSON runs a query as the request asks it (its actor and
// min_position) and answers the result as JSON: the shape of every read
// route that answers its query's result as it is.
func answerJSON[T any](w http.ResponseWriter, r *http.Request, q positioned, run func(rd query.Read) (T, error)) error {
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	v, err := run(rd.Read)
	if err = rd.answered(w, q, err); err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, v)
	return nil
}
