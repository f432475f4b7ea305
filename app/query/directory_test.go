package query_test

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// enterpriseRows is a directory model holding fixed enterprises.
type enterpriseRows []query.EnterpriseSummary

func (m enterpriseRows) Enterprises() []query.EnterpriseSummary { return slices.Clone(m) }

// gradeByDigit grades an enterprise by the last digit of its USCC (1-4),
// and leaves those ending in 0 ungraded.
type gradeByDigit struct{}

func (gradeByDigit) Grade(uscc string, _ time.Time) (query.Grade, bool) {
	d := int(uscc[len(uscc)-1] - '0')
	if d == 0 {
		return query.Grade{}, false
	}
	return query.Grade{USCC: uscc, Grade: 1 + d%4}, true
}

var (
	regulator = query.Read{Actor: access.Actor{Role: access.RoleRegulator}}
	analyst   = query.Read{Actor: access.Actor{Role: access.RoleAnalyst}}
)

// manyEnterprises is n enterprises whose names repeat (ties the cursor must
// break by USCC), in three regions, registered in USCC order.
func manyEnterprises(n int) enterpriseRows {
	var out enterpriseRows
	for i := range n {
		out = append(out, query.EnterpriseSummary{USCC: fmt.Sprintf("91310000MA1F%06d", i), Name: fmt.Sprintf("企业%02d", i%17),
			Region: []string{"310000", "440101", "110000"}[i%3], Roles: []string{[]string{"retailer", "importer"}[i%2]}, Position: uint64(10 + i)})
	}
	return out
}

// walk lists every page of the directory under sort with pages of limit
// rows, and the USCCs in the order listed.
func walk(t *testing.T, q *query.EnterpriseDirectory, rd query.Read, f query.EnterpriseFilter, sort string, limit int) []query.EnterpriseSummary {
	t.Helper()
	var all []query.EnterpriseSummary
	after := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("the walk does not end")
		}
		rows, next, err := q.List(t.Context(), rd, f, query.DirectoryPage{Sort: sort, After: after, Limit: limit}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if next != "" && len(rows) != limit {
			t.Fatalf("a page of %d rows before the last, want %d", len(rows), limit)
		}
		all = append(all, rows...)
		if next == "" {
			return all
		}
		after = next
	}
}

func TestTheEnterpriseDirectoryPagesToTheEndInSortOrderWithoutDuplicatesOrGaps(t *testing.T) {
	model := manyEnterprises(250)
	q := query.NewEnterpriseDirectory(model, gradeByDigit{}, settled(5))
	less := map[string]func(a, b query.EnterpriseSummary) int{
		"name": func(a, b query.EnterpriseSummary) int { return strings.Compare(a.Name+a.USCC, b.Name+b.USCC) },
		"uscc": func(a, b query.EnterpriseSummary) int { return strings.Compare(a.USCC, b.USCC) },
		"grade": func(a, b query.EnterpriseSummary) int {
			return strings.Compare(strconv.Itoa(a.Grade)+a.USCC, strconv.Itoa(b.Grade)+b.USCC)
		},
		"region":     func(a, b query.EnterpriseSummary) int { return strings.Compare(a.Region+a.USCC, b.Region+b.USCC) },
		"registered": func(a, b query.EnterpriseSummary) int { return int(a.Position) - int(b.Position) },
	}
	for _, sort := range []string{"", "name", "-name", "uscc", "-uscc", "grade", "-grade", "region", "registered", "-registered"} {
		for _, limit := range []int{1, 7, 100, 1000} {
			t.Run(fmt.Sprintf("%s by %d", sort, limit), func(t *testing.T) {
				got := walk(t, q, regulator, query.EnterpriseFilter{}, sort, limit)
				key, desc := strings.CutPrefix(sort, "-")
				if key == "" {
					key = "name"
				}
				want := slices.Clone(model)
				for i := range want {
					g, _ := gradeByDigit{}.Grade(want[i].USCC, time.Now())
					want[i].Grade = g.Grade
				}
				slices.SortFunc(want, less[key])
				if desc {
					slices.Reverse(want)
				}
				if len(got) != len(want) {
					t.Fatalf("listed %d, want %d", len(got), len(want))
				}
				for i := range want {
					if got[i].USCC != want[i].USCC {
						t.Fatalf("row %d is %s, want %s", i, got[i].USCC, want[i].USCC)
					}
				}
			})
		}
	}
}

