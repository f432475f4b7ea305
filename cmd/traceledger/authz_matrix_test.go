package main

import (
	"bufio"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// The authorisation matrix: every route of docs/api/openapi.yaml, asked by
// every kind of caller, answers the status its cell says. The callers are
// nobody (no token), an admin, an analyst, a regulator, the enterprise the
// record belongs to (owner) and an enterprise with nothing to do with it
// (stranger). A route missing from the matrix, or a row for a route the
// OpenAPI does not list, fails the test.

// callers, in the order each row is asked: refusals first, so that a
// command the allowed callers record does not change what the others see.
var callers = []string{"public", "admin", "analyst", "stranger", "owner", "regulator"}

// Expected answers. allowed is any answer past the access rules: 2xx, or a
// 400/404/409 of the domain's own (the same command may have been recorded
// by another caller of the row already). A refusal must append nothing.
const (
	allowed = 0
	s200    = http.StatusOK
	s401    = http.StatusUnauthorized
	s403    = http.StatusForbidden
	s404    = http.StatusNotFound
)

// cells are a row's answers for the callers, in callers' order.
type cells [6]int

var (
	publicRoute   = cells{s200, s200, s200, s200, s200, s200}
	readerRoute   = cells{s401, s403, s200, s404, s200, s200}
	listRoute     = cells{s401, s403, s200, s200, s200, s200}
	overseerRoute = cells{s401, s403, s200, s403, s403, s200}
	regulatorOnly = cells{s401, s403, s403, s403, s403, allowed}
	ownCommand    = cells{s401, s403, s403, s403, allowed, allowed}
	ownRecordCmd  = cells{s401, s403, s403, s404, allowed, allowed}
	adminRoute    = cells{s401, allowed, s403, s403, s403, s403}
)

// matrixRow is one route: how to call it for the fixture, and the answers.
type matrixRow struct {
	path   func(f *matrixFixture) string
	body   func(f *matrixFixture) any
	owner  func(f *matrixFixture) string // the owner's token (default f.ownerTok)
	expect cells
}

// matrixFixture is a small ledger: A imports and retails a certified
// product, ships units to retailer B, starts a recall; C is a stranger.
type matrixFixture struct {
	*ledger
	it                   importedItem
	b, c                 string // USCCs
	bTok, cTok           string
	reg, ana, adm        string
	shipment, recall     string
	complaint, tokenID   string
	size                 string // the log's size once the fixture is recorded
	declaration, itemDL  string
	batchPath            string
	unlabelledSaleLines  []map[string]any
	recallBatches        []map[string]any
	enterpriseToRegister map[string]any
	publicCase, followUp string // a consumer's case and its follow-up code
}

var matrix = map[string]matrixRow{
	"GET /healthz":                            {path: fixed("/healthz"), expect: publicRoute},
	"GET /metrics":                            {path: fixed("/metrics"), expect: publicRoute},
	"GET /01/{gtin}/10/{lot}/21/{serial}":     {path: func(f *matrixFixture) string { return f.it.code }, expect: publicRoute},
	"GET /01/{gtin}":                          {path: func(f *matrixFixture) string { return "/01/" + f.it.gtin }, expect: publicRoute},
	"GET /api/v1/products/{gtin}/certificate": {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/certificate" }, expect: publicRoute},
	"GET /api/v1/ledger/head":                 {path: fixed("/api/v1/ledger/head"), expect: publicRoute},
	"POST /api/v1/certificates/check": {path: fixed("/api/v1/certificates/check"), body: func(f *matrixFixture) any {
		return map[string]any{"codes": []string{f.it.gtin, f.it.code}}
	}, expect: publicRoute},
	"GET /api/v1/ledger/proof":       {path: fixed("/api/v1/ledger/proof?position=1"), expect: publicRoute},
	"GET /api/v1/ledger/consistency": {path: func(f *matrixFixture) string { return "/api/v1/ledger/consistency?from=1&to=" + f.size }, expect: publicRoute},

	"GET /api/v1/products/{gtin}/history":                      {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/history" }, expect: readerRoute},
	"GET /api/v1/batches/{gtin}/{lot}/history":                 {path: func(f *matrixFixture) string { return f.batchPath + "/history" }, expect: readerRoute},
	"GET /api/v1/batches/{gtin}/{lot}/trace":                   {path: func(f *matrixFixture) string { return f.batchPath + "/trace" }, expect: readerRoute},
	"GET /api/v1/items/{code}/history":                         {path: func(f *matrixFixture) string { return "/api/v1/items/" + url.PathEscape(f.itemDL) + "/history" }, expect: readerRoute},
	"GET /api/v1/items/{code}/trace":                           {path: func(f *matrixFixture) string { return "/api/v1/items/" + url.PathEscape(f.itemDL) + "/trace" }, expect: readerRoute},
	"GET /api/v1/items/{code}/bundle":                          {path: func(f *matrixFixture) string { return "/api/v1/items/" + url.PathEscape(f.itemDL) + "/bundle" }, expect: readerRoute},
	"GET /api/v1/items/01/{gtin}/10/{lot}/21/{serial}/history": {path: func(f *matrixFixture) string { return "/api/v1/items" + f.it.code + "/history" }, expect: readerRoute},
	"GET /api/v1/items/01/{gtin}/21/{serial}/history":          {path: func(f *matrixFixture) string { return "/api/v1/items/01/" + f.it.gtin + "/21/A1/history" }, expect: readerRoute},
	"GET /api/v1/enterprises/{uscc}/history":                   {path: func(f *matrixFixture) string { return "/api/v1/enterprises/" + f.it.importer + "/history" }, expect: readerRoute},
	"GET /api/v1/enterprises/{uscc}/risk":                      {path: func(f *matrixFixture) string { return "/api/v1/enterprises/" + f.it.importer + "/risk" }, expect: readerRoute},
	"GET /api/v1/enterprises/{uscc}":                           {path: func(f *matrixFixture) string { return "/api/v1/enterprises/" + f.it.importer }, expect: readerRoute},
	"GET /api/v1/customs/declarations/{no}":                    {path: func(f *matrixFixture) string { return "/api/v1/customs/declarations/" + f.declaration }, expect: readerRoute},
	"GET /api/v1/recalls/{id}":                                 {path: func(f *matrixFixture) string { return "/api/v1/recalls/" + f.recall }, expect: readerRoute},
	"GET /api/v1/recalls":                                      {path: fixed("/api/v1/recalls"), expect: listRoute},
	"GET /api/v1/alerts":                                       {path: fixed("/api/v1/alerts"), expect: listRoute},
	"GET /api/v1/analytics/grades":                             {path: fixed("/api/v1/analytics/grades"), expect: overseerRoute},
	"GET /api/v1/analytics/top-risks":                          {path: fixed("/api/v1/analytics/top-risks"), expect: overseerRoute},
	"GET /api/v1/analytics/risk-trend":                         {path: fixed("/api/v1/analytics/risk-trend"), expect: overseerRoute},
	"GET /api/v1/analytics/rates":                              {path: fixed("/api/v1/analytics/rates?by=category"), expect: overseerRoute},
	"GET /api/v1/analytics/recalls":                            {path: fixed("/api/v1/analytics/recalls"), expect: overseerRoute},
	"GET /api/v1/events":                                       {path: fixed("/api/v1/events?limit=2"), expect: cells{s401, s403, s403, s403, s403, s200}},

	"GET /api/v1/admin/tokens":         {path: fixed("/api/v1/admin/tokens"), expect: adminRoute},
	"POST /api/v1/admin/tokens":        {path: fixed("/api/v1/admin/tokens"), body: func(*matrixFixture) any { return map[string]any{"role": "analyst"} }, expect: adminRoute},
	"DELETE /api/v1/admin/tokens/{id}": {path: func(f *matrixFixture) string { return "/api/v1/admin/tokens/" + f.tokenID }, expect: adminRoute},

	"POST /api/v1/enterprises": {path: fixed("/api/v1/enterprises"), body: func(f *matrixFixture) any { return f.enterpriseToRegister }, expect: regulatorOnly},
	"POST /api/v1/products": {path: fixed("/api/v1/products"), body: func(f *matrixFixture) any {
		return map[string]any{"gtin": f.it.gtin, "name": "有机燕麦饮", "brand": "Oatly FR", "spec": "1L", "category": "乳制品",
			"origin_country": "FR", "manufacturer": "Boissons Bio SAS", "owner_uscc": f.it.importer, "shelf_life_days": 270}
	}, expect: ownCommand},
	"POST /api/v1/products/{gtin}/notifications": {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/notifications" },
		body: func(f *matrixFixture) any { return map[string]any{"notifier_uscc": f.it.importer} }, expect: ownCommand},
	"POST /api/v1/products/{gtin}/verification": {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/verification" },
		body: func(*matrixFixture) any { return map[string]any{"valid": true} }, expect: regulatorOnly},
	"POST /api/v1/products/{gtin}/certificate/revocation": {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/certificate/revocation" },
		body: func(*matrixFixture) any { return map[string]any{"reason": "核查撤销"} }, expect: regulatorOnly},
	"POST /api/v1/products/{gtin}/certificate/renewal": {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/certificate/renewal" },
		body: func(*matrixFixture) any { return map[string]any{"valid_days": 365} }, expect: regulatorOnly},
	"POST /api/v1/products/{gtin}/certificate/amendments": {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/certificate/amendments" },
		body: func(f *matrixFixture) any {
			return map[string]any{"holder_uscc": f.it.importer, "record_no": "310020260009", "reason": "备案号变更"}
		}, expect: ownCommand},
	"POST /api/v1/products/{gtin}/certificate/renotification": {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/certificate/renotification" },
		body: func(*matrixFixture) any { return map[string]any{"reason": "原因已消除"} }, expect: regulatorOnly},
	"POST /api/v1/products/{gtin}/authorisations": {path: func(f *matrixFixture) string { return "/api/v1/products/" + f.it.gtin + "/authorisations" },
		body: func(f *matrixFixture) any { return map[string]any{"importer_uscc": f.b} }, expect: ownCommand},
	"POST /api/v1/products/{gtin}/authorisations/{uscc}/revocation": {path: func(f *matrixFixture) string {
		return "/api/v1/products/" + f.it.gtin + "/authorisations/" + f.b + "/revocation"
	}, expect: ownCommand},
	"POST /api/v1/batches": {path: fixed("/api/v1/batches"), body: func(f *matrixFixture) any {
		return map[string]any{"gtin": f.it.gtin, "lot": "OAT9", "quantity": 5, "produced_on": time.Now().AddDate(0, 0, -1).Format(time.DateOnly),
			"expires_on": time.Now().AddDate(0, 6, 0).Format(time.DateOnly), "owner_uscc": f.it.importer}
	}, expect: ownCommand},
	"POST /api/v1/customs/declarations": {path: fixed("/api/v1/customs/declarations"), body: func(f *matrixFixture) any {
		return map[string]any{"declaration_no": "222920261000009876", "port": "上海洋山港", "importer_uscc": f.it.importer,
			"lines": []map[string]any{{"gtin": f.it.gtin, "lot": "OAT1", "quantity": 1, "hs_code": "2202999099", "origin_country": "FR"}}}
	}, expect: ownCommand},
	"POST /api/v1/customs/declarations/{no}/inspection": {path: func(f *matrixFixture) string { return "/api/v1/customs/declarations/" + f.declaration + "/inspection" },
		body: func(*matrixFixture) any { return map[string]any{"result": "pass"} }, expect: regulatorOnly},
	"POST /api/v1/customs/declarations/{no}/release": {path: func(f *matrixFixture) string { return "/api/v1/customs/declarations/" + f.declaration + "/release" },
		body: func(*matrixFixture) any { return map[string]any{"decision": "released"} }, expect: regulatorOnly},
	"POST /api/v1/labels": {path: fixed("/api/v1/labels"), body: func(f *matrixFixture) any {
		return map[string]any{"gtin": f.it.gtin, "lot": "OAT1", "owner_uscc": f.it.importer, "count": 1}
	}, expect: ownCommand},
	"POST /api/v1/shipments": {path: fixed("/api/v1/shipments"), body: func(f *matrixFixture) any {
		return map[string]any{"from_uscc": f.it.importer, "to_uscc": f.b, "waybill": "SF9", "lines": []map[string]any{{"gtin": f.it.gtin, "lot": "OAT1", "quantity": 1}}}
	}, expect: ownCommand},
	"POST /api/v1/shipments/{id}/receipt": {path: func(f *matrixFixture) string { return "/api/v1/shipments/" + f.shipment + "/receipt" },
		owner: func(f *matrixFixture) string { return f.bTok }, expect: ownRecordCmd},
	"POST /api/v1/sales": {path: fixed("/api/v1/sales"), body: func(f *matrixFixture) any {
		return map[string]any{"seller_uscc": f.it.importer, "channel": "门店零售", "lines": f.unlabelledSaleLines}
	}, expect: ownCommand},
	"POST /api/v1/inspections": {path: fixed("/api/v1/inspections"), body: func(f *matrixFixture) any {
		return map[string]any{"gtin": f.it.gtin, "lot": "OAT1", "enterprise_uscc": f.it.importer, "result": "pass"}
	}, expect: regulatorOnly},
	"POST /api/v1/complaints": {path: fixed("/api/v1/complaints"), body: func(f *matrixFixture) any {
		return map[string]any{"gtin": f.it.gtin, "lot": "OAT1", "against_uscc": f.it.importer, "category": "质量", "severity": 1, "channel": "12315"}
	}, expect: regulatorOnly},
	"POST /api/v1/complaints/{id}/resolution": {path: func(f *matrixFixture) string { return "/api/v1/complaints/" + f.complaint + "/resolution" },
		body: func(*matrixFixture) any { return map[string]any{"substantiated": false, "outcome": "调解"} }, expect: regulatorOnly},
	// Complaint cases: the fixture's case is accepted, so its enterprise
	// (the owner) sees it; the public intake takes anyone's complaint.
	"POST /api/v1/public/complaints": {path: fixed("/api/v1/public/complaints"), body: func(f *matrixFixture) any {
		return map[string]any{"item": f.it.code, "category": "质量", "description": "有异物", "contact": "138 0000 0000"}
	}, expect: cells{allowed, allowed, allowed, allowed, allowed, allowed}},
	// Whoever holds the case's number and follow-up code reads its public status; a token adds nothing.
	"POST /api/v1/public/complaints/{id}/status": {path: func(f *matrixFixture) string { return "/api/v1/public/complaints/" + f.publicCase + "/status" },
		body: func(f *matrixFixture) any { return map[string]any{"code": f.followUp} }, expect: publicRoute},
	"GET /api/v1/complaints":      {path: fixed("/api/v1/complaints"), expect: listRoute},
	"GET /api/v1/complaints/{id}": {path: func(f *matrixFixture) string { return "/api/v1/complaints/" + f.complaint }, expect: readerRoute},
	"POST /api/v1/complaints/{id}/acceptance": {path: func(f *matrixFixture) string { return "/api/v1/complaints/" + f.complaint + "/acceptance" },
		expect: regulatorOnly},
	"POST /api/v1/complaints/{id}/refusal": {path: func(f *matrixFixture) string { return "/api/v1/complaints/" + f.complaint + "/refusal" },
		body: func(*matrixFixture) any { return map[string]any{"reason": "不属于消费纠纷"} }, expect: regulatorOnly},
	"POST /api/v1/complaints/{id}/investigation": {path: func(f *matrixFixture) string { return "/api/v1/complaints/" + f.complaint + "/investigation" },
		expect: regulatorOnly},
	"POST /api/v1/complaints/{id}/transfer": {path: func(f *matrixFixture) string { return "/api/v1/complaints/" + f.complaint + "/transfer" },
		body: func(*matrixFixture) any { return map[string]any{"authority": "上海海关", "reason": "进口商品"} }, expect: regulatorOnly},
	"POST /api/v1/complaints/{id}/answers": {path: func(f *matrixFixture) string { return "/api/v1/complaints/" + f.complaint + "/answers" },
		body: func(*matrixFixture) any { return map[string]any{"answer": "已退款"} }, expect: cells{s401, s403, s403, s404, allowed, s403}},
	"POST /api/v1/recalls": {path: fixed("/api/v1/recalls"), body: func(f *matrixFixture) any {
		return map[string]any{"batches": f.recallBatches, "level": 3, "reason": "标签", "initiated_by_uscc": f.it.importer}
	}, expect: ownCommand},
	"POST /api/v1/recalls/{id}/returns": {path: func(f *matrixFixture) string { return "/api/v1/recalls/" + f.recall + "/returns" },
		body: func(f *matrixFixture) any {
			return map[string]any{"holder_uscc": f.it.importer, "quantity": 1, "disposition": "destroyed"}
		}, expect: ownCommand},
	"POST /api/v1/recalls/{id}/closure": {path: func(f *matrixFixture) string { return "/api/v1/recalls/" + f.recall + "/closure" }, expect: ownRecordCmd},
	// The initiator or a regulator reminds; anyone else is told the recall does not exist.
	"POST /api/v1/recalls/{id}/reminders": {path: func(f *matrixFixture) string { return "/api/v1/recalls/" + f.recall + "/reminders" }, expect: ownRecordCmd},
	"POST /api/v1/penalties": {path: fixed("/api/v1/penalties"), body: func(f *matrixFixture) any {
		return map[string]any{"enterprise_uscc": f.it.importer, "authority": "上海市市场监督管理局", "amount_cny": 1000, "reason": "标签不合格"}
	}, expect: regulatorOnly},
	// The published blacklist and the inspection work list.
	"GET /api/v1/public/blacklist":         {path: fixed("/api/v1/public/blacklist"), expect: publicRoute},
	"GET /api/v1/public/blacklist/history": {path: fixed("/api/v1/public/blacklist/history"), expect: publicRoute},
	"GET /api/v1/inspections/targets":      {path: fixed("/api/v1/inspections/targets"), expect: overseerRoute},

	"POST /api/v1/recalls/{id}/public-notice": {path: func(f *matrixFixture) string { return "/api/v1/recalls/" + f.recall + "/public-notice" },
		body: func(*matrixFixture) any { return map[string]any{"notice": "召回公告"} }, expect: regulatorOnly},
	// The acknowledgement is the holder's own: nobody, a regulator included, records it for it.
	"POST /api/v1/recalls/{id}/acknowledgement": {path: func(f *matrixFixture) string { return "/api/v1/recalls/" + f.recall + "/acknowledgement" },
		body: func(f *matrixFixture) any { return map[string]any{"holder_uscc": f.it.importer} }, expect: cells{s401, s403, s403, s403, allowed, s403}},
	// Any token learns who it is (an enterprise its own USCC and name).
	"GET /api/v1/me": {path: fixed("/api/v1/me"), expect: cells{s401, s200, s200, s200, s200, s200}},
	// Only an enterprise has an inbox (the stranger's is empty).
	"GET /api/v1/me/recall-notices": {path: fixed("/api/v1/me/recall-notices"), expect: cells{s401, s403, s403, s200, s200, s403}},

	"GET /api/v1/withdrawals": {path: fixed("/api/v1/withdrawals"), expect: listRoute},
	"POST /api/v1/withdrawals/orders": {path: fixed("/api/v1/withdrawals/orders"), body: func(f *matrixFixture) any {
		return map[string]any{"gtin": f.it.gtin, "lot": "OAT1", "holder_uscc": f.it.importer, "reason": "uncertified"}
	}, expect: regulatorOnly},
	"POST /api/v1/withdrawals": {path: fixed("/api/v1/withdrawals"), body: func(f *matrixFixture) any {
		return map[string]any{"gtin": f.it.gtin, "lot": "OAT1", "holder_uscc": f.it.importer, "reason": "expired", "quantity": 1}
	}, expect: ownCommand},
	"POST /api/v1/withdrawals/disposals": {path: fixed("/api/v1/withdrawals/disposals"), body: func(f *matrixFixture) any {
		return map[string]any{"gtin": f.it.gtin, "lot": "OAT1", "holder_uscc": f.it.importer, "disposition": "destroyed", "quantity": 1}
	}, expect: ownCommand},
	// Full-text search: every reader, an enterprise within what it may see.
	"GET /api/v1/search":         {path: fixed("/api/v1/search?q=%E7%87%95%E9%BA%A6"), expect: listRoute},
	"GET /api/v1/search/suggest": {path: fixed("/api/v1/search/suggest?q=%E7%87%95"), expect: listRoute},
	// The directories: a stranger lists only what concerns it (itself, its
	// products, its declarations): 200 with fewer rows, never a refusal.
	"GET /api/v1/enterprises":          {path: fixed("/api/v1/enterprises"), expect: listRoute},
	"GET /api/v1/products":             {path: fixed("/api/v1/products"), expect: listRoute},
	"GET /api/v1/customs/declarations": {path: fixed("/api/v1/customs/declarations"), expect: listRoute},
	"GET /api/v1/batches":              {path: fixed("/api/v1/batches"), expect: listRoute},
	// The EPCIS query interface: every reader, an enterprise the events of
	// goods it held (a stranger's lists are empty, its event a 404).
	"GET /epcis/events":                            {path: fixed("/epcis/events"), expect: listRoute},
	"GET /epcis/events/{eventID}":                  {path: func(f *matrixFixture) string { return "/epcis/events/" + url.PathEscape(f.epcisEventID()) }, expect: readerRoute},
	"GET /epcis/eventTypes":                        {path: fixed("/epcis/eventTypes"), expect: listRoute},
	"GET /epcis/eventTypes/{eventType}/events":     {path: fixed("/epcis/eventTypes/ObjectEvent/events"), expect: listRoute},
	"GET /epcis/epcs/{epc}/events":                 {path: func(f *matrixFixture) string { return "/epcis/epcs/" + url.PathEscape(f.itemDL) + "/events" }, expect: listRoute},
	"GET /epcis/bizSteps":                          {path: fixed("/epcis/bizSteps"), expect: listRoute},
	"GET /epcis/bizSteps/{bizStep}/events":         {path: fixed("/epcis/bizSteps/shipping/events"), expect: listRoute},
	"GET /epcis/dispositions":                      {path: fixed("/epcis/dispositions"), expect: listRoute},
	"GET /epcis/dispositions/{disposition}/events": {path: fixed("/epcis/dispositions/in_transit/events"), expect: listRoute},
	"GET /epcis/bizLocations/{bizLocation}/events": {path: func(f *matrixFixture) string {
		return "/epcis/bizLocations/" + url.PathEscape("urn:traceledger:uscc:"+f.it.importer) + "/events"
	}, expect: listRoute},
	"GET /epcis/epcs":         {path: fixed("/epcis/epcs"), expect: listRoute},
	"GET /epcis/bizLocations": {path: fixed("/epcis/bizLocations"), expect: listRoute},
	"GET /epcis/readPoints":   {path: fixed("/epcis/readPoints"), expect: listRoute},
	// Named queries are each reader's own: anyone saves, lists and deletes
	// its own (a name another saved is simply not there: 404).
	"POST /epcis/queries": {path: fixed("/epcis/queries"), body: func(*matrixFixture) any {
		return map[string]any{"name": "matrix", "query": map[string]any{"EQ_bizStep": "shipping"}}
	}, expect: cells{s401, s403, allowed, allowed, allowed, allowed}},
	"GET /epcis/queries":                    {path: fixed("/epcis/queries"), expect: listRoute},
	"GET /epcis/queries/{queryName}":        {path: fixed("/epcis/queries/matrix"), expect: cells{s401, s403, allowed, allowed, allowed, allowed}},
	"GET /epcis/queries/{queryName}/events": {path: fixed("/epcis/queries/matrix/events"), expect: cells{s401, s403, allowed, allowed, allowed, allowed}},
	"DELETE /epcis/queries/{queryName}":     {path: fixed("/epcis/queries/matrix"), expect: cells{s401, s403, allowed, allowed, allowed, allowed}},
	"GET /epcis/readPoints/{readPoint}/events": {path: func(f *matrixFixture) string {
		return "/epcis/readPoints/" + url.PathEscape("urn:traceledger:uscc:"+f.it.importer) + "/events"
	}, expect: listRoute},
	// The product catalogue is reference data anyone may read.
	"GET /api/v1/categories": {path: fixed("/api/v1/categories"), expect: publicRoute},
	// EPCIS capture: regulators and enterprises capture (a document at an
	// unregistered GLN is a finished job listing the fault: 202, nothing
	// appended); jobs and the GLN registry are read by their enterprise.
	"POST /epcis/capture": {path: fixed("/epcis/capture"), body: func(*matrixFixture) any {
		return map[string]any{"@context": []any{"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"}, "type": "EPCISDocument",
			"schemaVersion": "2.0", "creationDate": "2026-01-01T00:00:00Z", "epcisBody": map[string]any{"eventList": []any{map[string]any{
				"type": "ObjectEvent", "eventTime": "2026-01-01T00:00:00Z", "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
				"bizStep": "storing", "bizLocation": map[string]any{"id": "urn:epc:id:sgln:6901234.00000.0"}, "epcList": []any{}}}}}
	}, expect: cells{s401, s403, s403, allowed, allowed, allowed}},
	"GET /epcis/capture":      {path: fixed("/epcis/capture"), expect: cells{s401, s403, s403, s200, s200, s200}},
	"GET /epcis/capture/{id}": {path: fixed("/epcis/capture/no-such-job"), expect: cells{s401, s403, s403, s404, s404, s404}},
	"POST /api/v1/enterprises/{uscc}/locations": {path: func(f *matrixFixture) string { return "/api/v1/enterprises/" + f.it.importer + "/locations" },
		body: func(*matrixFixture) any { return map[string]any{"gln": "6901234000009", "name": "上海仓"} }, expect: ownCommand},
	"GET /api/v1/enterprises/{uscc}/locations": {path: func(f *matrixFixture) string { return "/api/v1/enterprises/" + f.it.importer + "/locations" },
		expect: readerRoute},
	// Subscriptions are each reader's own, to its own named queries (a
	// query or subscription another saved is simply not there: 404).
	"POST /epcis/queries/{queryName}/subscriptions": {path: fixed("/epcis/queries/matrix/subscriptions"), body: func(*matrixFixture) any {
		return map[string]any{"dest": "http://127.0.0.1:9/matrix", "stream": true}
	}, expect: cells{s401, s403, allowed, allowed, allowed, allowed}},
	"GET /epcis/queries/{queryName}/subscriptions": {path: fixed("/epcis/queries/matrix/subscriptions"), expect: cells{s401, s403, allowed, allowed, allowed, allowed}},
	"GET /epcis/queries/{queryName}/subscriptions/{subscriptionID}": {path: fixed("/epcis/queries/matrix/subscriptions/01a24227-0000-7000-8000-000000000000"),
		expect: cells{s401, s403, allowed, allowed, allowed, allowed}},
	"DELETE /epcis/queries/{queryName}/subscriptions/{subscriptionID}": {path: fixed("/epcis/queries/matrix/subscriptions/01a24227-0000-7000-8000-000000000000"),
		expect: cells{s401, s403, allowed, allowed, allowed, allowed}},
	// An enterprise's stock by batch: overseers read any, the enterprise its own;
	// another's answers as an unknown enterprise.
	"GET /api/v1/enterprises/{uscc}/stock": {path: func(f *matrixFixture) string { return "/api/v1/enterprises/" + f.it.importer + "/stock" }, expect: readerRoute},
	// The capture jobs that appended nothing: as the capture interface, a
	// regulator reads every one, an enterprise its own (the stranger's list is empty).
	"GET /api/v1/captures/unrecorded": {path: fixed("/api/v1/captures/unrecorded"), expect: cells{s401, s403, s403, s200, s200, s200}},

	// An enterprise reads its own tokens' activity; an admin every token's
	// and the server's status.
	"GET /api/v1/me/tokens":    {path: fixed("/api/v1/me/tokens"), expect: cells{s401, s403, s403, s200, s200, s403}},
	"GET /api/v1/admin/status": {path: fixed("/api/v1/admin/status"), expect: cells{s401, s200, s403, s403, s403, s403}},
}

func fixed(p string) func(*matrixFixture) string { return func(*matrixFixture) string { return p } }

func newMatrixFixture(t *testing.T) *matrixFixture {
	t.Helper()
	l := startLedger(t)
	it := newImportedItem(t, l)
	f := &matrixFixture{ledger: l, it: it, reg: it.reg, ana: l.token(access.RoleAnalyst, ""), adm: l.token(access.RoleAdmin, ""),
		b: newUSCC(t, "91440101MA59KB8X0"), c: newUSCC(t, "91110105MA00HT200"), declaration: "222920261000004321",
		batchPath: "/api/v1/batches/" + it.gtin + "/OAT1", itemDL: "https://id.gs1.org" + it.code}
	l.must("/api/v1/enterprises", f.reg, map[string]any{"uscc": f.b, "name": "广州天河优品超市有限公司", "region": "广东广州", "roles": []string{"retailer", "importer"}})
	l.must("/api/v1/enterprises", f.reg, map[string]any{"uscc": f.c, "name": "北京某商贸有限公司", "region": "北京", "roles": []string{"retailer"}})
	f.bTok, f.cTok = l.token(access.RoleEnterprise, f.b), l.token(access.RoleEnterprise, f.c)
	f.enterpriseToRegister = map[string]any{"uscc": newUSCC(t, "91330100MA2H8T0R0"), "name": "杭州西溪进出口有限公司", "region": "浙江杭州", "roles": []string{"importer"}}
	s := l.must("/api/v1/shipments", it.tok, map[string]any{"from_uscc": it.importer, "to_uscc": f.b, "waybill": "SF1",
		"lines": []map[string]any{{"gtin": it.gtin, "lot": "OAT1", "quantity": 2}}})
	f.shipment = s.body["shipment_id"].(string)
	f.unlabelledSaleLines = []map[string]any{{"gtin": it.gtin, "lot": "OAT1", "quantity": 1}}
	f.recallBatches = []map[string]any{{"gtin": it.gtin, "lot": "OAT1"}}
	cp := l.must("/api/v1/complaints", f.reg, map[string]any{"gtin": it.gtin, "lot": "OAT1", "against_uscc": it.importer, "category": "质量", "severity": 1, "channel": "12315"})
	f.complaint = cp.body["complaint_id"].(string)
	l.must("/api/v1/complaints/"+f.complaint+"/acceptance", f.reg, map[string]any{})
	pc := l.must("/api/v1/public/complaints", "", map[string]any{"item": it.code, "category": "质量", "description": "有异物", "contact": "138 0000 0000"})
	f.publicCase, _ = pc.body["complaint_id"].(string)
	f.followUp, _ = pc.body["follow_up_code"].(string)
	rc := l.must("/api/v1/recalls", it.tok, map[string]any{"batches": f.recallBatches, "level": 2, "reason": "密封不良", "initiated_by_uscc": it.importer})
	f.recall = rc.body["recall_id"].(string)
	f.size = rc.position
	tk := l.do("POST", "/api/v1/admin/tokens", f.adm, map[string]any{"role": "analyst"})
	if tk.status != http.StatusCreated {
		t.Fatalf("admin token create = %d %s", tk.status, tk.raw)
	}
	list := l.do("GET", "/api/v1/admin/tokens", f.adm, nil)
	toks, _ := list.body["tokens"].([]any)
	for _, x := range toks {
		if m := x.(map[string]any); m["role"] == "analyst" {
			f.tokenID, _ = m["id"].(string)
		}
	}
	if f.tokenID == "" {
		t.Fatalf("no analyst token listed: %s", list.raw)
	}
	// Every read model and the first signed checkpoint cover the fixture.
	deadline := time.Now().Add(10 * time.Second)
	for {
		h := l.do("GET", "/api/v1/ledger/head", "", nil)
		if size, _ := h.body["tree_size"].(float64); h.status == 200 && fmt.Sprint(size) == f.size {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no checkpoint covers the fixture's %s events: %d %s", f.size, h.status, h.raw)
		}
		time.Sleep(100 * time.Millisecond)
	}
	l.do("GET", "/api/v1/recalls/"+f.recall+rc.after(), f.reg, nil)
	return f
}

// openAPIRoutes lists "METHOD /path" for every operation of the OpenAPI.
func openAPIRoutes(t *testing.T) []string {
	t.Helper()
	fh, err := os.Open(filepath.Join("..", "..", "docs", "api", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	pathLine := regexp.MustCompile(`^  (/\S*):\s*$`)
	opLine := regexp.MustCompile(`^    (get|post|put|patch|delete):\s*$`)
	var routes []string
	inPaths, current := false, ""
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "paths:":
			inPaths = true
		case inPaths && len(line) > 0 && line[0] != ' ' && line[0] != '#':
			inPaths = false
		case inPaths && pathLine.MatchString(line):
			current = pathLine.FindStringSubmatch(line)[1]
		case inPaths && current != "" && opLine.MatchString(line):
			routes = append(routes, strings.ToUpper(opLine.FindStringSubmatch(line)[1])+" "+current)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(routes)
	return routes
}

// TestAuthorisationMatrixCoversEveryRouteOfTheOpenAPI: the matrix has a row
// for every operation of the OpenAPI and none for a route it does not list.
func TestAuthorisationMatrixCoversEveryRouteOfTheOpenAPI(t *testing.T) {
	routes := openAPIRoutes(t)
	if len(routes) < 40 {
		t.Fatalf("read %d operations from the OpenAPI: the parser no longer reads it", len(routes))
	}
	for _, r := range routes {
		if _, ok := matrix[r]; !ok {
			t.Errorf("route %s of the OpenAPI has no row in the authorisation matrix", r)
		}
	}
	for r := range matrix {
		if !slices.Contains(routes, r) {
			t.Errorf("the matrix has a row for %s, which the OpenAPI does not list", r)
		}
	}
}

// TestAuthorisationMatrix asks every route as every caller and compares
// the status with the matrix; every refusal leaves the log head where it
// was.
func TestAuthorisationMatrix(t *testing.T) {
	f := newMatrixFixture(t)
	routes := openAPIRoutes(t)
	cellsRun := 0
	for _, r := range routes {
		row, ok := matrix[r]
		if !ok {
			continue // reported by TestAuthorisationMatrixCoversEveryRouteOfTheOpenAPI
		}
		method, _, _ := strings.Cut(r, " ")
		t.Run(r, func(t *testing.T) {
			for i, who := range callers {
				tok := f.tokenOf(who, row)
				var body any
				if row.body != nil {
					body = row.body(f)
				}
				before := f.head()
				a := f.do(method, row.path(f), tok, body)
				cellsRun++
				want := row.expect[i]
				switch {
				case want == allowed:
					if a.status == s401 || a.status == s403 || a.status >= 500 {
						t.Errorf("%s as %s = %d %s, want it past the access rules", r, who, a.status, a.raw)
					}
				case a.status != want:
					t.Errorf("%s as %s = %d %s, want %d", r, who, a.status, a.raw, want)
				}
				if a.status >= 400 && method != "GET" {
					if after := f.head(); after != before {
						t.Errorf("%s as %s was refused (%d) but the log head moved from %v to %v", r, who, a.status, before, after)
					}
				}
			}
		})
	}
	t.Logf("%d routes x %d callers: %d cells", len(routes), len(callers), cellsRun)
}

// tokenOf is the bearer token of a caller for a row ("" for the public).
func (f *matrixFixture) tokenOf(who string, row matrixRow) string {
	switch who {
	case "admin":
		return f.adm
	case "analyst":
		return f.ana
	case "regulator":
		return f.reg
	case "stranger":
		return f.cTok
	case "owner":
		if row.owner != nil {
			return row.owner(f)
		}
		return f.it.tok
	}
	return ""
}

// epcisEventID is the hash id of the fixture owner's first EPCIS event,
// as a regulator reads it.
func (f *matrixFixture) epcisEventID() string {
	f.t.Helper()
	a := f.do("GET", "/epcis/events?perPage=1&EQ_bizLocation="+url.QueryEscape("urn:traceledger:uscc:"+f.it.importer)+"&min_position="+f.size, f.reg, nil)
	body, _ := a.body["epcisBody"].(map[string]any)
	qr, _ := body["queryResults"].(map[string]any)
	rb, _ := qr["resultsBody"].(map[string]any)
	evs, _ := rb["eventList"].([]any)
	if a.status != http.StatusOK || len(evs) == 0 {
		f.t.Fatalf("no EPCIS event of the fixture: %d %s", a.status, a.raw)
	}
	id, _ := evs[0].(map[string]any)["eventID"].(string)
	return id
}
