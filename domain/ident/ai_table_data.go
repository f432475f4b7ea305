package ident

// aiRows is the ledger's table of GS1 Application Identifiers. The formats,
// pairing rules and Digital Link roles follow the GS1 General Specifications
// and the GS1 Barcode Syntax Dictionary (Apache-2.0, (c) GS1 AISBL, BWIPP
// and Zint), as used by gs1/gs1-syntax-engine, whose test vectors this
// package passes.
//
// Each row: AI or AI range; flags ("*" predefined length, so no FNC1
// separator follows; "?" permitted as a Digital Link data attribute); the
// format, one component per space ("N6", "X..20", "[N..12]" optional, each
// followed by ",linter" names from ai_lint.go); attributes ("req=A,B+C"
// requires A, or B with C; repeated req all apply; "ex=A,31nn" forbids
// pairing; "dlpkey=22,10,21|235" makes the AI a Digital Link primary key
// with ordered optional qualifiers, alternatives split by "|").
//
// Not linted here, by choice: GS1 Company Prefix positions (gcppos1/2, they
// need GS1's prefix list), coupon codes (8110, 8112) and package types
// (7041). Their character set and length are still checked.
var aiRows = [][4]string{
	{"00", "*?", "N18,csum", "dlpkey"},
	{"01", "*?", "N14,csum", "ex=255,37 dlpkey=22,10,21|235"},
	{"02", "*?", "N14,csum", "ex=01,03 req=37"},
	{"03", "*", "N14,csum", "ex=01,02,37"},
	{"10", "?", "X..20", "req=01,02,03,8006,8026"},
	{"11", "*?", "N6,yymmd0", "req=01,02,03,8006,8026"},
	{"12", "*?", "N6,yymmd0", "req=8020"},
	{"13", "*?", "N6,yymmd0", "req=01,02,03,8006,8026"},
	{"15", "*?", "N6,yymmd0", "req=01,02,03,8006,8026"},
	{"16", "*?", "N6,yymmd0", "req=01,02,03,8006,8026"},
	{"17", "*?", "N6,yymmd0", "req=01,02,03,255,8006,8026"},
	{"20", "*?", "N2", "req=01,02,8006,8026"},
	{"21", "", "X..20", "req=01,03,8006 ex=235"},
	{"22", "", "X..20", "req=01"},
	{"235", "", "X..28", "req=01"},
	{"240", "?", "X..30", "req=01,02,8006,8026"},
	{"241", "?", "X..30", "req=01,02,8006,8026"},
	{"242", "?", "N..6", "req=01,02,8006,8026"},
	{"243", "?", "X..20", "req=01"},
	{"250", "?", "X..30", "req=01,8006 req=21"},
	{"251", "?", "X..30", "req=01,8006"},
	{"253", "?", "N13,csum [X..17]", "dlpkey"},
	{"254", "", "X..20", "req=414"},
	{"255", "?", "N13,csum [N..12]", "dlpkey ex=01,02,415,8006,8020,8026"},
	{"30", "?", "N..8", "req=01,02"},
	// 31nn-36nn measures are generated in ai_table.go from measureRows.
	{"37", "?", "N..8", "req=00 req=02,8026"},
	{"3900-3909", "?", "N..15", "req=255,8020 ex=390n,391n,394n,8111"},
	{"3910-3919", "?", "N3,iso4217 N..15", "req=8020 ex=391n"},
	{"3920-3929", "?", "N..15", "req=01 req=30,31nn,32nn,35nn,36nn ex=392n,393n"},
	{"3930-3939", "?", "N3,iso4217 N..15", "req=30,31nn,32nn,35nn,36nn ex=393n"},
	{"3940-3943", "?", "N4", "req=255 ex=394n,8111"},
	{"3950-3955", "?", "N6", "req=30,31nn,32nn,35nn,36nn ex=392n,393n,395n,8005"},
	{"400", "?", "X..30", ""},
	{"401", "?", "X..30", "dlpkey"},
	{"402", "?", "N17,csum", "dlpkey"},
	{"403", "?", "X..30", "req=00"},
	{"410-413", "*?", "N13,csum", ""},
	{"414", "*?", "N13,csum", "dlpkey=254|7040"},
	{"415", "*?", "N13,csum", "req=8020 dlpkey=8020"},
	{"416", "*?", "N13,csum", ""},
	{"417", "*?", "N13,csum", "dlpkey=7040"},
	{"420", "?", "X..20", "ex=421"},
	{"421", "?", "N3,iso3166 X..9", "ex=4307"},
	{"422", "?", "N3,iso3166", "req=01,02,8006,8026 ex=426"},
	{"423", "?", "N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166", "req=01,02 ex=426"},
	{"424", "?", "N3,iso3166", "req=01,02 ex=426"},
	{"425", "?", "N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166", "req=01,02 ex=426"},
	{"426", "?", "N3,iso3166", "req=01,02"},
	{"427", "?", "X..3", "req=01,02 req=422"},
	{"4300-4301", "?", "X..35,pcenc", "req=00"},
	{"4302", "?", "X..70,pcenc", "req=00"},
	{"4303", "?", "X..70,pcenc", "req=4302"},
	{"4304-4306", "?", "X..70,pcenc", "req=00"},
	{"4307", "?", "X2,iso3166alpha2", "req=00"},
	{"4308", "?", "X..30", "req=00"},
	{"4309", "?", "N10,latitude N10,longitude", "req=00"},
	{"4310-4311", "?", "X..35,pcenc", "req=00"},
	{"4312", "?", "X..70,pcenc", "req=00"},
	{"4313", "?", "X..70,pcenc", "req=4312"},
	{"4314-4316", "?", "X..70,pcenc", "req=00"},
	{"4317", "?", "X2,iso3166alpha2", "req=00"},
	{"4318", "?", "X..20", "req=00"},
	{"4319", "?", "X..30", "req=00"},
	{"4320", "?", "X..35,pcenc", "req=00"},
	{"4321-4323", "?", "N1,yesno", "req=00"},
	{"4324-4325", "?", "N6,yymmd0 N4,hhmi", "req=00"},
	{"4326", "?", "N6,yymmdd", "req=00"},
	{"4330", "?", "N6 [X1],hyphen", "req=00 ex=4331"},
	{"4331", "?", "N6 [X1],hyphen", "req=00 ex=4330"},
	{"4332", "?", "N6 [X1],hyphen", "req=00 ex=4333"},
	{"4333", "?", "N6 [X1],hyphen", "req=00 ex=4332"},
	{"7001", "?", "N13", "req=01,02,8006,8026"},
	{"7002", "?", "X..30", "req=01,02"},
	{"7003", "?", "N6,yymmdd N4,hhmi", "req=01,02"},
	{"7004", "?", "N..4", "req=01 req=10"},
	{"7005", "?", "X..12", "req=01,02"},
	{"7006", "?", "N6,yymmdd", "req=01,02"},
	{"7007", "?", "N6,yymmdd [N6],yymmdd", "req=01,02"},
	{"7008", "?", "X..3", "req=01,02"},
	{"7009", "?", "X..10", "req=01,02"},
	{"7010", "?", "X..2", "req=01,02"},
	{"7011", "?", "N6,yymmdd [N4],hhmi", "req=01,02"},
	{"7020", "?", "X..20", "req=01,8006 req=416"},
	{"7021", "?", "X..20", "req=01,8006"},
	{"7022", "?", "X..20", "req=7021"},
	{"7023", "?", "X..30", ""},
	{"7030-7039", "?", "N3,iso3166999 X..27", "req=01,02"},
	{"7040", "", "N1 X1 X1 X1,importeridx", ""},
	{"7041", "", "X..4", "req=00"},
	{"710-716", "?", "X..20", "req=01"},
	{"7230-7239", "?", "X2 X..28", "req=01,8004"},
	{"7240", "?", "X..20", "req=01,8006"},
	{"7241", "?", "N2,mediatype", "req=8017,8018"},
	{"7242", "?", "X..25", "req=8017,8018"},
	{"7250", "?", "N8,yyyymmdd", "req=8018 ex=7251"},
	{"7251", "?", "N8,yyyymmdd N4,hhmi", "req=8018 ex=7250"},
	{"7252", "?", "N1,iso5218", "req=8018"},
	{"7253-7254", "?", "X..40,pcenc", "req=8017,8018 ex=7256,7259"},
	{"7255", "?", "X..10", "req=8017,8018 ex=7256,7259"},
	{"7256", "?", "X..90,pcenc", "req=8017,8018"},
	{"7257", "?", "X..70,pcenc", "req=8018"},
	{"7258", "?", "X3,posinseqslash", "req=8018+7259"},
	{"7259", "?", "X..40,pcenc", "req=8018 ex=7256"},
	{"8001", "?", "N4,nonzero N5,nonzero N3,nonzero N1,winding N1", "req=01"},
	{"8002", "?", "X..20", ""},
	{"8003", "?", "N1,zero N13,csum [X..16]", "dlpkey"},
	{"8004", "?", "X..30", "dlpkey=7040"},
	{"8005", "?", "N6", "req=01,02"},
	{"8006", "?", "N14,csum N4,pieceoftotal", "ex=01,37 dlpkey=22,10,21"},
	{"8007", "?", "X..34,iban", "req=415"},
	{"8008", "?", "N6,yymmdd N2,hh [N2],mi [N2],ss", "req=01,02"},
	{"8009", "?", "X..50", "req=00,01"},
	{"8010", "?", "Y..30", "dlpkey=8011"},
	{"8011", "", "N..12,nozeroprefix", "req=8010"},
	{"8012", "?", "X..20", "req=01,8006"},
	{"8013", "?", "X..25,csumalpha", "dlpkey"},
	{"8014", "", "X..25,csumalpha,hasnondigit", "req=01"},
	{"8017", "?", "N18,csum", "ex=8018 dlpkey=8019"},
	{"8018", "?", "N18,csum", "ex=8017 dlpkey=8019"},
	{"8019", "", "N..10", "req=8017,8018"},
	{"8020", "", "X..25", "req=415"},
	{"8026", "?", "N14,csum N4,pieceoftotal", "req=37 ex=02,8006"},
	{"8030", "?", "Z..90", "req=00,01+21,253,255,8003,8004,8006+21,8010+8011,8017,8018"},
	{"8110", "?", "X..70", ""},
	{"8111", "?", "N4", "req=255"},
	{"8112", "?", "X..70", ""},
	{"8200", "", "X..70", "req=01"},
	{"90", "?", "X..30", ""},
	{"91-99", "?", "X..90", ""},
}