func TestAnEnterpriseRegisteredMidWalkNeitherRepeatsNorHidesAnother(t *testing.T) {
	model := manyEnterprises(30)
	q := query.NewEnterpriseDirectory(modelFunc(func() []query.EnterpriseSummary { return slices.Clone(model) }), nil, settled(5))
	first, next, err := q.List(t.Context(), regulator, query.EnterpriseFilter{}, query.DirectoryPage{Limit: 10}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// A name sorting before the cursor: the rest of the walk is unchanged.
	model = append(model, query.EnterpriseSummary{USCC: "91310000MA1FZZZZZZ", Name: "企业00"})
	rest := walk(t, q, regulator, query.EnterpriseFilter{}, "", 10)
	seen := map[string]bool{}
	for _, e := range first {
		seen[e.USCC] = true
	}
	after, _, err := q.List(t.Context(), regulator, query.EnterpriseFilter{}, query.DirectoryPage{After: next, Limit: 1000}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range after {
		if seen[e.USCC] {
			t.Fatalf("%s listed twice", e.USCC)
		}
		seen[e.USCC] = true
	}
	if len(seen) != 30 || len(rest) != 31 {
		t.Fatalf("%d listed across the cursor, %d in a new walk; want 30 and 31", len(seen), len(rest))
	}
}

// modelFunc is a directory model answering what its function returns.
type modelFunc func() []query.EnterpriseSummary

func (f modelFunc) Enterprises() []query.EnterpriseSummary { return f() }

func TestTheEnterpriseDirectoryFiltersByRegionRoleGradeAndPartOfTheName(t *testing.T) {
	model := enterpriseRows{
		{USCC: "91310000MA1FL00011", Name: "上海即食燕麦食品有限公司", Region: "310000", Roles: []string{"manufacturer"}},
		{USCC: "91440101MA5ABCDE12", Name: "广州燕麦进口有限公司", Region: "440101", Roles: []string{"importer", "distributor"}},
		{USCC: "91110000MA00000013", Name: "Fresh Oats Ltd", Region: "110000", Roles: []string{"retailer"}},
		{USCC: "91110000MA00000010", Name: "北京超市", Region: "110000", Roles: []string{"retailer"}},
	}
	q := query.NewEnterpriseDirectory(model, gradeByDigit{}, settled(5))
	cases := []struct {
		name string
		f    query.EnterpriseFilter
		want string
	}{
		{"a two-character Chinese word inside names", query.EnterpriseFilter{Name: "燕麦"}, "91310000MA1FL00011 91440101MA5ABCDE12 "},
		{"Latin text in any case", query.EnterpriseFilter{Name: "oats"}, "91110000MA00000013 "},
		{"a region", query.EnterpriseFilter{Region: "110000"}, "91110000MA00000010 91110000MA00000013 "},
		{"one of the roles", query.EnterpriseFilter{Role: "distributor"}, "91440101MA5ABCDE12 "},
		{"a grade", query.EnterpriseFilter{Grade: 4}, "91110000MA00000013 "},
		{"every filter at once", query.EnterpriseFilter{Region: "110000", Role: "retailer", Name: "超市"}, "91110000MA00000010 "},
		{"nothing matches", query.EnterpriseFilter{Region: "999999"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, _, err := q.List(t.Context(), analyst, c.f, query.DirectoryPage{Sort: "uscc"}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, e := range rows {
				got += e.USCC + " "
			}
			if got != c.want {
				t.Fatalf("listed %q, want %q", got, c.want)
			}
		})
	}
}

func TestAnEnterpriseListsOnlyItselfInTheEnterpriseDirectory(t *testing.T) {
	q := query.NewEnterpriseDirectory(manyEnterprises(20), nil, settled(5))
	own := manyEnterprises(20)[7].USCC
	rows, next, err := q.List(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: own}}, query.EnterpriseFilter{}, query.DirectoryPage{}, time.Now())
	if err != nil || len(rows) != 1 || rows[0].USCC != own || next != "" {
		t.Fatalf("an enterprise lists %v (next %q, %v), want itself only", rows, next, err)
	}
}

// declarationRows is a declaration model holding fixed declarations.
type declarationRows []query.DeclarationView

func (m declarationRows) Get(no string) (query.DeclarationView, bool) {
	for _, d := range m {
		if d.DeclarationNo == no {
			return d, true
		}
	}
	return query.DeclarationView{}, false
}

func (m declarationRows) Declarations() []query.DeclarationView { return slices.Clone(m) }

func TestTheDeclarationListFiltersAndShowsAnEnterpriseOnlyItsOwn(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	model := declarationRows{
		{DeclarationNo: "514120260000000001", Port: "南沙", ImporterUSCC: shop, DeclaredAt: day(1), Position: 1, Decision: "released"},
		{DeclarationNo: "514120260000000002", Port: "黄埔", ImporterUSCC: maker, DeclaredAt: day(5), Position: 2},
		{DeclarationNo: "514120260000000003", Port: "南沙", ImporterUSCC: shop, DeclaredAt: day(9), Position: 3, Decision: "rejected"},
	}
	q := query.NewDeclarations(model, nil, settled(5))
	own := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: shop}}
	cases := []struct {
		name string
		rd   query.Read
		f    query.DeclarationFilter
		want string
	}{
		{"a regulator lists all, oldest first", regulator, query.DeclarationFilter{}, "1 2 3 "},
		{"an importer lists only its own", own, query.DeclarationFilter{}, "1 3 "},
		{"another's declarations stay absent under a filter naming them", own, query.DeclarationFilter{Importer: maker}, ""},
		{"a stranger lists none", query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stranger}}, query.DeclarationFilter{}, ""},
		{"a port", regulator, query.DeclarationFilter{Port: "南沙"}, "1 3 "},
		{"pending: no decision yet", regulator, query.DeclarationFilter{Status: "pending"}, "2 "},
		{"rejected", regulator, query.DeclarationFilter{Status: "rejected"}, "3 "},
		{"a date range, from inclusive, to exclusive", regulator, query.DeclarationFilter{DeclaredFrom: day(5), DeclaredTo: day(9)}, "2 "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, _, err := q.List(t.Context(), c.rd, c.f, query.DirectoryPage{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, d := range rows {
				got += d.DeclarationNo[len(d.DeclarationNo)-1:] + " "
			}
			if got != c.want {
				t.Fatalf("listed %q, want %q", got, c.want)
			}
		})
	}
}

