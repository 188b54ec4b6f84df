"""The bulletin (通报) as a plain data object: a header and numbered sections of paragraphs and
tables (DESIGN.md §3, "Bulletin"; STYLE.md §2: content first, the .docx, .xlsx, .pdf and the
preview page only lay it out).

``bulletin_build`` is pure. It takes the month's dashboard (``progress.selectors.dashboard_for``)
and the reporting discipline by unit (``progress.selectors.discipline_by``) as they are: every
figure here is one of theirs, only worded and rounded. Amounts in the text are in 亿元 with two
decimals, from the exact 万元; tables stay in 万元.

The text is Chinese whatever language the request carried: the bulletin is written inside
``translation.override(BULLETIN_LANGUAGE)`` (STYLE.md §11).
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tuijin.core.money import grouped_amount, plain_amount, wan_to
from tuijin.core.periods import Period
from tuijin.core.shares import percent
from tuijin.progress.dashboard import Dashboard, GroupLine

BULLETIN_LANGUAGE = "zh-hans"
# The lagging table lists at most this many red projects, furthest behind first; the text
# gives the full count.
LAGGING_LIMIT = 50
# The late reporters' table lists at most this many units, most missing reports first; the
# text gives the full count (a province has thousands of units).
LATE_LIMIT = 100
_NUMERALS = "一二三四五六七八九十"
_ONE_PLACE = Decimal("0.1")


@dataclass
class Column:
    header: str
    kind: str = "text"  # text | int | amount (万元) | rate (a share) | points (percentage points)


@dataclass
class Table:
    key: str  # stable name: the .xlsx sheet order and the tests find a table by it
    title: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None
    unit: str = "单位：万元"
    chart_title: str = ""  # the chart drawn after the table (bulletins.charts), if any

    def printed_rows(self) -> list[list[tuple[str, str]]]:
        """Each row as (text, column kind) pairs, as the preview page prints them."""
        return [[(cell_text(v, c.kind), c.kind) for v, c in zip(row, self.columns, strict=True)]
                for row in self.rows]

    def printed_total(self) -> list[tuple[str, str]] | None:
        if self.total is None:
            return None
        return [("" if v is None else cell_text(v, c.kind), c.kind)
                for v, c in zip(self.total, self.columns, strict=True)]


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Header:
    issuer: str
    number: int  # 第N期
    document_number: str  # 文号
    issued_on: date
    title: str
    addressees: str
    opening: str
    issue_label: str  # 第N期
    date_label: str  # 2023年7月10日


@dataclass
class BulletinContent:
    plan_slug: str
    period: Period
    header: Header
    sections: list[Section]
    time_progress: Decimal = Decimal(0)
    time_progress_label: str = ""  # 时间进度50.0%, as the charts print it
    # Printed on every page while the month is not locked (草稿, with the reporting rate);
    # empty for the bulletin of a locked month, the only kind that is published.
    draft_mark: str = ""
    # "" for the city's bulletin; the district's name for a district's own version.
    area: str = ""

    @property
    def is_draft(self) -> bool:
        return bool(self.draft_mark)

    def numbered_sections(self) -> list[tuple[str, Section]]:
        """The sections with their Chinese ordinals, 一、二、三… as official documents number."""
        return [(_NUMERALS[i] if i < 10 else str(i + 1), s) for i, s in enumerate(self.sections)]

    def table(self, key: str) -> Table:
        return next(t for s in self.sections for t in s.tables if t.key == key)

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]


@dataclass(frozen=True)
class HeaderInput:
    """What the office sets on the preview page (stored on the Bulletin)."""

    issuer: str
    number: int
    document_number: str
    issued_on: date
    addressees: str


# --------------------------------------------------------------------------- wording


def yi(amount_wan: Decimal) -> str:
    """万元 → 亿元 with two decimals, rounded half up from the exact amount (core.money)."""
    value = wan_to(amount_wan, "亿元").quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{value:.2f}"


def points(share: Decimal) -> Decimal:
    """A share as percentage points to one place, rounded half up: 0.0234 → 2.3."""
    return (share * 100).quantize(_ONE_PLACE, ROUND_HALF_UP)


def gap_to_time_progress(line: GroupLine) -> Decimal | None:
    """Points ahead of time progress (negative when behind), from the light's own lag
    (``progress.lights.LightVerdict.lag``)."""
    lag = line.light.lag
    return None if lag is None else points(-lag)


def month_name(month: int) -> str:
    return _("month %(month)s") % {"month": month}


def months_label(period: Period) -> str:
    """1—6月, or 1月 in January (the span bulletins print)."""
    if period.month == 1:
        return _("January")
    return _("January–%(month)s") % {"month": period.month}


def standard_sentence(*, cumulative_wan: Decimal, completion: Decimal | None,
                      time_progress: Decimal) -> str:
    """累计完成投资X亿元，占年度计划的Y%，快于/慢于时间进度Z个百分点 (DESIGN.md §3). The gap is
    the exact one, rounded once; "持平" when it rounds to nothing."""
    values = {"amount": yi(cumulative_wan), "share": percent(completion)}
    if completion is None:
        return _("cumulative investment completed %(amount)s 亿元, with no annual plan to "
                 "compare it with") % values
    gap = points(completion - time_progress)
    values["gap"] = f"{abs(gap):.1f}"
    if gap > 0:
        return _("cumulative investment completed %(amount)s 亿元, %(share)s of the annual "
                 "plan, %(gap)s percentage points ahead of time progress") % values
    if gap < 0:
        return _("cumulative investment completed %(amount)s 亿元, %(share)s of the annual "
                 "plan, %(gap)s percentage points behind time progress") % values
    return _("cumulative investment completed %(amount)s 亿元, %(share)s of the annual plan, "
             "level with time progress") % values


def cell_text(value, kind: str) -> str:
    """A table cell as printed (the preview page and the .docx; the .xlsx keeps numbers)."""
    if value is None or value == "":
        return "—"
    if kind == "amount":
        return grouped_amount(value, 2)
    if kind == "rate":
        return percent(value)
    if kind == "points":
        return f"{value:+.1f}" if value else "0.0"
    return str(value)


def _names(lines: list[GroupLine]) -> str:
    separator = pgettext("bulletin list", ", ")
    return separator.join(f"{line.ref.name}（{percent(line.totals.completion)}）"
                          for line in lines)


def top_and_bottom(lines: list[GroupLine], *, n: int = 3) -> tuple[list[GroupLine],
                                                                     list[GroupLine]]:
    """The ranked lines named first and last in the text: the top ``n`` by rank (ties share a
    rank, so a tie at the third place names all of it), and the bottom ``n`` counted the same
    way from the end, leaving out any already named at the top. Unranked lines (nothing
    planned) are named in neither."""
    ranked = [line for line in lines if line.rank is not None]
    top = [line for line in ranked if line.rank <= n]
    if len(ranked) <= n:
        return top, []
    floor = sorted(line.totals.completion for line in ranked)[n - 1]
    bottom = [line for line in ranked if line.totals.completion <= floor and line not in top]
    return top, sorted(bottom, key=lambda line: (line.totals.completion, line.ref.order))


# --------------------------------------------------------------------------- the sections


def area_name(area: str) -> str:
    """Who the bulletin is about: 全市, or the district of a district's version."""
    return area or _("the whole city")


