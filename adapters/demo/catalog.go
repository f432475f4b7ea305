package demo

// The product catalogue: what kinds of goods exist (templates) and who makes
// the imported ones (brands). Categories, specifications, shelf lives and HS
// codes follow Chinese practice, so a product page in the demo looks like a
// real 进口商品 record.

// Categories, as registrations name them: codes of the key traceability
// product catalogue (domain/category), which the ledger records with their
// Chinese names (乳制品, 婴幼儿配方食品, ...).
const (
	catDairy     = "dairy"
	catInfant    = "infant_formula"
	catHealth    = "health_food"
	catCosmetics = "cosmetics"
	catWine      = "liquor"
	catOil       = "edible_oil"
	catSnacks    = "snacks"
	catBaby      = "baby_care"
	catSeasoning = "seasoning"
)

// template is a kind of product: its category and name, the package sizes it
// comes in, its shelf life in days and the HS code it is declared under.
type template struct {
	category  string
	name      string
	specs     []string
	shelfLife int
	hs        string
}

var templates = map[string]template{
	// Imported goods.
	"uht-whole":   {catDairy, "全脂纯牛奶", []string{"1L×12盒", "250ml×24盒", "200ml×24盒"}, 270, "0401200000"},
	"uht-skim":    {catDairy, "脱脂纯牛奶", []string{"1L×12盒", "250ml×24盒"}, 270, "0401100000"},
	"milk-powder": {catDairy, "全脂高钙奶粉", []string{"1kg/袋", "900g/罐"}, 540, "0402210000"},
	"cheese":      {catDairy, "马苏里拉奶酪", []string{"200g/袋", "1kg/袋"}, 365, "0406100000"},
	"infant-1":    {catInfant, "婴儿配方奶粉（0-6月龄，1段）", []string{"800g/罐", "900g/罐"}, 720, "1901101000"},
	"infant-2":    {catInfant, "较大婴儿配方奶粉（6-12月龄，2段）", []string{"800g/罐", "900g/罐"}, 720, "1901101000"},
	"infant-3":    {catInfant, "幼儿配方奶粉（12-36月龄，3段）", []string{"800g/罐", "900g/罐"}, 720, "1901101000"},
	"fish-oil":    {catHealth, "深海鱼油软胶囊", []string{"400粒/瓶", "200粒/瓶"}, 1095, "2106909090"},
	"vitamin-c":   {catHealth, "维生素C咀嚼片", []string{"60片/瓶", "120片/瓶"}, 730, "2106909090"},
	"propolis":    {catHealth, "蜂胶软胶囊", []string{"365粒/瓶"}, 1095, "2106909090"},
	"probiotic":   {catHealth, "益生菌固体饮料", []string{"30袋/盒"}, 730, "2106909090"},
	"cream":       {catCosmetics, "保湿修护面霜", []string{"50ml", "75ml"}, 1095, "3304990099"},
	"serum":       {catCosmetics, "玻尿酸精华液", []string{"30ml", "50ml"}, 1095, "3304990099"},
	"cleanser":    {catCosmetics, "氨基酸洁面乳", []string{"120g", "150ml"}, 1095, "3401300000"},
	"sunscreen":   {catCosmetics, "清透防晒乳 SPF50+ PA++++", []string{"50ml", "60ml"}, 1095, "3304990099"},
	"red-wine":    {catWine, "赤霞珠干红葡萄酒", []string{"750ml/瓶", "750ml×6瓶"}, 3650, "2204210000"},
	"white-wine":  {catWine, "霞多丽干白葡萄酒", []string{"750ml/瓶"}, 3650, "2204210000"},
	"sparkling":   {catWine, "起泡葡萄酒", []string{"750ml/瓶"}, 3650, "2204100000"},
	"olive-oil":   {catOil, "特级初榨橄榄油", []string{"1L/瓶", "500ml/瓶", "5L/桶"}, 720, "1509200000"},
	"sunflower":   {catOil, "葵花籽油", []string{"5L/桶", "1.8L/瓶"}, 540, "1512110000"},
	"cookies":     {catSnacks, "黄油曲奇饼干", []string{"454g/罐", "200g/盒"}, 365, "1905310000"},
	"chocolate":   {catSnacks, "榛子牛奶巧克力", []string{"100g", "200g/盒"}, 365, "1806320000"},
	"seaweed":     {catSnacks, "海苔脆片", []string{"40g", "4g×12包"}, 270, "2008999000"},
	"mango":       {catSnacks, "芒果干", []string{"100g", "500g/袋"}, 270, "0813409000"},
	"chips":       {catSnacks, "海盐薯片", []string{"150g", "40g×6包"}, 270, "2005200000"},
	"diapers":     {catBaby, "婴儿纸尿裤 L码", []string{"54片/包", "62片/包"}, 1095, "9619001100"},
	"baby-lotion": {catBaby, "婴儿润肤乳", []string{"200ml", "400ml"}, 1095, "3304990099"},
	"baby-wash":   {catBaby, "婴儿洗发沐浴露二合一", []string{"400ml", "200ml"}, 1095, "3401300000"},

	// Domestic goods (HS codes unused: nothing to declare).
	"cn-milk":      {catDairy, "纯牛奶", []string{"250ml×24盒", "250ml×12盒"}, 180, "0401200000"},
	"cn-yogurt":    {catDairy, "常温风味酸奶", []string{"200g×12盒", "205g×10瓶"}, 150, "0403209000"},
	"cn-infant":    {catInfant, "婴儿配方奶粉（0-6月龄，1段）", []string{"800g/罐", "400g/盒"}, 540, "1901101000"},
	"cn-infant-3":  {catInfant, "幼儿配方奶粉（12-36月龄，3段）", []string{"800g/罐"}, 540, "1901101000"},
	"cn-peanut":    {catOil, "压榨一级花生油", []string{"5L/桶", "1.8L/瓶"}, 540, "1508900000"},
	"cn-rapeseed":  {catOil, "非转基因菜籽油", []string{"5L/桶"}, 540, "1514190000"},
	"cn-soy-sauce": {catSeasoning, "特级酿造酱油", []string{"500ml/瓶", "1.28L/瓶"}, 720, "2103100000"},
	"cn-vinegar":   {catSeasoning, "陈酿香醋", []string{"500ml/瓶"}, 1080, "2209000000"},
	"cn-nuts":      {catSnacks, "每日坚果", []string{"25g×30袋", "25g×7袋"}, 180, "2008199990"},
	"cn-jerky":     {catSnacks, "五香牛肉干", []string{"200g/袋", "100g/袋"}, 270, "1602500090"},
	"cn-vitamin":   {catHealth, "维生素C片", []string{"100片/瓶"}, 730, "2106909090"},
	"cn-calcium":   {catHealth, "钙维生素D软胶囊", []string{"60粒/瓶", "120粒/瓶"}, 730, "2106909090"},
}