// productRows is a product directory model holding fixed products.
type productRows []query.ProductSummary

func (m productRows) Products(time.Time) []query.ProductSummary { return slices.Clone(m) }

func TestTheProductDirectoryFiltersAndShowsAnEnterpriseItsOwnAndNotifiedProducts(t *testing.T) {
	model := productRows{
		{GTIN: "06901234567892", Name: "即食燕麦片", Category: "谷物", OriginCountry: "CN", OwnerUSCC: maker, Certificate: "none"},
		{GTIN: "04006381333931", Name: "Milk powder", Brand: "Alpen", Category: "乳制品", OriginCountry: "DE", OwnerUSCC: stranger, NotifierUSCC: shop, Certificate: "issued"},
		{GTIN: "09300000000014", Name: "Oat milk", Category: "乳制品", OriginCountry: "AU", OwnerUSCC: stranger, Certificate: "expired"},
	}
	q := query.NewProductDirectory(model, settled(5))
	cases := []struct {
		name string
		rd   query.Read
		f    query.ProductFilter
		want string
	}{
		{"a regulator lists all", regulator, query.ProductFilter{}, "04006381333931 06901234567892 09300000000014 "},
		{"the owner its own", query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: maker}}, query.ProductFilter{}, "06901234567892 "},
		{"the importer that notified the barcode", query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: shop}}, query.ProductFilter{}, "04006381333931 "},
		{"a category", analyst, query.ProductFilter{Category: "乳制品"}, "04006381333931 09300000000014 "},
		{"an origin", analyst, query.ProductFilter{Origin: "AU"}, "09300000000014 "},
		{"an owner", analyst, query.ProductFilter{Owner: maker}, "06901234567892 "},
		{"a certificate state", analyst, query.ProductFilter{Certificate: "expired"}, "09300000000014 "},
		{"part of the name", analyst, query.ProductFilter{Name: "燕麦"}, "06901234567892 "},
		{"part of the brand", analyst, query.ProductFilter{Name: "alpen"}, "04006381333931 "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, _, err := q.List(t.Context(), c.rd, c.f, query.DirectoryPage{Sort: "gtin"}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, p := range rows {
				got += p.GTIN + " "
			}
			if got != c.want {
				t.Fatalf("listed %q, want %q", got, c.want)
			}
		})
	}
}

