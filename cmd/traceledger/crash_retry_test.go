package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/domain/access"
)

// keyedRequest is one command a client sends with an Idempotency-Key, and
// what it was answered, if anything.
type keyedRequest struct {
	key, body string
	answered  bool
	status    int
	eventID   string
}

// sendKeyed posts a command with its key; answered is false when the
// server never answered (it was killed).
func sendKeyed(base, token, path string, r *keyedRequest) {
	req, _ := http.NewRequest("POST", base+path, strings.NewReader(r.body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", r.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return
	}
	var out struct {
		Events []struct {
			EventID string `json:"event_id"`
		} `json:"events"`
	}
	_ = json.Unmarshal(b, &out)
	r.answered, r.status = true, resp.StatusCode
	if len(out.Events) > 0 {
		r.eventID = out.Events[0].EventID
	}
}

// mustPost records a setup command on a child process.
func mustPost(t *testing.T, base, token, path, body string) {
	t.Helper()
	r := &keyedRequest{key: fmt.Sprint("setup-", time.Now().UnixNano()), body: body}
	sendKeyed(base, token, path, r)
	if !r.answered || r.status != http.StatusCreated {
		t.Fatalf("POST %s = %v %d", path, r.answered, r.status)
	}
}

// TestKilledServerRetriedWithIdempotencyKeysRecordsEachCommandOnce: writers
// sell one unit at a time, each sale with its own Idempotency-Key; the
// server is killed (SIGKILL) mid-stream and restarted, five times; after
// each restart every request that got no answer is sent again with the
// same key and body, and so are some that were answered. Every retry is
// answered 201 with the first answer's event, and the log holds each sale
// exactly once: no duplicate, no acknowledged sale lost. `make soak` runs
// more rounds (TRACELEDGER_SOAK_ROUNDS).
func TestKilledServerRetriedWithIdempotencyKeysRecordsEachCommandOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	rounds := 5
	if n, err := strconv.Atoi(os.Getenv("TRACELEDGER_SOAK_ROUNDS")); err == nil && n > rounds {
		rounds = n // make soak
	}
	data := t.TempDir()
	l := &ledger{t: t, data: data}
	reg := l.token(access.RoleRegulator, "")
	maker := newUSCC(t, "91320100MA1MXY100")
	tok := l.token(access.RoleEnterprise, maker)
	p := startProcess(t, data)
	mustPost(t, p.base, reg, "/api/v1/enterprises", `{"uscc":"`+maker+`","name":"南京金陵食品有限公司","region":"江苏南京","roles":["manufacturer","retailer"]}`)
	mustPost(t, p.base, tok, "/api/v1/products", `{"gtin":"6901234567892","name":"盐水鸭","brand":"金陵","spec":"500g","category":"熟食","origin_country":"CN","manufacturer":"南京金陵食品有限公司","owner_uscc":"`+maker+`","shelf_life_days":30}`)
	today := time.Now()
	mustPost(t, p.base, tok, "/api/v1/batches", fmt.Sprintf(`{"gtin":"6901234567892","lot":"B1","quantity":1000000,"produced_on":"%s","expires_on":"%s","owner_uscc":"%s"}`,
		today.AddDate(0, 0, -1).Format(time.DateOnly), today.AddDate(0, 1, 0).Format(time.DateOnly), maker))

	var all []*keyedRequest
	unanswered, retriedAnswered := 0, 0
	for round := range rounds {
		var mu sync.Mutex
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					key := fmt.Sprintf("r%d-w%d-%d", round, w, i)
					r := &keyedRequest{key: key, body: fmt.Sprintf(`{"seller_uscc":"%s","channel":"门店-%s","lines":[{"gtin":"6901234567892","lot":"B1","quantity":1}]}`, maker, key)}
					sendKeyed(p.base, tok, "/api/v1/sales", r)
					mu.Lock()
					all = append(all, r)
					mu.Unlock()
					if !r.answered {
						return // the server is gone
					}
				}
			})
		}
		time.Sleep(300 * time.Millisecond)
		p.stop(t, syscall.SIGKILL)
		close(stop)
		wg.Wait()

		p = startProcess(t, data)
		for i, r := range all {
			if r.answered && i%7 != 0 {
				continue
			}
			first := *r
			again := &keyedRequest{key: r.key, body: r.body}
			sendKeyed(p.base, tok, "/api/v1/sales", again)
			if !again.answered || again.status != http.StatusCreated {
				t.Fatalf("round %d: retry of %s = %v %d, want 201 with the first answer", round, r.key, again.answered, again.status)
			}
			if first.answered {
				retriedAnswered++
				if first.status == http.StatusCreated && again.eventID != first.eventID {
					t.Fatalf("round %d: retry of %s answered event %s, the first answer %s", round, r.key, again.eventID, first.eventID)
				}
			} else {
				unanswered++
			}
			*r = *again
		}
	}
	p.stop(t, syscall.SIGTERM)

	store, err := sqlite.OpenReadOnly(t.Context(), filepath.Join(data, ledgerFile))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	head, _ := store.Head(ctx)
	sold := map[string]int{}
	for after := uint64(0); after < head; {
		recs, err := store.ReadAll(ctx, after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if r.Type != "goods.sold.v1" {
				continue
			}
			var s struct {
				Channel string `json:"channel"`
			}
			_ = json.Unmarshal(r.Data, &s)
			sold[strings.TrimPrefix(s.Channel, "门店-")]++
		}
		after = recs[len(recs)-1].Position
	}
	duplicates, lost := 0, 0
	for _, r := range all {
		switch n := sold[r.key]; {
		case n > 1:
			duplicates++
			t.Errorf("sale %s is in the log %d times", r.key, n)
		case n == 0 && r.status == http.StatusCreated:
			lost++
			t.Errorf("sale %s was acknowledged but is not in the log", r.key)
		}
	}
	t.Logf("%d rounds: %d keyed sales, %d unanswered at a kill and retried, %d answered ones retried; %d duplicates, %d lost acknowledgements",
		rounds, len(all), unanswered, retriedAnswered, duplicates, lost)
	if len(all) < rounds*8 {
		t.Errorf("only %d sales were sent: the writers did not run", len(all))
	}
}
