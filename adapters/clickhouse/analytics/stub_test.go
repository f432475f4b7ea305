package analytics_test

import "testing"

func testAPI(t *testing.T, f *fixture)        {}
func testDashboards(t *testing.T, f *fixture) {}
