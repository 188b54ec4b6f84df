# ruff: noqa: E501, E401, E402, I001, SIM115
"""Write bench/extract_eval_set.json: the labelled passages below plus their mangled variants.

Run once with .venv/bin/python bench/extract_eval_make_set.py; the JSON is committed, so the
bench does not depend on this script. Mangling is seeded, so the output is reproducible.
"""

from pathlib import Path

# target: (metric_contains, comparator, value, unit, basis, commitment)
P = []
def add(pid, kind, year, text, targets=(), key_works=(), achievements=()):
    P.append({"id": pid, "kind": kind, "year": year, "variant": "clean", "text": text,
              "targets": [dict(zip(["metric", "comparator", "value", "unit", "basis", "commitment"], t, strict=True)) for t in targets],
              "key_works": list(key_works),
              "achievements": [dict(zip(["value", "unit"], a, strict=True)) for a in achievements]})

add("city-8232", "city", 2023,
    "确保实施2000个以上项目，完成年度投资3000亿元，其中产业项目完成投资2000亿元以上。",
    [("项目", "gte", "2000", "个", "level", "must"), ("投资", "gte", "3000", "亿元", "level", "must"),
     ("产业项目", "gte", "2000", "亿元", "level", "must")])
add("city-three-batches", "city", 2023,
    "新签约、新开工、新投产重大项目各150个左右，以项目建设的加速度托举经济发展的高质量。",
    [("新签约", "approx", "150", "个", "level", "plain"), ("新开工", "approx", "150", "个", "level", "plain"),
     ("新投产", "approx", "150", "个", "level", "plain")])
add("city-tourism", "city", 2023,
    "力争全年接待游客、旅游综合收入均增长30%以上，把“行走河南·读懂中国”的开封篇章写得更精彩。",
    [("游客", "gte", "30", "%", "growth", "strive"), ("旅游综合收入", "gte", "30", "%", "growth", "strive")])
add("city-main-goals", "city", None,
    "2023年全市经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，一般公共预算收入增长6%，城镇新增就业4.5万人以上，城镇登记失业率控制在5.5%以内，居民消费价格涨幅3%左右，居民人均可支配收入与经济增长同步，单位生产总值能耗下降3%，粮食产量稳定在70亿斤以上。",
    [("地区生产总值", "approx", "6.5", "%", "growth", "plain"), ("一般公共预算收入", "gte", "6", "%", "growth", "plain"),
     ("城镇新增就业", "gte", "4.5", "万人", "level", "plain"), ("失业率", "lte", "5.5", "%", "level", "plain"),
     ("居民消费价格", "approx", "3", "%", "growth", "plain"), ("居民人均可支配收入", "eq", None, "", "qualitative", "plain"),
     ("能耗", "lte", "-3", "%", "growth", "plain"), ("粮食产量", "gte", "70", "亿斤", "level", "plain")])
add("city-review", "city", 2023,
    "过去一年，面对多重超预期因素冲击，全市地区生产总值增长4.1%，规上工业增加值增长5.6%，固定资产投资增长11.3%，工业投资和制造业投资增速均超过20%，省市重点项目均提前三个月完成年度投资计划。",
    [], [], [("4.1", "%"), ("5.6", "%"), ("11.3", "%"), ("20", "%")])
add("kw-integration", "city", 2023,
    "抓机遇，深化郑开同城。坚持错位、协同、一体，推动规划、交通、科创、产业、生态、公共服务六个方面同城化，让郑开两地在更多领域同频共振。",
    [], ["抓机遇，深化郑开同城"])
add("kw-innovation", "city", 2023,
    "增动力，强化创新驱动。依托市科学院、河南大学开封研究院和开封智慧岛三大平台，推动规上工业企业研发活动全覆盖，实施高新技术企业倍增计划，深入推进科技型中小企业“春笋”计划。",
    [("规上工业企业研发活动", "gte", "100", "%", "level", "plain"), ("高新技术企业", "gte", "2", "倍", "multiple", "plain")],
    ["增动力，强化创新驱动"])
add("kw-industry", "city", 2023,
    "强产业，坚持制造立市。改造提升农副产品加工、高端化工、汽车及零部件、装备制造、现代家居、纺织服装六大传统产业，梯次培育营收超100亿元、50亿元、30亿元的龙头企业，做强石墨电极、特种石墨、负极材料等新型碳材料。",
    [], ["强产业，坚持制造立市"])
add("kw-tourism", "city", 2023,
    "挖内需，推进文旅强市。创建国家文化和旅游消费试点城市，办好“两节一会”，建设一批非遗、戏曲、红色文化研学基地。",
    [], ["挖内需，推进文旅强市"])
add("kw-projects", "city", 2023,
    "上项目，持续蓄势赋能。坚持“项目为王”，深入实施“8232”投资计划，聚焦8个领域谋划储备项目，确保全年实施项目2000个以上。",
    [("项目", "gte", "2000", "个", "level", "must")], ["上项目，持续蓄势赋能"])
