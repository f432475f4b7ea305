package demo

// The name tables the data set draws from. Every name is invented: trade
// names (字号), brands and manufacturers resemble real ones in form only, so
// the demo never says anything about a real company. Administrative division
// codes, ports, customs offices and HS codes are real, so the data reads
// right to a regulator.

// region is where an enterprise is registered: the region as the ledger
// shows it, the city that starts a company name, the district's six-digit
// administrative division code (USCC positions 3-8), and the port its
// imports enter by.
type region struct {
	name, city, division string
	port                 port
}

// port is a port of entry, the four-digit code of the customs office that
// starts its declaration numbers, and the customs district it belongs to.
type port struct{ name, office, customs string }

var (
	portNansha   = port{"广州南沙港", "5165", "广州海关"}
	portYangshan = port{"上海洋山港", "2248", "上海海关"}
	portShekou   = port{"深圳蛇口港", "5304", "深圳海关"}
	portTianjin  = port{"天津港", "0202", "天津海关"}
	portNingbo   = port{"宁波舟山港", "3104", "宁波海关"}
	portQingdao  = port{"青岛港", "4227", "青岛海关"}
	portXiamen   = port{"厦门港", "3701", "厦门海关"}
)

var regions = []region{
	{"北京", "北京", "110105", portTianjin},      // 朝阳区
	{"上海", "上海", "310115", portYangshan},     // 浦东新区
	{"广东广州", "广州", "440115", portNansha},     // 南沙区
	{"广东深圳", "深圳", "440305", portShekou},     // 南山区
	{"浙江杭州", "杭州", "330108", portNingbo},     // 滨江区
	{"江苏南京", "南京", "320105", portYangshan},   // 建邺区
	{"四川成都", "成都", "510107", portYangshan},   // 武侯区
	{"湖北武汉", "武汉", "420106", portYangshan},   // 武昌区
	{"福建厦门", "厦门", "350206", portXiamen},     // 湖里区
	{"山东青岛", "青岛", "370212", portQingdao},    // 崂山区
	{"天津", "天津", "120116", portTianjin},      // 滨海新区
	{"浙江宁波", "宁波", "330206", portNingbo},     // 北仑区
	{"重庆", "重庆", "500112", portYangshan},     // 渝北区
	{"河南郑州", "郑州", "410105", portTianjin},    // 金水区
	{"陕西西安", "西安", "610113", portTianjin},    // 雁塔区
	{"辽宁大连", "大连", "210204", portTianjin},    // 沙河口区
	{"广西南宁", "南宁", "450103", portShekou},     // 青秀区
	{"云南昆明", "昆明", "530102", portShekou},     // 五华区
	{"黑龙江哈尔滨", "哈尔滨", "230103", portTianjin}, // 南岗区
	{"内蒙古呼和浩特", "呼和浩特", "150105", portTianjin},
}

// portCities are the regions importers cluster in: those with a seaport.
var portCities = []string{"上海", "广东广州", "广东深圳", "浙江宁波", "天津", "山东青岛", "福建厦门", "浙江杭州", "北京"}

// tradeNames are 字号, drawn without replacement so company names are unique.
var tradeNames = []string{
	"明辉", "恒信", "金桥", "瑞丰", "嘉和", "鼎盛", "永安", "宏达", "佳禾", "优选",
	"惠邻", "众诚", "天润", "博远", "丰源", "万邦", "禾祥", "乐购", "海泰", "中瑞",
	"安达", "顺和", "美域", "益康", "蓝海", "青禾", "汇通", "福瑞", "康乐", "星河",
	"润恒", "君泰", "锦程", "鹏远", "德昌", "信达", "兴隆", "晨光", "沃源", "华裕",
	"远航", "盛景", "泓泰", "宝利", "诚品", "怡家", "荣泰", "新禾", "久益", "联拓",
	"百纳", "鑫源", "凯旋", "长风", "和煦", "睿达", "东屹", "正阳", "开元", "银杉",
	"海岱", "蒙原", "金穗", "晨露", "川味", "江畔", "云岭", "北疆", "燕山", "南岭",
}

