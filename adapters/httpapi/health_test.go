package httpapi_test

import (
	"encoding/json"
	"testing"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

// components is a fixed report of background components.
type components []httpapi.ComponentHealth

func (c components) Components() []httpapi.ComponentHealth { return c }

// /healthz stays 200 while every component runs, and turns 503 naming the
// failing component and its error as soon as one does not.
func TestHealthzNamesAFailingComponent(t *testing.T) {
	for _, tt := range []struct {
		name       string
		components components
		status     int
		want       string
	}{
		{"all running", components{{Name: "read models", Status: "running"}, {Name: "bus", Status: "running", Error: "broken pipe", Restarts: 1}}, 200, "ok"},
		{"bus restarting", components{{Name: "read models", Status: "running"}, {Name: "bus", Status: "restarting", Error: "bus: broken pipe"}}, 503, "unavailable"},
		{"read models failed", components{{Name: "read models", Status: "failed", Error: "read models: disk full"}}, 503, "unavailable"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, func(c *httpapi.Config) { c.Health = tt.components })
			rec := f.do(t, "GET", "/healthz", "", "")
			var body struct {
				Status     string                    `json:"status"`
				Components []httpapi.ComponentHealth `json:"components"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if rec.Code != tt.status || body.Status != tt.want {
				t.Errorf("/healthz = %d %s, want %d %q", rec.Code, rec.Body, tt.status, tt.want)
			}
			if len(body.Components) != len(tt.components) {
				t.Fatalf("components = %+v, want %+v", body.Components, tt.components)
			}
			for i, c := range tt.components {
				if body.Components[i] != c {
					t.Errorf("component %d = %+v, want %+v", i, body.Components[i], c)
				}
			}
		})
	}
}
