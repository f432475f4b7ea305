package ident

// ParseOptions relaxes GS1 Digital Link and element string parsing. The zero
// value is strict and matches gs1/gs1-syntax-engine's defaults; see
// testdata/gs1/POLICY.md for which vectors need which option and why the
// ledger ingests with DefaultParseOptions.
type ParseOptions struct {
	// PermitConvenienceAlphas accepts the deprecated path names ("gtin",
	// "lot", "ser", "sscc", ...) in place of numeric AIs in a URI path.
	PermitConvenienceAlphas bool
	// PermitZeroSuppressedGTIN accepts a GTIN-8, -12 or -13 as the value of
	// (01) in a URI, padding it to GTIN-14. Older labels print them.
	PermitZeroSuppressedGTIN bool
	// PermitUnknownAIs accepts numeric AIs that GS1 has not assigned (e.g.
	// (89)) as free-text data attributes, never as keys or qualifiers.
	PermitUnknownAIs bool
	// PermitQualifiersInQuery skips the Digital Link rule that an AI which
	// could qualify the key in the path (e.g. ?10= after /01/...) must be
	// there, not in the query.
	PermitQualifiersInQuery bool
}

// DefaultParseOptions is what the ledger uses for codes it ingests (QR scans,
// API input): strict, except that zero-suppressed GTINs are padded, as
// ParseGTIN does for a bare GTIN-13. Padding is lossless, and many labels in
// circulation carry a 13-digit GTIN in their QR code; everything the ledger
// emits is canonical GTIN-14 regardless.
var DefaultParseOptions = ParseOptions{PermitZeroSuppressedGTIN: true}