add("province-goals", "province", None,
    "2023年全省经济社会发展主要预期目标：生产总值增长6%以上，在实际工作中争取更好结果；一般公共预算收入增长6%；规模以上工业增加值增长7%；固定资产投资增长10%；社会消费品零售总额增长6.5%；进出口总额保持稳定增长；城镇新增就业110万人；居民消费价格涨幅3%左右；粮食产量稳定在1300亿斤以上；节能减排完成国家下达任务。",
    [("生产总值", "gte", "6", "%", "growth", "plain"), ("一般公共预算收入", "gte", "6", "%", "growth", "plain"),
     ("规模以上工业增加值", "gte", "7", "%", "growth", "plain"), ("固定资产投资", "gte", "10", "%", "growth", "plain"),
     ("社会消费品零售总额", "gte", "6.5", "%", "growth", "plain"), ("进出口总额", "eq", None, "", "qualitative", "plain"),
     ("城镇新增就业", "gte", "110", "万人", "level", "plain"), ("居民消费价格", "approx", "3", "%", "growth", "plain"),
     ("粮食产量", "gte", "1300", "亿斤", "level", "plain")])
add("county-interview", "press", 2023,
    "记者：今年兰考县在招商引资方面有哪些目标？县长：今年我们要新签约亿元以上项目60个，其中10亿元以上项目不少于8个，实际到位省外资金增长8%。",
    [("新签约", "gte", "60", "个", "level", "plain"), ("10亿元以上项目", "gte", "8", "个", "level", "plain"),
     ("省外资金", "gte", "8", "%", "growth", "plain")])
add("mixed-base-and-target", "city", 2023,
    "在去年增长15.2%的基础上，今年全市社会消费品零售总额力争增长8%。",
    [("社会消费品零售总额", "gte", "8", "%", "growth", "strive")], [], [("15.2", "%")])
add("achievement-hightech", "city", 2023,
    "近年来，我市高新技术企业数量连续三年保持20%以上的增速，2022年达到218家。",
    [], [], [("20", "%"), ("218", "家")])
add("growth-list", "city", 2023,
    "全市规上工业增加值增长8%、固定资产投资增长10%、社会消费品零售总额增长6%。",
    [("规上工业增加值", "gte", "8", "%", "growth", "plain"), ("固定资产投资", "gte", "10", "%", "growth", "plain"),
     ("社会消费品零售总额", "gte", "6", "%", "growth", "plain")])
add("ecology", "city", 2023,
    "持续打好蓝天、碧水、净土保卫战，PM2.5平均浓度下降到45微克/立方米以下，空气质量优良天数比例达到70%以上，国控断面水质达标率保持100%。",
    [("PM2.5平均浓度", "lte", "45", "微克/立方米", "level", "plain"), ("优良天数比例", "gte", "70", "%", "level", "plain"),
     ("达标率", "gte", "100", "%", "level", "plain")])
add("county-plan", "county", None,
    "杞县2023年重点工作安排：全年完成固定资产投资增长12%，新培育规上工业企业30家，新增高新技术企业15家以上，新建改造农村公路120公里。",
    [("固定资产投资", "gte", "12", "%", "growth", "plain"), ("规上工业企业", "gte", "30", "家", "level", "plain"),
     ("高新技术企业", "gte", "15", "家", "level", "plain"), ("农村公路", "gte", "120", "公里", "level", "plain")])
add("no-targets-framework", "city", None,
    "2023年是全面贯彻落实党的二十大精神的开局之年，也是实施“十四五”规划承上启下的关键之年。",
    [])
add("first-quarter", "city", 2023,
    "今年以来，全市经济运行稳中有进，一季度地区生产总值增长4.8%。",
    [], [], [("4.8", "%")])
add("anchors", "province", 2023,
    "锚定“两个确保”，全面实施“十大战略”，奋力建设郑州都市圈重要增长极。",
    [])
add("livelihood", "city", 2023,
    "民生支出占一般公共预算支出比重保持在75%以上，新建、改扩建中小学和幼儿园20所，新增养老床位1000张。",
    [("民生支出", "gte", "75", "%", "level", "plain"), ("幼儿园", "gte", "20", "所", "level", "plain"),
     ("养老床位", "gte", "1000", "张", "level", "plain")])
add("press-ndrc", "press", 2023,
    "市发改委主任介绍，今年全市计划实施省重点项目120个，年度计划投资850亿元。",
    [("省重点项目", "gte", "120", "个", "level", "plain"), ("投资", "gte", "850", "亿元", "level", "plain")])
add("achievement-5g", "city", 2023,
    "截至目前，已建成5G基站3200个，实现乡镇以上区域全覆盖。",
    [], [], [("3200", "个")])
add("hydrogen", "city", 2023,
    "加快推进全钒液流电池及储能全产业链，谋划建设氢能产业园，力争氢能产业产值突破50亿元。",
    [("氢能产业产值", "gte", "50", "亿元", "level", "strive")])
add("employment", "city", 2023,
    "全年新增城镇就业3.8万人，农村劳动力转移就业5万人次，零就业家庭动态清零。",
    [("城镇就业", "gte", "3.8", "万人", "level", "plain"), ("农村劳动力转移就业", "gte", "5", "万人次", "level", "plain")])
add("achievement-2022", "city", 2023,
    "开封市2022年完成固定资产投资增长12.5%，其中工业投资增长22.3%。",
    [], [], [("12.5", "%"), ("22.3", "%")])
add("achievement-ranking", "city", 2023,
    "一般公共预算收入完成210亿元，同比增长8.6%，增速居全省第3位。",
    [], [], [("210", "亿元"), ("8.6", "%")])
