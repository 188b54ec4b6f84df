"""Demo programme generator: plausible, clearly labelled projects and monthly reports.

Pure and deterministic: everything comes from ``random.Random`` instances seeded from the spec
(no global random, no clock), so the same spec always gives the same rows. Rows are plain
named tuples; ``demo_projects`` yields them one project at a time so that a loader can stream
600,000 projects without holding them all.

Calibration (DESIGN.md §2, the "8232" plan; per 2,000 projects, scaled with the count):
- annual planned investment about 3000亿元 in total, two thirds of it in industrial projects
  (2000/3000); manufacturing and innovation projects are mostly industrial;
- 三个一批: about 155 projects each with a signing, a start and a production date in the year;
  only events on or before the end of the last reported month have happened (actual dates);
- reports follow a back-loaded seasonal curve (about 4 % of the year in January, 13 % in
  December); most projects beat their plan, as Kaifeng's 2022 programme did, some lag or stall,
  so a dashboard shows green, yellow and red projects;
- about 3 % of reports are missing, 6 % arrive after the plan's due day, 8 % name a blocker.

No twins: no two projects of one district share a name, code or none (issue 9 §3: an import
matching by name and district could not tell them apart). A drawn name already taken becomes
another phase of the same project, then the same firm's project in one of the district's towns,
as real programmes name them (``ProjectNames``).
"""

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

DEMO_PREFIX = "【演示】"
# The owner the `owner-demo` account belongs to: in 龙亭区, owns the first Longting projects.
FEATURED_OWNER_NAME = f"{DEMO_PREFIX}开封龙亭示范建设有限公司"
FEATURED_OWNER_DISTRICT = "410202"
FEATURED_OWNER_PROJECTS = 8

TZ = ZoneInfo("Asia/Shanghai")
WAN = Decimal("0.0001")
CENT = Decimal("0.01")

# The 9 GB/T 2260 districts and counties of Kaifeng (DESIGN.md §4), weighted by share of
# projects: the four counties carry more of the programme than the old urban districts.
DISTRICTS: dict[str, tuple[str, float]] = {
    "410202": ("龙亭", 0.10),
    "410203": ("顺河", 0.08),
    "410204": ("鼓楼", 0.07),
    "410205": ("禹王台", 0.07),
    "410212": ("祥符", 0.12),
    "410221": ("杞县", 0.14),
    "410222": ("通许", 0.12),
    "410223": ("尉氏", 0.14),
    "410225": ("兰考", 0.16),
}

