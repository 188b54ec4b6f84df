"""Find the header of a sheet as people really lay it out (DESIGN.md §4).

Above the header there may be merged title rows and a unit line (「单位：万元」); the header may
span two rows, with group cells merged across the columns below them (「2023年」 over
「计划投资」「1-6月完成投资」). Columns are recognised by their header text through synonyms, or
through a saved column mapping that names the field of a header.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuijin.core.errors import InputError
from tuijin.core.text import to_halfwidth
from tuijin.projects.spreadsheets.reader import Sheet

SEQ = "seq"
AMOUNT_FIELDS = (
    "total_investment_wan", "annual_plan_wan", "investment_month_wan", "cumulative_wan",
)
DATE_FIELDS = (
    "planned_signed_on", "planned_started_on", "planned_in_production_on",
    "actual_signed_on", "actual_started_on", "actual_in_production_on",
)

# Field → its label in messages and in exported headers (Chinese, as people write them).
FIELD_LABELS = {
    SEQ: "序号",
    "project_id": "系统编号",
    "code": "项目代码",
    "name": "项目名称",
    "district": "县区",
    "domain": "领域",
    "owner": "建设单位",
    "is_industrial": "产业项目",
    "nature": "建设性质",
    "description": "建设内容",
    "total_investment_wan": "总投资",
    "annual_plan_wan": "年度计划投资",
    "investment_month_wan": "本月完成投资",
    "cumulative_wan": "累计完成投资",
    "planned_signed_on": "计划签约时间",
    "planned_started_on": "计划开工时间",
    "planned_in_production_on": "计划投产时间",
    "actual_signed_on": "实际签约时间",
    "actual_started_on": "实际开工时间",
    "actual_in_production_on": "实际投产时间",
    "progress_text": "形象进度",
    "blockers": "存在问题",
    "help_requested": "需协调解决的问题",
    "longitude": "经度",
    "latitude": "纬度",
    "location_datum": "坐标系",
}
FIELD_NAMES = {
    SEQ: gettext_lazy("number"),
    "project_id": gettext_lazy("tuijin's project number"),
    "code": gettext_lazy("project code"),
    "name": gettext_lazy("project name"),
    "district": gettext_lazy("district"),
    "domain": gettext_lazy("domain"),
    "owner": gettext_lazy("project owner"),
    "is_industrial": gettext_lazy("industrial project"),
    "nature": gettext_lazy("nature"),
    "description": gettext_lazy("scope of construction"),
    "total_investment_wan": gettext_lazy("total investment"),
    "annual_plan_wan": gettext_lazy("planned investment this year"),
    "investment_month_wan": gettext_lazy("investment this month"),
    "cumulative_wan": gettext_lazy("cumulative investment this year"),
    "planned_signed_on": gettext_lazy("planned signing"),
    "planned_started_on": gettext_lazy("planned start"),
    "planned_in_production_on": gettext_lazy("planned production"),
    "actual_signed_on": gettext_lazy("signed"),
    "actual_started_on": gettext_lazy("started"),
    "actual_in_production_on": gettext_lazy("in production"),
    "progress_text": gettext_lazy("physical progress"),
    "blockers": gettext_lazy("problems"),
    "help_requested": gettext_lazy("help requested"),
    "longitude": gettext_lazy("longitude"),
    "latitude": gettext_lazy("latitude"),
    "location_datum": gettext_lazy("datum"),
}

SYNONYMS = {
    SEQ: ["序号", "编号", "序"],
    # tuijin's own number of a project, written by every export (projects.identity).
    "project_id": ["系统编号", "系统项目编号", "系统ID", "系统id"],
    "code": ["项目代码", "项目编码", "项目统一代码", "统一项目代码", "国家项目代码", "项目代码号",
             "在线平台项目代码", "审批监管平台代码", "代码"],
    "name": ["项目名称", "项目名", "名称", "项目"],
    "district": ["县区", "所属县区", "地区", "县(区)", "县(市、区)", "县(市)区", "区县",
                 "所在县区", "属地", "所在地", "县区名称", "所属地区", "县市区"],
    "domain": ["领域", "所属领域", "投资领域", "项目领域", "项目类别", "类别", "行业领域",
               "所属行业"],
    "owner": ["建设单位", "业主单位", "项目单位", "项目业主", "实施单位", "建设主体",
              "项目建设单位", "项目法人", "责任单位"],
    "is_industrial": ["产业项目", "是否产业项目", "是否为产业项目", "产业项目(是/否)"],
    "nature": ["建设性质", "项目性质", "性质", "新建/续建", "新建或续建", "新建续建"],
    "description": ["建设内容", "建设规模及内容", "主要建设内容", "建设规模和主要内容",
                    "建设内容及规模", "建设规模及主要内容", "项目内容"],
    "total_investment_wan": ["总投资", "项目总投资", "计划总投资", "总投资额"],
    "annual_plan_wan": ["年度计划投资", "计划投资", "年度投资计划", "本年计划投资",
                        "年计划投资", "年度计划", "年度计划投资额", "本年度计划投资"],
    "investment_month_wan": ["本月完成投资", "当月完成投资", "本月投资", "本月完成"],
    "cumulative_wan": ["累计完成投资", "年度累计完成投资", "本年累计完成投资",
                       "截至本月累计完成投资", "自年初累计完成投资", "累计完成",
                       "年初至今完成投资"],
    "planned_signed_on": ["计划签约时间", "计划签约日期", "计划签约"],
    "planned_started_on": ["计划开工时间", "计划开工日期", "计划开工"],
    "planned_in_production_on": ["计划投产时间", "计划竣工时间", "计划投产(竣工)时间",
                                 "计划竣工(投产)时间", "计划投产日期", "计划投产", "计划竣工"],
    "actual_signed_on": ["实际签约时间", "签约时间", "签约日期", "实际签约"],
    "actual_started_on": ["实际开工时间", "开工时间", "开工日期", "实际开工"],
    "actual_in_production_on": ["实际投产时间", "投产时间", "竣工时间", "投产(竣工)时间",
                                "实际投产(竣工)时间", "实际竣工时间", "投产日期", "实际投产"],
    "progress_text": ["形象进度", "工程形象进度", "进展情况", "项目进展", "项目进展情况",
                      "建设进度", "目前进展", "工程进度"],
    "blockers": ["存在问题", "存在的问题", "问题", "存在困难和问题"],
    "help_requested": ["需协调解决的问题", "需要协调解决的问题", "需协调事项", "需要帮助",
                       "需协调解决事项", "协调事项"],
    # A project's point (projects.locations); its datum in the header (经度(GCJ-02)), in a
    # column of its own, or in the column mapping.
    "longitude": ["经度", "项目经度", "经度坐标", "中心点经度", "东经"],
    "latitude": ["纬度", "项目纬度", "纬度坐标", "中心点纬度", "北纬"],
    "location_datum": ["坐标系", "坐标系统", "坐标类型", "坐标系类型"],
}
_LOOKUP = {label: key for key, labels in SYNONYMS.items() for label in labels}
_DASH = r"[-~～至到—–－]"
# 「1-6月完成投资」, 「1～6月累计完成投资」, 「2023年1-6月完成投资额」 → cumulative to June.
_CUMULATIVE_RE = re.compile(
    rf"^(?:\d{{4}}年)?1月?{_DASH}(?P<month>\d{{1,2}})月份?(?:累计)?完成投资额?$"
)
# 「6月完成投资」, 「6月份完成投资」 → that month's own figure.
_MONTH_RE = re.compile(r"^(?:\d{4}年)?(?P<month>\d{1,2})月份?(?:当月)?完成投资额?$")
# 「2023年计划投资」, 「2023年度计划完成投资」 → the year's planned investment.
_ANNUAL_RE = re.compile(r"^\d{4}年度?(?:计划|投资计划)(?:完成)?投资?额?$")
_UNIT_IN_HEADER_RE = re.compile(r"[(\[【]?(?:单位[:：])?(?P<unit>亿元|万元|元|万|亿)[)\]】]")
# 「经度(GCJ-02)」, 「纬度（百度）」: a coordinate column naming its datum (projects.locations).
_DATUM_IN_HEADER_RE = re.compile(r"^(?P<label>经度|纬度)\((?P<datum>[^)]+)\)$")
_UNIT_LINE_RE = re.compile(r"单位\s*[:：]\s*(?P<unit>亿元|万元|元|万|亿)")
HEADER_SCAN_ROWS = 30


@dataclass
class Column:
    index: int
    field: str
    header: str  # as written, two-row headers joined by " / "
    unit: str | None = None
    month: int | None = None  # for 「1-6月完成投资」 and 「6月完成投资」
    datum: str | None = None  # for 「经度(GCJ-02)」, or a mapping's "longitude@GCJ-02"


@dataclass
class Layout:
    sheet: Sheet
    header_top: int  # index into sheet.rows
    header_bottom: int
    columns: dict[str, Column]
    unit: str | None = None  # from the unit line
    ignored: list[str] = field(default_factory=list)

    @property
    def first_data_row(self) -> int:
        return self.header_bottom + 1


def cell_text(value: object) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def normalise_header(text: str) -> tuple[str, str | None]:
    """The header's label without spaces, marks and its unit, and the unit it states."""
    label = re.sub(r"\s+", "", to_halfwidth(text)).replace("（", "(").replace("）", ")")
    label = label.strip("*※:：")
    unit = None
    match = _UNIT_IN_HEADER_RE.search(label)
    if match:
        unit = {"万": "万元", "亿": "亿元"}.get(match["unit"], match["unit"])
        label = (label[: match.start()] + label[match.end() :]).strip("*※:：")
    elif len(label) > 2 and label.endswith(("万元", "亿元")):  # 「总投资亿元」, no brackets
        label, unit = label[:-2], label[-2:]
    return label, unit


