package query

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// CaptureJob is an EPCIS capture job as the REST binding describes it
// (captureID, createdAt, finishedAt, running, success,
// captureErrorBehaviour, errors), with what the ledger adds: who captured,
// each event's outcome and the log position of the job's append.
type CaptureJob struct {
	CaptureID             string            `json:"captureID"`
	CreatedAt             time.Time         `json:"createdAt"`
	FinishedAt            time.Time         `json:"finishedAt"`
	Running               bool              `json:"running"`
	Success               bool              `json:"success"`
	CaptureErrorBehaviour string            `json:"captureErrorBehaviour"`
	Errors                []CaptureProblem  `json:"errors"`
	ActorUSCC             string            `json:"actorUSCC,omitempty"`
	ActorRole             string            `json:"actorRole,omitempty"`
	Format                string            `json:"format,omitempty"`
	Events                []CaptureJobEvent `json:"events"`
	Position              uint64            `json:"position,omitempty"`
}

// CaptureJobEvent is one event's outcome in a job.
type CaptureJobEvent struct {
	Index   int    `json:"index"`
	HashID  string `json:"hashID,omitempty"`
	Outcome string `json:"outcome"`
	Command string `json:"command,omitempty"`
}

// CaptureProblem is one event's fault, an RFC 7807 problem with the event's
// index, the field and the rule it breaks; a fault the ledger's rules found
// also carries the refusal's reason and parameters, which a client tells in
// its reader's language.
type CaptureProblem struct {
	Type       string   `json:"type"`
	Title      string   `json:"title"`
	Status     int      `json:"status"`
	Detail     string   `json:"detail"`
	Instance   string   `json:"instance,omitempty"`
	EventIndex int      `json:"eventIndex"`
	Field      string   `json:"field,omitempty"`
	Rule       string   `json:"rule"`
	Reason     string   `json:"reason,omitempty"`
	Params     []string `json:"params,omitempty"`
}

// LocationView is a registered GLN (or SGLN extension) and its enterprise.
type LocationView struct {
	GLN       string    `json:"gln"`
	Extension string    `json:"extension,omitempty"`
	USCC      string    `json:"uscc"`
	Name      string    `json:"name"`
	At        time.Time `json:"registered_at"`
	Position  uint64    `json:"position"`
}

// CaptureModel holds the capture jobs that appended and the GLN registry;
// *capture.Projection implements it. Lists are copies, jobs by position,
// locations by GLN and extension.
type CaptureModel interface {
	Job(id string) (CaptureJob, bool)
	Jobs() []CaptureJob
	Locations(uscc string) []LocationView
}

// Captures answers capture jobs and registered locations: overseers read
// every one, an enterprise its own (another's answers as absent).
type Captures struct {
	consistency
	model CaptureModel
}

// NewCaptures reads model once progress has reached the client's position.
func NewCaptures(model CaptureModel, progress Progress) *Captures {
	return &Captures{consistency: consistency{progress}, model: model}
}

// mayRead is the rule: overseers, or the enterprise itself.
func mayRead(a access.Actor, uscc string) bool {
	return a.Oversees() || (a.IsEnterprise() && a.USCC == uscc)
}

// Job is capture job id.
func (q *Captures) Job(ctx context.Context, rd Read, id string) (CaptureJob, error) {
	if err := q.await(ctx, rd); err != nil {
		return CaptureJob{}, err
	}
	j, ok := q.model.Job(id)
	if !ok || !mayRead(rd.Actor, j.ActorUSCC) {
		return CaptureJob{}, domain.NotFound("captureID", "capture_job_not_known", "capture job %s is not known", id)
	}
	return j, nil
}

// Jobs is a page of the jobs rd's actor may read, by position: after is
// the previous page's next ("" for the first page).
func (q *Captures) Jobs(ctx context.Context, rd Read, after string, limit int) ([]CaptureJob, string, error) {
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	from, err := positionAfter(after)
	if err != nil {
		return nil, "", err
	}
	var out []CaptureJob
	for _, j := range q.model.Jobs() {
		if j.Position <= from || !mayRead(rd.Actor, j.ActorUSCC) {
			continue
		}
		if len(out) == limit {
			return out, strconv.FormatUint(out[len(out)-1].Position, 10), nil
		}
		out = append(out, j)
	}
	return out, "", nil
}

// Locations is a page of the locations enterprise uscc registered, by GLN
// and extension: after is the previous page's next.
func (q *Captures) Locations(ctx context.Context, rd Read, uscc, after string, limit int) ([]LocationView, string, error) {
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	if !mayRead(rd.Actor, uscc) {
		return nil, "", domain.NotFound("uscc", "enterprise_not_registered", "enterprise %s is not registered", uscc)
	}
	if after != "" {
		gln, _, ok := strings.Cut(after, ".")
		if _, err := ident.ParseGLN(gln); !ok || err != nil {
			return nil, "", domain.Invalid("after", "not_cursor_this_list", "is not a cursor of this list")
		}
	}
	ls := q.model.Locations(uscc)
	sort.Slice(ls, func(i, j int) bool { return locationKey(ls[i]) < locationKey(ls[j]) })
	var out []LocationView
	for _, l := range ls {
		if after != "" && locationKey(l) <= after {
			continue
		}
		if len(out) == limit {
			return out, locationKey(out[len(out)-1]), nil
		}
		out = append(out, l)
	}
	return out, "", nil
}

func locationKey(l LocationView) string { return l.GLN + "." + l.Extension }

func positionAfter(after string) (uint64, error) {
	if after == "" {
		return 0, nil
	}
	p, err := strconv.ParseUint(after, 10, 64)
	if err != nil {
		return 0, domain.Invalid("after", "not_cursor_this_list", "is not a cursor of this list")
	}
	return p, nil
}
