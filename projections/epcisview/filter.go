package epcisview

import (
	"slices"

	"github.com/traceledger/traceledger/app/query"
)

// matches applies every field of f to ev.
func matches(ev *query.EPCISEvent, f query.EPCISFilter) bool {
	in := func(vals []string, v string) bool { return len(vals) == 0 || slices.Contains(vals, v) }
	anyOf := func(vals, have []string) bool {
		if len(vals) == 0 {
			return true
		}
		for _, h := range have {
			if slices.Contains(vals, h) {
				return true
			}
		}
		return false
	}
	switch {
	case !in(f.EventTypes, ev.Type), !in(f.Actions, ev.Action), !in(f.BizSteps, ev.BizStep),
		!in(f.Dispositions, ev.Disposition), !in(f.ReadPoints, ev.ReadPoint),
		!in(f.BizLocations, ev.BizLocation), !in(f.EventIDs, ev.EventID):
		return false
	case !f.GEEventTime.IsZero() && ev.EventTime.Before(f.GEEventTime),
		!f.LTEventTime.IsZero() && !ev.EventTime.Before(f.LTEventTime),
		!f.GERecordTime.IsZero() && ev.RecordTime.Before(f.GERecordTime),
		!f.LTRecordTime.IsZero() && !ev.RecordTime.Before(f.LTRecordTime):
		return false
	case !anyOf(f.MatchEPC, ev.EPCs), !anyOf(f.MatchInputEPC, ev.InputEPCs), !anyOf(f.MatchOutputEPC, ev.OutputEPCs),
		len(f.MatchParentID) > 0 && !slices.Contains(f.MatchParentID, ev.ParentID):
		return false
	// The lists of every identifier are built only when a filter asks.
	case len(f.MatchAnyEPC) > 0 && !anyOf(f.MatchAnyEPC, ev.AllEPCs()),
		len(f.MatchEPCClass) > 0 && !anyOf(f.MatchEPCClass, ev.AllClasses()):
		return false
	}
	return true
}
