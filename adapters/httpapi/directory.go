package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/ident"
)

// maxCursor bounds ?after= on the directories: a cursor this server gave
// is far shorter (a sort key and an id, base64).
const maxCursor = 1024

// RouteDirectories serves the directories a regulator browses: the
// enterprises, the products and the customs declarations, each filtered,
// sorted (?sort=, "-" for descending) and paged (?after= is the previous
// page's opaque next, ?limit= 1 to 1000, default 100). An enterprise lists
// only what concerns it; what it may not see is absent.
func (s *Server) RouteDirectories(enterprises *query.EnterpriseDirectory, products *query.ProductDirectory, decls *query.Declarations) {
	s.HandleFunc("GET /api/v1/enterprises", func(w http.ResponseWriter, r *http.Request) error {
		now, err := asOf(r)
		if err != nil {
			return err
		}
		v := r.URL.Query()
		pg, err := directoryPage(v)
		if err != nil {
			return err
		}
		f := query.EnterpriseFilter{Region: v.Get("region"), Role: v.Get("role"), Name: v.Get("name")}
		if f.Registered, err = timeRange(v, "registered"); err != nil {
			return err
		}
		if err := lines(v, "region", "role", "name"); err != nil {
			return err
		}
		if raw := v.Get("grade"); raw != "" {
			if f.Grade, err = strconv.Atoi(raw); err != nil || f.Grade < 1 || f.Grade > 4 {
				return domain.Invalid("grade", "want_1_2_3_or", "%q: want 1, 2, 3 or 4", raw)
			}
		}
		return answerJSON(w, r, enterprises, func(rd query.Read) (directoryAnswer, error) {
			rows, next, err := enterprises.List(r.Context(), rd, f, pg, now)
			return answer("enterprises", rows, next), err
		})
	}, traceAccess)

	s.HandleFunc("GET /api/v1/products", func(w http.ResponseWriter, r *http.Request) error {
		now, err := asOf(r)
		if err != nil {
			return err
		}
		v := r.URL.Query()
		pg, err := directoryPage(v)
		if err != nil {
			return err
		}
		if err := lines(v, "category", "name", "certificate"); err != nil {
			return err
		}
		f := query.ProductFilter{Category: v.Get("category"), Certificate: v.Get("certificate"), Name: v.Get("name")}
		if f.Registered, err = timeRange(v, "registered"); err != nil {
			return err
		}
		if raw := v.Get("origin"); raw != "" {
			c, err := ident.ParseCountry(raw)
			if err != nil {
				return domain.InvalidValue("origin", err)
			}
			f.Origin = c.String()
		}
		if f.Owner, err = usccParam(v, "owner"); err != nil {
			return err
		}
		return answerJSON(w, r, products, func(rd query.Read) (directoryAnswer, error) {
			rows, next, err := products.List(r.Context(), rd, f, pg, now)
			return answer("products", rows, next), err
		})
	}, traceAccess)

	s.HandleFunc("GET /api/v1/customs/declarations", func(w http.ResponseWriter, r *http.Request) error {
		v := r.URL.Query()
		pg, err := directoryPage(v)
		if err != nil {
			return err
		}
		if err := lines(v, "port", "status"); err != nil {
			return err
		}
		f := query.DeclarationFilter{Port: v.Get("port"), Status: v.Get("status")}
		if f.Importer, err = usccParam(v, "importer"); err != nil {
			return err
		}
		if f.DeclaredFrom, err = timeBound(v.Get("declared_from"), "declared_from", false); err != nil {
			return err
		}
		if f.DeclaredTo, err = timeBound(v.Get("declared_to"), "declared_to", true); err != nil {
			return err
		}
		return answerJSON(w, r, decls, func(rd query.Read) (directoryAnswer, error) {
			rows, next, err := decls.List(r.Context(), rd, f, pg)
			return answer("declarations", rows, next), err
		})
	}, traceAccess)
}

// directoryAnswer is a directory page: the rows under the directory's own
// member, and next, the cursor to pass as ?after= (null on the last page).
type directoryAnswer map[string]any

func answer[T any](member string, rows []T, next string) directoryAnswer {
	if rows == nil {
		rows = []T{}
	}
	out := directoryAnswer{member: rows, "next": nil}
	if next != "" {
		out["next"] = next
	}
	return out
}

// directoryPage reads ?sort=, ?after= and ?limit= (1 to 1000, default 100).
func directoryPage(v url.Values) (query.DirectoryPage, error) {
	pg := query.DirectoryPage{Sort: v.Get("sort"), After: v.Get("after"), Limit: query.DefaultDirectoryLimit}
	if len(pg.Sort) > command.MaxLine {
		return pg, badRequest("sort", "longer_than_characters", "is longer than %d characters", command.MaxLine)
	}
	if len(pg.After) > maxCursor {
		return pg, badRequest("after", "not_cursor_this_list_gave", "is not a cursor this list gave: pass the previous page's next")
	}
	if raw := v.Get("limit"); raw != "" {
		l, err := strconv.Atoi(raw)
		if err != nil || l < 1 || l > query.MaxDirectoryLimit {
			return pg, badRequest("limit", "must_integer_from_1", "must be an integer from 1 to %d", query.MaxDirectoryLimit)
		}
		pg.Limit = l
	}
	return pg, nil
}