def match_header(
    label: str, mapping: dict[str, str] | None = None
) -> tuple[str, int | None] | None:
    """The field a normalised header label names, with the month it names if any."""
    if mapping and label in mapping:
        return (mapping[label], None) if mapping[label] else None
    if match := _DATUM_IN_HEADER_RE.match(label):
        return _LOOKUP[match["label"]], None
    if label in _LOOKUP:
        return _LOOKUP[label], None
    if match := _CUMULATIVE_RE.match(label):
        return "cumulative_wan", int(match["month"])
    if match := _MONTH_RE.match(label):
        return "investment_month_wan", int(match["month"])
    if _ANNUAL_RE.match(label):
        return "annual_plan_wan", None
    return None


def _row_texts(sheet: Sheet, index: int) -> list[str]:
    return [cell_text(v) for v in sheet.rows[index]] if index < len(sheet.rows) else []


def _group_texts(sheet: Sheet, top: int, lower: list[str]) -> list[str]:
    """The top header row with each merged group cell's text spread over the columns it spans."""
    upper = _row_texts(sheet, top)
    filled = list(upper)
    merged_here = [m for m in sheet.merged if m[0][0] <= top <= m[1][0] and m[1][1] > m[0][1]]
    for (r0, c0), (_r1, c1) in merged_here:
        text = cell_text(sheet.rows[r0][c0]) if r0 < len(sheet.rows) else ""
        for c in range(c0, min(c1 + 1, len(filled))):
            filled[c] = filled[c] or text
    if not sheet.merged:
        # Files without merge information (some .xls writers): a blank group cell above a
        # sub-header continues the group to its left, if that group has sub-headers too.
        for c in range(1, len(filled)):
            if not filled[c] and c < len(lower) and lower[c]:
                k = c - 1
                if filled[k] and k < len(lower) and lower[k]:
                    filled[c] = filled[k]
    return filled


