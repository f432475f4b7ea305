package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/access"
)

// recallWork is the goods the recall work test recalls, recorded through the
// API on the served demo: a maker's two batches of one product, part of
// the first at a shop (which sold 5), part of the second on its way to a
// distributor, and a third batch the maker recalls itself.
type recallWork struct {
	maker, dist, shop string
	gtin              string
	tokMaker, tokDist string
	tokShop           string
	toDist            string // the shipment still on its way
}

// gtinWithCheckDigit completes a 12-digit body into a GTIN-13.
func gtinWithCheckDigit(body string) string {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if (len(body)-1-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return body + fmt.Sprint((10-sum%10)%10)
}

func recordRecallWork(t *testing.T, u *uiLedger) recallWork {
	t.Helper()
	w := recallWork{maker: newUSCC(t, "91330100MAU3RC001"), dist: newUSCC(t, "91330100MAU3RC002"), shop: newUSCC(t, "91330100MAU3RC003"),
		gtin: gtinWithCheckDigit("692345678901")}
	for _, e := range []struct{ uscc, name, role, contact string }{{w.maker, "杭州清泉乳业有限公司", "manufacturer", "0571-8800-1234"},
		{w.dist, "宁波甬江食品分销有限公司", "distributor", "0574-8700-5678"}, {w.shop, "温州鹿城便民超市", "retailer", "0577-8600-9012"}} {
		u.must("/api/v1/enterprises", u.reg, map[string]any{"uscc": e.uscc, "name": e.name, "region": "浙江", "roles": []string{e.role}, "contact": e.contact})
	}
	w.tokMaker, w.tokDist, w.tokShop = u.token(access.RoleEnterprise, w.maker), u.token(access.RoleEnterprise, w.dist), u.token(access.RoleEnterprise, w.shop)
	u.must("/api/v1/products", w.tokMaker, map[string]any{"gtin": w.gtin, "name": "清泉纯牛奶", "brand": "清泉", "spec": "250ml", "category": "dairy",
		"origin_country": "CN", "manufacturer": "杭州清泉乳业有限公司", "owner_uscc": w.maker, "shelf_life_days": 180})
	today := time.Now().UTC()
	for _, lot := range []string{"QW1", "QW2", "QW3"} {
		u.must("/api/v1/batches", w.tokMaker, map[string]any{"gtin": w.gtin, "lot": lot, "quantity": 100, "owner_uscc": w.maker,
			"produced_on": today.AddDate(0, 0, -3).Format(time.DateOnly), "expires_on": today.AddDate(0, 5, 0).Format(time.DateOnly)})
	}
	line := func(lot string, q int) []map[string]any {
		return []map[string]any{{"gtin": w.gtin, "lot": lot, "quantity": q}}
	}
	a := u.must("/api/v1/shipments", w.tokMaker, map[string]any{"from_uscc": w.maker, "to_uscc": w.shop, "waybill": "QW-S1", "lines": line("QW1", 30)})
	u.must("/api/v1/shipments/"+a.body["shipment_id"].(string)+"/receipt", w.tokShop, nil)
	u.must("/api/v1/sales", w.tokShop, map[string]any{"seller_uscc": w.shop, "channel": "门店零售", "lines": line("QW1", 5)})
	a = u.must("/api/v1/shipments", w.tokMaker, map[string]any{"from_uscc": w.maker, "to_uscc": w.dist, "waybill": "QW-D1", "lines": line("QW2", 40)})
	w.toDist = a.body["shipment_id"].(string)
	return w
}

// TestRecallWorkInTheBrowser: a regulator starts a two-batch recall in the
// UI, sees the holders with the units in transit, opens a holder, reminds
// the holders yet to acknowledge (the reminder reaches the shop's inbox),
// is told in Chinese why closing is refused, records what closing needs
// and closes; the list then shows the recall closed with its product and
// batches. An enterprise starts a recall of its own goods.
func TestRecallWorkInTheBrowser(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	w := recordRecallWork(t, u)
	bctx, problems := startBrowser(t)
	failed := func(ctx context.Context, t *testing.T, what string, err error) {
		t.Helper()
		text, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.innerText`))
		shot, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.CaptureScreenshot())
		os.WriteFile(filepath.Join(os.TempDir(), "webui-recall-work-failure.png"), shot, 0o644)
		t.Fatalf("%s: %v\npage: %.3000s\nproblems: %q", what, err, text, problems())
	}
	setLang := func(lang string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](fmt.Sprintf(`localStorage.setItem('traceledger.lang', %q), true`, lang))(ctx, tg)
			return err
		})
	}
	signOut := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`sessionStorage.clear(), true`)(ctx, tg)
		return err
	})
	reload := goHash("#/recalls")

	var id string
	t.Run("a regulator starts a two-batch recall", func(t *testing.T) {
		ctx := within(t, bctx)
		err := chromedp.Do(ctx, chromedp.Navigate(u.base+"/"), setLang("zh"), signIn(u.base, u.reg), reload,
			chromedp.WaitVisible(chromedp.ID("recall-start-panel")),
			chromedp.Click(chromedp.CSS(`#recall-start-panel summary`)),
			chromedp.SetValue(chromedp.CSS(`#recall-batches .batch-row:nth-child(1) [name=gtin]`), w.gtin),
			chromedp.SetValue(chromedp.CSS(`#recall-batches .batch-row:nth-child(1) [name=lot]`), "QW1"),
			chromedp.Click(chromedp.ID("recall-add-batch")),
			chromedp.WaitVisible(chromedp.CSS(`#recall-batches .batch-row:nth-child(2) [name=gtin]`)),
			chromedp.SetValue(chromedp.CSS(`#recall-batches .batch-row:nth-child(2) [name=gtin]`), w.gtin),
			chromedp.SetValue(chromedp.CSS(`#recall-batches .batch-row:nth-child(2) [name=lot]`), "QW2"),
			chromedp.SetValue(chromedp.CSS(`#recall-start [name=level]`), "2"),
			chromedp.SetValue(chromedp.CSS(`#recall-start [name=initiated_by_uscc]`), w.maker),
			chromedp.SetValue(chromedp.CSS(`#recall-start [name=reason]`), "标签过敏原标示不全"))
		if err != nil {
			failed(ctx, t, "start form", err)
		}
		if labels := js[string](ctx, t, `[...document.querySelectorAll('#recall-batches [aria-label]')].map(e => e.getAttribute('aria-label')).join('|')`); !strings.Contains(labels, "第 2 批批号") {
			t.Errorf("batch rows labelled %q, want each control named with its row", labels)
		}
		err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#recall-start button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#recall-holders tbody tr`)))
		if err != nil {
			failed(ctx, t, "start", err)
		}
		hash := js[string](ctx, t, `location.hash`)
		id = strings.TrimPrefix(hash, "#/recall/")
		if id == hash || id == "" {
			t.Fatalf("after starting, the page is %s, want the recall", hash)
		}
	})
	if id == "" {
		t.FailNow()
	}

	t.Run("the regulator watches the holders, in transit included, and opens one", func(t *testing.T) {
		ctx := within(t, bctx)
		transit := js[string](ctx, t, fmt.Sprintf(`document.querySelector('#recall-holders .in-transit[data-uscc=%q]').textContent`, w.maker))
		if transit != "40" {
			t.Errorf("the maker's in-transit cell says %q, want 40", transit)
		}
		err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#recall-holders .holder-open[data-uscc=%q]`, w.shop))),
			chromedp.WaitVisible(chromedp.CSS(`#recall-holder-batches tbody tr`)))
		if err != nil {
			failed(ctx, t, "drill-down", err)
		}
		text := js[string](ctx, t, `document.getElementById('recall-holder').innerText`)
		for _, want := range []string{"温州鹿城便民超市", "0577-8600-9012", "QW1", "25", "5"} {
			if !strings.Contains(text, want) {
				t.Errorf("the shop's drill-down %q does not show %q", text, want)
			}
		}
		if focused := js[string](ctx, t, `document.activeElement.id`); focused != "recall-holder-title" {
			t.Errorf("focus is on %q, want the drill-down's title", focused)
		}
	})

	t.Run("the regulator reminds the holders yet to acknowledge", func(t *testing.T) {
		ctx := within(t, bctx)
		err := chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS(`#recall-remind [name=note]`), "请于今日确认并下架"),
			chromedp.Click(chromedp.CSS(`#recall-remind button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#recall-holders .reminded[data-uscc=%q][data-reminders="1"]`, w.shop))),
			chromedp.WaitVisible(chromedp.CSS(`#recall-timeline .step-reminded`)))
		if err != nil {
			failed(ctx, t, "remind", err)
		}
		var inbox struct {
			Notices []struct {
				RecallID  string `json:"recall_id"`
				Reminders []struct {
					Note string `json:"note"`
				} `json:"reminders"`
				Holders []struct {
					Reminders int `json:"reminders"`
				} `json:"holders"`
			} `json:"notices"`
		}
		u.apiJSON("/api/v1/me/recall-notices", w.tokShop, &inbox)
		found := false
		for _, n := range inbox.Notices {
			if n.RecallID == id {
				found = len(n.Holders) == 1 && n.Holders[0].Reminders == 1 && len(n.Reminders) == 1 && n.Reminders[0].Note == "请于今日确认并下架"
			}
		}
		if !found {
			t.Errorf("the shop's inbox does not show the reminder: %+v", inbox)
		}
	})

	t.Run("closing is refused in the reader's language, then recorded", func(t *testing.T) {
		ctx := within(t, bctx)
		err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("recall-close-needs")), chromedp.Click(chromedp.ID("recall-close")),
			chromedp.WaitVisible(chromedp.CSS(`#recall-close ~ div .error`)))
		if err != nil {
			failed(ctx, t, "close refused", err)
		}
		refusal := js[string](ctx, t, `document.querySelector('#recall-close ~ div .error').textContent`)
		if refusal == "" || strings.Contains(refusal, "unaccounted") || strings.Contains(refusal, "recall ") {
			t.Errorf("the refusal reads %q, want it in Chinese, not the server's English", refusal)
		}
		// The distributor receives its shipment: its 40 units are then its own
		// to return (an API step: the receipt is the distributor's, no page
		// of the regulator records it).
		u.must("/api/v1/shipments/"+w.toDist+"/receipt", w.tokDist, nil)
		returns := []struct {
			holder, lot, disposition string
			n                        int
		}{{w.maker, "QW1", "destroyed", 70}, {w.maker, "QW2", "destroyed", 60}, {w.dist, "QW2", "returned", 40}, {w.shop, "QW1", "returned", 25}}
		// 200 units affected; the 5 sold stay outstanding until the public notice.
		outstandingAfter := []int64{130, 70, 30, 5}
		for i, r := range returns {
			batch := "0"
			if r.lot == "QW2" {
				batch = "1"
			}
			err := chromedp.Do(ctx, chromedp.Navigate(u.base+"/#/recall/"+id),
				chromedp.WaitVisible(chromedp.CSS(`#recall-return [name=batch]`)),
				chromedp.SetValue(chromedp.CSS(`#recall-return [name=holder_uscc]`), r.holder),
				chromedp.SetValue(chromedp.CSS(`#recall-return [name=batch]`), batch),
				chromedp.SetValue(chromedp.CSS(`#recall-return [name=quantity]`), fmt.Sprint(r.n)),
				chromedp.SetValue(chromedp.CSS(`#recall-return [name=disposition]`), r.disposition),
				chromedp.Click(chromedp.CSS(`#recall-return button[type=submit]`)))
			if err != nil {
				failed(ctx, t, fmt.Sprintf("return %d", i), err)
			}
			if !recallEventually(func() bool { return recallOutstanding(t, u, id) == outstandingAfter[i] }) {
				failed(ctx, t, fmt.Sprintf("return %d", i), fmt.Errorf("%d units outstanding, want %d", recallOutstanding(t, u, id), outstandingAfter[i]))
			}
		}
		err = chromedp.Do(ctx, chromedp.Navigate(u.base+"/#/recall/"+id),
			chromedp.WaitVisible(chromedp.CSS(`#recall-public-notice [name=notice]`)),
			chromedp.SetValue(chromedp.CSS(`#recall-public-notice [name=notice]`), "浙江市场监管局官网召回公告"),
			chromedp.Click(chromedp.CSS(`#recall-public-notice button[type=submit]`)),
			chromedp.WaitVisible(chromedp.ID("recall-close-ready")),
			chromedp.Click(chromedp.ID("recall-close")),
			chromedp.WaitVisible(chromedp.CSS(`.badge.status-closed`)),
			chromedp.WaitVisible(chromedp.CSS(`#recall-timeline .step-closed`)))
		if err != nil {
			failed(ctx, t, "close", err)
		}
	})

	t.Run("the list shows the recall closed with its product and batches", func(t *testing.T) {
		ctx := within(t, bctx)
		row := fmt.Sprintf(`[...document.querySelectorAll('#recall-list tbody tr')].find(r => r.querySelector('a[href="#/recall/%s"]'))`, id)
		err := chromedp.Do(ctx, goHash("#/recalls"), chromedp.WaitVisible(chromedp.CSS(`#recall-list tbody tr`)))
		if err != nil {
			failed(ctx, t, "list", err)
		}
		text := js[string](ctx, t, `(`+row+` || {innerText: ''}).innerText`)
		for _, want := range []string{"清泉纯牛奶", w.gtin, "QW1", "+1", "已完成"} {
			if !strings.Contains(text, want) {
				t.Errorf("the list's row %q does not show %q", text, want)
			}
		}
	})

	t.Run("an enterprise recalls its own goods", func(t *testing.T) {
		ctx := within(t, bctx)
		err := chromedp.Do(ctx, signOut, setLang("en"), signIn(u.base, w.tokMaker), goHash("#/recalls"),
			chromedp.WaitVisible(chromedp.CSS(`#recall-start-panel summary`)),
			chromedp.Click(chromedp.CSS(`#recall-start-panel summary`)),
			chromedp.WaitVisible(chromedp.ID("recall-own-goods")),
			chromedp.SetValue(chromedp.CSS(`#recall-batches [name=gtin]`), w.gtin),
			chromedp.SetValue(chromedp.CSS(`#recall-batches [name=lot]`), "QW3"),
			chromedp.SetValue(chromedp.CSS(`#recall-start [name=reason]`), "cap seal defect"),
			chromedp.Click(chromedp.CSS(`#recall-start button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#recall-holders tbody tr`)),
			chromedp.WaitVisible(chromedp.ID("recall-remind")))
		if err != nil {
			failed(ctx, t, "own recall", err)
		}
		if text := js[string](ctx, t, `document.getElementById('view').innerText`); !strings.Contains(text, w.maker) || !strings.Contains(text, "QW3") {
			t.Errorf("the enterprise's recall page does not name it as the initiator of QW3: %.500q", text)
		}
	})
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors or exceptions:\n%s", strings.Join(p, "\n"))
	}
}

// recallOutstanding is the recall's units not yet accounted for, as the regulator
// reads them.
func recallOutstanding(t *testing.T, u *uiLedger, id string) int64 {
	t.Helper()
	var l struct {
		Progress struct {
			Outstanding int64 `json:"outstanding"`
		} `json:"progress"`
	}
	u.apiJSON("/api/v1/recalls/"+id, u.reg, &l)
	return l.Progress.Outstanding
}

// recallEventually polls cond for up to 10 seconds.
func recallEventually(cond func() bool) bool {
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}