add("grain-province", "province", 2023,
    "全面推进乡村振兴，新建高标准农田450万亩，确保粮食播种面积稳定在1.6亿亩以上、产量稳定在1300亿斤以上。",
    [("高标准农田", "gte", "450", "万亩", "level", "plain"), ("播种面积", "gte", "1.6", "亿亩", "level", "must"),
     ("产量", "gte", "1300", "亿斤", "level", "must")])
add("numbered-works", "county", 2023,
    "（一）聚焦制造强县，加快产业转型升级。全年新增规上工业企业100家，规上工业增加值增长8%左右。\n（二）聚焦城市更新，提升城市品质。改造老旧小区260个，新建城市道路30公里，新增停车位5000个。\n（三）聚焦民生福祉，办好民生实事。持续实施十大民生实事，确保财政民生支出占比不低于70%。",
    [("规上工业企业", "gte", "100", "家", "level", "plain"), ("规上工业增加值", "approx", "8", "%", "growth", "plain"),
     ("老旧小区", "gte", "260", "个", "level", "plain"), ("城市道路", "gte", "30", "公里", "level", "plain"),
     ("停车位", "gte", "5000", "个", "level", "plain"), ("民生支出占比", "gte", "70", "%", "level", "must")],
    ["聚焦制造强县，加快产业转型升级", "聚焦城市更新，提升城市品质", "聚焦民生福祉，办好民生实事"])
add("sections", "city", None,
    "一、2022年工作回顾\n全年地区生产总值增长4.1%，粮食总产量达到64亿斤。\n二、2023年主要目标任务\n地区生产总值增长6.5%左右，粮食总产量稳定在64亿斤以上。",
    [("地区生产总值", "approx", "6.5", "%", "growth", "plain"), ("粮食总产量", "gte", "64", "亿斤", "level", "plain")],
    [], [("4.1", "%")])
add("too-large", "city", 2023,
    "力争数字经济规模达到99999999999999999亿元。",
    [])
add("chinese-numerals", "city", 2023,
    "力争全年新增上市企业三家，引进高层次人才一千二百人以上。",
    [("上市企业", "gte", "3", "家", "level", "strive"), ("高层次人才", "gte", "1200", "人", "level", "strive")])
add("three-batches-activity", "city", 2023,
    "开展“三个一批”活动，每季度集中签约、开工、投产一批重大项目。",
    [])
add("press-mayor", "press", 2023,
    "谈及全年目标，市长表示，开封将力争地区生产总值突破2800亿元，一般公共预算收入增长6%以上。",
    [("地区生产总值", "gte", "2800", "亿元", "level", "strive"), ("一般公共预算收入", "gte", "6", "%", "growth", "strive")])
add("income-sync", "county", 2023,
    "城乡居民收入增长与经济增长基本同步。",
    [("城乡居民收入", "eq", None, "", "qualitative", "plain")])
add("emissions", "province", 2023,
    "单位地区生产总值二氧化碳排放下降3.6%，化学需氧量、氨氮排放总量均减少2%以上。",
    [("二氧化碳排放", "lte", "-3.6", "%", "growth", "plain"), ("化学需氧量", "lte", "-2", "%", "growth", "plain"),
     ("氨氮排放总量", "lte", "-2", "%", "growth", "plain")])
add("innovation-levels", "province", 2023,
    "研究与试验发展经费投入强度达到2%，每万人口高价值发明专利拥有量提高到3件。",
    [("研究与试验发展经费投入强度", "gte", "2", "%", "level", "plain"), ("高价值发明专利拥有量", "gte", "3", "件", "level", "plain")])
add("urbanisation", "city", 2023,
    "全市常住人口城镇化率提高1.5个百分点。",
    [("城镇化率", "gte", "1.5", "个百分点", "growth", "plain")])
add("achievement-streak", "city", 2023,
    "全市生产总值连续五年保持7%以上增长，2022年人均生产总值突破7万元。",
    [], [], [("7", "%"), ("7", "万元")])
add("five-works", "city", None,
    "2023年是开封高质量发展的攻坚之年。\n抓机遇，深化郑开同城。推动郑开同城化向更深层次迈进。\n增动力，强化创新驱动。实现规上工业企业研发活动全覆盖。\n强产业，坚持制造立市。培育一批百亿级龙头企业。\n挖内需，推进文旅强市。力争接待游客增长30%以上。\n上项目，持续蓄势赋能。确保完成年度投资3000亿元。",
    [("规上工业企业研发活动", "gte", "100", "%", "level", "plain"), ("游客", "gte", "30", "%", "growth", "strive"),
     ("投资", "gte", "3000", "亿元", "level", "must")],
    ["抓机遇，深化郑开同城", "增动力，强化创新驱动", "强产业，坚持制造立市", "挖内需，推进文旅强市", "上项目，持续蓄势赋能"])
add("province-opening", "province", 2023,
    "过去五年，全省经济总量连续跨越5万亿元、6万亿元两个台阶，城镇化率提高8个百分点。今年，全省要力争生产总值增长6%以上。",
    [("生产总值", "gte", "6", "%", "growth", "strive")], [], [("5", "万亿元"), ("8", "个百分点")])
add("doubling-words", "county", 2023,
    "实施规上企业培育行动，力争五年内规上工业企业数量翻一番。",
    [("规上工业企业", "gte", "2", "倍", "multiple", "strive")])
