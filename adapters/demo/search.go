package demo

// oatName is the name one snack of the demo is sold under, so that a
// search by a two-character Chinese word (燕麦) has a product to find.
const oatName = "即食燕麦片"

// nameOats turns the first snack product (休闲食品; the first product when
// there is none) into oat flakes: only its name and HS code change, its
// shelf life, specification and story stay, so no random draw of the plan
// moves.
func (p *plan) nameOats() {
	if len(p.products) == 0 {
		return
	}
	pr := p.products[0]
	for _, q := range p.products {
		if q.tmpl.category == catSnacks {
			pr = q
			break
		}
	}
	pr.tmpl.name, pr.tmpl.hs = oatName, "1904100000"
	pr.name = pr.brand + oatName
}
