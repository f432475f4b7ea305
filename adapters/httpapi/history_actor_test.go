package httpapi_test

import (
	"testing"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

// names is a directory of registered names in memory.
type names map[string]string

func (n names) Name(uscc string) string { return n[uscc] }

// A history names the enterprise that acted as registered, beside its
// USCC; an event recorded by no enterprise names none.
func TestAHistoryNamesTheActingEnterprise(t *testing.T) {
	n := names{}
	l := newHistLedger(t, histExtra{historyOpts: []httpapi.HistoryOption{httpapi.WithActorNames(n)}})
	n[l.imp] = "上海进口商有限公司"
	var page struct {
		Events []struct {
			Actor     struct{ USCC, Role string } `json:"actor"`
			ActorName string                      `json:"actor_name"`
		} `json:"events"`
	}
	l.getJSON("/api/v1/enterprises/"+l.imp+"/history?limit=1000", regToken, &page)
	named := 0
	for _, e := range page.Events {
		switch {
		case e.Actor.USCC == l.imp && e.ActorName == "上海进口商有限公司":
			named++
		case e.Actor.USCC != l.imp && e.ActorName != "":
			t.Errorf("event by %q (%s) named %q", e.Actor.USCC, e.Actor.Role, e.ActorName)
		}
	}
	if named == 0 {
		t.Errorf("no event of the importer's history names it: %+v", page.Events)
	}
}