add("forest", "county", 2023,
    "新增造林面积1.2万亩，森林覆盖率稳定在30%以上，农村生活污水治理率达到45%。",
    [("造林面积", "gte", "1.2", "万亩", "level", "plain"), ("森林覆盖率", "gte", "30", "%", "level", "plain"),
     ("农村生活污水治理率", "gte", "45", "%", "level", "plain")])
add("press-achievement-mix", "press", 2023,
    "据介绍，去年全市接待游客7000万人次，今年将力争突破8000万人次。",
    [("游客", "gte", "8000", "万人次", "level", "strive")], [], [("7000", "万人次")])

H = []
def add(pid, kind, year, text, targets=(), key_works=(), achievements=()):
    H.append({"id": "holdout/" + pid, "kind": kind, "year": year, "variant": "clean", "split": "holdout", "text": text,
              "targets": [dict(zip(["metric", "comparator", "value", "unit", "basis", "commitment"], t, strict=True)) for t in targets],
              "key_works": list(key_works),
              "achievements": [dict(zip(["value", "unit"], a, strict=True)) for a in achievements]})

add("luoyang-goals", "city", None,
    "2023年全市发展的主要预期目标为：生产总值增长7%左右，规模以上工业增加值增长8%以上，社会消费品零售总额增长7%，城镇调查失业率控制在5.5%左右，节能减排降碳完成省定任务。",
    [("生产总值", "approx", "7", "%", "growth", "plain"), ("规模以上工业增加值", "gte", "8", "%", "growth", "plain"),
     ("社会消费品零售总额", "gte", "7", "%", "growth", "plain"), ("城镇调查失业率", "approx", "5.5", "%", "level", "plain")])
add("review-2022", "city", 2023,
    "2022年，全市生产总值迈上5600亿元新台阶，增长3.5%，一般公共预算收入增长5.1%，新增市场主体9.2万户。",
    [], [], [("5600", "亿元"), ("3.5", "%"), ("5.1", "%"), ("9.2", "万户")])
add("projects-county", "county", 2023,
    "全年谋划实施重点项目300个以上，完成投资400亿元，力争新开工亿元以上项目80个。",
    [("重点项目", "gte", "300", "个", "level", "plain"), ("投资", "gte", "400", "亿元", "level", "plain"),
     ("新开工", "gte", "80", "个", "level", "strive")])
add("headlines", "city", None,
    "2023年是全面建设社会主义现代化国家开局起步的关键时期。\n稳增长，全力拼经济。全年固定资产投资增长10%以上。\n优环境，激发市场活力。新增市场主体5万户。\n惠民生，增进人民福祉。确保城镇新增就业5万人。",
    [("固定资产投资", "gte", "10", "%", "growth", "plain"), ("市场主体", "gte", "5", "万户", "level", "plain"),
     ("城镇新增就业", "gte", "5", "万人", "level", "must")],
    ["稳增长，全力拼经济", "优环境，激发市场活力", "惠民生，增进人民福祉"])
add("interview-tourism", "press", 2023,
    "记者了解到，今年该市将围绕宋文化主题打造精品旅游线路10条，力争过夜游客数量增长20%。",
    [("旅游线路", "gte", "10", "条", "level", "plain"), ("过夜游客", "gte", "20", "%", "growth", "strive")])
add("ecology-province", "province", 2023,
    "细颗粒物平均浓度下降4%，地表水达到或好于三类水体比例达到78%，单位生产总值用水量降低5%。",
    [("细颗粒物平均浓度", "lte", "-4", "%", "growth", "plain"), ("三类水体比例", "gte", "78", "%", "level", "plain"),
     ("用水量", "lte", "-5", "%", "growth", "plain")])
add("past-streak", "county", 2023,
    "近五年来，全县财政收入年均增长9%，连续三年跻身全省县域经济先进县行列。",
    [], [], [("9", "%")])
add("education", "city", 2023,
    "新建改扩建幼儿园15所、中小学12所，新增学位2.4万个，学前教育毛入园率保持在92%以上。",
    [("幼儿园", "gte", "15", "所", "level", "plain"), ("中小学", "gte", "12", "所", "level", "plain"),
     ("学位", "gte", "2.4", "万个", "level", "plain"), ("毛入园率", "gte", "92", "%", "level", "plain")])
add("digital", "city", 2023,
    "加快数字化转型，新建5G基站2000个，数字经济核心产业增加值增长15%，培育省级智能工厂和智能车间20家。",
    [("基站", "gte", "2000", "个", "level", "plain"), ("数字经济核心产业增加值", "gte", "15", "%", "growth", "plain"),
     ("智能工厂", "gte", "20", "家", "level", "plain")])
add("income", "province", 2023,
    "居民收入增长和经济增长同步，农村居民人均可支配收入增速快于城镇居民。",
    [("居民收入", "eq", None, "", "qualitative", "plain")])
add("framework-only", "province", 2023,
    "坚持以“两个确保”统揽全局，把实施“十大战略”作为总抓手，推动高质量发展取得新突破。",
    [])
add("doubling", "city", 2023,
    "实施专精特新企业倍增行动，争取国家级专精特新“小巨人”企业数量翻一番。",
    [("专精特新企业", "gte", "2", "倍", "multiple", "plain"), ("小巨人", "gte", "2", "倍", "multiple", "strive")])
