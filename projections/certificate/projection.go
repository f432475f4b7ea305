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
	Registered bool `json:"registered"`
	Imported   bool `json:"imported,omitempty"`
	// Product is the registration as the product directory lists it.
	Product  product.Registered       `json:"product"`
	Position uint64                   `json:"position,omitempty"`
	At       time.Time                `json:"at,omitzero"`
	Cert     Cert                     `json:"cert"`
	History  []query.CertificateEvent `json:"history"`
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

// Version is the snapshot layout: 2 since products know their origin and
// certificates their version and history details, 3 since entries keep
// the product's registration for the product directory; an older snapshot
// lacks them (it is discarded and the model rebuilt from the log).
func (p *Projection) Version() int { return 3 }

// apply folds product registrations and certificate events.
func (p *Projection) apply(env *runner.Envelope) {
	gtin := ""
	switch ev := env.Event.(type) {
	case product.Registered:
		e := p.entry(ev.GTIN)
		e.Registered, e.Imported = true, ev.OriginCountry != "CN"
		e.Product, e.Position, e.At = ev, env.Position, env.Metadata.OccurredAt.UTC()
		return
	case product.BarcodeNotified:
		gtin = ev.GTIN
	case product.CertificateIssued:
		gtin = ev.GTIN
	case product.CertificateRejected:
		gtin = ev.GTIN
	case product.CertificateRevoked:
		gtin = ev.GTIN
	case product.CertificateRenewed:
		gtin = ev.GTIN
	case product.CertificateAmended:
		gtin = ev.GTIN
	case product.RenotificationAllowed:
		gtin = ev.GTIN
	default:
		return
	}
	e := p.entry(gtin)
	e.Cert.Apply(env.Event)
	h := query.CertificateEvent{Position: env.Position, Type: env.Type,
		OccurredAt: env.Metadata.OccurredAt.UTC(), Actor: query.CertificateActor{USCC: env.Metadata.ActorUSCC, Role: env.Metadata.ActorRole}}
	describe(&h, env.Event, e.Cert)
	e.History = append(e.History, h)
}

// describe fills what a history entry says of its event: the certificate's
// number, version and validity after it, what an amendment changed, and
// the reason of a rejection, revocation or leave to notify again.
func describe(h *query.CertificateEvent, ev any, c Cert) {
	switch ev := ev.(type) {
	case product.BarcodeNotified:
		h.RecordNo = ev.RecordNo
	case product.CertificateIssued:
		h.CertificateNo, h.Version, h.ValidFrom, h.ValidTo = ev.CertificateNo, 1, ev.ValidFrom, ev.ValidTo
	case product.CertificateRenewed:
		h.CertificateNo, h.Version, h.ValidFrom, h.ValidTo = ev.CertificateNo, ev.Version, ev.ValidFrom, ev.ValidTo
	case product.CertificateAmended:
		h.CertificateNo, h.Version, h.Reason = ev.CertificateNo, ev.Version, ev.Reason
		for _, ch := range ev.Changes {
			h.Changes = append(h.Changes, query.CertificateChange{Field: ch.Field, From: ch.From, To: ch.To})
		}
	case product.CertificateRejected:
		h.Reason = ev.Reason
	case product.CertificateRevoked:
		h.CertificateNo, h.Version, h.Reason = ev.CertificateNo, c.Version, ev.Reason
	case product.RenotificationAllowed:
		h.CertificateNo, h.Reason = ev.CertificateNo, ev.Reason
	}
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
	v := query.CertificateView{GTIN: gtin14, Imported: e.Imported, Status: e.Cert.StatusAt(now), History: slices.Clone(e.History)}
	if e.Cert.CertificateNo != "" {
		v.CertificateNo, v.ValidFrom, v.ValidTo, v.Version = e.Cert.CertificateNo, e.Cert.ValidFrom, e.Cert.ValidTo, e.Cert.Version
	}
	v.RenotificationAllowed = e.Cert.RenotificationAllowed && v.Status == product.StatusRevoked
	return v, true
}
