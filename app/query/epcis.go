package query

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/epcisquery"
)

// Page sizes of the EPCIS query interface.
const (
	DefaultEPCISPerPage = 30
	MaxEPCISPerPage     = 1000
)

// EPCISFilter is an EPCIS 2.0 query (SimpleEventQuery): every field set
// must hold (a list holds when any of its values does). Identifiers are
// canonical Digital Links, vocabulary values CBV short names or URIs, as
// EPCISEvent holds them; the port normalises what clients send.
type EPCISFilter struct {
	EventTypes                 []string
	GEEventTime, LTEventTime   time.Time
	GERecordTime, LTRecordTime time.Time
	Actions                    []string
	BizSteps, Dispositions     []string
	ReadPoints, BizLocations   []string
	EventIDs                   []string
	// MatchEPC: epcList or childEPCs; MatchAnyEPC: any instance
	// identifier; MatchEPCClass: any quantity list's class.
	MatchEPC, MatchAnyEPC, MatchParentID []string
	MatchInputEPC, MatchOutputEPC        []string
	MatchEPCClass                        []string
	// OrderBy is "eventTime" or "recordTime" ("" is recordTime, which is
	// the log's order); Desc orders newest first.
	OrderBy string
	Desc    bool
	// After is where the previous page ended (nil: the first page).
	After *EPCISCursor
	// Concerning, set by the query for an enterprise, lets the model look
	// only at events that name that USCC or move a batch some event of
	// which names it: a superset of what the enterprise may read, which the
	// visibility rule then decides event by event.
	Concerning string
}

// EPCISCursor is a place in an ordered answer: the last event's order key
// (its event time when ordered by eventTime) and its log position, which
// breaks ties so the order is total.
type EPCISCursor struct {
	Time     time.Time
	Position uint64
}

// EPCISModel is the read model of every ledger event rendered as EPCIS.
// *epcisview.Projection implements it.
type EPCISModel interface {
	// EPCISEvents answers up to limit events that match f and that visible
	// accepts, in f's order after f.After; an error when the model could
	// not read them all, never a shorter page.
	EPCISEvents(f EPCISFilter, visible func(*EPCISEvent) bool, limit int) ([]EPCISEvent, error)
	// EPCISEvent is the event with that hash id; an error when the model
	// could not read it, not a missing event.
	EPCISEvent(eventID string) (EPCISEvent, bool, error)
	// NamedEPCISQueries are an owner's named queries, by name.
	NamedEPCISQueries(owner string) []NamedEPCISQuery
	// EPCISKeys answers up to limit identifiers of kind that some event
	// names, ascending, after after ("" from the first), keeping only
	// those at least one of whose events visible accepts; an error when
	// the model could not read them all.
	EPCISKeys(kind EPCISKeyKind, after string, visible func(*EPCISEvent) bool, limit int) ([]string, error)
}

// EPCISKeyKind is a kind of identifier the EPCIS interface lists as a
// top-level collection.
type EPCISKeyKind string

// The listed kinds: instance identifiers of goods (canonical Digital
// Links), business locations and read points.
const (
	EPCISKeyEPC         EPCISKeyKind = "epcs"
	EPCISKeyBizLocation EPCISKeyKind = "bizLocations"
	EPCISKeyReadPoint   EPCISKeyKind = "readPoints"
)

// EPCISKeyPage is a page of identifiers and the token of the next page
// ("" on the last).
type EPCISKeyPage struct {
	Members       []string
	NextPageToken string
}

// Keys answers a page of the identifiers of kind that some event rd's
// actor may see names: what the actor may not see is not listed. token
// is the previous page's NextPageToken ("" for the first page); a token
// given for another kind is invalid.
func (q *EPCISQueries) Keys(ctx context.Context, rd Read, kind EPCISKeyKind, perPage int, token string) (EPCISKeyPage, error) {
	if err := q.await(ctx, rd); err != nil {
		return EPCISKeyPage{}, err
	}
	visible, held, err := q.visibility(ctx, rd.Actor)
	if err != nil {
		return EPCISKeyPage{}, err
	}
	if perPage < 1 || perPage > MaxEPCISPerPage {
		return EPCISKeyPage{}, domain.Invalid("perPage", "must_integer_from_1", "must be an integer from 1 to %d", MaxEPCISPerPage)
	}
	after := ""
	if token != "" {
		if after, err = decodeKeyToken(kind, token); err != nil {
			return EPCISKeyPage{}, err
		}
	}
	keys, err := q.model.EPCISKeys(kind, after, visible, perPage+1)
	if err != nil {
		return EPCISKeyPage{}, err
	}
	if held.err != nil {
		return EPCISKeyPage{}, fmt.Errorf("read batch holders: %w", held.err)
	}
	page := EPCISKeyPage{Members: keys}
	if len(keys) > perPage {
		page.Members = keys[:perPage]
		page.NextPageToken = encodeKeyToken(kind, page.Members[perPage-1])
	}
	return page, nil
}

