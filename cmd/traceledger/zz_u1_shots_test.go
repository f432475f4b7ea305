package main

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/traceledger/traceledger/domain/access"
)

func TestZZU1Shots(t *testing.T) {
	needBrowser(t)
	u := startUILedger(t)
	bctx, _ := startBrowser(t)
	var list struct {
		InitiatedBy string `json:"initiated_by"`
		Holders     []struct {
			USCC     string `json:"uscc"`
			Affected int64  `json:"affected"`
		} `json:"holders"`
	}
	u.apiJSON("/api/v1/recalls/"+u.recallID, u.reg, &list)
	holder := list.Holders[0].USCC
	for _, h := range list.Holders {
		if h.USCC != list.InitiatedBy && h.Affected > 0 {
			holder = h.USCC
			break
		}
	}
	if os.Getenv("U1_OWNER") != "" {
		holder = list.InitiatedBy
	}
	ctx := within(t, bctx)
	if err := chromedp.Do(ctx, signIn(u.base, u.token(access.RoleEnterprise, holder))); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		for _, p := range []string{"home", "certificates", "stock", "answers", "grade", "captures"} {
			err := chromedp.Do(within(t, bctx),
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := chromedp.Evaluate[bool](`localStorage.setItem('traceledger.lang','`+lang+`'), true`)(ctx, tg)
					return err
				}),
				chromedp.Navigate(u.base+"/#/"+p))
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(2 * time.Second)
			buf, err := chromedp.Run(within(t, bctx), chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile("/tmp/u1/"+lang+"-"+p+".png", buf, 0o644)
		}
	}
}
