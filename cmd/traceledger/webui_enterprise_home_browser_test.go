package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/access"
)

// TestWebUIEnterpriseWorksFromItsHome: a holder of the demo's level-1
// recall, with a complaint a regulator accepted against it, signs in and
// lands on its home, which counts the notice to acknowledge and the
// complaint to answer; from there it acknowledges the notice and answers
// the complaint, and reads its stock, certificates, grade advice and
// capture jobs (a refused one with its fault in words). The regulator then sees the acknowledgement on the recall
// and the answer in the case's timeline.
func TestWebUIEnterpriseWorksFromItsHome(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	bctx, problems := startBrowser(t)
	ctx := within(t, bctx)
	page := func() string {
		s, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
		return s
	}

	var list struct {
		InitiatedBy string `json:"initiated_by"`
		Holders     []struct {
			USCC         string `json:"uscc"`
			Affected     int64  `json:"affected"`
			Acknowledged bool   `json:"acknowledged"`
		} `json:"holders"`
	}
	u.apiJSON("/api/v1/recalls/"+u.recallID, u.reg, &list)
	holder := ""
	for _, h := range list.Holders {
		if !h.Acknowledged && h.Affected > 0 && h.USCC != list.InitiatedBy {
			holder = h.USCC
			break
		}
	}
	if holder == "" {
		t.Fatalf("the demo's level-1 recall has no holder left to acknowledge: %+v", list)
	}
	// A regulator takes a complaint against the holder in and accepts it.
	filed := u.must("/api/v1/complaints", u.reg, map[string]any{"gtin": u.gtin, "lot": u.lot, "against_uscc": holder,
		"category": "quality", "severity": 2, "channel": "12315", "description": "包装破损"})
	id, _ := filed.body["complaint_id"].(string)
	if id == "" {
		t.Fatalf("filing answered no complaint id: %s", filed.raw)
	}
	u.must("/api/v1/complaints/"+id+"/acceptance", u.reg, map[string]any{})
	// The holder sends an EPCIS document the ledger refuses: an event at a
	// location nobody registered.
	holderTok := u.token(access.RoleEnterprise, holder)
	at := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	refused := u.capture(holderTok, "application/ld+json", fmt.Sprintf(epcisJSONLD, at,
		jsonLDEvent(at, "retail_selling", "urn:epc:id:sgln:6901234.00099.0", "https://id.gs1.org"+u.item)))
	jobID, _ := refused.body["captureID"].(string)
	if refused.body["success"] != false || jobID == "" {
		t.Fatalf("the refused capture answered %d %s", refused.status, refused.raw)
	}

	err := chromedp.Do(ctx,
		signIn(u.base, holderTok),
		chromedp.WaitVisible(chromedp.CSS(`#home-attention #home-notices`)),
		chromedp.WaitVisible(chromedp.CSS(`#home-grade a#home-grade-link`)))
	if err != nil {
		t.Fatalf("the enterprise's home: %v: %q %q", err, page(), problems())
	}
	if hash := js[string](ctx, t, `location.hash`); hash != "#/home" {
		t.Errorf("the enterprise landed on %s, want its home", hash)
	}
	notices := js[string](ctx, t, `document.getElementById('home-notices').dataset.count`)
	answers := js[string](ctx, t, `document.getElementById('home-complaints').dataset.count`)
	if n := js[string](ctx, t, `document.getElementById('home-captures-refused').dataset.count`); n == "0" {
		t.Errorf("the home counts no refused capture this week")
	}
	if notices == "0" || answers == "0" {
		t.Errorf("the home counts %s notices to acknowledge and %s complaints to answer, want at least one of each", notices, answers)
	}
	for _, tile := range []string{"home-cert-expired", "home-cert-soon", "home-cert-later", "home-stock-recalled", "home-stock-expiring"} {
		if n := js[int](ctx, t, `document.querySelectorAll('#`+tile+`').length`); n != 1 {
			t.Errorf("the home has no tile %s", tile)
		}
	}
	if nav := js[[]string](ctx, t, `[...document.querySelectorAll('#nav a')].map(a => a.getAttribute('href'))`); !navLinksAll(nav,
		"#/home", "#/notices", "#/answers", "#/certificates", "#/stock", "#/grade", "#/captures") {
		t.Errorf("the enterprise's navigation is %v", nav)
	}

	// The notice, from the home's tile.
	notice, ack := "#notice-"+u.recallID, "#ack-"+u.recallID
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("home-notices")),
		chromedp.WaitVisible(chromedp.CSS(notice+` `+ack+` button[type=submit]`)),
		chromedp.SetValue(chromedp.CSS(ack+` input[name=note]`), "已下架封存"),
		chromedp.Click(chromedp.CSS(ack+` button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(notice+`[data-acknowledged=true] .ack-done`)))
	if err != nil {
		t.Fatalf("acknowledge the notice: %v: %q %q", err, page(), problems())
	}

	// The complaint, from the list of complaints to answer.
	const reply = "已为消费者更换商品，并加强了包装检查。<b>谢谢</b>"
	err = chromedp.Do(ctx,
		goHash("#/answers"),
		chromedp.WaitVisible(chromedp.CSS(`#answers-list a[data-id="`+id+`"]`)),
		chromedp.Click(chromedp.CSS(`#answers-list a[data-id="`+id+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#case-answer textarea[name=answer]`)),
		chromedp.SetValue(chromedp.CSS(`#case-answer textarea[name=answer]`), reply),
		chromedp.Click(chromedp.CSS(`#case-answer button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#case-timeline li[data-type="complaint.answered.v1"]`)))
	if err != nil {
		t.Fatalf("answer the complaint: %v: %q %q", err, page(), problems())
	}

	// Its other pages render its own records.
	for _, p := range []struct{ hash, sel string }{
		{"#/stock", "#stock-list tbody tr"},
		{"#/certificates", "#certificates-list, #certificates-none"},
		{"#/grade", "#grade-factors"},
		{"#/captures", `#capture-unrecorded #job-` + jobID + ` .capture-errors`},
	} {
		if err := chromedp.Do(within(t, bctx), goHash(p.hash), chromedp.WaitVisible(chromedp.CSS(p.sel))); err != nil {
			t.Fatalf("%s: %v: %q %q", p.hash, err, page(), problems())
		}
		if p.hash == "#/captures" {
			if rule := js[string](ctx, t, `document.querySelector('#job-`+jobID+` .capture-errors tbody td:last-child').textContent`); rule != "unregistered GLN" {
				t.Errorf("the refused job's rule reads %q, want it in words", rule)
			}
		}
		if p.hash == "#/grade" && js[int](ctx, t, `document.querySelectorAll('#grade-advice li, #grade-advice-none').length`) == 0 {
			t.Errorf("the grade page gives no advice: %q", page())
		}
	}

	// The regulator sees both.
	err = chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`sessionStorage.clear(), true`)(ctx, tg)
			return err
		}),
		signIn(u.base, u.reg),
		goHash("#/recall/"+u.recallID),
		chromedp.WaitVisible(chromedp.CSS(`#recall-holders .ack[data-uscc="`+holder+`"][data-acknowledged=true]`)),
		goHash("#/complaint/"+id),
		chromedp.WaitVisible(chromedp.CSS(`#case-timeline li[data-type="complaint.answered.v1"] .step-text`)))
	if err != nil {
		t.Fatalf("the regulator's view: %v: %q %q", err, page(), problems())
	}
	if got := js[string](ctx, t, `document.querySelector('#case-timeline li[data-type="complaint.answered.v1"] .step-text').textContent`); got != reply {
		t.Errorf("the regulator reads the answer %q, want %q as text", got, reply)
	}
	if n := js[int](ctx, t, `document.querySelectorAll('#case-timeline b').length`); n != 0 {
		t.Errorf("the answer became markup")
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}

func navLinksAll(have []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
}