// keyToken is what a collection's opaque nextPageToken holds: the kind
// it was given for and the last identifier listed.
type keyToken struct {
	Kind  EPCISKeyKind `json:"k"`
	After string       `json:"a"`
}

func encodeKeyToken(kind EPCISKeyKind, last string) string {
	b, _ := json.Marshal(keyToken{Kind: kind, After: last})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeKeyToken(kind EPCISKeyKind, token string) (string, error) {
	bad := domain.Invalid("nextPageToken", "not_token_this_collection_gave_2", "is not a token this collection gave: pass the Link header's next URL")
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return "", bad
	}
	var t keyToken
	if err := json.Unmarshal(b, &t); err != nil || t.Kind != kind || t.After == "" {
		return "", bad
	}
	return t.After, nil
}

// NamedEPCISQuery is a query saved under a name: its URL-encoded
// parameters, as the EPCIS port checked them.
type NamedEPCISQuery struct {
	Name  string
	Query string
}

// BatchHolders says who held units of a batch: the rule of histories,
// which EPCIS reads share. *history.Projection implements it; a failed
// read is an error, never "did not hold".
type BatchHolders interface {
	BatchHeldBy(ctx context.Context, k BatchKey, uscc string) (bool, error)
}

// EPCISQueries answers the EPCIS query interface over the ledger.
type EPCISQueries struct {
	consistency
	model   EPCISModel
	holders BatchHolders
}

// NewEPCISQueries reads model, deciding visibility with holders, once
// progress has reached the client's position.
func NewEPCISQueries(model EPCISModel, holders BatchHolders, progress Progress) *EPCISQueries {
	return &EPCISQueries{consistency: consistency{progress}, model: model, holders: holders}
}

// EPCISPage is a page of events and the token of the next page ("" on
// the last).
type EPCISPage struct {
	Events        []EPCISEvent
	NextPageToken string
}

// Events answers a page of the events matching f that rd's actor may see.
// token is the previous page's NextPageToken ("" for the first page); a
// token given for another order is invalid.
func (q *EPCISQueries) Events(ctx context.Context, rd Read, f EPCISFilter, perPage int, token string) (EPCISPage, error) {
	if err := q.await(ctx, rd); err != nil {
		return EPCISPage{}, err
	}
	visible, held, err := q.visibility(ctx, rd.Actor)
	if err != nil {
		return EPCISPage{}, err
	}
	if perPage < 1 || perPage > MaxEPCISPerPage {
		return EPCISPage{}, domain.Invalid("perPage", "must_integer_from_1", "must be an integer from 1 to %d", MaxEPCISPerPage)
	}
	if own, only := rd.Actor.OwnOnly(); only {
		f.Concerning = own
	}
	if token != "" {
		c, err := decodeEPCISToken(f, token)
		if err != nil {
			return EPCISPage{}, err
		}
		f.After = &c
	}
	evs, err := q.model.EPCISEvents(f, visible, perPage+1)
	if err != nil {
		return EPCISPage{}, err
	}
	if held.err != nil {
		return EPCISPage{}, fmt.Errorf("read batch holders: %w", held.err)
	}
	page := EPCISPage{Events: evs}
	if len(evs) > perPage {
		page.Events = evs[:perPage]
		last := page.Events[perPage-1]
		page.NextPageToken = encodeEPCISToken(f, last)
	}
	return page, nil
}

// Event is the event with that hash id, for an actor who may see it;
// another's answers exactly as a missing one.
func (q *EPCISQueries) Event(ctx context.Context, rd Read, eventID string) (EPCISEvent, error) {
	if err := q.await(ctx, rd); err != nil {
		return EPCISEvent{}, err
	}
	visible, held, err := q.visibility(ctx, rd.Actor)
	if err != nil {
		return EPCISEvent{}, err
	}
	ev, ok, err := q.model.EPCISEvent(eventID)
	if err != nil {
		return EPCISEvent{}, err
	}
	if ok {
		ok = visible(&ev)
	}
	if held.err != nil {
		return EPCISEvent{}, fmt.Errorf("read batch holders: %w", held.err)
	}
	if !ok {
		return EPCISEvent{}, domain.NotFound("eventID", "no_such_event", "no such event")
	}
	return ev, nil
}

