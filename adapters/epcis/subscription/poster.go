package subscription

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/traceledger/traceledger/adapters/notify"
)

// Headers of every delivery besides the recall notices' own
// (notify.SignatureHeader, notify.DeliveryHeader, notify.EventHeader).
const (
	// SignatureHeader is the binding's header for the signature made
	// with the subscriber's signatureToken: "sha256=" and the hex
	// HMAC-SHA256 of the body, as recall notices are signed.
	SignatureHeader = "GS1-Signature"
)

// Poster POSTs deliveries until the receiver takes them: a subscription
// delivers its events in order, so an event is never skipped; a receiver
// that keeps refusing holds back its own subscription only.
type Poster struct {
	Client *http.Client
	// Backoff is the first wait between tries (default 200ms), doubling
	// up to MaxBackoff (default 1 minute).
	Backoff, MaxBackoff time.Duration
	// Report, when set, hears every try: the delivery's id and nil, or
	// why the receiver did not take it.
	Report func(delivery string, err error)
}

// Post delivers body to dest until a 2xx answer or ctx's end.
func (p *Poster) Post(ctx context.Context, dest, secret, delivery, eventType string, body []byte) error {
	wait, most := p.Backoff, p.MaxBackoff
	if wait <= 0 {
		wait = 200 * time.Millisecond
	}
	if most <= 0 {
		most = time.Minute
	}
	for {
		err := p.once(ctx, dest, secret, delivery, eventType, body)
		if p.Report != nil {
			p.Report(delivery, err)
		}
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("deliver %s to %s: %w (last: %v)", delivery, dest, ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(wait*2, most)
	}
}

func (p *Poster) once(ctx context.Context, dest, secret, delivery, eventType string, body []byte) error {
	c := p.Client
	if c == nil {
		c = client
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, dest, bytes.NewReader(body))
	if err != nil {
		return err
	}
	h := req.Header
	h.Set("Content-Type", "application/ld+json")
	h.Set("User-Agent", "traceledger-epcis-subscription")
	h.Set("GS1-EPCIS-Version", "2.0.0")
	h.Set("GS1-CBV-Version", "2.0.0")
	if secret != "" {
		sig := notify.Sign(secret, body)
		h.Set(SignatureHeader, sig)
		h.Set(notify.SignatureHeader, sig)
	}
	h.Set(notify.DeliveryHeader, delivery)
	if eventType != "" {
		h.Set(notify.EventHeader, eventType)
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("answered %d", resp.StatusCode)
	}
	return nil
}