def _overall(d: Dashboard, area: str, total_investment_wan: Decimal) -> Section:
    t = d.total.totals
    year, month = d.period.year, d.period.month
    paragraphs = [
        _("In %(year)s %(area)s arranged %(projects)s key projects with a total investment of "
          "%(total)s 亿元 and an annual planned investment of %(planned)s 亿元.") % {
            "year": year, "area": area_name(area), "projects": t.projects,
            "total": yi(total_investment_wan), "planned": yi(t.planned_wan)},
        _("%(months)s, %(sentence)s (time progress %(tp)s).") % {
            "months": months_label(d.period),
            "sentence": standard_sentence(cumulative_wan=t.cumulative_wan,
                                          completion=t.completion,
                                          time_progress=d.time_progress),
            "tp": percent(d.time_progress)},
    ]
    industrial = d.industrial.totals
    if t.cumulative_wan and industrial.projects:
        paragraphs.append(
            _("Industrial projects completed %(amount)s 亿元, %(share)s of the investment "
              "completed; their completion rate is %(rate)s.") % {
                "amount": yi(industrial.cumulative_wan),
                "share": percent(industrial.cumulative_wan / t.cumulative_wan),
                "rate": percent(industrial.completion)})
    # A district's version measures the district against the city's targets: named so.
    targets = [_headline_text(item, citywide=bool(area)) for item in d.headline
               if item.target is not None]
    if targets:
        paragraphs.append(_("Against the “8232” targets: %(items)s.")
                          % {"items": pgettext("bulletin items", "; ").join(targets)})
    paragraphs.append(
        _("Of %(projects)s projects, %(reported)s reported for %(month)s; lights: %(green)s "
          "green, %(yellow)s yellow, %(red)s red by lag and %(missing)s without a report.") % {
            "projects": t.projects, "reported": t.reported,
            "month": month_name(month), "green": t.green,
            "yellow": t.yellow, "red": t.red, "missing": t.missing})
    return Section(_("Overall progress"), paragraphs)