add("agri", "county", 2023,
    "粮食总产稳定在9亿斤以上，新建高标准农田8万亩，农村自来水普及率达到95%。",
    [("粮食总产", "gte", "9", "亿斤", "level", "plain"), ("高标准农田", "gte", "8", "万亩", "level", "plain"),
     ("自来水普及率", "gte", "95", "%", "level", "plain")])
add("mixed-year", "city", 2023,
    "去年全市进出口总额完成180亿元，今年力争达到200亿元以上。",
    [("进出口总额", "gte", "200", "亿元", "level", "strive")], [], [("180", "亿元")])
add("investment-press", "press", 2023,
    "市重点项目办负责人表示，今年全市确保完成重点项目投资1200亿元，其中产业项目投资占比不低于60%。",
    [("重点项目投资", "gte", "1200", "亿元", "level", "must"), ("产业项目投资占比", "gte", "60", "%", "level", "must")])
add("health", "city", 2023,
    "每千人口拥有执业（助理）医师数达到3.2人。",
    [("执业（助理）医师数", "gte", "3.2", "人", "level", "plain")])

H2 = []
def add2(pid, kind, year, text, targets=(), key_works=(), achievements=()):
    H2.append({"id": "holdout2/" + pid, "kind": kind, "year": year, "variant": "clean", "split": "holdout2", "text": text,
               "targets": [dict(zip(["metric", "comparator", "value", "unit", "basis", "commitment"], t, strict=True)) for t in targets],
               "key_works": list(key_works),
               "achievements": [dict(zip(["value", "unit"], a, strict=True)) for a in achievements]})

add2("prov-opening", "province", None,
    "2024年全省发展主要预期目标是：地区生产总值增长5.5%左右，居民消费价格涨幅控制在3%左右，一般公共预算收入增长5%，粮食产量保持在1300亿斤以上，单位地区生产总值能耗降低2.5%左右。",
    [("地区生产总值", "approx", "5.5", "%", "growth", "plain"), ("居民消费价格", "approx", "3", "%", "growth", "plain"),
     ("一般公共预算收入", "gte", "5", "%", "growth", "plain"), ("粮食产量", "gte", "1300", "亿斤", "level", "plain"),
     ("能耗", "approx", "-2.5", "%", "growth", "plain")])
add2("past-year-just-gone", "city", 2024,
    "刚刚过去的一年，全市固定资产投资增长8.2%，工业投资增长15%，实际利用外资1.6亿美元。",
    [], [], [("8.2", "%"), ("15", "%"), ("1.6", "亿美元")])
add2("five-years", "county", 2024,
    "五年来，全县地区生产总值年均增长6.8%，城乡居民人均可支配收入分别达到3.9万元和1.8万元。",
    [], [], [("6.8", "%"), ("3.9", "万元"), ("1.8", "万元")])
add2("county-projects", "county", 2024,
    "坚持项目为王，确保全年实施重点项目200个，完成投资260亿元以上，亿元以上项目开工率不低于90%。",
    [("重点项目", "gte", "200", "个", "level", "must"), ("投资", "gte", "260", "亿元", "level", "must"),
     ("开工率", "gte", "90", "%", "level", "must")])
add2("headline-works", "city", None,
    "2024年是实现“十四五”规划目标任务的关键一年。\n稳投资，夯实发展底盘。全年新开工项目500个以上。\n强工业，壮大实体经济。规上工业增加值增长8%左右。\n促消费，释放内需潜力。社会消费品零售总额增长6.5%。",
    [("新开工项目", "gte", "500", "个", "level", "plain"), ("规上工业增加值", "approx", "8", "%", "growth", "plain"),
     ("社会消费品零售总额", "gte", "6.5", "%", "growth", "plain")],
    ["稳投资，夯实发展底盘", "强工业，壮大实体经济", "促消费，释放内需潜力"])
add2("measures-one-two", "city", 2024,
    "推动制造业高质量发展，一是实施技改项目100个，二是培育专精特新中小企业50家，三是新增规上工业企业80家。",
    [("技改项目", "gte", "100", "个", "level", "plain"), ("专精特新中小企业", "gte", "50", "家", "level", "plain"),
     ("规上工业企业", "gte", "80", "家", "level", "plain")])
add2("interview-culture", "press", 2024,
    "文旅局负责人在接受采访时说，今年将举办各类文化活动300场次，力争全市旅游总人次突破1亿人次，旅游收入达到900亿元。",
    [("文化活动", "gte", "300", "场次", "level", "plain"), ("旅游总人次", "gte", "1", "亿人次", "level", "strive"),
     ("旅游收入", "gte", "900", "亿元", "level", "strive")])
add2("environment-county", "county", 2024,
    "空气质量优良天数比例达到72%，PM10平均浓度控制在80微克/立方米以内，县城生活垃圾无害化处理率保持100%。",
    [("优良天数比例", "gte", "72", "%", "level", "plain"), ("PM10平均浓度", "lte", "80", "微克/立方米", "level", "plain"),
     ("无害化处理率", "gte", "100", "%", "level", "plain")])
add2("no-numbers-speech", "city", 2024,
    "我们要以更加昂扬的斗志、更加务实的作风，奋力谱写中国式现代化开封篇章。",
    [])
add2("doubling-tech", "city", 2024,
    "力争科技型中小企业数量实现倍增，规上工业企业研发机构实现全覆盖。",
    [("科技型中小企业", "gte", "2", "倍", "multiple", "strive"), ("研发机构", "gte", "100", "%", "level", "strive")])
