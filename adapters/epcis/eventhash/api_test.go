package eventhash

import (
	"strings"
	"testing"
)

func TestIDIsTheSHA256OfThePreHashAsANamedInformationURI(t *testing.T) {
	const want = "ni:///sha-256;ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad?ver=CBV2.0"
	if got := IDOf("abc"); got != want {
		t.Errorf("IDOf(abc) = %s, want %s", got, want)
	}
}

func TestPreHashRefusesAnEventWithoutType(t *testing.T) {
	if _, err := PreHash(Event{Fields: []Node{{Name: "eventTime", Value: "2020-01-01T00:00:00Z"}}}); err == nil {
		t.Error("no error for an event without a type")
	}
}

func TestParsersRefuseDocumentsWithoutEvents(t *testing.T) {
	if _, err := ParseJSONLD(strings.NewReader(`{"type":"EPCISDocument"}`)); err == nil {
		t.Error("JSON-LD without epcisBody: no error")
	}
	if _, err := ParseJSONLD(strings.NewReader(`{"epcisBody":`)); err == nil {
		t.Error("truncated JSON-LD: no error")
	}
	if _, err := ParseXML(strings.NewReader(`<EPCISDocument><EPCISBody/></EPCISDocument>`)); err == nil {
		t.Error("XML without EventList: no error")
	}
	if _, err := ParseXML(strings.NewReader(`<EPCISDocument><EPCISBody>`)); err == nil {
		t.Error("truncated XML: no error")
	}
}

// oneEvent is an XML document holding ev's body as its only ObjectEvent.
func oneEvent(body string) string {
	return `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://ns.example.com/"><EPCISBody><EventList><ObjectEvent>` +
		`<eventTime>2020-01-01T01:00:00+01:00</eventTime><eventTimeZoneOffset>+01:00</eventTimeZoneOffset><action>OBSERVE</action>` +
		body + `</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>`
}

func TestFieldsAreHashedInCanonicalOrderWithExtensionsLast(t *testing.T) {
	doc := oneEvent(`<ex:note>b</ex:note><readPoint><ex:shelf>3</ex:shelf><id>urn:epc:id:sgln:4012345.00005.0</id></readPoint>` +
		`<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep><eventID>ni:///sha-256;00?ver=CBV2.0</eventID>` +
		`<recordTime>2021-01-01T00:00:00Z</recordTime><extension><ilmd><ex:lot>0042.10</ex:lot></ilmd></extension>`)
	events, err := ParseXML(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	got, err := PreHash(events[0])
	if err != nil {
		t.Fatal(err)
	}
	want := "eventType=ObjectEventeventTime=2020-01-01T00:00:00.000ZeventTimeZoneOffset=+01:00action=OBSERVE" +
		"bizStep=https://ref.gs1.org/cbv/BizStep-shipping" +
		"readPointid=https://id.gs1.org/414/4012345000054{https://ns.example.com/}shelf=3" +
		"ilmd{https://ns.example.com/}lot=42.1{https://ns.example.com/}note=b"
	if got != want {
		t.Errorf("pre-hash differs, %s", diffAt(want, got))
	}
}

func TestJSONLDAndXMLSpellingsOfOneEventGiveOneID(t *testing.T) {
	xmlDoc := oneEvent(`<epcList><epc>urn:epc:id:sgtin:0614141.107346.2018</epc><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></epcList>` +
		`<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>` +
		`<bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:po">http://t.example.com/po/1</bizTransaction></bizTransactionList>` +
		`<ex:weight>2.50</ex:weight>`)
	jsonDoc := `{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"https://ns.example.com/"}],
		"type":"EPCISDocument","epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2020-01-01T00:00:00Z",
		"eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"shipping",
		"epcList":["https://id.gs1.org/01/10614141073464/21/2017","urn:epc:id:sgtin:0614141.107346.2018"],
		"bizTransactionList":[{"bizTransaction":"http://t.example.com/po/1","type":"po"}],"ex:weight":2.5}]}}`
	x, err := ParseXML(strings.NewReader(xmlDoc))
	if err != nil {
		t.Fatal(err)
	}
	j, err := ParseJSONLD(strings.NewReader(jsonDoc))
	if err != nil {
		t.Fatal(err)
	}
	xp, _ := PreHash(x[0])
	jp, _ := PreHash(j[0])
	if xp != jp {
		t.Errorf("XML and JSON-LD pre-hashes differ, %s", diffAt(xp, jp))
	}
}
