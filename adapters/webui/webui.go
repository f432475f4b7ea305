// Package webui is the ledger's web UI: static pages, scripts and styles
// embedded in the binary, served at "/" and under "/ui/", and the public
// Digital Link card page the resolver serves to browsers. The pages call the
// JSON API with the bearer token the user signs in with; the pages
// themselves are public.
package webui

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/traceledger/traceledger/adapters/httpapi"
)

//go:embed static
var embedded embed.FS

// assets is the static directory: index.html, card.html, css/, js/, vendor/.
var assets = must(fs.Sub(embedded, "static"))

// Register serves the UI on api: the application at "/", its assets under
// "/ui/", the card page of the Digital Link resolver, and the public
// complaint page at "/complaint" (?item= the package's code), the product
// page of a GTIN-only Digital Link, and the HTML error page browsers get
// for a public page that fails.
func Register(api *httpapi.Server) {
	api.Handle("GET /{$}", page("index.html"), httpapi.Public)
	api.Handle("GET /ui/", http.StripPrefix("/ui/", assetServer()), httpapi.Public)
	api.SetCardPage(page("card.html"))
	api.SetProductPage(page("product.html"))
	api.SetErrorPage(errorPage)
	api.Handle("GET /blacklist", page("blacklist.html"), httpapi.Public)
	api.Handle("GET /complaint", page("complaint.html"), httpapi.Public)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