// Company name suffixes by what the enterprise mainly does.
var (
	importerSuffixes    = []string{"进出口贸易有限公司", "国际贸易有限公司", "供应链管理有限公司", "跨境电子商务有限公司"}
	distributorSuffixes = []string{"商贸有限公司", "食品贸易有限公司", "供应链有限公司", "贸易发展有限公司"}
	retailerSuffixes    = []string{"超市有限公司", "连锁商业有限公司", "母婴用品连锁有限公司", "便利店连锁有限公司"}
	ecommerceSuffixes   = []string{"电子商务有限公司", "网络科技有限公司", "跨境电商服务有限公司"}
	logisticsSuffixes   = []string{"物流有限公司", "国际货运代理有限公司", "冷链物流有限公司", "供应链物流有限公司"}
)

// Contacts: a person's name and a mobile number, as registrations carry them.
var (
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"}
	givenNames = []string{"伟", "芳", "敏", "静", "磊", "强", "洋", "艳", "军", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "丽", "建国", "晓东", "雪梅", "志强", "海燕"}
	mobiles    = []string{"130", "133", "135", "136", "137", "138", "139", "150", "152", "158", "159", "176", "177", "186", "187", "189"}
)

// Sales channels (渠道): retailers sell in store or through delivery apps,
// e-commerce enterprises on platforms.
var (
	storeChannels = []string{"门店零售", "门店零售", "门店零售", "美团闪购", "京东到家", "社区团购"}
	// platformChannels: the first four are the platforms a shop mainly sells on.
	platformChannels = []string{"天猫国际", "京东国际", "抖音电商", "拼多多", "小红书", "唯品会"}
)

// Waybill prefixes of the carriers the shipments go by.
var waybillPrefixes = []string{"SF", "SF", "YT", "ZT", "JDV", "DPK"}

// Complaint vocabulary (12315).
var (
	complaintCategories = []string{"质量问题", "标签标识", "虚假宣传", "过期变质", "异物", "售后服务", "价格欺诈"}
	complaintChannels   = []string{"全国12315平台", "12315热线", "12345转办", "来信来访"}
	outcomesUpheld      = []string{
		"经查属实，责令经营者下架同批次商品，消费者获退一赔十",
		"经查属实，经调解经营者退货退款并赔偿消费者",
		"投诉属实，已移交稽查部门立案调查",
	}
	outcomesRejected = []string{
		"经核查，该批次检验合格，投诉不成立",
		"经核查，标签标识符合GB 7718规定，投诉不成立",
		"消费者提供的凭证无法证明商品来源，投诉不予支持",
	}
)

// Customs findings and reasons.
var (
	customsFindings = []string{
		"标签不符合GB 7718要求：无中文标签",
		"检出菌落总数超出GB 19645限量",
		"货证不符：实际数量与申报不一致",
		"境外生产企业未获海关总署注册",
	}
	customsRejections = []string{
		"随附单证不全：缺少原产地证书",
		"境外生产企业未在海关总署注册",
	}
)

// Market regulators by city, for inspections and penalties.
func marketAuthority(city string) string { return city + "市市场监督管理局" }

// Penalty reasons.
var (
	penaltyFailedInspection = "销售不符合食品安全标准的食品（监督抽检不合格），违反《食品安全法》第三十四条"
	penaltyRecall           = "进口不符合食品安全国家标准的婴幼儿配方食品，违反《食品安全法》第九十二条"
	penaltyCustoms          = "进口货物申报不实，违反《海关行政处罚实施条例》第十五条"
)

// Certificate decisions.
var (
	certRejections  = []string{"条码未在原产国编码组织注册", "通报的厂商识别代码与品牌所有人不符"}
	certRevocations = []string{"原产国编码组织注销该厂商识别代码", "通报数据与实际商品不一致，经核查撤销"}
)
