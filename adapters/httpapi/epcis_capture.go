package httpapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/traceledger/traceledger/adapters/epcis/document"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
)

// The EPCIS 2.0 capture interface (the REST binding's /capture), under
// /epcis: POST a document (JSON-LD or XML), follow its capture job. A
// capture runs inside the request, so the job is finished when 202 answers;
// a job that appended is recorded in the same append as its events and read
// back from the log's read model, so it survives a restart. A job that
// appended nothing (a refused document, or one whose every event was
// captured before) is kept in memory only: it changed nothing.

// Capturer is what capture records with; *command.Handlers implements it.
type Capturer interface {
	CaptureEPCIS(ctx context.Context, a access.Actor, in command.CaptureEPCIS) (command.CaptureOutcome, error)
	RegisterLocation(ctx context.Context, a access.Actor, in command.RegisterLocation) (command.Outcome, error)
	NewJobID() string
}

// captureAccess: regulators and enterprises capture (the domain decides
// which events each may).
var captureAccess = Roles(access.RoleRegulator, access.RoleEnterprise)

// CaptureJobBook keeps the jobs this server answered, so that a job that
// appended nothing to the ledger (refused, or every event captured before)
// still answers after a restart; adapters/capturejob keeps them in a file.
// A job that appended is in the log too.
type CaptureJobBook interface {
	Put(ctx context.Context, j query.CaptureJob) error
	Get(ctx context.Context, id string) (query.CaptureJob, bool, error)
}

// maxRecentJobs bounds the jobs an in-memory book keeps (the newest).
const maxRecentJobs = 1000

// recentJobs is the book of a server given none: memory only.
type recentJobs struct {
	mu    sync.Mutex
	jobs  map[string]query.CaptureJob
	order []string
}

func (u *recentJobs) Put(_ context.Context, j query.CaptureJob) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.order) >= maxRecentJobs {
		delete(u.jobs, u.order[0])
		u.order = u.order[1:]
	}
	u.jobs[j.CaptureID] = j
	u.order = append(u.order, j.CaptureID)
	return nil
}

func (u *recentJobs) Get(_ context.Context, id string) (query.CaptureJob, bool, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	j, ok := u.jobs[id]
	return j, ok, nil
}

// RouteEPCISCapture serves the capture interface and the GLN registry;
// book keeps the answered jobs (nil: in memory only).
func (s *Server) RouteEPCISCapture(c Capturer, q *query.Captures, book CaptureJobBook) {
	mem := book
	if mem == nil {
		mem = &recentJobs{jobs: map[string]query.CaptureJob{}}
	}
	s.HandleFunc("OPTIONS /epcis/capture", func(w http.ResponseWriter, r *http.Request) error {
		h := w.Header()
		versionHeaders(h)
		h.Set("Allow", "OPTIONS, GET, POST")
		h.Set("GS1-EPCIS-Capture-Limit", strconv.Itoa(document.MaxEvents))
		h.Set("GS1-EPCIS-Capture-File-Size-Limit", strconv.Itoa(document.MaxBytes))
		h.Set("GS1-Capture-Error-Behaviour", "rollback")
		w.WriteHeader(http.StatusNoContent)
		return nil
	}, captureAccess)
	s.HandleFunc("POST /epcis/capture", func(w http.ResponseWriter, r *http.Request) error {
		return s.capture(w, r, c, mem)
	}, captureAccess)
	s.HandleFunc("GET /epcis/capture", func(w http.ResponseWriter, r *http.Request) error {
		if err := acceptsJSON(r); err != nil {
			return err
		}
		// The binding's perPage and nextPageToken are accepted beside the
		// API's limit and after; the Link header names nextPageToken.
		v := r.URL.Query()
		if pp := v.Get("perPage"); pp != "" && v.Get("limit") == "" {
			v.Set("limit", pp)
			r.URL.RawQuery = v.Encode()
		}
		limit, err := limitParam(r, 30, 1000)
		if err != nil {
			return err
		}
		after := v.Get("after")
		if t := v.Get("nextPageToken"); t != "" {
			after = t
		}
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		jobs, next, err := q.Jobs(r.Context(), rd.Read, after, limit)
		if err = rd.answered(w, q, err); err != nil {
			return err
		}
		versionHeaders(w.Header())
		linkNextPage(w, r, next)
		WriteJSON(w, http.StatusOK, jobPage{Jobs: orEmpty(jobs), Next: nextOf(next)})
		return nil
	}, captureAccess)
	s.HandleFunc("GET /epcis/capture/{id}", func(w http.ResponseWriter, r *http.Request) error {
		if err := acceptsJSON(r); err != nil {
			return err
		}
		id := r.PathValue("id")
		a, _ := ActorFrom(r.Context())
		j, ok, err := mem.Get(r.Context(), id)
		if err != nil {
			return err
		}
		if ok && (a.Oversees() || j.ActorUSCC == a.USCC) {
			versionHeaders(w.Header())
			WriteJSON(w, http.StatusOK, j)
			return nil
		}
		return answerJSON(w, r, q, func(rd query.Read) (query.CaptureJob, error) { return q.Job(r.Context(), rd, id) })
	}, captureAccess)
	s.HandleFunc("POST /api/v1/enterprises/{uscc}/locations", func(w http.ResponseWriter, r *http.Request) error {
		body, err := s.readBody(w, r)
		if err != nil {
			return err
		}
		var in command.RegisterLocation
		if err := decodeJSON(body, &in, false); err != nil {
			return err
		}
		in.USCC = r.PathValue("uscc")
		a, _ := ActorFrom(r.Context())
		out, err := c.RegisterLocation(r.Context(), a, in)
		if err != nil {
			return err
		}
		w.Header().Set(PositionHeader, strconv.FormatUint(out.Head(), 10))
		WriteJSON(w, http.StatusCreated, out)
		return nil
	}, commandAccess)
	s.HandleFunc("GET /api/v1/enterprises/{uscc}/locations", func(w http.ResponseWriter, r *http.Request) error {
		limit, err := limitParam(r, 100, 1000)
		if err != nil {
			return err
		}
		rd, err := readOf(r)
		if err != nil {
			return err
		}
		ls, next, err := q.Locations(r.Context(), rd.Read, r.PathValue("uscc"), r.URL.Query().Get("after"), limit)
		if err = rd.answered(w, q, err); err != nil {
			return err
		}
		WriteJSON(w, http.StatusOK, locationPage{Locations: orEmpty(ls), Next: nextOf(next)})
		return nil
	}, Roles(access.Readers...))
}

