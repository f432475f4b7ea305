package querydoc

import "github.com/traceledger/traceledger/app/query"

// eventList is one identifier list of an event and the quantity list
// beside it, under the names the event's type gives them.
type eventList struct {
	epcKey string
	epcs   []string
	qtyKey string
	qty    []query.EPCISQuantity
}

// eventLists are an event's lists: childEPCs and childQuantityList of an
// AggregationEvent, the input lists then the output lists of a
// TransformationEvent, epcList and quantityList of any other.
func eventLists(ev *query.EPCISEvent) []eventList {
	switch ev.Type {
	case "AggregationEvent":
		return []eventList{{"childEPCs", ev.EPCs, "childQuantityList", ev.Quantities}}
	case "TransformationEvent":
		return []eventList{{"inputEPCList", ev.InputEPCs, "inputQuantityList", ev.InputQuantities},
			{"outputEPCList", ev.OutputEPCs, "outputQuantityList", ev.OutputQuantities}}
	}
	return []eventList{{"epcList", ev.EPCs, "quantityList", ev.Quantities}}
}