def _headline_text(item, *, citywide: bool = False) -> str:
    unit = item.unit or ""
    if unit == "亿元":
        actual = f"{item.actual.quantize(Decimal('0.01'), ROUND_HALF_UP):.2f}"
    elif unit.endswith("元"):
        actual = grouped_amount(item.actual, 2)
    else:
        actual = plain_amount(item.actual)
    values = {"label": item.label, "actual": actual, "unit": unit,
              "target": _target_text(item.target, unit)}
    if citywide:
        return _("%(label)s %(actual)s%(unit)s (the city's target: %(target)s)") % values
    return _("%(label)s %(actual)s%(unit)s (target: %(target)s)") % values


def _target_text(target, unit: str) -> str:
    """The target in the plan's own words where it has them (2000个以上), else its value."""
    if target.wording or target.value is None:
        return target.wording or "—"
    return f"{plain_amount(target.value)}{unit or ''}"


def _three_batches(d: Dashboard, investment: dict[str, Decimal], area: str = "") -> Section:
    parts = []
    for item in d.campaign:
        values = {"label": item.label, "actual": int(item.actual),
                  "amount": yi(investment.get(item.source) or Decimal(0))}
        if item.target is not None:
            values["target"] = _target_text(item.target, item.unit)
            parts.append((_("%(label)s: %(actual)s projects with a total investment of "
                            "%(amount)s 亿元 (the city's target: %(target)s)") if area else
                           _("%(label)s: %(actual)s projects with a total investment of "
                             "%(amount)s 亿元 (target: %(target)s)")) % values)
        else:
            parts.append(_("%(label)s: %(actual)s projects with a total investment of "
                           "%(amount)s 亿元") % values)
    return Section(_("“Three batches”"), [
        _("%(months)s, %(items)s.") % {"months": months_label(d.period),
                                       "items": pgettext("bulletin items", "; ").join(parts)}])


def _rate_columns() -> list[Column]:
    return [Column(pgettext("bulletin column", "Projects"), "int"),
            Column(pgettext("bulletin column", "Annual plan (万元)"), "amount"),
            Column(pgettext("bulletin column", "Completed (万元)"), "amount"),
            Column(pgettext("bulletin column", "Completion rate"), "rate"),
            Column(pgettext("bulletin column", "Gap to time progress (points)"), "points"),
            Column(pgettext("bulletin column", "Rank"), "int")]


def _rate_row(line: GroupLine) -> list:
    t = line.totals
    return [t.projects, t.planned_wan, t.cumulative_wan, t.completion,
            gap_to_time_progress(line), line.rank]


def _total_row(d: Dashboard, width: int) -> list:
    row = [_("Total"), *_rate_row(d.total)]
    row[-1] = None
    return row + [None] * (width - len(row))