# Towns and subdistricts (乡镇、街道) of each district, for names that tell two projects of the
# same firm and product apart ("【演示】兰考堌阳镇宏达花生深加工项目").
TOWNS: dict[str, tuple[str, ...]] = {
    "410202": ("北书店街道", "午朝门街道", "大兴街道", "北道门街道", "北郊乡", "柳园口乡",
               "水稻乡"),
    "410203": ("清平街道", "铁塔街道", "曹门街道", "宋门街道", "工业街道", "苹果园街道",
               "东郊乡", "土柏岗乡"),
    "410204": ("相国寺街道", "州桥街道", "西司门街道", "卧龙街道", "五一街道", "新华街道",
               "南苑街道", "仙人庄街道"),
    "410205": ("三里堡街道", "新门关街道", "繁塔街道", "官坊街道", "菜市街道", "南郊乡",
               "汪屯乡"),
    "410212": ("城关镇", "陈留镇", "仇楼镇", "八里湾镇", "曲兴镇", "朱仙镇", "半坡店乡",
               "罗王乡", "刘店乡", "袁坊乡", "杜良乡", "兴隆乡", "范村乡", "万隆乡", "西姜寨乡"),
    "410221": ("城关镇", "五里河镇", "傅集镇", "圉镇镇", "高阳镇", "葛岗镇", "阳堌镇", "邢口镇",
               "裴村店乡", "宗店乡", "板木乡", "竹林乡", "官庄乡", "湖岗乡", "苏木乡", "沙沃乡",
               "平城乡", "泥沟乡", "城郊乡"),
    "410222": ("城关镇", "四所楼镇", "竖岗镇", "玉皇庙镇", "长智镇", "朱砂镇", "冯庄乡",
               "孙营乡", "大岗李乡", "邸阁乡", "练城乡", "厉庄乡"),
    "410223": ("城关镇", "洧川镇", "朱曲镇", "蔡庄镇", "永兴镇", "张市镇", "十八里镇", "水坡镇",
               "大营镇", "庄头镇", "大马乡", "门楼任乡", "大桥乡", "南曹乡", "岗李乡", "小陈乡",
               "邢庄乡"),
    "410225": ("城关镇", "堌阳镇", "南彰镇", "张君墓镇", "红庙镇", "考城镇", "谷营镇", "仪封镇",
               "东坝头镇", "小宋镇", "孟寨乡", "许河乡", "葡萄架乡", "三义寨乡", "闫楼乡",
               "爪营乡", "桐乡街道", "惠安街道"),
}
# A drawn name has no phase three times in five, else 一期 or 二期; later phases only tell
# twins apart, and past 五期 (beyond about 700,000 projects) 标段 (construction lots) do.
PHASES = ("", "（一期）", "（二期）", "（三期）", "（四期）", "（五期）")
DRAWN_PHASES = ("", "", "", "（一期）", "（二期）")

# Seasonal share of a year's investment by month: back-loaded, sums to 100.
SEASON = (4, 4, 6, 7, 8, 9, 9, 9, 9, 10, 12, 13)
SIGN_MONTHS = (10, 10, 14, 12, 10, 9, 8, 7, 6, 5, 5, 4)  # signing ceremonies cluster early
START_MONTHS = (4, 8, 14, 14, 12, 10, 9, 8, 7, 6, 5, 3)  # 集中开工 in spring
PRODUCTION_MONTHS = (3, 4, 6, 7, 8, 9, 9, 10, 10, 11, 11, 12)  # completions towards year end
EVENT_SHARE_NEW = 0.13  # a new project's chance to be in the signing or the starting batch
EVENT_SHARE_CONTINUING = 0.03
PRODUCTION_SHARE_NEW = 0.03
PRODUCTION_SHARE_CONTINUING = 0.15
EVENT_HAPPENS = 0.92  # a planned event that actually takes place (possibly late)
MISSING_REPORT = 0.03
LATE_REPORT = 0.06
TROUBLED_PROJECT = 0.03  # on top of laggards, projects that report problems now and then
BLOCKER_IN_MONTH = 0.45
CODE_SHARE = 0.7


@dataclass(frozen=True)
class DomainProfile:
    weight: float  # share of the projects
    industrial: float  # chance that a project is an industrial project (产业项目)
    median_wan: float  # median total investment
    industries: tuple[str, ...]  # GB/T 4754 two-digit divisions for project codes
    products: tuple[str, ...]
    kind: str


