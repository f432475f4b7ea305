package loadgen

import (
	"encoding/json"
	"fmt"
)

// Payload is a realistic event body of about 300 bytes, shaped like a shipment
// of a traced lot, distinct for each (writer, seq) so compression or caching
// cannot flatter a measurement.
func Payload(writer, seq int) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"shipment_id":"SH-%04d-%08d","lot":"LOT-2025-%06d","gtin":"0690123456%04d",`+
		`"quantity":{"value":%d,"unit":"kg"},"from":{"uscc":"91310000MA1FL8XQ3B","site":"Shanghai Pudong DC"},`+
		`"to":{"uscc":"91440300MA5EXAMPLE","site":"Shenzhen Nanshan Store 12"},"temperature_c":4.5,`+
		`"carrier":"SF Express","vehicle":"沪A·12345","seal":"S-%d"}`,
		writer, seq, seq%1000000, writer%10000, 100+seq%900, writer*1000003+seq))
}