def _domains(d: Dashboard) -> Section:
    lines = [line for line in d.by_domain if line.totals.projects]
    columns = [Column(pgettext("bulletin column", "Domain")), *_rate_columns()]
    table = Table("domains", _("Completion by domain"), columns,
                  [[line.ref.name, *_rate_row(line)] for line in lines],
                  total=_total_row(d, len(columns)),
                  chart_title=_("Completion by domain against time progress"))
    paragraphs = []
    ranked = [line for line in lines if line.rank is not None]
    if ranked:
        slowest_rate = min(line.totals.completion for line in ranked)
        slowest = [line for line in ranked if line.totals.completion == slowest_rate]
        behind = [line for line in ranked if (gap_to_time_progress(line) or 0) < 0]
        gap = gap_to_time_progress(slowest[0]) or Decimal(0)
        values = {"first": _names([ranked[0]]), "slowest": _names(slowest),
                  "gap": f"{abs(gap):.1f}"}
        # Even the slowest domain may be level with or ahead of time progress.
        if gap < 0:
            text = _("By domain, %(first)s completed the most of its plan; the slowest is "
                     "%(slowest)s, %(gap)s points behind time progress.")
        elif gap > 0:
            text = _("By domain, %(first)s completed the most of its plan; the slowest is "
                     "%(slowest)s, still %(gap)s points ahead of time progress.")
        else:
            text = _("By domain, %(first)s completed the most of its plan; the slowest is "
                     "%(slowest)s, level with time progress.")
        paragraphs.append(text % values)
        if behind:
            paragraphs.append(_("Domains behind time progress: %(names)s.")
                              % {"names": _names(behind)})
    return Section(_("By domain"), paragraphs, [table])


@dataclass(frozen=True)
class CityRank:
    """A district's place in the city's ranking (the city's dashboard), for its own version."""

    rank: int | None
    of: int


def _districts(d: Dashboard, city_ranks: dict[int, CityRank] | None) -> Section:
    columns = [Column(pgettext("bulletin column", "District")), *_rate_columns(),
            Column(pgettext("bulletin column", "Started rate"), "rate")]
    rows = []
    for line in d.by_district:
        t = line.totals
        started = Decimal(t.under_way) / Decimal(t.projects) if t.projects else None
        row = [line.ref.name, *_rate_row(line), started]
        if city_ranks is not None:
            row[6] = city_ranks[line.ref.id].rank if line.ref.id in city_ranks else None
        rows.append(row)
    total = _total_row(d, len(columns))
    t = d.total.totals
    total[-1] = Decimal(t.under_way) / Decimal(t.projects) if t.projects else None
    table = Table("districts", _("Ranking of districts"), columns, rows, total=total,
                  chart_title=_("Completion by district against time progress"))
    paragraphs = []
    if city_ranks is not None:
        # A district's own version: where it stands in the city, not a ranking of itself.
        for line in d.by_district:
            place = city_ranks.get(line.ref.id)
            if place is not None and place.rank is not None:
                paragraphs.append(_("%(name)s completed %(rate)s of its plan, rank %(rank)s of "
                                    "the city's %(of)s districts.") % {
                    "name": line.ref.name, "rate": percent(line.totals.completion),
                    "rank": place.rank, "of": place.of})
        return Section(_("By district"), paragraphs, [table])
    top, bottom = top_and_bottom(d.by_district)
    if top:
        paragraphs.append(_("Ranked by completion rate, the first three are %(names)s.")
                          % {"names": _names(top)})
    if bottom:
        paragraphs.append(_("The last three are %(names)s.") % {"names": _names(bottom)})
    return Section(_("By district"), paragraphs, [table])