add2("mixed-review-target", "province", 2024,
    "去年全省新增城镇就业115万人，今年要确保城镇新增就业110万人以上。",
    [("城镇新增就业", "gte", "110", "万人", "level", "must")], [], [("115", "万人")])
add2("housing", "city", 2024,
    "开工改造城镇老旧小区1.5万户，筹集保障性租赁住房3000套，新增城市绿地面积50万平方米。",
    [("老旧小区", "gte", "1.5", "万户", "level", "plain"), ("保障性租赁住房", "gte", "3000", "套", "level", "plain"),
     ("城市绿地面积", "gte", "50", "万平方米", "level", "plain")])
add2("rates-down", "province", 2024,
    "城镇调查失业率控制在5.5%以内，万元生产总值用水量下降3%以上。",
    [("城镇调查失业率", "lte", "5.5", "%", "level", "plain"), ("用水量", "lte", "-3", "%", "growth", "plain")])
add2("sync-income", "city", 2024,
    "城乡居民收入与经济增长同步，农村居民收入增速高于城镇居民。",
    [("城乡居民收入", "eq", None, "", "qualitative", "plain")])

H3 = []
def add3(pid, kind, year, text, targets=(), key_works=(), achievements=()):
    H3.append({"id": "holdout3/" + pid, "kind": kind, "year": year, "variant": "clean", "split": "holdout3", "text": text,
               "targets": [dict(zip(["metric", "comparator", "value", "unit", "basis", "commitment"], t, strict=True)) for t in targets],
               "key_works": list(key_works),
               "achievements": [dict(zip(["value", "unit"], a, strict=True)) for a in achievements]})

add3("district-goals", "district", 2024,
    "全区主要预期目标为：地区生产总值增长6%左右，固定资产投资增长8%，税收收入占一般公共预算收入比重达到70%以上。",
    [("地区生产总值", "approx", "6", "%", "growth", "plain"), ("固定资产投资", "gte", "8", "%", "growth", "plain"),
     ("比重", "gte", "70", "%", "level", "plain")])
add3("names-not-targets", "city", 2024,
    "加快G310国道改建工程，推进郑开大道快速化改造，创建国家5A级旅游景区，融入“一带一路”建设。",
    [])
add3("deadline-words", "city", 2024,
    "2024年底前完成全部老旧管网改造，新建污水管网60公里，城市污水集中收集率达到75%以上。",
    [("污水管网", "gte", "60", "公里", "level", "plain"), ("污水集中收集率", "gte", "75", "%", "level", "plain")])
add3("first-second", "province", 2024,
    "第一，全力稳住工业基本盘，规模以上工业增加值增长7%左右。第二，持续扩大有效投资，力争固定资产投资增长8%以上。",
    [("规模以上工业增加值", "approx", "7", "%", "growth", "plain"), ("固定资产投资", "gte", "8", "%", "growth", "strive")])
add3("qa-press", "press", 2024,
    "问：今年全市招商引资有什么硬指标？答：我们的目标是引进省外资金1200亿元以上，新签约亿元以上项目400个。",
    [("省外资金", "gte", "1200", "亿元", "level", "plain"), ("新签约", "gte", "400", "个", "level", "plain")])
add3("review-ranking", "city", 2024,
    "2023年，全市生产总值增速居全省第5位，规上工业增加值增长9.1%，高于全省4.1个百分点。",
    [], [], [("9.1", "%"), ("4.1", "个百分点")])
add3("health-education", "county", 2024,
    "新建村卫生室30个，义务教育巩固率保持在99%以上，新增普惠性学位1200个。",
    [("村卫生室", "gte", "30", "个", "level", "plain"), ("义务教育巩固率", "gte", "99", "%", "level", "plain"),
     ("普惠性学位", "gte", "1200", "个", "level", "plain")])
add3("energy-decline", "city", 2024,
    "单位生产总值能耗下降2%以上，主要污染物排放总量持续减少，非化石能源消费比重提高到18%。",
    [("能耗", "lte", "-2", "%", "growth", "plain"), ("非化石能源消费比重", "gte", "18", "%", "level", "plain")])
add3("headline-county", "county", None,
    "2024年是全县高质量发展的攻坚之年。\n抓产业，筑牢发展根基。培育营收超10亿元企业5家。\n抓城建，提升县城品质。新建改造道路25公里。",
    [("企业", "gte", "5", "家", "level", "plain"), ("道路", "gte", "25", "公里", "level", "plain")],
    ["抓产业，筑牢发展根基", "抓城建，提升县城品质"])
add3("strive-and-must", "city", 2024,
    "全年确保一般公共预算收入增长5%，力争达到200亿元。",
    [("一般公共预算收入", "gte", "5", "%", "growth", "must"), ("一般公共预算收入", "gte", "200", "亿元", "level", "strive")])
add3("since-year-start", "city", 2024,
    "今年以来，全市已签约项目86个，总投资超过500亿元。",
    [], [], [("86", "个"), ("500", "亿元")])
add3("tourism-county", "county", 2024,
    "力争全年接待游客1500万人次，实现旅游综合收入120亿元，分别增长20%和25%。",
    [("游客", "gte", "1500", "万人次", "level", "strive"), ("旅游综合收入", "gte", "120", "亿元", "level", "strive"),
     ("游客", "gte", "20", "%", "growth", "strive"), ("旅游综合收入", "gte", "25", "%", "growth", "strive")])