// NamedQueries is a page of the reader's named queries, by name, after
// the name after ("" from the first); next is the last name when more
// follow.
func (q *EPCISQueries) NamedQueries(ctx context.Context, rd Read, after string, limit int) (page []NamedEPCISQuery, next string, err error) {
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	if err := probeRole(rd.Actor); err != nil {
		return nil, "", err
	}
	all := q.model.NamedEPCISQueries(epcisquery.OwnerOf(rd.Actor))
	i, _ := slices.BinarySearchFunc(all, after, func(n NamedEPCISQuery, a string) int { return strings.Compare(n.Name, a) })
	if i < len(all) && all[i].Name == after {
		i++
	}
	page = all[i:min(i+limit, len(all))]
	if i+limit < len(all) {
		next = page[len(page)-1].Name
	}
	return page, next, nil
}

// NamedQuery is one of the reader's named queries.
func (q *EPCISQueries) NamedQuery(ctx context.Context, rd Read, name string) (NamedEPCISQuery, error) {
	if err := q.await(ctx, rd); err != nil {
		return NamedEPCISQuery{}, err
	}
	if err := probeRole(rd.Actor); err != nil {
		return NamedEPCISQuery{}, err
	}
	for _, n := range q.model.NamedEPCISQueries(epcisquery.OwnerOf(rd.Actor)) {
		if n.Name == name {
			return n, nil
		}
	}
	return NamedEPCISQuery{}, domain.NotFound("queryName", "no_query_named", "no query is named %s", name)
}

// visibility is the read rule of histories applied to one event:
// overseers read every event, an enterprise the events that name it or
// move goods of a batch it held or holds. A failed read of the holders
// hides the event and is kept in held: the caller answers it as the
// failure it is once the events are read.
func (q *EPCISQueries) visibility(ctx context.Context, a access.Actor) (visible func(*EPCISEvent) bool, held *holderRead, err error) {
	held = &holderRead{}
	if a.Oversees() {
		return func(*EPCISEvent) bool { return true }, held, nil
	}
	return func(ev *EPCISEvent) bool {
		return access.MayReadGoods(a, held.of(func(uscc string) (bool, error) {
			if slices.Contains(ev.Enterprises, uscc) {
				return true, nil
			}
			for _, b := range ev.Batches {
				if ok, err := q.holders.BatchHeldBy(ctx, b, uscc); err != nil || ok {
					return ok, err
				}
			}
			return false, nil
		})) == nil
	}, held, probeRole(a)
}

// probeRole refuses a role that reads no histories at all (403), before
// any event is looked at.
func probeRole(a access.Actor) error {
	err := access.MayReadGoods(a, func(string) bool { return true })
	return err
}

// epcisToken is what an opaque nextPageToken holds: the order it was
// given for and the last event's place in it.
type epcisToken struct {
	Order string `json:"o"`
	Time  int64  `json:"t,omitempty"`
	Pos   uint64 `json:"p"`
}

func orderName(f EPCISFilter) string {
	o := f.OrderBy
	if o == "" {
		o = "recordTime"
	}
	if f.Desc {
		return o + ":DESC"
	}
	return o + ":ASC"
}

func encodeEPCISToken(f EPCISFilter, last EPCISEvent) string {
	t := epcisToken{Order: orderName(f), Pos: last.Position}
	if f.OrderBy == "eventTime" {
		t.Time = last.EventTime.UnixNano()
	}
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeEPCISToken(f EPCISFilter, token string) (EPCISCursor, error) {
	bad := domain.Invalid("nextPageToken", "not_token_this_query_gave_2", "is not a token this query gave for its order: pass the Link header's next URL")
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return EPCISCursor{}, bad
	}
	var t epcisToken
	if err := json.Unmarshal(b, &t); err != nil || t.Order != orderName(f) || t.Pos == 0 {
		return EPCISCursor{}, bad
	}
	c := EPCISCursor{Position: t.Pos}
	if t.Time != 0 {
		c.Time = time.Unix(0, t.Time).UTC()
	}
	return c, nil
}
