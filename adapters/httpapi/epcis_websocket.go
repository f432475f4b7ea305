package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/traceledger/traceledger/adapters/epcis/querydoc"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
)

// isWebSocket reports whether r asks to switch to a WebSocket: the
// binding's subscription on GET /queries/{queryName}/events.
func isWebSocket(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// wsWriteTimeout bounds one message's write: a client that stops reading
// loses its subscription rather than holding a follower forever.
const wsWriteTimeout = 30 * time.Second

// websocket runs a WebSocket subscription to the reader's named query:
// each matching event the reader may see is sent, as it is recorded, as
// an EPCISQueryDocument text message; with initialRecordTime the events
// recorded since then come first. It lasts until the client goes, the
// server stops or the query is deleted (closed with status 1000, reason
// "query deleted"). Nothing is recorded: a client that reconnects names
// where to resume with initialRecordTime.
func (sr *subscriptionRoutes) websocket(er *epcisRoutes, w http.ResponseWriter, r *http.Request) error {
	var initial *time.Time
	for k, vs := range r.URL.Query() {
		v := vs[0]
		switch k {
		case "stream":
			if v != "true" {
				return badRequest(k, "must_true_each_matching_event", "must be true: each matching event is sent as it is recorded")
			}
		case "initialRecordTime":
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return badRequest(k, "must_rfc_3339_date_time_2", "must be an RFC 3339 date-time with a zone")
			}
			initial = &t
		case "reportIfEmpty", "min_position":
		case "second", "minute", "hour", "dayOfMonth", "month", "dayOfWeek":
			return badRequest(k, "scheduled_subscriptions_not_supported_use", "scheduled subscriptions are not supported: use stream=true")
		default:
			return badRequest(k, "not_parameter_query_subscription", "is not a parameter of a query subscription")
		}
	}
	if r.URL.Query().Get("stream") != "true" {
		return badRequest("stream", "must_true_binding_asks_subscription", "must be true: the binding asks a subscription to say when it is delivered")
	}
	format, ok := querydoc.ParseEPCFormat(r.Header.Get("GS1-EPC-Format"))
	if !ok {
		return badRequest("GS1-EPC-Format", "must_always_gs1_digital_link", "must be Always_GS1_Digital_Link, Always_EPC_URN, Never_Translates or No_Preference")
	}
	rd, err := readOf(r)
	if err != nil {
		return err
	}
	name := r.PathValue("queryName")
	n, err := er.q.NamedQuery(r.Context(), rd.Read, name)
	if err != nil {
		return rd.answered(w, er.q, err)
	}
	f, err := ParseEPCISQuery(n.Query)
	if err != nil {
		return err
	}
	from := er.q.Position()
	if initial != nil {
		from = 0
		if f.GERecordTime.Before(*initial) {
			f.GERecordTime = *initial
		}
	}
	// The server's read and write timeouts are for requests; a
	// subscription outlives them.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return nil // Accept answered the client
	}
	defer conn.CloseNow()
	ctx, cancel := context.WithCancel(conn.CloseRead(r.Context()))
	defer cancel()
	stopped := context.AfterFunc(sr.stop, cancel)
	defer stopped()
	go sr.keepAlive(ctx, cancel, conn)
	errDeleted := errors.New("query deleted")
	err = er.q.Follow(ctx, rd.Actor, f, from, func(evs []query.EPCISEvent, through uint64) error {
		if cur, err := er.q.NamedQuery(ctx, query.Read{Actor: rd.Actor}, name); errors.Is(err, domain.ErrNotFound) || err == nil && cur.Query != n.Query {
			return errDeleted
		}
		for _, ev := range evs {
			b, err := querydoc.JSONLD(querydoc.Page{QueryName: name, Events: []query.EPCISEvent{ev}, Format: format, Created: er.now()})
			if err != nil {
				return err
			}
			wctx, done := context.WithTimeout(ctx, wsWriteTimeout)
			err = conn.Write(wctx, websocket.MessageText, b)
			done()
			if err != nil {
				return err
			}
		}
		return nil
	})
	switch {
	case errors.Is(err, errDeleted):
		conn.Close(websocket.StatusNormalClosure, "query deleted")
	case ctx.Err() != nil:
		conn.Close(websocket.StatusGoingAway, "")
	default:
		conn.Close(websocket.StatusInternalError, "subscription failed")
	}
	return nil
}

// keepAlive pings a silent client now and then; one that does not answer
// ends the subscription.
func (sr *subscriptionRoutes) keepAlive(ctx context.Context, cancel context.CancelFunc, conn *websocket.Conn) {
	t := time.NewTicker(sr.pingEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			pctx, done := context.WithTimeout(ctx, wsWriteTimeout)
			err := conn.Ping(pctx)
			done()
			if err != nil {
				cancel()
				return
			}
		}
	}
}