H4 = []
def add4(pid, kind, year, text, targets=(), key_works=(), achievements=()):
    H4.append({"id": "holdout4/" + pid, "kind": kind, "year": year, "variant": "clean", "split": "holdout4", "text": text,
               "targets": [dict(zip(["metric", "comparator", "value", "unit", "basis", "commitment"], t, strict=True)) for t in targets],
               "key_works": list(key_works),
               "achievements": [dict(zip(["value", "unit"], a, strict=True)) for a in achievements]})

add4("city-goals-2025", "city", None,
    "2025年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，规上工业增加值增长7%，固定资产投资增长6%以上，社会消费品零售总额增长5.5%，居民人均可支配收入增长与经济增长基本同步。",
    [("地区生产总值", "approx", "6", "%", "growth", "plain"), ("规上工业增加值", "gte", "7", "%", "growth", "plain"),
     ("固定资产投资", "gte", "6", "%", "growth", "plain"), ("社会消费品零售总额", "gte", "5.5", "%", "growth", "plain"),
     ("居民人均可支配收入", "eq", None, "", "qualitative", "plain")])
add4("review-2024", "city", 2025,
    "2024年，全市完成固定资产投资1860亿元，增长7.6%；新签约亿元以上项目312个，新开工项目426个。",
    [], [], [("1860", "亿元"), ("7.6", "%"), ("312", "个"), ("426", "个")])
add4("kw-lines", "county", 2025,
    "强基础，补齐设施短板。新建农村公路80公里，改造危桥12座。\n优服务，打造一流环境。政务服务事项全程网办率达到90%以上。",
    [("农村公路", "gte", "80", "公里", "level", "plain"), ("危桥", "gte", "12", "座", "level", "plain"),
     ("全程网办率", "gte", "90", "%", "level", "plain")],
    ["强基础，补齐设施短板", "优服务，打造一流环境"])
add4("press-investment", "press", 2025,
    "市发展改革委相关负责人介绍，今年全市将安排市重点项目500个，年度计划投资1100亿元，力争一季度开工率达到60%。",
    [("市重点项目", "gte", "500", "个", "level", "plain"), ("年度计划投资", "gte", "1100", "亿元", "level", "plain"),
     ("开工率", "gte", "60", "%", "level", "strive")])
add4("ecology-2025", "province", 2025,
    "细颗粒物浓度下降到38微克/立方米，国考断面水质优良比例达到85%，受污染耕地安全利用率保持在93%以上。",
    [("细颗粒物浓度", "lte", "38", "微克/立方米", "level", "plain"), ("水质优良比例", "gte", "85", "%", "level", "plain"),
     ("受污染耕地安全利用率", "gte", "93", "%", "level", "plain")])
add4("agri-county", "county", 2025,
    "确保粮食播种面积稳定在180万亩以上，力争粮食总产达到16亿斤，新建高标准农田5万亩。",
    [("粮食播种面积", "gte", "180", "万亩", "level", "must"), ("粮食总产", "gte", "16", "亿斤", "level", "strive"),
     ("高标准农田", "gte", "5", "万亩", "level", "strive")])
add4("since-three-years", "city", 2025,
    "近三年来，全市累计培育国家级专精特新“小巨人”企业12家，高新技术企业总数达到680家。",
    [], [], [("12", "家"), ("680", "家")])
add4("people-livelihood", "city", 2025,
    "新增城镇就业4.2万人，城镇调查失业率控制在5.5%左右，基本养老保险参保率稳定在95%以上。",
    [("城镇就业", "gte", "4.2", "万人", "level", "plain"), ("城镇调查失业率", "approx", "5.5", "%", "level", "plain"),
     ("参保率", "gte", "95", "%", "level", "plain")])
add4("culture-tourism", "city", 2025,
    "持续擦亮“千年古都”城市名片，全年举办节会活动50场次，接待游客增长15%以上，旅游综合收入增长18%。",
    [("节会活动", "gte", "50", "场次", "level", "plain"), ("游客", "gte", "15", "%", "growth", "plain"),
     ("旅游综合收入", "gte", "18", "%", "growth", "plain")])
add4("openness", "province", 2025,
    "进出口总额增长5%左右，实际使用外资稳中有升，新设外资企业200家以上。",
    [("进出口总额", "approx", "5", "%", "growth", "plain"), ("外资企业", "gte", "200", "家", "level", "plain")])
add4("digital-2025", "city", 2025,
    "数字经济核心产业增加值占地区生产总值比重提高1个百分点，新建5G基站1500个。",
    [("比重", "gte", "1", "个百分点", "growth", "plain"), ("基站", "gte", "1500", "个", "level", "plain")])
add4("no-target-vision", "province", 2025,
    "锚定“两个确保”，深入实施“十大战略”，在中国式现代化建设河南实践中展现更大担当。",
    [])

import json, random, re
import opencc
from pypinyin import pinyin, Style
for p in P:
    p['split'] = 'dev'
P = P + H + H2 + H3 + H4
s2t = opencc.OpenCC('s2t')
CJK = re.compile(r'[\u4e00-\u9fff]')

def readings(text):
    return [r[0] for r in pinyin(text, style=Style.TONE, errors=lambda x: [None]*len(x))]

