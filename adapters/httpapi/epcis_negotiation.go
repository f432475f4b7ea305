package httpapi

import (
	"mime"
	"net/http"
	"strings"

	"github.com/traceledger/traceledger/adapters/epcis/document"
)

// The EPCIS REST binding's negotiation: versions, the capture error
// behaviour, the body's syntax and the answer's.

func versionHeaders(h http.Header) {
	h.Set("GS1-EPCIS-Version", EPCISVersion)
	h.Set("GS1-CBV-Version", CBVVersion)
}

// captureFormat negotiates the body's syntax: JSON or JSON-LD (also when
// the client names none), or XML.
func captureFormat(contentType string) (string, error) {
	if contentType == "" {
		return document.FormatJSONLD, nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = ""
	}
	switch mt {
	case "application/json", "application/ld+json":
		return document.FormatJSONLD, nil
	case "application/xml", "text/xml":
		return document.FormatXML, nil
	}
	return "", &requestError{status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", field: "Content-Type",
		message: "send application/ld+json, application/json or application/xml"}
}

// supportedVersions refuses EPCIS and CBV versions other than 2.0.x, and an
// error behaviour other than rollback (a document is one atomic append).
func supportedVersions(r *http.Request) error {
	for _, h := range []string{"GS1-EPCIS-Version", "GS1-CBV-Version"} {
		if v := r.Header.Get(h); v != "" && !strings.HasPrefix(v, "2.0") {
			return &requestError{status: http.StatusNotAcceptable, code: "not_acceptable", field: h, message: v + " is not supported: this repository speaks 2.0.0"}
		}
	}
	if v := r.Header.Get("GS1-Capture-Error-Behaviour"); v != "" && v != "rollback" {
		return &requestError{status: http.StatusNotAcceptable, code: "not_acceptable", field: "GS1-Capture-Error-Behaviour",
			message: v + " is not supported: a document is captured whole or not at all (rollback)"}
	}
	return nil
}

// acceptsJSON refuses a request that accepts no JSON answer.
func acceptsJSON(r *http.Request) error {
	acc := r.Header.Get("Accept")
	if acc == "" {
		return nil
	}
	for _, part := range strings.Split(acc, ",") {
		mt, _, _ := mime.ParseMediaType(strings.TrimSpace(part))
		switch mt {
		case "*/*", "application/*", "application/json", "application/ld+json":
			return nil
		}
	}
	return &requestError{status: http.StatusNotAcceptable, code: "not_acceptable", field: "Accept", message: "capture jobs are answered as application/json"}
}
