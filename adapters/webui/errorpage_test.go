package webui

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

// TestErrorPageSpeaksTheBrowsersLanguage: the page is Chinese unless the
// browser prefers English (or the page's switch asked for it), carries the
// status, names the check digit a mistyped GTIN should have, and shows the
// visitor's path as escaped text.
func TestErrorPageSpeaksTheBrowsersLanguage(t *testing.T) {
	for _, tc := range []struct {
		name, path, acceptLang string
		e                      httpapi.PageError
		want, notWant          []string
	}{
		{"unknown product, no language", "/01/04006381333931", "", httpapi.PageError{Status: 404, Code: "not_found", Field: "gtin"},
			[]string{`lang="zh-CN"`, "未找到", "没有登记此商品条码", "404"}, []string{"Not found"}},
		{"unknown item in English", "/01/04006381333931/10/L/21/S", "en-US,en;q=0.9,zh;q=0.5", httpapi.PageError{Status: 404, Code: "not_found", Field: "code"},
			[]string{`lang="en"`, "Not found", "no record of this item"}, []string{"未找到"}},
		{"Chinese preferred over English", "/nope", "en;q=0.4,zh-CN", httpapi.PageError{Status: 404, Code: "not_found"},
			[]string{"此地址没有页面"}, nil},
		{"the switch asks for English", "/nope?lang=en", "zh-CN", httpapi.PageError{Status: 404, Code: "not_found"},
			[]string{"There is no page at this address"}, nil},
		{"check digit named", "/01/04006381333932", "zh", httpapi.PageError{Status: 400, Code: "invalid", Field: "gtin",
			Reason: "id_check_digit", Params: []string{"04006381333932", "1", "2"}},
			[]string{"无效的代码", "校验位应为 1，实为 2", "400"}, []string{"check digit should be"}},
		{"check digit named in English", "/01/04006381333932/10/L/21/S", "en", httpapi.PageError{Status: 400, Code: "invalid", Field: "code",
			Reason: "id_check_digit", Params: []string{"04006381333932", "1", "2"}},
			[]string{"should be 1, not 2"}, nil},
		{"hostile path is text", "/01/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "en", httpapi.PageError{Status: 400, Code: "invalid", Field: "code"},
			[]string{"&lt;script&gt;"}, []string{"<script>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", tc.path, nil)
			req.Header.Set("Accept", "text/html")
			if tc.acceptLang != "" {
				req.Header.Set("Accept-Language", tc.acceptLang)
			}
			rec := httptest.NewRecorder()
			errorPage(rec, req, tc.e)
			body := rec.Body.String()
			if rec.Code != tc.e.Status || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Errorf("status %d %q, want %d text/html", rec.Code, rec.Header().Get("Content-Type"), tc.e.Status)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q:\n%s", w, body)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(body, w) {
					t.Errorf("page has %q:\n%s", w, body)
				}
			}
			if rec.Header().Get("Content-Security-Policy") == "" {
				t.Error("the error page has no Content-Security-Policy")
			}
		})
	}
}
