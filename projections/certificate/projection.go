package certificate

import (
	"slices"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/projections/runner"
)

// entry is one registered product's certificate and its history.
type entry struct {
	Registered bool                     `json:"registered"`
	Cert       Cert                     `json:"cert"`
	History    []query.CertificateEvent `json:"history"`
}

// Projection is the certificate read model, keyed by GTIN-14. It is safe
// for concurrent queries while the runner applies events.
type Projection struct {
	runner.JSONModel[state]
}

// The queries read it through the port app/query declares.
var _ query.CertificateModel = (*Projection)(nil)

var _ runner.Projection = (*Projection)(nil)

// state is the model's persisted state: encoding/json sorts the map's
// keys, so the same state always writes the same bytes.
type state struct {
	Products map[string]*entry `json:"products"`
}

func newState() *state { return &state{Products: map[string]*entry{}} }

// New returns an empty model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("certificate", newState, p.apply)
	return p
}

// apply folds product registrations and certificate events.
func (p *Projection) apply(env *runner.Envelope) {
	gtin := ""
	switch ev := env.Event.(type) {
	case product.Registered:
		p.entry(ev.GTIN).Registered = true
		return
	case product.BarcodeNotified:
		gtin = ev.GTIN
	case product.CertificateIssued:
		gtin = ev.GTIN
	case product.CertificateRejected:
		gtin = ev.GTIN
	case product.CertificateRevoked:
		gtin = ev.GTIN
	default:
		return
	}
	e := p.entry(gtin)
	e.Cert.Apply(env.Event)
	e.History = append(e.History, query.CertificateEvent{Position: env.Position, Type: env.Type,
		OccurredAt: env.Metadata.OccurredAt.UTC(), Actor: query.CertificateActor{USCC: env.Metadata.ActorUSCC, Role: env.Metadata.ActorRole}})
}

func (p *Projection) entry(gtin string) *entry {
	e := p.State().Products[gtin]
	if e == nil {
		e = &entry{Cert: NewCert(), History: []query.CertificateEvent{}}
		p.State().Products[gtin] = e
	}
	return e
}

// Get returns the certificate of a registered product (GTIN-14) at now.
func (p *Projection) Get(gtin14 string, now time.Time) (query.CertificateView, bool) {
	p.RLock()
	defer p.RUnlock()
	e := p.State().Products[gtin14]
	if e == nil || !e.Registered {
		return query.CertificateView{}, false
	}
	v := query.CertificateView{GTIN: gtin14, Status: e.Cert.StatusAt(now), History: slices.Clone(e.History)}
	if e.Cert.CertificateNo != "" {
		v.CertificateNo, v.ValidFrom, v.ValidTo = e.Cert.CertificateNo, e.Cert.ValidFrom, e.Cert.ValidTo
	}
	return v, true
}
