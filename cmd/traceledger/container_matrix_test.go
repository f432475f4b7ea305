package main

import (
	"sync"
	"time"
)

// packedFixture is what the matrix's container and transformation rows
// need beyond the shared fixture: a case the importer packed its labelled
// unit into, a released batch it transforms and the transformation it
// recorded. Made once per fixture, on the first row that asks (from a body
// function, before the row measures the log head).
type packedFixture struct {
	sscc, input, output, transformation string
}

const matrixCase = "006901234000000001"

var packedFixtures sync.Map // *matrixFixture -> *packedFixture

func (f *matrixFixture) packed() *packedFixture {
	if p, ok := packedFixtures.Load(f); ok {
		return p.(*packedFixture)
	}
	it := f.it
	p := &packedFixture{sscc: matrixCase, input: "OAT2", output: "OAT3"}
	f.must("/api/v1/containers/"+p.sscc+"/pack", it.tok, map[string]any{"holder_uscc": it.importer, "items": []string{it.code}})
	today := time.Now()
	for _, lot := range []string{p.input, p.output} {
		f.must("/api/v1/batches", it.tok, map[string]any{"gtin": it.gtin, "lot": lot, "quantity": 10, "produced_on": today.AddDate(0, 0, -1).Format(time.DateOnly),
			"expires_on": today.AddDate(0, 9, 0).Format(time.DateOnly), "owner_uscc": it.importer})
	}
	f.must("/api/v1/customs/declarations", it.tok, map[string]any{"declaration_no": "222920261000004322", "port": "上海洋山港", "importer_uscc": it.importer,
		"lines": []map[string]any{{"gtin": it.gtin, "lot": p.input, "quantity": 10, "hs_code": "2202999099", "origin_country": "FR"}}})
	f.must("/api/v1/customs/declarations/222920261000004322/release", f.reg, map[string]any{"decision": "released"})
	tr := f.must("/api/v1/transformations", it.tok, map[string]any{"transformer_uscc": it.importer,
		"inputs": []map[string]any{{"gtin": it.gtin, "lot": p.input, "quantity": 1}}, "outputs": []map[string]any{{"gtin": it.gtin, "lot": p.output}}})
	p.transformation = tr.body["transformation_id"].(string)
	f.get("/api/v1/transformations/"+p.transformation, f.reg, tr.position)
	f.get("/api/v1/containers/"+p.sscc, f.reg, tr.position)
	packedFixtures.Store(f, p)
	return p
}

// The matrix rows of cases, pallets and transformations.
func init() {
	matrix["POST /api/v1/containers/{sscc}/pack"] = matrixRow{
		path: func(f *matrixFixture) string { return "/api/v1/containers/" + f.packed().sscc + "/pack" },
		body: func(f *matrixFixture) any {
			f.packed()
			return map[string]any{"holder_uscc": f.it.importer, "items": []string{f.it.code}}
		}, expect: ownCommand}
	matrix["POST /api/v1/containers/{sscc}/unpack"] = matrixRow{
		path: func(f *matrixFixture) string { return "/api/v1/containers/" + f.packed().sscc + "/unpack" },
		body: func(f *matrixFixture) any {
			f.packed()
			return map[string]any{"holder_uscc": f.it.importer, "items": []string{f.it.code}}
		}, expect: ownCommand}
	matrix["GET /api/v1/containers/{sscc}"] = matrixRow{
		path: func(f *matrixFixture) string { return "/api/v1/containers/" + f.packed().sscc }, expect: readerRoute}
	matrix["POST /api/v1/transformations"] = matrixRow{path: fixed("/api/v1/transformations"),
		body: func(f *matrixFixture) any {
			p := f.packed()
			return map[string]any{"transformer_uscc": f.it.importer, "inputs": []map[string]any{{"gtin": f.it.gtin, "lot": p.input, "quantity": 1}},
				"outputs": []map[string]any{{"gtin": f.it.gtin, "lot": p.output}}}
		}, expect: ownCommand}
	matrix["GET /api/v1/transformations/{id}"] = matrixRow{
		path: func(f *matrixFixture) string { return "/api/v1/transformations/" + f.packed().transformation }, expect: readerRoute}
}