// lines checks that each named text filter is valid UTF-8 of at most
// command.MaxLine characters.
func lines(v url.Values, names ...string) error {
	for _, n := range names {
		s := v.Get(n)
		if !utf8.ValidString(s) {
			return domain.Invalid(n, "not_valid_utf_8", "is not valid UTF-8")
		}
		if utf8.RuneCountInString(s) > command.MaxLine {
			return domain.Invalid(n, "longer_than_characters", "is longer than %d characters", command.MaxLine)
		}
	}
	return nil
}

// usccParam reads an optional USCC filter.
func usccParam(v url.Values, name string) (string, error) {
	raw := v.Get(name)
	if raw == "" {
		return "", nil
	}
	u, err := ident.ParseUSCC(raw)
	if err != nil {
		return "", domain.InvalidValue(name, err)
	}
	return u.String(), nil
}

// recallFilter reads the recall list's ?level=, ?status=, ?initiator= and
// its page.
func recallFilter(r *http.Request) (query.RecallFilter, query.DirectoryPage, error) {
	v := r.URL.Query()
	pg, err := directoryPage(v)
	if err != nil {
		return query.RecallFilter{}, pg, err
	}
	if err := lines(v, "status"); err != nil {
		return query.RecallFilter{}, pg, err
	}
	f := query.RecallFilter{Status: v.Get("status")}
	if raw := v.Get("level"); raw != "" {
		if f.Level, err = strconv.Atoi(raw); err != nil || f.Level < 1 || f.Level > 3 {
			return f, pg, domain.Invalid("level", "want_1_2_or_3", "%q: want 1, 2 or 3", raw)
		}
	}
	if f.Started, err = timeRange(v, "started"); err != nil {
		return f, pg, err
	}
	f.Initiator, err = usccParam(v, "initiator")
	return f, pg, err
}

// timeRange reads ?{name}_from= and ?{name}_to=, each an RFC 3339 time or
// a day (the to day included), as the other date filters.
func timeRange(v url.Values, name string) (query.TimeRange, error) {
	from, err := timeBound(v.Get(name+"_from"), name+"_from", false)
	if err != nil {
		return query.TimeRange{}, err
	}
	to, err := timeBound(v.Get(name+"_to"), name+"_to", true)
	return query.TimeRange{From: from, To: to}, err
}

// RouteBatchDirectory serves GET /api/v1/batches: the batches (lots),
// filtered, sorted and paged as the other directories are. An enterprise
// lists the batches it held or holds units of.
func (s *Server) RouteBatchDirectory(q *query.BatchDirectory) {
	s.HandleFunc("GET /api/v1/batches", func(w http.ResponseWriter, r *http.Request) error {
		v := r.URL.Query()
		pg, err := directoryPage(v)
		if err != nil {
			return err
		}
		if err := lines(v, "expires_before", "expires_after"); err != nil {
			return err
		}
		f := query.BatchFilter{ExpiresBefore: v.Get("expires_before"), ExpiresAfter: v.Get("expires_after")}
		if f.Registered, err = timeRange(v, "registered"); err != nil {
			return err
		}
		if raw := v.Get("lot"); raw != "" {
			l, err := ident.ParseLot(raw)
			if err != nil {
				return domain.InvalidValue("lot", err)
			}
			f.Lot = l.String()
		}
		if raw := v.Get("origin"); raw != "" {
			c, err := ident.ParseCountry(raw)
			if err != nil {
				return domain.InvalidValue("origin", err)
			}
			f.Origin = c.String()
		}
		if raw := v.Get("gtin"); raw != "" {
			g, err := ident.ParseGTIN(raw)
			if err != nil {
				return domain.InvalidValue("gtin", err)
			}
			f.GTIN = g.String()
		}
		if f.Owner, err = usccParam(v, "owner"); err != nil {
			return err
		}
		if f.Holder, err = usccParam(v, "holder"); err != nil {
			return err
		}
		switch raw := v.Get("recalled"); raw {
		case "":
		case "true", "false":
			b := raw == "true"
			f.Recalled = &b
		default:
			return domain.Invalid("recalled", "want_true_or_false", "%q: want true or false", raw)
		}
		return answerJSON(w, r, q, func(rd query.Read) (directoryAnswer, error) {
			rows, next, err := q.List(r.Context(), rd, f, pg)
			return answer("batches", rows, next), err
		})
	}, traceAccess)
}
