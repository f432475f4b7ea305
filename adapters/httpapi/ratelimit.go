package httpapi

import (
	"math"
	"sync"
	"time"
)

// DefaultRateLimit and DefaultRateBurst are generous: they stop a runaway
// client, not a busy one (the demo and bench go through the command handlers
// directly, not through HTTP).
const (
	DefaultRateLimit = 200.0
	DefaultRateBurst = 400
)

// maxBuckets bounds the limiter's memory; beyond it, full buckets (tokens
// idle long enough to have refilled) are forgotten.
const maxBuckets = 10_000

// limiter is a token bucket per bearer token: each request takes one token;
// buckets refill at rate per second up to burst. golang.org/x/time/rate is
// not a dependency of the module, and this is all the API needs of it.
type limiter struct {
	rate, burst float64
	mu          sync.Mutex
	buckets     map[string]*bucket
	now         func() time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// newLimiter returns a limiter; rate 0 takes the defaults, a negative rate
// disables it (nil).
func newLimiter(rate float64, burst int) *limiter {
	switch {
	case rate < 0:
		return nil
	case rate == 0:
		rate = DefaultRateLimit
		if burst <= 0 {
			burst = DefaultRateBurst
		}
	}
	if burst <= 0 {
		burst = int(math.Ceil(rate))
	}
	return &limiter{rate: rate, burst: float64(burst), buckets: make(map[string]*bucket), now: time.Now}
}

// allow takes a token from key's bucket, or says how long until one is there.
func (l *limiter) allow(key string) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	}
	b.tokens--
	return true, 0
}

// sweep forgets the buckets that would be full by now: forgetting them
// changes nothing for their tokens.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
