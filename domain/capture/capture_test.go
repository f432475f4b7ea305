package capture_test

import (
	"errors"
	"testing"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/capture"
)

func TestAnEventIsCapturedOnceAndItsStreamIsNamedByItsHash(t *testing.T) {
	const id = "ni:///sha-256;df6523665bc5e5803d6c7b84f5a04e103694d8220f2abc4f2c74310e89f31bc6?ver=CBV2.0"
	if s := capture.Stream(id); s != "epcis-df6523665bc5e5803d6c7b84f5a04e103694d8220f2abc4f2c74310e89f31bc6" {
		t.Fatalf("stream %s", s)
	}
	r, _ := capture.Load(nil)
	ev := capture.EventCaptured{HashID: id, Document: `{"type":"ObjectEvent"}`}
	if err := r.Capture(ev); err != nil {
		t.Fatal(err)
	}
	if err := r.Capture(ev); !errors.Is(err, domain.ErrConflict) || !r.Captured() {
		t.Fatalf("captured twice: %v", err)
	}
	empty, _ := capture.Load(nil)
	if err := empty.Capture(capture.EventCaptured{HashID: id}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("without the event: %v", err)
	}
}
