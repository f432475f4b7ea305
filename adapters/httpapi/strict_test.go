package httpapi_test

import "testing"

// TestStrictJSONRefusesWhatTheDecoderForgives: member names in the wrong
// case, a member given twice, invalid UTF-8 and unpaired surrogates are
// refused with 400 naming the member, and no command runs.
func TestStrictJSONRefusesWhatTheDecoderForgives(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		name, path, body, field string
	}{
		{"member in upper case", "/api/v1/batches", `{"GTIN":"03760123456784"}`, "GTIN"},
		{"member in mixed case", "/api/v1/sales", `{"Channel":"shop"}`, "Channel"},
		{"nested member in the wrong case", "/api/v1/sales", `{"lines":[{"gtin":"1"},{"Quantity":2}]}`, "lines[1].Quantity"},
		{"member given twice", "/api/v1/sales", `{"channel":"shop","channel":"web"}`, "channel"},
		{"nested member given twice", "/api/v1/sales", `{"lines":[{"gtin":"1","gtin":"2"}]}`, "lines[0].gtin"},
		{"unpaired surrogate", "/api/v1/sales", `{"channel":"\ud800"}`, "channel"},
		{"invalid UTF-8", "/api/v1/sales", "{\"channel\":\"\xff\xfe\"}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, f.do(t, "POST", tt.path, entToken, tt.body), 400, "invalid", tt.field)
		})
	}
	if n := len(f.cmds.Calls()); n != 0 {
		t.Errorf("refused bodies ran %d commands", n)
	}
	// The same members spelled as the contract spells them pass.
	if rec := f.do(t, "POST", "/api/v1/sales", entToken, `{"channel":"门店","lines":[{"gtin":"1","quantity":2}]}`); rec.Code != 201 {
		t.Errorf("a well-formed body = %d %s", rec.Code, rec.Body)
	}
}
