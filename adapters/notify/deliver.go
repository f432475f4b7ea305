package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/traceledger/traceledger/domain/recall"
)

// Delivery is the outcome of a successful POST.
type Delivery struct {
	Status   int
	Attempts int
}

// errPermanent marks an answer a retry cannot change (4xx but 408 and 429).
var errPermanent = errors.New("refused")

// Poster POSTs notices with retries.
type Poster struct {
	Client *http.Client
	// MaxAttempts bounds the tries of one notice (default 5).
	MaxAttempts int
	// Backoff is the first wait between tries (default 200ms, doubling up
	// to 5s).
	Backoff time.Duration
}

// post POSTs body to url signed with secret until a 2xx answer, a refusal,
// ctx's end or MaxAttempts.
func (p *Poster) post(ctx context.Context, url, secret, delivery string, body []byte) (Delivery, error) {
	client, attempts, wait := p.Client, p.MaxAttempts, p.Backoff
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	if attempts <= 0 {
		attempts = 5
	}
	if wait <= 0 {
		wait = 200 * time.Millisecond
	}
	var last error
	for i := 1; i <= attempts; i++ {
		status, err := p.once(ctx, client, url, secret, delivery, body)
		if err == nil {
			return Delivery{Status: status, Attempts: i}, nil
		}
		last = err
		if errors.Is(err, errPermanent) || i == attempts {
			break
		}
		select {
		case <-ctx.Done():
			return Delivery{}, fmt.Errorf("post %s: %w (last: %v)", url, ctx.Err(), last)
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Second)
	}
	return Delivery{}, fmt.Errorf("post %s: %w", url, last)
}

func (p *Poster) once(ctx context.Context, client *http.Client, url, secret, delivery string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("%w: %v", errPermanent, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "traceledger-notify")
	req.Header.Set(SignatureHeader, Sign(secret, body))
	req.Header.Set(DeliveryHeader, delivery)
	req.Header.Set(EventHeader, recall.TypeStarted)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch s := resp.StatusCode; {
	case s >= 200 && s <= 299:
		return s, nil
	case s == http.StatusRequestTimeout || s == http.StatusTooManyRequests || s >= 500:
		return s, fmt.Errorf("answered %d", s)
	default:
		return s, fmt.Errorf("%w: answered %d", errPermanent, s)
	}
}
