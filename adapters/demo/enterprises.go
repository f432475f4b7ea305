package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// firm is an enterprise of the data set.
type firm struct {
	uscc, name, contact string
	region              region
	roles               []string
	food                bool
	industry            *industry // manufacturers only
	tradeName           string
	since               time.Time
}

func (f *firm) has(role string) bool {
	for _, r := range f.roles {
		if r == role {
			return true
		}
	}
	return false
}

// sells reports whether the firm may sell to consumers.
func (f *firm) sells() bool { return f.has("retailer") || f.has("ecommerce") }

// actor is the enterprise token the firm records its own events with.
func (f *firm) actor() access.Actor {
	return access.Actor{Role: access.RoleEnterprise, USCC: f.uscc}
}

// roster is how many enterprises of each main role the data set has: enough
// of each that trade fans out over several hops and regions.
var roster = []struct {
	role string
	n    int
}{
	{"importer", 14}, {"manufacturer", 12}, {"distributor", 12}, {"retailer", 10}, {"ecommerce", 6}, {"logistics", 6},
}

// planFirms draws the enterprises: unique trade names and USCCs, regions
// where that kind of business clusters, and a few enterprises with a second
// role (importers that distribute or sell online, retailers with an online
// shop), as real registrations have.
func (p *plan) planFirms() error {
	r := rng(p.seed, "firms")
	names := append([]string(nil), tradeNames...)
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	seen := map[string]bool{}
	for _, g := range roster {
		for i := 0; i < g.n; i++ {
			f := &firm{tradeName: names[len(p.firms)], roles: []string{g.role}, food: true}
			f.region = regionFor(r, g.role)
			suffix := ""
			switch g.role {
			case "importer":
				suffix = pick(r, importerSuffixes)
				if strings.Contains(suffix, "跨境") || i%5 == 2 {
					f.roles = append(f.roles, "ecommerce")
				}
				if i%4 == 1 {
					f.roles = append(f.roles, "distributor")
				}
			case "manufacturer":
				ind := &industries[i%len(industries)]
				f.industry, suffix = ind, ind.suffix
				if i%6 == 5 {
					f.roles = append(f.roles, "distributor")
				}
			case "distributor":
				suffix = pick(r, distributorSuffixes)
			case "retailer":
				suffix = pick(r, retailerSuffixes)
				if i%4 == 3 {
					f.roles = append(f.roles, "ecommerce")
				}
			case "ecommerce":
				suffix = pick(r, ecommerceSuffixes)
			case "logistics":
				suffix = pick(r, logisticsSuffixes)
				f.food = strings.Contains(suffix, "冷链")
			}
			f.name = f.region.city + f.tradeName + suffix
			u, err := newUSCC(r, f.region, seen)
			if err != nil {
				return err
			}
			f.uscc = u
			f.contact = pick(r, surnames) + pick(r, givenNames) + " " + pick(r, mobiles) + fmt.Sprintf("%08d", r.IntN(100_000_000))
			f.since = p.today.AddDate(0, 0, -between(r, 800, 1600))
			p.firms = append(p.firms, f)
		}
	}
	return nil
}

// regionFor places importers in port cities and everyone else anywhere.
func regionFor(r *rand.Rand, role string) region {
	if role == "importer" {
		name := pick(r, portCities)
		for _, g := range regions {
			if g.name == name {
				return g
			}
		}
	}
	return pick(r, regions)
}

// usccAlphabet is GB 32100-2015's character set (no I, O, Z, S, V).
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// newUSCC mints an enterprise's code the way a market regulator assigns it:
// 9 (registered by market regulation) 1 (enterprise), the district's
// division code, a nine-character organisation code in the MA series, and
// the check character.
func newUSCC(r *rand.Rand, g region, seen map[string]bool) (string, error) {
	for {
		var b strings.Builder
		b.WriteString("91" + g.division + "MA")
		for i := 0; i < 7; i++ {
			b.WriteByte(usccAlphabet[r.IntN(len(usccAlphabet))])
		}
		u, err := ident.NewUSCC(b.String())
		if err != nil {
			return "", fmt.Errorf("mint uscc: %w", err)
		}
		if !seen[u.String()] {
			seen[u.String()] = true
			return u.String(), nil
		}
	}
}

// registerFirm is the regulator's registration of an enterprise.
type registerFirm struct{ f *firm }

func (s registerFirm) run(ctx context.Context, x *runner) error {
	f := s.f
	out, err := x.cmds.RegisterEnterprise(ctx, regulator, command.RegisterEnterprise{
		Common: at(f.since), USCC: f.uscc, Name: f.name, Region: f.region.name, Roles: f.roles,
		FoodOperator: f.food, Contact: f.contact,
	})
	return x.finish(kEnterprise, out, err, "register enterprise %s %s", f.uscc, f.name)
}
