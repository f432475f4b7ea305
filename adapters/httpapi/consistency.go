package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/domain"
)

// MinPositionHeader and the min_position query parameter let a client read
// its own writes: a query waits until the read models have applied that
// position (the X-Traceledger-Position a command answered with).
const MinPositionHeader = "X-Traceledger-Min-Position"

// readWait bounds how long a query waits for the read models.
const readWait = 5 * time.Second

// ReadModels is what queries need of the projection runner.
type ReadModels interface {
	WaitFor(ctx context.Context, position uint64) error
	Position() uint64
}

// Consistent waits, when the request asks for it, until the read models have
// reached the asked position; it fails with 400 for a malformed position and
// 503 when the models do not get there in time. Every query handler calls it
// first. It answers the models' position in X-Traceledger-Position.
func Consistent(w http.ResponseWriter, r *http.Request, rm ReadModels) error {
	raw := r.URL.Query().Get("min_position")
	field := "min_position"
	if raw == "" {
		raw, field = r.Header.Get(MinPositionHeader), MinPositionHeader
	}
	if raw != "" {
		pos, err := strconv.ParseUint(raw, 10, 64)
		if err != nil {
			return domain.Invalid(field, "%q is not a log position", raw)
		}
		ctx, cancel := context.WithTimeout(r.Context(), readWait)
		defer cancel()
		if err := rm.WaitFor(ctx, pos); err != nil {
			return &requestError{status: http.StatusServiceUnavailable, code: "unavailable", field: field, message: err.Error()}
		}
	}
	w.Header().Set(PositionHeader, strconv.FormatUint(rm.Position(), 10))
	return nil
}
