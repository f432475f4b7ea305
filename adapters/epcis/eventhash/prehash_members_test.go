package eventhash

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
)

// Events of random members, of the shapes the direct writer takes and of
// others, written straight from their members give the pre-hash string
// of their tree whenever the writer takes them; and it takes most of the
// events whose shapes are its own.
func TestThePreHashOfMembersIsThePreHashOfTheirTree(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 12))
	pick := func(l ...string) string { return l[r.IntN(len(l))] }
	// odd: the event being drawn may hold shapes the writer leaves to the
	// tree (a null, a list where a value goes, an unexpected member).
	odd := false
	text := func() any {
		n := r.IntN(12)
		if !odd && n == 2 {
			n = 3
		}
		switch n {
		case 0:
			return json.Number(pick("12.50", "+0012.50", "1e-07", "3", "0"))
		case 1:
			return r.IntN(2) == 0
		case 2:
			return nil
		}
		return pick("", " ", "  x  ", "shipping", "in_transit", "cbv:BizStep-receiving", "gs1:Thing", "tl:odd", "urn:epcglobal:cbv:disp:active",
			"https://id.gs1.org/01/06901234567892/21/S1", "urn:epc:id:sgtin:690123.0456789.S2", "2026-03-01T10:00:00.123456+08:00",
			"2026-02-30T10:00:00Z", "批次", "desadv", "owning_party", "12.5", "+08:00")
	}
	scalars := func() any {
		if odd && r.IntN(6) == 0 {
			return []any{text(), text()}
		}
		return text()
	}
	object := func(keys ...string) []Member {
		var ms []Member
		for _, k := range keys {
			if r.IntN(3) > 0 {
				ms = append(ms, Member{k, text()})
			}
		}
		if odd && r.IntN(10) == 0 {
			ms = append(ms, Member{pick("#text", "@id", "tl:extra", "comment"), text()})
		}
		return ms
	}
	list := func(keys ...string) []any {
		out := make([]any, r.IntN(3))
		for i := range out {
			if odd && r.IntN(15) == 0 {
				out[i] = text()
				continue
			}
			out[i] = object(keys...)
		}
		return out
	}
	ids := func() any {
		switch n := r.IntN(8); {
		case odd && n == 0:
			return text()
		case n == 1:
			if odd {
				return []any{text(), text()}
			}
			s, _ := text().(string)
			return []any{s}
		}
		out := make([]string, r.IntN(4))
		for i := range out {
			out[i], _ = text().(string)
		}
		return out
	}
	keys := []string{"eventTime", "eventTimeZoneOffset", "recordTime", "eventID", "certificationInfo", "parentID", "epcList",
		"childEPCs", "inputEPCList", "outputEPCList", "quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList",
		"action", "transformationID", "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList",
		"destinationList", "ilmd", "tl:a", "tl:b", "cbvmda:lotNumber", "x:y", "plain", "tl:thingList", "inputEPC", "quantity",
		"errorDeclaration", "persistentDisposition", "@context", "#text", "type", "gs1:note"}
	// Keys the writer leaves to the tree, drawn only for odd events.
	strangeKeys := map[string]bool{"persistentDisposition": true, "tl:thingList": true, "inputEPC": true, "quantity": true, "#text": true}
	prefixes := map[string]string{"tl": "https://traceledger.example/ns/", "x": "urn:x:"}
	taken, ours := 0, 0
	for i := range 20000 {
		var ms []Member
		odd = r.IntN(2) == 0
		own := !odd
		for _, k := range keys {
			if r.IntN(2) == 0 {
				continue
			}
			if !odd && strangeKeys[k] {
				continue
			}
			var v any
			switch k {
			case "epcList", "childEPCs", "inputEPCList", "outputEPCList":
				v = ids()
			case "quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList":
				v = list("epcClass", "quantity", "uom")
			case "bizTransactionList":
				v = list("type", "bizTransaction")
			case "sourceList":
				v = list("type", "source")
			case "destinationList":
				v = list("type", "destination")
			case "readPoint", "bizLocation":
				v = object("id")
			case "ilmd":
				v = object("cbvmda:lotNumber", "cbvmda:itemExpirationDate", "tl:x", "plain")
			case "errorDeclaration", "persistentDisposition", "tl:thingList", "inputEPC", "quantity", "#text":
				v = scalars()
			default:
				v = scalars()
			}
			ms = append(ms, Member{k, v})
		}
		r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		typ := pick("ObjectEvent", "AggregationEvent", "TransformationEvent")
		want, err := PreHash(EventFromMembers(typ, ms, prefixes))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := PreHashOfMembers(typ, ms, prefixes)
		if own {
			ours++
		}
		if !ok {
			continue
		}
		taken++
		if got != want {
			t.Fatalf("event %d %s:\nstraight %s\ntree     %s", i, fmt.Sprint(ms), got, want)
		}
	}
	if taken < ours/2 {
		t.Errorf("written straight: %d of the %d events of the writer's own shapes", taken, ours)
	}
	t.Logf("written straight: %d of 20000 events, %d of its own shapes", taken, ours)
}