def _lagging(d: Dashboard, flagged: list[dict]) -> Section:
    t = d.total.totals
    columns = [Column(pgettext("bulletin column", "No."), "int"),
            Column(pgettext("bulletin column", "Project")),
            Column(pgettext("bulletin column", "District")),
               Column(pgettext("bulletin column", "Owner")),
            Column(pgettext("bulletin column", "Annual plan (万元)"), "amount"),
               Column(pgettext("bulletin column", "Completed (万元)"), "amount"),
            Column(pgettext("bulletin column", "Completion rate"), "rate"),
               Column(pgettext("bulletin column", "Light")),
            Column(pgettext("bulletin column", "Reason"))]
    rows = [[i, row["name"], row["district__name"], row["owner__name"] or "",
             row["annual_plan_wan"], row["cumulative_wan"], row["completion"],
             pgettext("bulletin light", "Red"),
             row["blockers"] or ""]
            for i, row in enumerate(d.lagging, start=1)]
    paragraphs = [_("%(red)s projects are red: %(lag)s by lag and %(missing)s without a "
                    "report for the month.") % {"red": t.red_total, "lag": t.red,
                                                "missing": t.missing}]
    if t.red > len(rows):
        paragraphs.append(_("The table lists the %(n)s furthest behind.") % {"n": len(rows)})
    tables = [Table("lagging", _("Red projects"), columns, rows)] if rows else []
    # The photo evidence checks (projects.evidence): reports whose photos were taken before
    # the month, far from the site or already used elsewhere — for the districts to look at.
    if flagged:
        paragraphs.append(
            _("The photo checks flagged %(reports)s reports of the month (a photo taken before "
              "the month, far from the site, or already used for another report): "
              "%(by_district)s.")
            % {"reports": sum(row["reports"] for row in flagged),
               "by_district": "、".join(_("%(district)s %(reports)s")
                                       % {"district": row["district"], "reports": row["reports"]}
                                       for row in flagged)})
        tables.append(Table(
            "flagged", _("Reports with flagged photos"),
            [Column(pgettext("bulletin column", "No."), "int"),
             Column(pgettext("bulletin column", "District")),
             Column(pgettext("bulletin column", "Reports with flagged photos"), "int")],
            [[i, row["district"], row["reports"]] for i, row in enumerate(flagged, start=1)],
            unit=""))
    else:
        paragraphs.append(_("The photo checks flagged no report of the month."))
    return Section(_("Red and lagging projects"), paragraphs, tables)


def _late(d: Dashboard, owners: list[dict]) -> Section:
    columns = [Column(pgettext("bulletin column", "No."), "int"),
            Column(pgettext("bulletin column", "Owner")),
            Column(pgettext("bulletin column", "Projects"), "int"),
               Column(pgettext("bulletin column", "On time"), "int"),
            Column(pgettext("bulletin column", "Late"), "int"),
               Column(pgettext("bulletin column", "Not reported"), "int")]
    late = [row for row in owners if row["month"].late or row["month"].missing]
    late.sort(key=lambda row: (-row["month"].missing, -row["month"].late, row["name"]))
    rows = [[i, row["name"], row["projects"], row["month"].on_time, row["month"].late,
             row["month"].missing] for i, row in enumerate(late, start=1)]
    if rows:
        texts = [_("%(units)s units did not report every project on time for %(month)s: "
                   "%(late)s reports late and %(missing)s missing.") % {
            "units": len(rows), "month": month_name(d.period.month),
            "late": sum(r[4] for r in rows), "missing": sum(r[5] for r in rows)}]
        if len(rows) > LATE_LIMIT:
            texts.append(_("The table lists the %(n)s units with the most reports missing.")
                         % {"n": LATE_LIMIT})
            rows = rows[:LATE_LIMIT]
    else:
        texts = [_("Every unit reported on time for %(month)s.") % {
            "month": month_name(d.period.month)}]
    return Section(_("Reports not filed on time"), texts,
                   [Table("late", _("Units not reporting on time"), columns, rows, unit="")]
                   if rows else [])


def _next_steps(text: str) -> Section | None:
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return Section(_("Next steps"), paragraphs) if paragraphs else None


def bulletin_title(period: Period, area: str = "") -> str:
    return _("Bulletin on the progress of key projects in %(area)s in %(year)s, %(months)s") % {
        "area": area_name(area), "year": period.year, "months": months_label(period)}


def draft_mark(d: Dashboard) -> str:
    """草稿 with the month's reporting rate: what every page of an unlocked month's bulletin
    carries, so nobody mistakes moving figures for the published ones."""
    t = d.total.totals
    rate = Decimal(t.reported) / Decimal(t.projects) if t.projects else None
    return _("DRAFT: month %(month)s is not locked; %(reported)s of %(projects)s projects have "
             "reported (%(rate)s).") % {"month": d.period.month, "reported": t.reported,
                                        "projects": t.projects, "rate": percent(rate)}


