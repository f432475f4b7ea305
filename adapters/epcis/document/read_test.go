package document

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const testdata = "/work/shared/testdata/epcis"

func readFile(t *testing.T, path string) (*Document, []Fault) {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("test data: %v", err)
	}
	format := FormatJSONLD
	if strings.HasSuffix(path, ".xml") {
		format = FormatXML
	}
	d, faults, err := Read(format, body)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return d, faults
}

// TestOneEventInXMLAndJSONLDReadsAsOneEvent: the spellings of one event
// (XML with several namespace and order variants, JSON-LD) have one hash id
// and give capture the same input. The second file writes the time in
// another zone with another eventTimeZoneOffset, which the hash includes:
// another event.
func TestOneEventInXMLAndJSONLDReadsAsOneEvent(t *testing.T) {
	all, _ := filepath.Glob(filepath.Join(testdata, "xml", "WithEventHashID__*"))
	if len(all) < 7 {
		t.Skipf("found %d spellings", len(all))
	}
	var files []string
	for _, f := range all {
		if !strings.Contains(f, "hash_id_2.") {
			files = append(files, f)
		}
	}
	first, _ := readFile(t, files[0])
	want := first.Events[0].Input()
	for _, f := range files[1:] {
		d, faults := readFile(t, f)
		if len(faults) > 0 {
			t.Fatalf("%s: %v", filepath.Base(f), faults)
		}
		got := d.Events[0].Input()
		if got.HashID != want.HashID {
			t.Errorf("%s: hash %s, want %s", filepath.Base(f), got.HashID, want.HashID)
		}
		got.Document, want.Document = "", ""
		got.SensorElements, want.SensorElements = "", "" // numbers as each syntax wrote them
		got.Items, want.Items = sorted(got.Items), sorted(want.Items)
		got.EPCs, want.EPCs = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s reads as\n%+v\nwant\n%+v", filepath.Base(f), got, want)
		}
	}
}

func sorted(xs []string) []string {
	out := append([]string(nil), xs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestAnEventIDThatIsAnotherHashIsAFaultNamingEventID: an eventID written
// as a hash id must be the event's own.
func TestAnEventIDThatIsAnotherHashIsAFaultNamingEventID(t *testing.T) {
	_, faults := readFile(t, filepath.Join(testdata, "json", "Example_9.6.2-ObjectEvent.jsonld"))
	if len(faults) != 1 || faults[0].Field != "eventID" || faults[0].Rule != "event_hash_mismatch" || faults[0].Path != "$.epcisBody.eventList[0].eventID" {
		t.Fatalf("faults %+v", faults)
	}
}

func TestADocumentBeyondTheLimitsIsRefusedWhole(t *testing.T) {
	_, _, err := Read(FormatJSONLD, make([]byte, MaxBytes+1))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("want ErrTooLarge, got %v", err)
	}
	_, _, err = Read(FormatXML, []byte(`<epcis:EPCISCaptureJob xmlns:epcis="urn:epcglobal:epcis:xsd:2"/>`))
	if !errors.Is(err, ErrNotEPCISDocument) {
		t.Fatalf("want ErrNotEPCISDocument, got %v", err)
	}
}

func TestAnEventWithoutTimeZoneOrActionIsAFaultNamingTheField(t *testing.T) {
	doc := `{"type":"EPCISDocument","epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2026-01-01T00:00:00Z","epcList":[]}]}}`
	_, faults, err := Read(FormatJSONLD, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, f := range faults {
		fields = append(fields, f.Field+":"+f.Rule)
	}
	if strings.Join(fields, ",") != "eventTimeZoneOffset:required,action:action" {
		t.Fatalf("faults %v", fields)
	}
}

func TestLocationsInEPCAndDigitalLinkFormsResolveToOneGLN(t *testing.T) {
	for _, id := range []string{"urn:epc:id:sgln:6901234.00000.0", "https://id.gs1.org/414/6901234000009", "urn:epc:id:pgln:6901234.00000"} {
		if p := place(id); p.GLN != "6901234000009" || p.Extension != "" {
			t.Errorf("%s reads as %+v", id, p)
		}
	}
	if p := place("urn:epc:id:sgln:6901234.00000.dock2"); p.GLN != "6901234000009" || p.Extension != "dock2" {
		t.Errorf("extension: %+v", p)
	}
	if p := place("https://id.gs1.org/414/6901234000009/254/dock2"); p.GLN != "6901234000009" || p.Extension != "dock2" {
		t.Errorf("extension as a Digital Link: %+v", p)
	}
	if p := place("urn:epc:id:giai:4000001.111"); p.GLN != "" || p.Raw == "" {
		t.Errorf("not a GLN: %+v", p)
	}
}

func TestTheSensorElementListIsKeptAsJSON(t *testing.T) {
	d, _ := readFile(t, filepath.Join(testdata, "json", "WithSensorData__SensorDataExample9.jsonld"))
	s := string(d.Events[0].SensorElements)
	if !strings.HasPrefix(s, "[{") || !strings.Contains(s, "sensorReport") {
		t.Fatalf("sensor elements %s", s)
	}
}

// TestContainersReadAsSSCCsInEitherSpelling: an SSCC URN and its Digital
// Link give one eighteen-digit SSCC, as a parent and as a child; other
// identifiers name no container.
func TestContainersReadAsSSCCsInEitherSpelling(t *testing.T) {
	ev := Event{Type: "AggregationEvent", ParentID: "urn:epc:id:sscc:6901234.0000000003",
		ChildEPCs: []string{"https://id.gs1.org/00/069012340000000016", "urn:epc:id:sscc:6901234.0000000002", "urn:epc:id:grai:6901234.00001.1",
			"https://id.gs1.org/01/06901234567892/10/L1/21/A1"}}
	in := ev.Input()
	if in.ParentSSCC != "069012340000000030" || !reflect.DeepEqual(in.Containers, []string{"069012340000000016", "069012340000000023"}) {
		t.Fatalf("parent %q, containers %v", in.ParentSSCC, in.Containers)
	}
	if no := (Event{Type: "AggregationEvent", ParentID: "urn:epc:id:grai:6901234.00001.1"}).Input(); no.ParentSSCC != "" {
		t.Fatalf("a GRAI read as an SSCC: %q", no.ParentSSCC)
	}
}

// TestATransformationsListsStaySeparate: inputs and outputs keep their own
// items and lots; an input lot without a quantity is the whole lot, a
// measured one is not counted; an output lot is named whatever its quantity.
func TestATransformationsListsStaySeparate(t *testing.T) {
	ev := Event{Type: "TransformationEvent", InputEPCs: []string{"https://id.gs1.org/01/06901234567892/10/L1/21/A1"},
		InputQuantities: []Quantity{{EPCClass: "urn:epc:class:lgtin:6901234.056789.RM1"},
			{EPCClass: "urn:epc:class:lgtin:6901234.056789.RM2", Quantity: "80", UOM: "KGM"}},
		OutputQuantities: []Quantity{{EPCClass: "https://id.gs1.org/01/06901234567885/10/IF1", Quantity: "12.5", UOM: "KGM"}}}
	in := ev.Input()
	if len(in.InputItems) != 1 || len(in.OutputItems) != 0 || len(in.InputLines) != 1 || in.InputLines[0].Lot != "RM1" || in.InputLines[0].Quantity != 0 ||
		len(in.OutputLines) != 1 || in.OutputLines[0].Lot != "IF1" {
		t.Fatalf("%+v", in)
	}
}
