package search

import (
	"strconv"
	"strings"
)

// indexed is what bleve indexes of a document. Field names are the
// mapping's (mapping.go).
type indexed struct {
	Kind     string   `json:"kind"`
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle"`
	Text     string   `json:"text"`
	IDs      []string `json:"ids"`
	IDPart   []string `json:"idpart"`
	Refs     []string `json:"refs"`
	RefPart  []string `json:"refpart"`
	Visible  []string `json:"visible"`
	Day      float64  `json:"day,omitempty"`
	State    string   `json:"state"`
}

// Labels in the language of the data: the ledger's users read Chinese.
var (
	roleWords = map[string]string{"manufacturer": "生产商 manufacturer", "importer": "进口商 importer", "distributor": "经销商 distributor",
		"retailer": "零售商 retailer", "ecommerce": "电商 ecommerce", "logistics": "物流 logistics"}
	statusWords = map[string]string{"notified": "已通报", "issued": "已发证", "rejected": "已驳回", "revoked": "已撤销",
		"declared": "已申报", "released": "已放行", "substantiated": "属实", "unsubstantiated": "不属实",
		"filed": "已登记", "accepted": "已受理", "refused": "不予受理", "investigating": "调查中", "mediated": "已调解",
		"resolved": "已办结", "transferred": "已移送",
		"open": "召回中", "closed": "已结束", "pass": "合格", "fail": "不合格"}
	levelWords = map[string]string{"1": "一级召回", "2": "二级召回", "3": "三级召回"}
)

func joinWords(ws []string) string { return strings.Join(ws, " ") }

// word is a status with its Chinese label, so either language finds it.
func word(s string) string {
	if w, ok := statusWords[s]; ok {
		return w + " " + s
	}
	return s
}

func nonEmpty(sep string, vs ...string) string {
	out := vs[:0:0]
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, sep)
}

// render turns a folded document into what is indexed and shown.
func (d *doc) render() indexed {
	f := d.F
	x := indexed{Kind: d.Kind, ID: d.ID, Visible: d.Visible}
	own := append([]string{d.ID}, d.Own...)
	// partial: the identifiers found by their prefixes and suffixes. A
	// batch's id starts with its GTIN, which names the product: only its
	// lot is the batch's own.
	partial := own
	var text []string
	switch d.Kind {
	case KindEnterprise:
		x.Title = nonEmpty("", f["name"], "")
		var roles []string
		for _, r := range strings.Fields(f["roles"]) {
			roles = append(roles, strings.Fields(roleWords[r] + " " + r)[0])
		}
		food := ""
		if f["food"] == "true" {
			food = "食品经营者"
		}
		x.Subtitle = nonEmpty(" · ", f["region"], strings.Join(roles, "、"), food)
		for _, r := range strings.Fields(f["roles"]) {
			text = append(text, roleWords[r])
		}
		text = append(text, f["name"], f["region"], food)
	case KindProduct:
		x.Title = f["name"]
		x.Subtitle = nonEmpty(" · ", f["brand"], f["spec"], f["category"], f["origin"], f["owner_name"])
		own = append(own, gtinForms(d.ID)[1:]...)
		partial = own
		text = append(text, f["name"], f["brand"], f["spec"], f["category"], f["category_terms"], f["origin"], f["manufacturer"], f["owner_name"], word(f["certificate"]))
	case KindBatch:
		x.Title = nonEmpty(" ", f["product"], "批次 "+f["lot"])
		x.Subtitle = nonEmpty(" · ", f["gtin"], prefixed("生产 ", f["produced"]), prefixed("到期 ", f["expires"]), f["owner_name"])
		own = append(own, f["lot"])
		partial = []string{f["lot"]}
		text = append(text, f["product"], f["owner_name"], f["origin"], f["produced"], f["expires"], word(f["customs"]), word(f["inspection"]))
		if f["recalled"] == "true" {
			text = append(text, "召回 recalled")
		}
	case KindDeclaration:
		x.Title = "报关单 " + d.ID
		x.Subtitle = nonEmpty(" · ", f["port"], f["importer_name"], statusWords[f["status"]], prefixed("", f["lines"])+"项")
		text = append(text, "报关单", f["port"], f["importer_name"], word(f["status"]), word(f["inspection"]))
	case KindComplaint:
		x.Title = nonEmpty(" · ", "投诉 "+f["category"], f["product"])
		x.Subtitle = nonEmpty(" · ", f["against_name"], statusWords[f["status"]], f["date"])
		text = append(text, "投诉", f["category"], f["product"], f["against_name"], f["channel"], word(f["status"]), word(f["verdict"]))
	case KindRecall:
		x.Title = nonEmpty(" · ", levelWords[f["level"]], f["reason"])
		x.Subtitle = nonEmpty(" · ", f["initiator_name"], statusWords[f["status"]], prefixed("完成期限 ", dateOf(f["complete_by"])))
		text = append(text, "召回", levelWords[f["level"]], f["reason"], f["initiator_name"], word(f["status"]))
	}
	if x.Title == "" {
		x.Title = d.ID
	}
	text = append(text, d.Notes...)
	x.Text = nonEmpty("\n", text...)
	for _, id := range own {
		x.IDs = append(x.IDs, strings.ToLower(id))
	}
	for _, id := range partial {
		x.IDPart = append(x.IDPart, parts(id)...)
	}
	for _, id := range d.Refs {
		x.Refs = append(x.Refs, strings.ToLower(id))
		x.RefPart = append(x.RefPart, parts(id)...)
	}
	if n, ok := dayNumber(f["date"]); ok {
		x.Day = n
	}
	return x
}

func prefixed(p, v string) string {
	if v == "" {
		return ""
	}
	return p + v
}

// dateOf is the YYYY-MM-DD of an RFC 3339 time or date.
func dateOf(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}

// dayNumber reads YYYY-MM-DD as the number YYYYMMDD, the form date ranges
// are queried on.
func dayNumber(s string) (float64, bool) {
	s = dateOf(s)
	if len(s) != 10 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:4] + s[5:7] + s[8:10])
	if err != nil {
		return 0, false
	}
	return float64(n), true
}