def bulletin_build(*, dashboard: Dashboard, owners: list[dict], header: HeaderInput,
                   next_steps: str, total_investment_wan: Decimal = Decimal(0),
                   campaign_investment: dict[str, Decimal] | None = None,
                   is_locked: bool = True, area: str = "",
                   city_ranks: dict[int, CityRank] | None = None,
                   problems: Section | None = None,
                   flagged: list[dict] | None = None) -> BulletinContent:
    """The bulletin of ``dashboard``'s month: sections 总体情况, 三个一批, 分领域, 分县区,
    亮灯/滞后项目, 未按时填报, 存在问题及督办 (``problems``, built by bulletins.problems) and
    下一步工作要求 (left out while empty). ``total_investment_wan`` is the projects' summed
    总投资 (the dashboard has no such figure), ``campaign_investment`` that of the projects
    newly signed, started and in production, by source. A month not locked gives a draft
    (``draft_mark``);
    ``area`` and ``city_ranks`` make a district's own version; ``flagged`` is the month's
    reports with flagged photos by district (projects.evidence_selectors)."""
    with translation.override(BULLETIN_LANGUAGE):
        d = dashboard
        sections = [_overall(d, area, total_investment_wan),
                    _three_batches(d, campaign_investment or {}, area), _domains(d),
                    _districts(d, city_ranks), _lagging(d, flagged or []), _late(d, owners)]
        if problems is not None:
            sections.append(problems)
        steps = _next_steps(next_steps)
        if steps is not None:
            sections.append(steps)
        # A district's version is an extract, not an issue of its own: no 第N期, no 文号; the
        # district passes it on to its townships and departments, not to the city's districts.
        issue_label = (_("Issue %(number)s") % {"number": header.number} if not area else
                       _("Edition for %(area)s") % {"area": area})
        addressees = header.addressees if not area else _(
            "The people's governments of each township and the sub-district offices, and the "
            "district's departments concerned:")
        return BulletinContent(
            plan_slug=d.plan_slug, period=d.period,
            time_progress=d.time_progress,
            time_progress_label=_("time progress %(tp)s") % {"tp": percent(d.time_progress)},
            draft_mark="" if is_locked else draft_mark(d), area=area,
            header=Header(issuer=header.issuer, number=header.number,
                          document_number="" if area else header.document_number,
                          issued_on=header.issued_on,
                          title=bulletin_title(d.period, area), addressees=addressees,
                          opening=_("The progress is reported as follows:"),
                          issue_label=issue_label,
                          date_label=_("%(year)s-%(month)s-%(day)s") % {
                              "year": header.issued_on.year, "month": header.issued_on.month,
                              "day": header.issued_on.day}),
            sections=sections)


# --------------------------------------------------------------------------- storing


def _cell_out(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def content_as_dict(content: BulletinContent) -> dict:
    """JSON-ready (Decimals as strings, the date as ISO); ``content_from_dict`` reads it back."""
    data = asdict(content)
    data["period"] = str(content.period)
    data["time_progress"] = str(content.time_progress)
    data["header"]["issued_on"] = content.header.issued_on.isoformat()
    for section in data["sections"]:
        for table in section["tables"]:
            table["rows"] = [[_cell_out(v) for v in row] for row in table["rows"]]
            if table["total"] is not None:
                table["total"] = [_cell_out(v) for v in table["total"]]
    return data


def _cell_in(value, kind: str):
    if value is not None and kind in ("amount", "rate", "points"):
        return Decimal(value)
    return value


def content_from_dict(data: dict) -> BulletinContent:
    sections = []
    for s in data["sections"]:
        tables = []
        for t in s["tables"]:
            columns = [Column(**c) for c in t["columns"]]

            def row_in(row, columns=columns):
                return [_cell_in(v, c.kind) for v, c in zip(row, columns, strict=True)]

            tables.append(Table(key=t["key"], title=t["title"], columns=columns,
                                rows=[row_in(r) for r in t["rows"]],
                                total=row_in(t["total"]) if t["total"] is not None else None,
                                unit=t["unit"], chart_title=t.get("chart_title", "")))
        sections.append(Section(heading=s["heading"], paragraphs=list(s["paragraphs"]),
                                tables=tables))
    header = dict(data["header"], issued_on=date.fromisoformat(data["header"]["issued_on"]))
    return BulletinContent(plan_slug=data["plan_slug"], period=Period.parse(data["period"]),
                           header=Header(**header), sections=sections,
                           time_progress=Decimal(data.get("time_progress", "0")),
                           time_progress_label=data.get("time_progress_label", ""),
                           draft_mark=data.get("draft_mark", ""), area=data.get("area", ""))