def mangle(text, kinds, rng):
    if 'traditional' in kinds:
        text = s2t.convert(text)
    if 'pinyin' in kinds or 'lost' in kinds:
        py = readings(text)
        positions = [i for i, ch in enumerate(text) if CJK.match(ch) and py[i]]
        # Annotate some characters, as reading-aid sites do, and lose some "(" or characters.
        chosen = sorted(rng.sample(positions, min(len(positions), max(2, len(positions) // 8))))
        lost_char = rng.choice(chosen[1:]) if 'lost' in kinds and len(chosen) > 1 else None
        out = []
        for i, ch in enumerate(text):
            if i == lost_char:
                out.append('?' + py[i] + ')')
            elif i in chosen:
                if 'lost' in kinds and rng.random() < 0.4:
                    out.append(ch + '?' + py[i] + ')')
                else:
                    out.append(ch + '(' + py[i] + ')')
            else:
                out.append(ch)
        text = ''.join(out)
    if 'quotes' in kinds:
        text = re.sub('[“”]', '?', text)
    if 'fullwidth' in kinds:
        text = text.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}).replace('%', '％')
    if 'junk' in kinds:
        text = '??' + text.replace('，', '，\ue01a', 1) + '\x07'
    if 'page' in kinds:
        text = '首页 >> 政务公开 >> 政府工作报告\n\u3000\u3000' + text.replace('\n', '\n\u3000\u3000') + '\n分享到：\n责任编辑：李明\n【打印】【关闭】'
    return text

plans = {
    'city-8232': ['traditional', 'pinyin', 'page'],
    'city-three-batches': ['pinyin', 'lost'],
    'city-tourism': ['quotes', 'fullwidth', 'junk'],
    'city-main-goals': ['traditional', 'pinyin', 'lost'],
    'city-review': ['traditional', 'page'],
    'kw-innovation': ['pinyin', 'lost', 'quotes'],
    'kw-projects': ['traditional', 'quotes', 'page'],
    'province-goals': ['fullwidth', 'pinyin', 'page'],
    'county-interview': ['traditional', 'lost'],
    'mixed-base-and-target': ['pinyin', 'lost', 'junk'],
    'ecology': ['traditional', 'fullwidth'],
    'county-plan': ['pinyin', 'page'],
    'numbered-works': ['traditional', 'pinyin', 'lost'],
    'press-mayor': ['lost', 'quotes', 'junk'],
    'emissions': ['traditional', 'pinyin'],
    'five-works': ['traditional', 'pinyin', 'page'],
    'achievement-streak': ['pinyin', 'lost'],
    'sections': ['fullwidth', 'page'],
    'holdout/luoyang-goals': ['traditional', 'pinyin', 'lost'],
    'holdout/headlines': ['pinyin', 'page'],
    'holdout/education': ['traditional', 'fullwidth', 'lost'],
    'holdout/mixed-year': ['pinyin', 'junk'],
    'holdout/investment-press': ['traditional', 'quotes', 'lost'],
    'holdout/agri': ['pinyin', 'lost', 'page'],
    'holdout2/prov-opening': ['traditional', 'pinyin', 'lost'],
    'holdout2/county-projects': ['fullwidth', 'quotes', 'page'],
    'holdout2/headline-works': ['traditional', 'lost', 'page'],
    'holdout2/housing': ['pinyin', 'junk'],
    'holdout2/mixed-review-target': ['traditional', 'pinyin'],
    'holdout3/district-goals': ['traditional', 'lost', 'page'],
    'holdout3/qa-press': ['pinyin', 'quotes'],
    'holdout3/headline-county': ['traditional', 'pinyin', 'page'],
    'holdout3/tourism-county': ['fullwidth', 'lost', 'junk'],
    'holdout4/city-goals-2025': ['traditional', 'pinyin', 'lost'],
    'holdout4/kw-lines': ['traditional', 'page'],
    'holdout4/press-investment': ['pinyin', 'lost', 'quotes'],
    'holdout4/agri-county': ['fullwidth', 'junk'],
    'holdout4/culture-tourism': ['traditional', 'quotes', 'lost'],
}
rng = random.Random(20230101)
out = list(P)
for p in P:
    if p['id'] in plans:
        q = dict(p)
        q['id'] = p['id'] + '/mangled'
        q['variant'] = 'mangled: ' + ', '.join(plans[p['id']])
        q['text'] = mangle(p['text'], plans[p['id']], rng)
        out.append(q)
doc = {
    "about": "Labelled passages in the style of city, provincial and county work reports and press "
             "interviews, written for tuijin's extractor evaluation (issue 5). Each target lists the "
             "phrase its metric must contain, comparator, value, unit, basis and commitment. "
             "'achievements' are past figures that must never come back as targets. Mangled "
             "variants repeat a clean passage as a web page might have broken it.",
    "passages": out,
    "splits": "dev: written first and used while building the extractor; holdout: written "
              "after the rules were frozen (its one miss, a 万个 unit, was then fixed); holdout2: "
              "written after that fix, measured once, then its two misses (涨幅 with 控制在, the unit 场次) "
              "fixed; holdout3: written after those fixes, measured once, misses fixed; holdout4: "
              "written after the last fix and left unfixed, so it stays a blind measure.",
}
json.dump(doc, open(Path(__file__).with_name('extract_eval_set.json'), 'w'), ensure_ascii=False, indent=1)
