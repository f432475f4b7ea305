package httpapi

import (
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/traceledger/traceledger/app/command"
)

// commandInputs are the types command bodies decode into.
var commandInputs = []any{
	command.RegisterEnterprise{}, command.RegisterProduct{}, command.NotifyBarcode{}, command.VerifyBarcode{},
	command.RevokeCertificate{}, command.RegisterBatch{}, command.DeclareCustoms{}, command.InspectCustoms{},
	command.DecideRelease{}, command.ApplyLabels{}, command.Ship{}, command.ConfirmReceipt{}, command.Sell{},
	command.InspectMarket{}, command.FileComplaint{}, command.ResolveComplaint{}, command.StartRecall{},
	command.RecordRecallReturn{}, command.CloseRecall{}, command.RemindRecallHolders{}, command.ImposePenalty{}, command.AuthoriseImporter{},
	command.DeauthoriseImporter{},
	command.SubmitComplaint{}, command.AcceptComplaint{}, command.RefuseComplaint{}, command.InvestigateComplaint{},
	command.TransferComplaint{}, command.AnswerComplaint{},
	command.RenewCertificate{}, command.AmendCertificate{}, command.AllowRenotification{},
}

// FuzzDecodeCommand feeds any bytes to the decoder of every command body:
// it never panics, and whatever it refuses is a 400 in the contract's shape
// (a code and a message), never a failure of the server.
func FuzzDecodeCommand(f *testing.F) {
	for _, seed := range []string{
		`{"gtin":"03760123456784","lot":"L1","quantity":5,"produced_on":"2026-01-01","expires_on":"2027-01-01","owner_uscc":"91330100MA2H8T0R08"}`,
		`{"seller_uscc":"91440101MA59KB8X0R","channel":"门店","items":["/01/03760123456784/10/L1/21/A1"],"lines":[{"gtin":"1","quantity":2}]}`,
		`{"batches":[{"gtin":"1","lot":"x"}],"level":2,"reason":"r","initiated_by_uscc":"u","occurred_at":"2026-12-01T00:00:00Z"}`,
		`{"GTIN":"1","gtin":"2"}`, `{"channel":"\ud800"}`, `[1,2]`, `{"a":{"b":[{"c":null}]}}`, "{\"x\":\"\xff\"}", ``, `null`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, in := range commandInputs {
			v := reflect.New(reflect.TypeOf(in)).Interface()
			err := decodeJSON(body, v, false)
			if err == nil {
				continue
			}
			var re *requestError
			if !errors.As(err, &re) || re.status != http.StatusBadRequest || re.code == "" || re.message == "" {
				t.Fatalf("decoding %q into %T: %#v, want a 400 with a code and a message", body, in, err)
			}
		}
	})
}