def _columns(
    sheet: Sheet, top: int, bottom: int | None, mapping: dict[str, str] | None
) -> tuple[dict[str, Column], list[str]]:
    lower = _row_texts(sheet, bottom) if bottom is not None else []
    upper = _group_texts(sheet, top, lower) if bottom is not None else _row_texts(sheet, top)
    columns: dict[str, Column] = {}
    ignored = []
    for c, group in enumerate(upper):
        sub = lower[c] if c < len(lower) else ""
        if not group and not sub:
            continue
        header = f"{group} / {sub}" if group and sub and group != sub else (sub or group)
        group_label, group_unit = normalise_header(group)
        sub_label, sub_unit = normalise_header(sub)
        candidates = [group_label + sub_label, sub_label] if sub_label else [group_label]
        if sub_label and mapping:
            candidates.insert(0, f"{group_label}/{sub_label}")
        found = None
        for candidate in candidates:
            if candidate and (found := match_header(candidate, mapping)):
                break
        if found is None:
            ignored.append(header)
            continue
        key, month = found
        datum = None
        if "@" in key:  # a mapping naming the datum: "longitude@GCJ-02"
            key, datum = key.split("@", 1)
        elif key in ("longitude", "latitude"):
            datum = next((m["datum"] for m in map(_DATUM_IN_HEADER_RE.match,
                                                   (sub_label, group_label)) if m), None)
        if key not in columns:
            columns[key] = Column(c, key, header, sub_unit or group_unit, month, datum)
    return columns, ignored


