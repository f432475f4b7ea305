package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/app/query"
)

// command sends a command as token and answers the recorder.
func (c *chain) command(path, token, body string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequestWithContext(c.t.Context(), "POST", path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	c.srv.ServeHTTP(rec, req)
	return rec
}

// TestAHolderAcknowledgesTheNoticeInItsInbox: a holder finds the recall in
// GET /api/v1/me/recall-notices (its own row only), acknowledges it, and
// the regulator's list shows the holder notified and acknowledged.
func TestAHolderAcknowledgesTheNoticeInItsInbox(t *testing.T) {
	c := newChain(t)
	var inbox struct {
		Notices []query.RecallNotice `json:"notices"`
		Next    *string              `json:"next"`
	}
	c.getJSON("/api/v1/me/recall-notices", c.token(c.r2), &inbox)
	if len(inbox.Notices) != 1 || inbox.Notices[0].RecallID != c.recallID || inbox.Notices[0].Acknowledged ||
		len(inbox.Notices[0].Holders) != 1 || inbox.Notices[0].Holders[0].USCC != c.r2 || inbox.Next != nil {
		t.Fatalf("inbox %+v", inbox)
	}
	c.getJSON("/api/v1/me/recall-notices", c.token(c.stranger), &inbox)
	if len(inbox.Notices) != 0 {
		t.Fatalf("a stranger's inbox %+v", inbox)
	}
	if rec := c.get("/api/v1/me/recall-notices", regToken); rec.Code != http.StatusForbidden {
		t.Fatalf("a regulator's inbox: %d", rec.Code)
	}
	path := c.recallPath() + "/acknowledgement"
	if rec := c.command(path, c.token(c.stranger), `{"holder_uscc":"`+c.stranger+`"}`); rec.Code != http.StatusNotFound {
		t.Fatalf("a stranger acknowledging: %d %s", rec.Code, rec.Body)
	}
	if rec := c.command(path, regToken, `{"holder_uscc":"`+c.r2+`"}`); rec.Code != http.StatusForbidden {
		t.Fatalf("a regulator acknowledging for a holder: %d %s", rec.Code, rec.Body)
	}
	if rec := c.command(path, c.token(c.r2), `{"holder_uscc":"`+c.r2+`","note":"已下架封存"}`); rec.Code != http.StatusCreated {
		t.Fatalf("acknowledge: %d %s", rec.Code, rec.Body)
	}
	c.getJSON("/api/v1/me/recall-notices", c.token(c.r2), &inbox)
	if len(inbox.Notices) != 1 || !inbox.Notices[0].Acknowledged {
		t.Fatalf("inbox after acknowledging %+v", inbox)
	}
	var l query.RecallList
	c.getJSON(c.recallPath(), regToken, &l)
	for _, r := range l.Holders {
		if mine := r.USCC == c.r2; r.Acknowledged != mine || r.Notified != mine {
			t.Fatalf("row %+v", r)
		}
	}
	var csv strings.Builder
	csv.WriteString(c.get(c.recallPath()+"?format=csv&lang=en", regToken).Body.String())
	if !strings.Contains(csv.String(), ",yes,") || !strings.Contains(csv.String(), c.r2) {
		t.Fatalf("csv %s", csv.String())
	}
}

// TestARecallClosesWithThePublicNoticeForSoldUnits: the sold units keep the
// recall open until the regulator accepts the public notice; the closing
// record says how every unit was accounted for.
func TestARecallClosesWithThePublicNoticeForSoldUnits(t *testing.T) {
	c := newChain(t)
	c.returns()
	// The importer and the distributor destroy their stock.
	if rec := c.command(c.recallPath()+"/returns", c.token(c.imp), `{"holder_uscc":"`+c.imp+`","quantity":20,"disposition":"destroyed"}`); rec.Code != http.StatusCreated {
		t.Fatalf("destroy at the importer: %d %s", rec.Code, rec.Body)
	}
	if rec := c.command(c.recallPath()+"/returns", c.token(c.dst), `{"holder_uscc":"`+c.dst+`","items":["`+c.codes[9]+`"],"quantity":15,"disposition":"destroyed"}`); rec.Code != http.StatusCreated {
		t.Fatalf("destroy at the distributor: %d %s", rec.Code, rec.Body)
	}
	if rec := c.command(c.recallPath()+"/closure", regToken, ``); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "sold") {
		t.Fatalf("close with 7 units sold: %d %s", rec.Code, rec.Body)
	}
	if rec := c.command(c.recallPath()+"/public-notice", c.token(c.imp), `{"notice":"公告"}`); rec.Code != http.StatusForbidden {
		t.Fatalf("the recaller accepting the notice: %d %s", rec.Code, rec.Body)
	}
	if rec := c.command(c.recallPath()+"/public-notice", regToken, `{"notice":"国家市场监督管理总局网站 2026-12-01 召回公告"}`); rec.Code != http.StatusCreated {
		t.Fatalf("accept the notice: %d %s", rec.Code, rec.Body)
	}
	if rec := c.command(c.recallPath()+"/closure", regToken, ``); rec.Code != http.StatusCreated {
		t.Fatalf("close: %d %s", rec.Code, rec.Body)
	}
	var l query.RecallList
	c.getJSON(c.recallPath(), regToken, &l)
	if l.Status != "closed" || l.Accounting == nil || l.Accounting.SoldByPublicNotice != 7 || l.Accounting.Affected != 100 ||
		l.Accounting.Returned != 29 || l.Accounting.Destroyed != 64 || l.Progress.Outstanding != 0 || l.Progress.ByPublicNotice != 7 {
		t.Fatalf("closed recall %+v progress %+v accounting %+v", l.Status, l.Progress, l.Accounting)
	}
}
