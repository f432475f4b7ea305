package webui

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

// errorPage answers a browser's failed public page (an unknown or invalid
// Digital Link, an address with no page) as a small HTML page in the
// browser's language, with the status. Every value shown goes through
// html/template, which escapes it: the path is the visitor's text.
func errorPage(w http.ResponseWriter, r *http.Request, e httpapi.PageError) {
	lang := pageLang(r)
	words := errorWords[lang]
	title, detail := words.explain(e, r.URL.Path)
	other := "en"
	if lang == "en" {
		other = "zh"
	}
	var buf bytes.Buffer
	err := errorTemplate.Execute(&buf, map[string]any{
		"Lang": map[string]string{"zh": "zh-CN", "en": "en"}[lang], "Title": title, "Detail": detail,
		"Status": strconv.Itoa(e.Status), "Path": r.URL.Path, "Words": words,
		"Switch": r.URL.Path + "?lang=" + other, "SwitchLabel": errorWords[other].language,
	})
	h := w.Header()
	securityHeaders(h)
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Language")
	if err != nil {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(e.Status)
		_, _ = w.Write([]byte(strconv.Itoa(e.Status) + " " + http.StatusText(e.Status) + "\n"))
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(e.Status)
	_, _ = w.Write(buf.Bytes())
}

// pageLang is the page's language: ?lang= when the page's own switch set
// it, else the first of zh and en the browser's Accept-Language prefers
// (by q), else Chinese, the ledger's public's language.
func pageLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "zh" || l == "en" {
		return l
	}
	best, bestQ := "zh", -1.0
	for part := range strings.SplitSeq(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if (base == "zh" || base == "en") && q > bestQ && q > 0 {
			best, bestQ = base, q
		}
	}
	return best
}

// pageWords are an error page's words in one language.
type pageWords struct {
	language, home, status                            string
	notFound, badRequest, unavailable, failed         string
	noItem, noProduct, noPage, badCode, badGTINLength string
	checkDigit, tryAgain, scanAgain, requestedAddress string
}

// Home, Status and Address are the page's fixed labels (the template
// reads exported names).
func (p pageWords) Home() string    { return p.home }
func (p pageWords) Status() string  { return p.status }
func (p pageWords) Address() string { return p.requestedAddress }

var errorWords = map[string]pageWords{
	"zh": {
		language: "中文", home: "返回首页", status: "状态码", requestedAddress: "访问的地址",
		notFound: "未找到", badRequest: "无效的代码", unavailable: "暂不可用", failed: "出错了",
		noItem:    "账本中没有这件商品的记录。请核对包装上的二维码后重新扫描。",
		noProduct: "账本中没有登记此商品条码（GTIN）的商品。",
		noPage:    "此地址没有页面。", badCode: "这不是有效的商品追溯码。请重新扫描包装上的二维码。",
		badGTINLength: "商品条码（GTIN）应为 8、12、13 或 14 位数字。",
		checkDigit:    "商品条码（GTIN）的校验位应为 {want}，实为 {got}：代码可能输错或扫描不完整。",
		tryAgain:      "账本暂时无法回答，请稍后再试。", scanAgain: "请稍后再试。",
	},
	"en": {
		language: "English", home: "Home", status: "Status", requestedAddress: "Address opened",
		notFound: "Not found", badRequest: "Invalid code", unavailable: "Not available yet", failed: "Something went wrong",
		noItem:    "The ledger has no record of this item. Check the QR code on the package and scan it again.",
		noProduct: "No product with this barcode number (GTIN) is registered in the ledger.",
		noPage:    "There is no page at this address.", badCode: "This is not a valid traceability code. Scan the QR code on the package again.",
		badGTINLength: "A barcode number (GTIN) has 8, 12, 13 or 14 digits.",
		checkDigit:    "The barcode number's (GTIN's) check digit should be {want}, not {got}: the code was mistyped or scanned incompletely.",
		tryAgain:      "The ledger cannot answer right now; try again in a moment.", scanAgain: "Try again later.",
	},
}

// explain chooses the page's title and sentence for the error and the
// path it was met on.
func (p pageWords) explain(e httpapi.PageError, path string) (title, detail string) {
	switch {
	case e.Status == http.StatusNotFound && e.Field == "code":
		return p.notFound, p.noItem
	case e.Status == http.StatusNotFound && e.Field == "gtin":
		return p.notFound, p.noProduct
	case e.Status == http.StatusNotFound:
		return p.notFound, p.noPage
	case e.Status == http.StatusBadRequest:
		return p.badRequest, p.codeProblem(e)
	case e.Status == http.StatusServiceUnavailable:
		return p.unavailable, p.tryAgain
	}
	return p.failed, p.scanAgain
}

// codeProblem says what is wrong with a code by the refusal's reason,
// naming the check digit it should have, in the reader's language rather
// than the parser's English.
func (p pageWords) codeProblem(e httpapi.PageError) string {
	switch {
	case e.Reason == "id_check_digit" && len(e.Params) == 3:
		return strings.NewReplacer("{want}", e.Params[1], "{got}", e.Params[2]).Replace(p.checkDigit)
	case e.Reason == "id_length" && e.Field == "gtin":
		return p.badGTINLength
	}
	return p.badCode
}

var errorTemplate = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Status}} · {{.Title}} · traceledger</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/css/app.css">
<link rel="stylesheet" href="/ui/css/public.css">
</head>
<body class="public">
<header class="top">
  <span class="brand"><span class="logo">◆</span> traceledger</span>
  <div class="tools"><a class="lang" href="{{.Switch}}" id="error-lang">{{.SwitchLabel}}</a></div>
</header>
<main class="narrow">
<section class="panel error-page" id="error-page" data-status="{{.Status}}">
<h1 id="error-title">{{.Title}}</h1>
<p id="error-detail">{{.Detail}}</p>
<dl class="facts">
<dt>{{.Words.Status}}</dt><dd id="error-status">{{.Status}}</dd>
<dt>{{.Words.Address}}</dt><dd><code class="wrap" id="error-path">{{.Path}}</code></dd>
</dl>
<p><a href="/" class="button">{{.Words.Home}}</a></p>
</section>
</main>
</body>
</html>
`))