// brand is a foreign brand owner: its brand as sold in China, the maker
// named on the label, the country of origin and the GS1 prefixes of that
// country's numbering organisation, and the templates it makes.
type brand struct {
	name, maker, origin string
	prefixes            []string
	makes               []string
}

// Foreign brands. GS1 prefixes match the origin: 300-379 France, 400-440
// Germany, 450-459 and 490-499 Japan, 539 Ireland, 800-839 Italy, 840-849
// Spain, 870-879 Netherlands, 880 Korea, 885 Thailand, 930-939 Australia,
// 940-949 New Zealand, 000-139 USA and Canada.
var brands = []brand{
	{"澳滋", "Auzi Dairy Pty Ltd", "AU", []string{"930", "931", "934"}, []string{"uht-whole", "uht-skim", "milk-powder", "infant-1", "infant-2", "infant-3"}},
	{"袋鼠谷", "Kangaroo Valley Health Pty Ltd", "AU", []string{"930", "935"}, []string{"fish-oil", "vitamin-c", "propolis"}},
	{"南十字", "Southern Cross Estate Wines Pty Ltd", "AU", []string{"931", "936"}, []string{"red-wine", "white-wine", "sparkling"}},
	{"纽源牧场", "New Pasture Dairy Ltd", "NZ", []string{"940", "942"}, []string{"uht-whole", "milk-powder", "infant-1", "infant-2", "infant-3", "cheese"}},
	{"白云谷", "Whitecloud Nutrition Ltd", "NZ", []string{"941", "947"}, []string{"propolis", "probiotic", "fish-oil"}},
	{"蓝堡", "Château Lambourg SAS", "FR", []string{"301", "325", "350"}, []string{"red-wine", "white-wine", "sparkling"}},
	{"薇洛", "Laboratoires Velaux SA", "FR", []string{"330", "340", "376"}, []string{"cream", "serum", "cleanser", "sunscreen"}},
	{"诺曼牧场", "Laiterie de Normandie SAS", "FR", []string{"320", "356"}, []string{"uht-whole", "cheese", "infant-1", "infant-2"}},
	{"德菲乐", "Defeile Milchwerke GmbH", "DE", []string{"400", "401", "405"}, []string{"uht-whole", "uht-skim", "infant-1", "infant-2", "infant-3"}},
	{"汉斯堡", "Hansburg Backwaren GmbH", "DE", []string{"402", "425"}, []string{"cookies", "chocolate", "chips"}},
	{"柏瑞", "Berrich Pflege GmbH", "DE", []string{"403", "440"}, []string{"diapers", "baby-lotion", "baby-wash"}},
	{"樱之道", "Sakuranomichi Seika Co., Ltd.", "JP", []string{"450", "490", "492"}, []string{"cookies", "chocolate", "seaweed"}},
	{"雪肌坊", "Yukihada Cosmetics Co., Ltd.", "JP", []string{"451", "493", "497"}, []string{"cream", "serum", "cleanser", "sunscreen"}},
	{"花野", "Hanano Baby Co., Ltd.", "JP", []string{"453", "495"}, []string{"diapers", "baby-lotion", "baby-wash"}},
	{"韩雪", "Hanseol Beauty Co., Ltd.", "KR", []string{"880"}, []string{"cream", "serum", "cleanser", "sunscreen"}},
	{"海韵", "Haeun Foods Co., Ltd.", "KR", []string{"880"}, []string{"seaweed", "chips"}},
	{"加州阳光", "California Sunshine Nutrition Inc.", "US", []string{"003", "036", "071"}, []string{"fish-oil", "vitamin-c", "probiotic"}},
	{"蓝岭", "Blue Ridge Snacks Inc.", "US", []string{"028", "085", "120"}, []string{"chips", "cookies", "chocolate"}},
	{"托斯卡纳庄园", "Tenuta Toscana S.r.l.", "IT", []string{"800", "805", "830"}, []string{"red-wine", "white-wine", "olive-oil"}},
	{"罗莎", "Rosa Cosmetici S.p.A.", "IT", []string{"801", "812"}, []string{"cream", "serum", "cleanser"}},
	{"郁金香", "Tulpen Zuivel B.V.", "NL", []string{"870", "871", "872"}, []string{"infant-1", "infant-2", "infant-3", "uht-whole"}},
	{"暹罗果园", "Siam Orchard Co., Ltd.", "TH", []string{"885"}, []string{"mango", "chips"}},
	{"安达卢", "Aceites de Andalucía S.L.", "ES", []string{"840", "841", "843"}, []string{"olive-oil", "sunflower"}},
	{"翡翠牧场", "Emerald Pastures Nutrition Ltd", "IE", []string{"539"}, []string{"infant-1", "infant-2", "infant-3", "milk-powder"}},
}

// industry is what a domestic manufacturer makes and how its name ends.
type industry struct {
	suffix string
	makes  []string
}

var industries = []industry{
	{"乳业有限公司", []string{"cn-milk", "cn-yogurt", "cn-infant", "cn-infant-3"}},
	{"食品有限公司", []string{"cn-nuts", "cn-jerky"}},
	{"粮油工业有限公司", []string{"cn-peanut", "cn-rapeseed"}},
	{"酿造食品有限公司", []string{"cn-soy-sauce", "cn-vinegar"}},
	{"生物科技有限公司", []string{"cn-vitamin", "cn-calcium"}},
}

// cnPrefixes are GS1 China's prefixes for seven-digit company prefixes.
var cnPrefixes = []string{"690", "691", "692"}
