package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/ident"
)

// product is a registered GTIN and the story of its certificate.
type product struct {
	gtin, gtin14             string
	name, brand, spec, maker string
	tmpl                     template
	origin                   string
	owner                    *firm
	registered               time.Time
	cert                     certificate
	// from and to bound when its goods arrive and move: after the
	// certificate is issued, before it lapses or is revoked.
	from, to time.Time
	groups   []*group
	steps    []step
}

func (pr *product) imported() bool { return pr.origin != "CN" }

// planProducts draws imported products (about two thirds) from the foreign
// brands, each brand imported by one importer as its exclusive agent, and
// domestic ones from the manufacturers' lines. GTINs carry the origin's GS1
// prefix and a correct check digit.
func (p *plan) planProducts() error {
	r := rng(p.seed, "products")
	n := clamp(p.items/66, 24, 300)
	importers := p.firmsWith("importer", true)
	makers := p.firmsWith("manufacturer", true)
	agent := map[int]*firm{}
	company := map[int]string{}
	order := r.Perm(len(brands))
	for i, b := range order {
		agent[b] = importers[i%len(importers)]
		company[b] = pick(r, brands[b].prefixes) + fmt.Sprintf("%04d", r.IntN(10000))
	}
	makerPrefix := map[*firm]string{}
	for _, f := range makers {
		makerPrefix[f] = pick(r, cnPrefixes) + digitsOf(f.uscc[10:14])
	}
	used := map[string]bool{}
	nImported := n * 2 / 3
	for i := 0; i < n; i++ {
		pr := &product{}
		var prefix string
		if i < nImported {
			bi := order[i%len(order)]
			b := brands[bi]
			pr.tmpl = templates[pick(r, b.makes)]
			pr.brand, pr.maker, pr.origin, pr.owner = b.name, b.maker, b.origin, agent[bi]
			prefix = company[bi]
		} else {
			f := makers[i%len(makers)]
			pr.tmpl = templates[pick(r, f.industry.makes)]
			pr.brand, pr.maker, pr.origin, pr.owner = f.tradeName, f.name, "CN", f
			prefix = makerPrefix[f]
		}
		g, err := newGTIN(r, prefix, used)
		if err != nil {
			return err
		}
		pr.gtin = g
		pr.gtin14 = "0" + g
		pr.name = pr.brand + pr.tmpl.name
		pr.spec = pick(r, pr.tmpl.specs)
		pr.registered = p.daysAgo(r, between(r, 560, 720))
		p.products = append(p.products, pr)
	}
	for _, f := range importers {
		f.food = false
	}
	for _, pr := range p.products {
		if pr.imported() && pr.tmpl.category != catCosmetics && pr.tmpl.category != catBaby {
			pr.owner.food = true // 食品经营主体: it imports food
		}
	}
	p.planCertificates()
	for _, pr := range p.products {
		pr.steps = append([]step{registerProduct{pr}}, pr.certSteps()...)
	}
	p.planCertLife()
	return nil
}

// digitsOf maps a USCC fragment to digits, so a Chinese company prefix is
// stable per manufacturer.
func digitsOf(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = '0' + c%10
	}
	return string(b)
}

// newGTIN completes a seven-digit company prefix with a five-digit item
// reference and the GS1 check digit: a GTIN-13 not used before.
func newGTIN(r *rand.Rand, company string, used map[string]bool) (string, error) {
	for {
		body := company + fmt.Sprintf("%05d", r.IntN(100000))
		c, err := ident.CheckDigit(body)
		if err != nil {
			return "", fmt.Errorf("gtin %s: %w", body, err)
		}
		g := body + string(c)
		if !used[g] {
			used[g] = true
			return g, nil
		}
	}
}

// registerProduct is the owner's registration of its product.
type registerProduct struct{ pr *product }

func (s registerProduct) run(ctx context.Context, x *runner) error {
	pr := s.pr
	out, err := x.cmds.RegisterProduct(ctx, pr.owner.actor(), command.RegisterProduct{
		Common: at(pr.registered), GTIN: pr.gtin, Name: pr.name, Brand: pr.brand, Spec: pr.spec,
		Category: pr.tmpl.category, OriginCountry: pr.origin, Manufacturer: pr.maker,
		OwnerUSCC: pr.owner.uscc, ShelfLifeDays: pr.tmpl.shelfLife,
	})
	return x.finish(kProduct, out, err, "register product %s %s", pr.gtin, pr.name)
}
