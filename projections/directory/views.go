package directory

// Names is the directory as the trace, alert and risk answers read it:
// Name(uscc) string. The projection cannot have that method itself, since
// its Name names it for the runner; pass p.Names() where a Names port is
// declared.
type Names struct{ p *Projection }

// Names returns the directory's Names view.
func (p *Projection) Names() Names { return Names{p} }

// Name returns the registered name of an enterprise, or "".
func (n Names) Name(uscc string) string { return n.p.NameOf(uscc) }

// Contacts is the directory as recall lists read it: the name and contact
// of a registered enterprise. Pass p.Contacts() where that port is
// declared.
type Contacts struct{ p *Projection }

// Contacts returns the directory's Contacts view.
func (p *Projection) Contacts() Contacts { return Contacts{p} }

// Enterprise returns a registered enterprise's name and contact.
func (c Contacts) Enterprise(uscc string) (name, contact string, ok bool) {
	e, ok := c.p.Enterprise(uscc)
	return e.Name, e.Contact, ok
}
