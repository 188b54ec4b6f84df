"""What the API reads and writes. Amounts are decimal strings in 万元 (``"1234.5"``), months
``YYYY-MM``; input schemas refuse unknown fields so a typo is an error, not a silent no-op."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from tuijin.problems.days import MAX_DAYS


def wan_text(value: Decimal | None) -> str | None:
    """An amount as plain decimal text, without the stored trailing zeros: 12.5000 → "12.5"."""
    if value is None:
        return None
    text = f"{value.quantize(Decimal('0.0001')).normalize():f}"
    return "0" if text in ("-0", "0") else text


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(Schema):
    field: str | None
    message: str
    hint: str = ""


class ErrorOut(Schema):
    code: str
    message: str
    details: list[ErrorDetail]


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    is_city_wide: bool


class DomainOut(Schema):
    code: str
    name: str
    number: int | str | None = None


class PlanOut(Schema):
    slug: str
    name: str
    year: int
    region: str


class PlanDetailOut(PlanOut):
    domains: list[DomainOut]


class ProjectOut(Schema):
    id: int
    code: str | None = Field(description="the national project code, if known")
    name: str
    plan: str
    domain: str | None
    district: str | None
    district_name: str | None
    owner: str | None
    nature: str
    is_industrial: bool
    total_investment_wan: str | None
    annual_plan_wan: str | None
    description: str = ""
    planned_started_on: date | None = None
    actual_started_on: date | None = None


class ProjectPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[ProjectOut]


class ProjectFilters(Strict):
    district: str = Field("", max_length=12, description="GB/T 2260 code, such as 410202")
    domain: str = Field("", max_length=64, description="a domain code of the plan")
    industrial: Literal["", "1", "0"] = ""
    nature: str = Field("", max_length=32)
    q: str = Field("", max_length=100, description="part of the name or code")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class PeriodOut(Schema):
    month: str
    state: str
    due_on: date | None
    opened_at: datetime | None
    locked_at: datetime | None


class CountedOut(Schema):
    investment_month_wan: str | None
    cumulative_wan: str | None


class ReportOut(Schema):
    project: int
    month: str
    state: str | None = Field(description="draft, submitted, returned or approved")
    version: int | None = Field(description="send it back with a write; a stale one is refused")
    investment_month_wan: str | None
    cumulative_wan: str | None
    progress_text: str
    blockers: str
    help_requested: str
    is_reopened: bool = False
    review_comment: str = ""
    submitted_at: datetime | None = None
    reviewed_at: datetime | None = None
    counted: CountedOut | None = Field(description="the figures the dashboards count, if any")


class ReportIn(Strict):
    investment_month_wan: str | None = Field(None, max_length=40, examples=["1200.5"])
    cumulative_wan: str | None = Field(None, max_length=40, examples=["5600"])
    progress_text: str = Field("", max_length=4000)
    blockers: str = Field("", max_length=4000)
    help_requested: str = Field("", max_length=4000)
    submit: bool = Field(False, description="false keeps a draft; true submits for review")
    version: int | None = Field(None, ge=0, description="the report's version as last read")


class ReviewIn(Strict):
    action: Literal["approve", "return"]
    comment: str = Field("", max_length=2000)
    version: int | None = Field(None, ge=0)


class ProgressQuery(Strict):
    month: str = Field("", max_length=20, description="YYYY-MM; default: the month the "
                                                       "dashboard shows")
    district: str = Field("", max_length=12, description="GB/T 2260 code of a district")


# ------------------------------------------------------------------------------ plan content


class TargetOut(Schema):
    comparator: str = Field(description="gte, lte, approx or eq")
    value: str | None = Field(description="a decimal string; none for a qualitative target")
    unit: str
    tolerance: str | None = None
    commitment: str = Field(description="must (确保), strive (力争) or plain")
    basis: str = Field(description="level, growth, multiple or qualitative")
    baseline_value: str | None = None
    baseline_year: int | None = None
    wording: str = ""


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    source: str = Field(description="where the actual comes from (manual, project totals …)")
    owner: str | None = Field(description="the responsible unit")
    key_task: int | None = Field(description="the number of its key work, if any")
    targets: list[TargetOut]


class MeasureOut(Schema):
    number: int
    title: str
    text: str = ""
    lead_unit: str | None = None
    deadline: date | None = None
    status: str
    measures: list["MeasureOut"] = []


class KeyTaskOut(Schema):
    number: int
    title: str
    summary: str = ""
    lead_unit: str | None = None
    deadline: date | None = None
    status: str
    measures: list[MeasureOut]


class PlanContentOut(PlanOut):
    domains: list[DomainOut]
    key_tasks: list[KeyTaskOut]
    indicators: list[IndicatorOut]


# ------------------------------------------------------------------------------ periods


class PeriodOpenIn(Strict):
    due_on: date | None = Field(None, description="default: the plan's due day of the month")


class PeriodReopenIn(Strict):
    reason: str = Field(..., min_length=1, max_length=2000)


class ReportReopenIn(Strict):
    reason: str = Field(..., min_length=1, max_length=2000,
                        description="why the locked month's report is corrected")


# ------------------------------------------------------------------------------ rankings


class RankedOut(Schema):
    rank: int | None
    code: str
    name: str
    projects: int
    planned_wan: str
    cumulative_wan: str
    completion: str | None = Field(description="cumulative / planned, as a fraction")
    light: str


class RankingsOut(Schema):
    plan: str
    month: str
    time_progress: str
    districts: list[RankedOut]
    domains: list[RankedOut]


class RankingsQuery(Strict):
    month: str = Field("", max_length=20, description="YYYY-MM; default: the month the "
                                                       "dashboard shows")


# ------------------------------------------------------------------------------ problems


class ProblemOut(Schema):
    id: int
    project: int
    project_name: str
    district: str | None
    category: str | None
    description: str
    help_requested: str
    state: str
    level: str
    unit: str | None = Field(description="the responsible unit, once assigned")
    deadline: date | None
    light: str = Field(description="the deadline's light today: none, green, yellow, red")
    raised_at: datetime
    answer: str
    closed_at: datetime | None
    version: int = Field(description="send it back with a step; a stale one is refused")


class ProblemPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[ProblemOut]


class ProblemFiltersIn(Strict):
    state: str = Field("", max_length=16)
    overdue: bool = False
    district: str = Field("", max_length=12)
    category: str = Field("", max_length=32)
    mine: bool = Field(False, description="only those assigned to my unit")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class ProblemStepIn(Strict):
    action: Literal["accept", "decline", "assign", "sign", "answer", "send_back", "check",
                    "close", "escalate"]
    comment: str = Field("", max_length=4000)
    unit: int | None = Field(None, ge=1, description="assign: the unit's id")
    deadline: date | None = Field(None, description="assign: the deadline")
    # The range is the service's (problems.days.days_checked), so the API refuses a bad
    # number with the page's message rather than a validator's of its own.
    days: int | None = Field(None, description=f"assign: or a time limit in days, 0 (due "
                                               f"today) to {MAX_DAYS}")
    version: int | None = Field(None, ge=0)


class ProblemSummaryQuery(Strict):
    month: str = Field("", max_length=20, description="YYYY-MM; default: this month")