PROFILES: dict[str, DomainProfile] = {
    "innovation": DomainProfile(
        0.12, 0.85, 30000, ("63", "64", "65", "73"),
        ("智能算力中心", "工业互联网平台", "科技企业孵化器", "新型研发机构", "5G基站建设",
         "大数据产业园", "智慧岛科创中心", "智能传感器研发基地", "数字经济产业园"),
        "plant"),
    "manufacturing": DomainProfile(
        0.33, 0.97, 42000, ("26", "30", "34", "36", "38", "41"),
        ("新材料产业园", "石墨电极生产线", "负极材料生产基地", "全钒液流电池储能装备",
         "汽车零部件智能制造", "高端装备制造产业园", "氢能装备产业园", "精细化工",
         "现代家居产业园", "纺织服装智能工厂", "特种石墨", "农副产品精深加工"),
        "plant"),
    "agriculture": DomainProfile(
        0.10, 0.5, 7000, ("01", "03", "05", "13"),
        ("高标准农田建设", "现代农业产业园", "冷链物流中心", "花生深加工", "蔬菜种植基地",
         "智慧农业示范园", "食用菌产业园", "粮食仓储"),
        "farm"),
    "services": DomainProfile(
        0.12, 0.3, 14000, ("51", "54", "59", "61", "72"),
        ("现代物流园", "文旅综合体", "宋文化主题街区", "会展中心", "电商产业园",
         "商贸综合体", "研学旅行基地", "非遗文化园"),
        "building"),
    "livelihood": DomainProfile(
        0.08, 0.0, 9000, ("83", "84", "88"),
        ("人民医院新院区", "中学新建", "养老服务中心", "职业技术学院扩建", "体育中心",
         "保障性住房", "妇幼保健院", "社区卫生服务中心"),
        "building"),
    "infrastructure": DomainProfile(
        0.10, 0.05, 36000, ("48", "44", "46"),
        ("快速通道", "国道改建", "220千伏输变电工程", "燃气管网", "郑开同城快速路",
         "黄河大桥连接线", "供水厂扩建", "公交枢纽"),
        "works"),
    "ecology": DomainProfile(
        0.07, 0.15, 9000, ("46", "77", "78"),
        ("污水处理厂提标改造", "黄河生态廊道", "湿地公园", "垃圾焚烧发电", "水系连通",
         "固废综合利用", "河道综合治理"),
        "works"),
    "urban-renewal": DomainProfile(
        0.08, 0.0, 11000, ("47", "70", "78"),
        ("老旧小区改造", "城中村改造", "历史文化街区保护更新", "背街小巷提升",
         "城市地下管网更新", "棚户区改造"),
        "building"),
}
PROFILE_ORDER = tuple(PROFILES)  # the plan's domain numbers 1..8 map onto this order

BRANDS = (
    "宏达", "金明", "汴京", "清明", "鼎盛", "华昌", "中原", "黄河", "天波", "大宋", "恒瑞", "通达",
    "瑞丰", "嘉禾", "新宇", "龙腾", "博远", "启航", "远东", "兴业", "华源", "腾飞", "盛世", "东方",
    "平原", "菊城", "宋都", "中科", "豫东", "汇通", "安泰", "永兴", "鸿运", "德信", "世纪", "万和",
    "金地", "合力", "润泽", "顺发",
)
OWNER_TRADES = (
    "新材料", "建设投资", "实业", "置业", "科技", "能源", "农业发展", "物流", "文化旅游", "化工",
    "机械制造", "汽车部件", "家居", "纺织", "电子", "医药", "环保", "水务", "城市建设", "现代农业",
    "食品", "储能科技", "碳素", "氢能科技", "建材", "数字科技", "教育发展", "健康产业",
    "交通投资", "商贸",
)
OWNER_SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司", "发展有限公司")
OWNERS_PER_DISTRICT_MAX = len(BRANDS) * len(OWNER_TRADES) * len(OWNER_SUFFIXES) // 3

STAGES = {
    "plant": ("土地摘牌，办理规划许可", "场地平整完成", "桩基施工", "主体钢结构安装",
              "厂房封顶", "设备采购招标", "生产线设备安装", "设备调试", "试生产"),
    "farm": ("项目选址完成", "土地流转完成", "田间道路施工", "灌溉设施建设", "大棚主体施工",
             "设备安装", "试运营"),
    "building": ("方案设计完成", "施工许可办理", "基础施工", "主体结构施工", "主体封顶",
                 "二次结构及装饰装修", "室外配套施工", "竣工验收准备"),
    "works": ("初步设计批复", "征地拆迁", "路基施工", "管网敷设", "桥梁下部结构施工",
              "主体工程施工", "附属工程施工", "交工验收准备"),
}
BLOCKERS = (
    ("土地指标尚未落实", "请求市自然资源和规划局协调用地指标"),
    ("环评批复尚未取得", "请求市生态环境局加快环评审批"),
    ("项目融资到位滞后", "请求协调金融机构给予贷款支持"),
    ("征地拆迁进度缓慢", "请求属地政府加快征迁工作"),
    ("施工用电未接入", "请求供电公司加快接入施工用电"),
    ("专项债资金尚未到位", "请求市财政局加快资金拨付"),
    ("施工许可手续办理中", "请求市住房和城乡建设局并联审批"),
    ("主要设备到货延迟", ""),
    ("原材料价格上涨，施工进度放缓", ""),
)