func TestBadDirectoryParametersAreRefusedNamingTheParameter(t *testing.T) {
	ents := query.NewEnterpriseDirectory(manyEnterprises(5), nil, settled(5))
	prods := query.NewProductDirectory(productRows{}, settled(5))
	decls := query.NewDeclarations(declarationRows{}, nil, settled(5))
	_, byName, _ := ents.List(t.Context(), regulator, query.EnterpriseFilter{}, query.DirectoryPage{Limit: 1}, time.Now())
	now := time.Now()
	cases := []struct {
		field string
		run   func() error
	}{
		{"sort", func() error {
			_, _, err := ents.List(t.Context(), regulator, query.EnterpriseFilter{}, query.DirectoryPage{Sort: "colour"}, now)
			return err
		}},
		{"after", func() error {
			_, _, err := ents.List(t.Context(), regulator, query.EnterpriseFilter{}, query.DirectoryPage{After: "not-a-cursor!"}, now)
			return err
		}},
		{"after", func() error { // a cursor of another sort
			_, _, err := ents.List(t.Context(), regulator, query.EnterpriseFilter{}, query.DirectoryPage{Sort: "uscc", After: byName}, now)
			return err
		}},
		{"limit", func() error {
			_, _, err := ents.List(t.Context(), regulator, query.EnterpriseFilter{}, query.DirectoryPage{Limit: 1001}, now)
			return err
		}},
		{"role", func() error {
			_, _, err := ents.List(t.Context(), regulator, query.EnterpriseFilter{Role: "farmer"}, query.DirectoryPage{}, now)
			return err
		}},
		{"grade", func() error {
			_, _, err := ents.List(t.Context(), regulator, query.EnterpriseFilter{Grade: 5}, query.DirectoryPage{}, now)
			return err
		}},
		{"certificate", func() error {
			_, _, err := prods.List(t.Context(), regulator, query.ProductFilter{Certificate: "valid"}, query.DirectoryPage{}, now)
			return err
		}},
		{"status", func() error {
			_, _, err := decls.List(t.Context(), regulator, query.DeclarationFilter{Status: "open"}, query.DirectoryPage{})
			return err
		}},
	}
	for _, c := range cases {
		var fe *domain.FieldError
		if err := c.run(); !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("want an invalid %s, got %v", c.field, err)
		}
	}
	if byName == "" {
		t.Fatal("a page of one of five has no next")
	}
	if _, _, err := ents.List(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleAdmin}}, query.EnterpriseFilter{}, query.DirectoryPage{}, now); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("an admin browses the directory: %v", err)
	}
}
