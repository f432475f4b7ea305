package httpapi

import (
	"net/http"

	"github.com/traceledger/traceledger/adapters/audit"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/domain"
)

// bundle answers GET /api/v1/items/{code}/bundle: the item's history as a
// self-contained bundle (each event with the hash before it and its
// inclusion proof, the signed checkpoint and the verifier key), the same
// file `traceledger export` writes, which `traceledger verify --bundle`
// checks offline. Events after the latest checkpoint are left out until the
// next one (within a second).
func (hr *historyRoutes) bundle(w http.ResponseWriter, r *http.Request) error {
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	if hr.proofs == nil {
		return domain.NotFound("code", "this_server_keeps_no_verifiable", "this server keeps no verifiable log")
	}
	code := r.PathValue("code")
	c, err := parseItemCode(code)
	if err != nil {
		return err
	}
	_, positions, err := hr.q.ItemPositions(r.Context(), rd.Read, c)
	if err = rd.answered(w, hr.q, err); err != nil {
		return err
	}
	note, size, root, ok := hr.proofs.heads.LatestCheckpoint()
	if !ok {
		return &requestError{status: http.StatusServiceUnavailable, code: "unavailable", message: "no checkpoint is signed yet; retry in a second"}
	}
	covered := make([]uint64, 0, len(positions))
	for _, p := range positions {
		if p <= size {
			covered = append(covered, p)
		}
	}
	head := notary.Signed{Checkpoint: notary.Checkpoint{Size: size, Root: root}, Note: note}
	b, err := audit.BuildBundle(r.Context(), code, covered, hr.reader, hr.proofs.tree, head, hr.proofs.heads.VerifierKey())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="traceledger-bundle.json"`)
	WriteJSON(w, http.StatusOK, b)
	return nil
}