class DemoSpec(NamedTuple):
    """What to generate: for a plan of ``year`` with these domain codes (numbered order)."""

    year: int
    projects: int
    months: int
    seed: int
    domains: tuple[str, ...]
    report_due_day: int = 25


class DemoOwner(NamedTuple):
    name: str
    district: str  # GB/T 2260 code


class DemoProject(NamedTuple):
    index: int
    code: str | None
    name: str
    domain: str  # the plan's domain code
    district: str  # GB/T 2260 code
    owner: str  # name of a DemoOwner in the same district
    is_industrial: bool
    nature: str  # "new" | "continuing"
    description: str
    total_investment_wan: Decimal
    annual_plan_wan: Decimal
    planned_signed_on: date | None
    planned_started_on: date | None
    planned_in_production_on: date | None
    actual_signed_on: date | None
    actual_started_on: date | None
    actual_in_production_on: date | None


class DemoReport(NamedTuple):
    project_index: int
    month: int
    investment_month_wan: Decimal
    cumulative_wan: Decimal
    progress_text: str
    blockers: str
    help_requested: str
    submitted_at: datetime  # aware, Asia/Shanghai


def _owners_in(district: str, count: int, rng: random.Random) -> list[DemoOwner]:
    place = DISTRICTS[district][0]
    combos = len(BRANDS) * len(OWNER_TRADES) * len(OWNER_SUFFIXES)
    owners = []
    for k in rng.sample(range(combos), min(count, OWNERS_PER_DISTRICT_MAX)):
        brand, rest = divmod(k, len(OWNER_TRADES) * len(OWNER_SUFFIXES))
        trade, suffix = divmod(rest, len(OWNER_SUFFIXES))
        name = f"{DEMO_PREFIX}{place}{BRANDS[brand]}{OWNER_TRADES[trade]}{OWNER_SUFFIXES[suffix]}"
        owners.append(DemoOwner(name, district))
    return owners


def demo_owners(spec: DemoSpec) -> list[DemoOwner]:
    """The pool of demo owners (建设单位), a few per district; about one per five projects."""
    rng = random.Random(f"tuijin-demo:{spec.seed}:owners")
    owners = [DemoOwner(FEATURED_OWNER_NAME, FEATURED_OWNER_DISTRICT)]
    for district, (_place, weight) in DISTRICTS.items():
        owners.extend(_owners_in(district, max(3, round(spec.projects * weight / 5)), rng))
    return owners