// measureRows are the trade and logistic measures (31nn-36nn): each three-digit
// prefix p covers AIs p0-p5 (the last digit places the decimal point), N6,
// predefined length, pairing with the listed keys and with no other AI of
// the same prefix.
var measureRows = []struct{ prefixes, req string }{
	{"310 311 312 313 314 315 316 320 321 322 323 324 325 326 327 328 329 350 351 352 356 357 360 361 364 365 366", "01,02"},
	{"330 331 332 333 334 335 336 340 341 342 343 344 345 346 347 348 349 353 354 355 362 363 367 368 369", "00,01"},
	{"337", "01"},
}

// convenienceAlphas are the deprecated GS1 Digital Link path names for AIs,
// honoured only with ParseOptions.PermitConvenienceAlphas.
var convenienceAlphas = map[string]string{
	"cpid": "8010", "cpsn": "8011", "cpv": "22", "gcn": "255", "gdti": "253",
	"giai": "8004", "ginc": "401", "gln": "414", "glnx": "254", "gmn": "8013",
	"grai": "8003", "gsin": "402", "gsrn": "8018", "gsrnp": "8017", "gtin": "01",
	"itip": "8006", "lot": "10", "party": "417", "refno": "8020", "ser": "21",
	"srin": "8019", "sscc": "00",
}

// predefinedLength gives, by an AI's first two digits, the value length of
// the prefixes that GS1 pre-defines as fixed length (GS1 General
// Specifications figure 5.10.1-2): no FNC1 follows them in an element
// string. It also sizes unknown AIs vivified under PermitUnknownAIs.
var predefinedLength = map[string]int{
	"00": 18, "01": 14, "02": 14, "03": 14, "04": 16,
	"11": 6, "12": 6, "13": 6, "14": 6, "15": 6, "16": 6, "17": 6, "18": 6, "19": 6, "20": 2,
	"31": 6, "32": 6, "33": 6, "34": 6, "35": 6, "36": 6, "41": 13,
}
