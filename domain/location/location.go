// Package location is the GLN registry (master data): each Global Location
// Number belongs to one enterprise, which registers it and its SGLN
// extensions (a dock, a store room). EPCIS capture resolves the locations
// and parties of an event (bizLocation, readPoint, source, destination,
// PGLN) to the enterprise that acts, through it. The GLN is the
// aggregate, so "a GLN belongs to one enterprise" holds under any
// concurrency by the stream's version.
package location

import (
	"strings"
	"unicode/utf8"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
)

// TypeRegistered names the registration of a location: written by hand and
// versioned. It is an enterprise's fact, hence the enterprise prefix.
const TypeRegistered = "enterprise.location_registered.v1"

// Registered is a GLN (or one SGLN extension of it) an enterprise
// registered as its own.
type Registered struct {
	GLN       string `json:"gln"`
	Extension string `json:"extension,omitempty"`
	USCC      string `json:"uscc"`
	Name      string `json:"name"`
}

// EventType names the event.
func (Registered) EventType() string { return TypeRegistered }

// Decoders decode the stored events of this aggregate.
var Decoders = aggregate.Decoders{TypeRegistered: aggregate.As[Registered]()}

// Stream is the GLN's stream name.
func Stream(g ident.GLN) string { return "location-" + g.String() }

// MaxExtension is the longest SGLN extension (GS1 AI 254: up to 20
// characters).
const MaxExtension = 20

// Location is one GLN: its owner and the extensions registered under it.
type Location struct {
	aggregate.Root
	owner string
	exts  map[string]string // extension ("" = the GLN itself) -> name
}

// Load rebuilds a GLN from its stream; an empty stream is a GLN nobody
// registered.
func Load(recs []event.Record) (*Location, error) {
	l := &Location{exts: map[string]string{}}
	return l, aggregate.Replay("location", recs, Decoders, &l.Root, l.apply)
}

func (l *Location) apply(e event.Event) {
	if ev, ok := e.(Registered); ok {
		l.owner = ev.USCC
		l.exts[ev.Extension] = ev.Name
	}
}

// Register records gln (with ext, "" for the GLN itself) as owner's. A GLN
// registered by another enterprise is refused without naming it; the same
// extension twice is a conflict.
func (l *Location) Register(g ident.GLN, ext string, owner ident.USCC, name string) error {
	if l.owner != "" && l.owner != owner.String() {
		return domain.Conflict("gln_registered_by_another_enterprise", "GLN %s is registered by another enterprise: a GLN belongs to one enterprise", g)
	}
	if err := checkExtension(ext); err != nil {
		return err
	}
	if strings.TrimSpace(name) == "" {
		return domain.Invalid("name", "required", "is required")
	}
	if _, dup := l.exts[ext]; dup && l.owner != "" {
		return domain.Conflict("location_already_registered", "location %s is already registered", Key(g.String(), ext))
	}
	l.Raise(Registered{GLN: g.String(), Extension: ext, USCC: owner.String(), Name: name}, l.apply)
	return nil
}

// checkExtension admits an SGLN extension: printable ASCII without
// spaces, at most MaxExtension characters.
func checkExtension(ext string) error {
	if utf8.RuneCountInString(ext) > MaxExtension {
		return domain.Invalid("extension", "at_most_characters", "at most %d characters", MaxExtension)
	}
	for _, r := range ext {
		if r <= ' ' || r > '~' {
			return domain.Invalid("extension", "printable_ascii_characters_without_spaces", "printable ASCII characters without spaces only")
		}
	}
	return nil
}

// Owner is the USCC of the enterprise the GLN belongs to ("" when nobody
// registered it).
func (l *Location) Owner() string { return l.owner }

// Has reports whether the extension ("" = the GLN itself) is registered.
func (l *Location) Has(ext string) bool { _, ok := l.exts[ext]; return ok }

// Key writes a GLN with its extension as "gln" or "gln.ext".
func Key(gln, ext string) string {
	if ext == "" {
		return gln
	}
	return gln + "." + ext
}
