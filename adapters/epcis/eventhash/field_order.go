package eventhash

// field is one entry of the canonical field order: a field name and, for
// a field with structure, the order of its own fields. A structured field
// with no order of its own (bizTransactionList, sourceList,
// destinationList) is rendered with the fields outside the order.
type field struct {
	name       string
	structured bool
	order      []field
}

func leaf(name string) field { return field{name: name} }
func structured(name string, sub ...field) field {
	return field{name: name, structured: true, order: sub}
}

// quantityElement is the order inside every quantity list entry.
var quantityElement = structured("quantityElement", leaf("epcClass"), leaf("quantity"), leaf("uom"))

// eventOrder is the order in which CBV 2.0 concatenates an event's
// fields; fields not named here (ilmd, the typed lists, user extensions)
// follow it, sorted.
var eventOrder = []field{
	leaf("eventTime"),
	leaf("eventTimeZoneOffset"),
	leaf("certificationInfo"),
	leaf("parentID"),
	structured("epcList", leaf("epc")),
	structured("inputEPCList", leaf("epc")),
	structured("childEPCs", leaf("epc")),
	structured("quantityList", quantityElement),
	structured("childQuantityList", quantityElement),
	structured("inputQuantityList", quantityElement),
	structured("outputEPCList", leaf("epc")),
	structured("outputQuantityList", quantityElement),
	leaf("action"),
	leaf("transformationID"),
	leaf("bizStep"),
	leaf("disposition"),
	structured("persistentDisposition", leaf("set"), leaf("unset")),
	structured("readPoint", leaf("id")),
	structured("bizLocation", leaf("id")),
	structured("bizTransactionList"),
	structured("sourceList"),
	structured("destinationList"),
	structured("sensorElementList", structured("sensorElement",
		structured("sensorMetadata",
			leaf("time"), leaf("startTime"), leaf("endTime"), leaf("deviceID"), leaf("deviceMetadata"),
			leaf("rawData"), leaf("dataProcessingMethod"), leaf("bizRules")),
		structured("sensorReport",
			leaf("type"), leaf("exception"), leaf("deviceID"), leaf("deviceMetadata"), leaf("rawData"),
			leaf("dataProcessingMethod"), leaf("time"), leaf("microorganism"), leaf("chemicalSubstance"),
			leaf("value"), leaf("component"), leaf("stringValue"), leaf("booleanValue"),
			leaf("hexBinaryValue"), leaf("uriValue"), leaf("minValue"), leaf("maxValue"),
			leaf("meanValue"), leaf("sDev"), leaf("percRank"), leaf("percValue"), leaf("uom"),
			leaf("coordinateReferenceSystem")),
	)),
}

// notHashed are the event fields the hash leaves out: they are about the
// record, not the event (recordTime, eventID), or say the event was wrong
// rather than what happened (errorDeclaration).
var notHashed = map[string]bool{"recordTime": true, "eventID": true, "type": true, "errorDeclaration": true}

// orderIndexes are each order's field names and their places, built once
// (as a variable, so that other variables may read them): an order is
// looked up by its first field, which every copy of a structured field
// shares.
var orderIndexes = indexOrders(eventOrder)

func indexOrders(order []field) map[*field]map[string]int {
	into := map[*field]map[string]int{}
	indexOrder(into, order)
	return into
}

func indexOrder(into map[*field]map[string]int, order []field) {
	if len(order) == 0 || into[&order[0]] != nil {
		return
	}
	idx := make(map[string]int, len(order))
	for i, f := range order {
		idx[f.name] = i
		indexOrder(into, f.order)
	}
	into[&order[0]] = idx
}

// orderIndex is the places of order's field names.
func orderIndex(order []field) map[string]int {
	if len(order) == 0 {
		return nil
	}
	return orderIndexes[&order[0]]
}
