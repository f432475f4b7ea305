package kurrentdb

import (
	"testing"
)

func TestParseURL(t *testing.T) {
	cases := []struct {
		name    string
		raw     string
		log     string
		tls     bool
		hosts   int
		wantErr bool
	}{
		{"KurrentScheme", "kurrentdb://localhost:2113?tls=false", DefaultLog, false, 0, false},
		{"EsdbScheme", "esdb://localhost:2113?tls=false", DefaultLog, false, 0, false},
		{"TLSByDefault", "kurrentdb://db.example:2113", DefaultLog, true, 0, false},
		{"LogStream", "kurrentdb://localhost:2113?tls=false&log=ledger-prod", "ledger-prod", false, 0, false},
		{"Cluster", "kurrentdb://a:2113,b:2113,c:2113?tls=false&nodePreference=leader", DefaultLog, false, 3, false},
		{"Discover", "kurrentdb+discover://cluster.example:2113?tls=false", DefaultLog, false, 0, false},
		{"OtherScheme", "http://localhost:2113", "", false, 0, true},
		{"NoScheme", "localhost:2113", "", false, 0, true},
		{"SystemLog", "kurrentdb://localhost:2113?log=$all", "", false, 0, true},
		{"EmptyLog", "kurrentdb://localhost:2113?log=", "", false, 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseURL(tc.raw)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseURL(%q) succeeded, want an error", tc.raw)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseURL(%q): %v", tc.raw, err)
			}
			if got.Log != tc.log {
				t.Errorf("log %q, want %q", got.Log, tc.log)
			}
			if tls := !got.Config.DisableTLS; tls != tc.tls {
				t.Errorf("tls %v, want %v", tls, tc.tls)
			}
			if len(got.Config.GossipSeeds) != tc.hosts {
				t.Errorf("%d gossip seeds, want %d", len(got.Config.GossipSeeds), tc.hosts)
			}
		})
	}
}