def _score(columns: dict[str, Column]) -> int:
    return len(columns) + (2 if "name" in columns else 0) + (1 if "code" in columns else 0)


def mapping_key(header: str) -> str:
    """The key a saved column mapping uses for a header as shown (group / sub joined by '/')."""
    parts = [normalise_header(p)[0] for p in header.split(" / ")]
    return "/".join(parts)


def detect_layout(sheet: Sheet, *, mapping: dict[str, str] | None = None) -> Layout:
    """Find the header rows, the columns and the unit line; InputError if there is no header."""
    best: tuple[int, int, int, dict, list] | None = None
    limit = min(HEADER_SCAN_ROWS, len(sheet.rows))
    for top in range(limit):
        single, ignored1 = _columns(sheet, top, None, mapping)
        if not single:
            continue
        candidates = [(_score(single), top, top, single, ignored1)]
        if top + 1 < len(sheet.rows):
            double, ignored2 = _columns(sheet, top, top + 1, mapping)
            candidates.append((_score(double), top, top + 1, double, ignored2))
        choice = max(candidates, key=lambda c: (c[0], -c[2]))
        if ("name" in choice[3] or "code" in choice[3]) and len(choice[3]) >= 2 and (
            best is None or choice[0] > best[0]
        ):
            best = choice
    if best is None:
        raise InputError(
            _("No header row was found in sheet %(sheet)s.") % {"sheet": sheet.name},
            hint=_(
                "The sheet needs a header row with at least 项目名称 and one more known column "
                "(such as 县区, 总投资 or 1-6月完成投资) within its first %(rows)s rows."
            ) % {"rows": HEADER_SCAN_ROWS},
            sheet=sheet.name,
        )
    top, bottom, columns, ignored = best[1:]
    unit = None
    for r in range(top):
        for value in sheet.rows[r]:
            if isinstance(value, str) and (match := _UNIT_LINE_RE.search(to_halfwidth(value))):
                unit = {"万": "万元", "亿": "亿元"}.get(match["unit"], match["unit"])
    return Layout(sheet, top, bottom, columns, unit, ignored)


def headers_of(layout: Layout) -> list[str]:
    return [c.header for c in sorted(layout.columns.values(), key=lambda c: c.index)] + list(
        layout.ignored
    )