class ProjectNames:
    """Hands out project names, never the same one twice in a district.

    A name is 【演示】 + where (开封, the district, or a town of it) + firm + product + 项目 +
    phase. A drawn name that is free is kept, so a programme without twins is what it always
    was. A taken one becomes, in this order: another phase of the same project; the same firm's
    project in one of the district's towns (from the project's index, so not all in the first
    town); the first free combination of firm, place and phase for that product, found by a
    cursor that only moves forward (each combination is looked at once per programme, however
    full the district gets); past all of those, the next construction lot (第N标段), numbered
    per district and product and so never taken before.

    A name is one bit in a bitmap per district, addressed by the indexes of its parts: about
    40 KB a district whatever the size of the programme (a set of 600,000 names took 45 MB).
    """

    def __init__(self) -> None:
        products = dict.fromkeys(product for profile in PROFILES.values()
                                 for product in profile.products)
        self._product_index = {product: i for i, product in enumerate(products)}
        self._places = 2 + max(len(towns) for towns in TOWNS.values())
        size = len(PHASES) * self._places * len(BRANDS) * len(products)
        self._taken = {district: bytearray(size // 8 + 1) for district in DISTRICTS}
        self._cursor: dict[tuple[str, int], int] = {}
        self._lots: dict[tuple[str, int], int] = {}

    def take(self, *, index: int, district: str, where: str, brand: str, product: str,
             phase: str) -> str:
        """The name drawn (``where`` is "开封" or the district's short name), or the nearest
        free one, recorded as taken in ``district``."""
        taken = self._taken[district]
        b = BRANDS.index(brand)
        p = self._product_index[product]
        w = 0 if where == "开封" else 1
        towns = len(TOWNS[district])
        for w_, b_, f_ in self._nearby(index=index, towns=towns, where=w, brand=b,
                                       phase=PHASES.index(phase)):
            if self._claim(taken, w_, b_, p, f_):
                return self._name(district, w_, b_, product, f_)

        places = 2 + towns
        combinations = len(BRANDS) * places * len(PHASES)
        cursor = self._cursor.get((district, p), 0)
        while cursor < combinations:
            rest, f_ = divmod(cursor, len(PHASES))
            b_, w_ = divmod(rest, places)
            cursor += 1
            if self._claim(taken, w_, b_, p, f_):
                self._cursor[district, p] = cursor
                return self._name(district, w_, b_, product, f_)
        self._cursor[district, p] = cursor
        lot = self._lots.get((district, p), 0) + 1
        self._lots[district, p] = lot
        return self._name(district, w, b, product, len(PHASES) - 1 + lot)

    @staticmethod
    def _nearby(*, index: int, towns: int, where: int, brand: int,
                phase: int) -> Iterator[tuple[int, int, int]]:
        """The drawn (where, brand, phase), its other phases, then the towns, by preference."""
        yield where, brand, phase
        yield from ((where, brand, f) for f in range(1, len(PHASES)) if f != phase)
        start = index % towns
        for t in range(towns):
            for f in range(len(PHASES)):
                yield 2 + (start + t) % towns, brand, f

    def _claim(self, taken: bytearray, where: int, brand: int, product: int, phase: int) -> bool:
        """Mark the name taken; False when it already was."""
        bit = ((phase * self._places + where) * len(BRANDS) + brand) * len(self._product_index)
        byte, mask = divmod(bit + product, 8)
        mask = 1 << mask
        if taken[byte] & mask:
            return False
        taken[byte] |= mask
        return True

    @staticmethod
    def _name(district: str, where: int, brand: int, product: str, phase: int) -> str:
        place = DISTRICTS[district][0]
        prefix = ("开封", place)[where] if where < 2 else place + TOWNS[district][where - 2]
        suffix = PHASES[phase] if phase < len(PHASES) else f"（第{phase - len(PHASES) + 1}标段）"
        return f"{DEMO_PREFIX}{prefix}{BRANDS[brand]}{product}项目{suffix}"


def _profile(domain: str, position: int) -> DomainProfile:
    return PROFILES.get(domain) or PROFILES[PROFILE_ORDER[position % len(PROFILE_ORDER)]]


def _wan(amount: float) -> Decimal:
    """Whole 万元 for amounts of 100万元 and more, 2 decimals below that."""
    if amount >= 100:
        return Decimal(round(amount)).quantize(WAN)
    return Decimal(round(amount * 100)).scaleb(-2).quantize(WAN)


def _day_in(rng: random.Random, year: int, month_weights: tuple[int, ...]) -> date:
    month = rng.choices(range(1, 13), weights=month_weights)[0]
    return date(year, month, rng.randint(1, 28))


def _actual(rng: random.Random, planned: date | None, as_of: date | None) -> date | None:
    """The actual date of a planned event: most happen, a little late on average."""
    if planned is None or as_of is None or rng.random() >= EVENT_HAPPENS:
        return None
    actual = planned + timedelta(days=round(rng.gauss(6, 15)))
    actual = max(actual, date(planned.year, 1, 1))
    actual = min(actual, date(planned.year, 12, 31))
    return actual if actual <= as_of else None


def _code(rng: random.Random, spec: DemoSpec, index: int, district: str,
          profile: DomainProfile, nature: str) -> str | None:
    if index >= 1_000_000 or rng.random() >= CODE_SHARE:
        return None
    issued = spec.year - (rng.randint(1, 3) if nature == "continuing" else rng.randint(0, 1))
    issuer = "410200" if rng.random() < 0.15 else district
    # index → serial is a bijection on 0..999,999 (7919 is prime to 10**6): codes are unique.
    serial = (index * 7919 + spec.seed * 104729) % 1_000_000
    industry = rng.choice(profile.industries)
    kind = rng.choice(("01", "02", "03", "04"))
    return f"{issued}-{issuer}-{industry}-{kind}-{serial:06d}"


def _monthly_reports(rng: random.Random, spec: DemoSpec, project: DemoProject,
                     profile: DomainProfile) -> list[DemoReport]:
    # How the year goes for this project, against its annual plan.
    luck = rng.random()
    if luck < 0.03:
        performance, troubled = rng.uniform(0.05, 0.3), True  # stalled
    elif luck < 0.15:
        performance, troubled = rng.uniform(0.4, 0.85), True  # lagging
    else:
        performance = max(0.6, rng.gauss(1.27, 0.15))
        troubled = rng.random() < TROUBLED_PROJECT / 0.85
    blocker, help_text = rng.choice(BLOCKERS)
    stages = STAGES[profile.kind]
    annual = float(project.annual_plan_wan)
    year = spec.year
    early_days = min(13, spec.report_due_day)

    # A project that starts during the year invests from its start; one whose planned start
    # has not happened yet invests nothing.
    first_month = 1
    if project.planned_started_on and project.planned_started_on.year == year:
        started = project.actual_started_on
        first_month = started.month if started else 13
    season_left = sum(SEASON[first_month - 1:]) or 1

    reports = []
    cumulative = Decimal(0).quantize(WAN)
    carried = 0.0
    for month in range(1, spec.months + 1):
        if month < first_month:
            expected = 0.0
        else:
            expected = annual * performance * SEASON[month - 1] / season_left
            expected *= rng.lognormvariate(0, 0.35)
        if rng.random() < MISSING_REPORT:
            carried += expected  # reported next time, in that month's figure
            continue
        amount = _wan(expected + carried)
        carried = 0.0
        cumulative += amount
        if month < first_month:
            progress = stages[0]
        else:
            step = (month - first_month + 1) / max(1, 13 - first_month)
            progress = stages[min(len(stages) - 1, int(step * len(stages)))]
        has_blocker = troubled and rng.random() < BLOCKER_IN_MONTH
        # Submitted up to 12 days before the due day, or (late) up to 12 days after it, in
        # office hours. One draw per figure: this loop runs millions of times.
        if rng.random() < LATE_REPORT:
            offset = 1 + int(rng.random() * 12)
        else:
            offset = -int(rng.random() * early_days)
        minute = int(rng.random() * 14 * 60)
        submitted = datetime.combine(
            date(year, month, spec.report_due_day) + timedelta(days=offset),
            time(8 + minute // 60, minute % 60), TZ,
        )
        reports.append(DemoReport(
            project.index, month, amount, cumulative, progress,
            blocker if has_blocker else "", help_text if has_blocker else "", submitted,
        ))
    return reports


def demo_projects(spec: DemoSpec) -> Iterator[tuple[DemoProject, list[DemoReport]]]:
    """Yield each demo project with its monthly reports for months 1..``spec.months``."""
    if not spec.domains:
        raise ValueError("A demo needs the plan's domains.")
    rng = random.Random(f"tuijin-demo:{spec.seed}:projects")
    owners_by_district: dict[str, list[str]] = {}
    for owner in demo_owners(spec):
        if owner.name != FEATURED_OWNER_NAME:
            owners_by_district.setdefault(owner.district, []).append(owner.name)
    featured_left = FEATURED_OWNER_PROJECTS

    district_codes = list(DISTRICTS)
    district_cum = list(_cumulate(weight for _place, weight in DISTRICTS.values()))
    profiles = [_profile(code, position) for position, code in enumerate(spec.domains)]
    domain_cum = list(_cumulate(profile.weight for profile in profiles))
    as_of = _month_end(spec.year, spec.months) if spec.months else None
    names = ProjectNames()

    for index in range(spec.projects):
        district = rng.choices(district_codes, cum_weights=district_cum)[0]
        position = rng.choices(range(len(profiles)), cum_weights=domain_cum)[0]
        domain, profile = spec.domains[position], profiles[position]
        place = DISTRICTS[district][0]
        if district == FEATURED_OWNER_DISTRICT and featured_left:
            owner, featured_left = FEATURED_OWNER_NAME, featured_left - 1
        else:
            owner = rng.choice(owners_by_district[district])

        is_industrial = rng.random() < profile.industrial
        nature = "new" if rng.random() < 0.55 else "continuing"
        total = rng.lognormvariate(math.log(profile.median_wan), 0.9)
        total = min(500_000.0, max(2_000.0, total))
        total_wan = Decimal(round(total, -2) if total >= 10_000 else round(total))
        share = rng.uniform(0.22, 0.55) if nature == "new" else rng.uniform(0.28, 0.65)
        annual_wan = Decimal(max(100, round(float(total_wan) * share)))

        phase = rng.choice(DRAWN_PHASES)
        product = rng.choice(profile.products)
        where = rng.choice(("开封", place))
        name = names.take(index=index, district=district, where=where,
                          brand=rng.choice(BRANDS), product=product, phase=phase)
        description = f"建设{product}，总投资{total_wan}万元。"

        new_share = nature == "new"
        signed = started = production = None
        if rng.random() < (EVENT_SHARE_NEW if new_share else EVENT_SHARE_CONTINUING):
            signed = _day_in(rng, spec.year, SIGN_MONTHS)
        if rng.random() < (EVENT_SHARE_NEW if new_share else EVENT_SHARE_CONTINUING):
            started = _day_in(rng, spec.year, START_MONTHS)
            if signed and started < signed + timedelta(days=30):
                started = min(signed + timedelta(days=30), date(spec.year, 12, 31))
        if rng.random() < (PRODUCTION_SHARE_NEW if new_share else PRODUCTION_SHARE_CONTINUING):
            production = _day_in(rng, spec.year, PRODUCTION_MONTHS)
            if started and production < started + timedelta(days=60):
                production = None  # cannot be built that fast: not in this year's batch
        actual_signed = _actual(rng, signed, as_of)
        actual_started = _actual(rng, started, as_of)
        if started and actual_started and actual_signed is None and signed:
            actual_signed = min(signed, actual_started)  # a project starts only once signed
        actual_production = _actual(rng, production, as_of)
        if nature == "continuing" and started is None:
            # Started in an earlier year: a known date that does not count in this year.
            actual_started = date(spec.year - rng.randint(1, 2), rng.randint(1, 12), 15)

        project = DemoProject(
            index, _code(rng, spec, index, district, profile, nature), name, domain, district,
            owner, is_industrial, nature, description,
            total_wan.quantize(WAN), annual_wan.quantize(WAN),
            signed, started, production, actual_signed, actual_started, actual_production,
        )
        yield project, _monthly_reports(rng, spec, project, profile)


def _cumulate(weights) -> Iterator[float]:
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)
