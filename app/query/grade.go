package query

import "time"

// Grade is an enterprise's credit grade with everything that produced it:
// the factors (value, normalised value, weight, contribution), the raw
// features and the serious violations, as of a time.
type Grade struct {
	USCC              string                 `json:"uscc"`
	Name              string                 `json:"name"`
	Grade             int                    `json:"grade"`
	Blacklisted       bool                   `json:"blacklisted"`
	Score             float64                `json:"score"`
	Factors           map[string]GradeFactor `json:"factors"`
	Features          GradeFeatures          `json:"features"`
	SeriousViolations []SeriousViolation     `json:"serious_violations"`
	AsOf              time.Time              `json:"as_of"`
}

// GradeCount is how many enterprises have a grade.
type GradeCount struct {
	Grade       int `json:"grade"`
	Enterprises int `json:"enterprises"`
}

// GradeFactor is one factor of a grade: its raw value, the value normalised to
// 0-1, its weight and the points it adds to the score.
type GradeFactor struct {
	Value        float64 `json:"value"`
	Normalized   float64 `json:"normalized"`
	Weight       float64 `json:"weight"`
	Contribution float64 `json:"contribution"`
}

// GradeFeatures are the raw counts behind the factors, returned with every grade
// so that each factor can be recomputed by hand.
type GradeFeatures struct {
	UnitsSold                int64 `json:"units_sold"`
	ComplaintsResolved       int64 `json:"complaints_resolved"`
	ComplaintsSubstantiated  int64 `json:"complaints_substantiated"`
	MarketInspections        int64 `json:"market_inspections"`
	MarketInspectionsFailed  int64 `json:"market_inspections_failed"`
	Declarations             int64 `json:"declarations"`
	CustomsInspectionsFailed int64 `json:"customs_inspections_failed"`
	CustomsRejections        int64 `json:"customs_rejections"`
	RecallsLevel1            int64 `json:"recalls_level_1"`
	RecallsLevel2            int64 `json:"recalls_level_2"`
	RecallsLevel3            int64 `json:"recalls_level_3"`
	RecallDeadlinesMissed    int64 `json:"recall_deadlines_missed"`
	Penalties                int64 `json:"penalties"`
	PenaltyAmountCNY         int64 `json:"penalty_amount_cny"`
	CertificatesRejected     int64 `json:"certificates_rejected"`
	CertificatesRevoked      int64 `json:"certificates_revoked"`
	CertificatesExpiredInUse int64 `json:"certificates_expired_in_use"`
	// UncertifiedSales counts sales of imported goods without a certificate
	// issued and valid on the sale's day; ExpiredSales sales after the
	// batch's expiry date.
	UncertifiedSales int64 `json:"uncertified_sales"`
	ExpiredSales     int64 `json:"expired_sales"`
}

// BlacklistChange is one listing (class 4 entered) or de-listing (left) of
// an enterprise, at ledger time At, caused by the event at Position (or, for
// a recall deadline passing, the first event after it). Reason is a
// serious violation's kind, "score" (above the class-3 threshold) or, for a
// de-listing, "cleared"; Detail says which.
type BlacklistChange struct {
	Seq      int       `json:"seq"`
	USCC     string    `json:"uscc"`
	Name     string    `json:"name"`
	Listed   bool      `json:"listed"`
	At       time.Time `json:"at"`
	Position uint64    `json:"position"`
	Grade    int       `json:"grade"`
	Score    float64   `json:"score"`
	Reason   string    `json:"reason"`
	Detail   string    `json:"detail"`
}

// SeriousViolation is a serious violation: it forces class 4. Position is the log
// position of the event that shows it.
type SeriousViolation struct {
	Kind       string    `json:"kind"`
	Position   uint64    `json:"position"`
	OccurredAt time.Time `json:"occurred_at"`
	Detail     string    `json:"detail"`
}