// jobPage and locationPage page by the API's one cursor convention: next
// is an opaque string, null on the last page.
type jobPage struct {
	Jobs []query.CaptureJob `json:"jobs"`
	Next *string            `json:"next"`
}

type locationPage struct {
	Locations []query.LocationView `json:"locations"`
	Next      *string              `json:"next"`
}

// nextOf is the JSON next of a cursor ("" on the last page).
func nextOf(cursor string) *string {
	if cursor == "" {
		return nil
	}
	return &cursor
}

func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// capture reads, checks and captures one document, and answers 202 with
// the job's location (the job is already finished).
func (s *Server) capture(w http.ResponseWriter, r *http.Request, c Capturer, mem CaptureJobBook) error {
	if err := supportedVersions(r); err != nil {
		return err
	}
	format, err := captureFormat(r.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	if r.ContentLength > document.MaxBytes {
		return &http.MaxBytesError{Limit: document.MaxBytes}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, document.MaxBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return err
		}
		return badRequest("", "body_unreadable", "could not read the request body: %v", err)
	}
	d, faults, err := document.Read(format, body)
	if err != nil {
		if errors.Is(err, document.ErrTooLarge) {
			return &requestError{status: http.StatusRequestEntityTooLarge, code: "too_large", message: err.Error()}
		}
		return &requestError{status: http.StatusBadRequest, code: "invalid", message: "epcisException:ValidationException: " + err.Error()}
	}
	a, _ := ActorFrom(r.Context())
	id := c.NewJobID()
	job := query.CaptureJob{CaptureID: id, CreatedAt: time.Now().UTC(), CaptureErrorBehaviour: "rollback", Errors: []query.CaptureProblem{},
		ActorUSCC: a.USCC, ActorRole: string(a.Role), Format: format}
	if len(faults) > 0 {
		for _, f := range faults {
			job.Errors = append(job.Errors, captureProblem(f.Index, f.Path, f.Field, f.Rule, f.Message))
		}
		return s.refusedJob(w, r, job, mem)
	}
	out, err := c.CaptureEPCIS(r.Context(), a, d.Input(id))
	var refused *command.CaptureRefused
	switch {
	case errors.As(err, &refused):
		for _, e := range refused.Errors {
			p := captureProblem(e.Index, document.Path(e.Index, e.Field), e.Field, e.Rule, e.Message)
			p.Reason, p.Params = e.Reason, e.Params
			job.Errors = append(job.Errors, p)
		}
		return s.refusedJob(w, r, job, mem)
	case err != nil:
		return err
	}
	job.FinishedAt, job.Success = time.Now().UTC(), true
	for _, res := range out.Results {
		job.Events = append(job.Events, query.CaptureJobEvent{Index: res.Index, HashID: res.HashID, Outcome: res.Outcome, Command: res.Command})
	}
	if head := out.Head(); head > 0 {
		job.Position = head
		w.Header().Set(PositionHeader, strconv.FormatUint(head, 10))
	}
	// Kept in the book too, so the job reads at once; one that appended is
	// also in the log (and its read model). One whose every event was
	// captured before appended nothing: only in the book.
	if err := mem.Put(r.Context(), job); err != nil {
		return err
	}
	return accepted(w, job)
}

func (s *Server) refusedJob(w http.ResponseWriter, r *http.Request, job query.CaptureJob, mem CaptureJobBook) error {
	job.FinishedAt = time.Now().UTC()
	if err := mem.Put(r.Context(), job); err != nil {
		return err
	}
	return accepted(w, job)
}

func accepted(w http.ResponseWriter, job query.CaptureJob) error {
	versionHeaders(w.Header())
	w.Header().Set("Location", "/epcis/capture/"+job.CaptureID)
	WriteJSON(w, http.StatusAccepted, job)
	return nil
}

func captureProblem(index int, path, field, rule, msg string) query.CaptureProblem {
	return query.CaptureProblem{Type: "epcisException:ValidationException", Title: rule, Status: http.StatusBadRequest,
		Detail: msg, Instance: path, EventIndex: index, Field: field, Rule: rule}
}

// Jobs lists the jobs the in-memory book keeps, oldest first.
func (u *recentJobs) Jobs() []query.CaptureJob {
	u.mu.Lock()
	defer u.mu.Unlock()
	out := make([]query.CaptureJob, 0, len(u.order))
	for _, id := range u.order {
		out = append(out, u.jobs[id])
	}
	return out
}
