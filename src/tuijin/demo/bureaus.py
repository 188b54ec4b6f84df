"""The demo's bureau reports (责任单位填报): 开封市文化广电和旅游局 (the account bureau-tourism)
reports on the items it leads — 接待游客 and 旅游综合收入 (growth to date, %), key work 4 and
its measures — so the bureaus' month, the targets and the dashboards have something to show.

Earlier (locked) months are approved: the reporting services refuse a locked month, so those
reports are written as rows, and each approved value reaches the targets through the one
write path the dashboards read (plans.services indicator_actual_save, work_status_save). The
open month goes through projects.bureau_services as the bureau and the city office would:
some approved, one submitted, one returned with a comment, one draft, one not filed. The
services stamp "now"; the demo then moves those times back into the open month of 2023, so
the steps read in order with the rest of the demo.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from tuijin.accounts.models import User
from tuijin.demo.accounts import TOURISM_BUREAU_NAME
from tuijin.plans.models import Indicator, KeyTask, Measure, Status
from tuijin.plans.services import indicator_actual_save, work_status_save
from tuijin.projects.bureau_services import (
    BureauInput,
    bureau_report_review,
    bureau_report_save,
    lead_unit_id_of,
)
from tuijin.projects.cycle import FilingState
from tuijin.projects.cycle_selectors import open_period
from tuijin.projects.models import BureauReport

TZ = ZoneInfo("Asia/Shanghai")

# Kaifeng 2023, cumulative to the end of each month: growth on 2022 in % (what the targets
# judge) and the level (in the notes). The early months rebound from a weak 2022.
TOURISTS = ((38.6, 820), (41.2, 1480), (45.3, 2250), (43.1, 3180), (40.7, 4120),
            (39.2, 4860), (37.8, 5790), (36.5, 6710), (35.7, 7460), (35.1, 8480),
            (34.6, 8900), (34.2, 9350))
REVENUE = ((35.4, 62), (38.7, 118), (42.1, 181), (40.3, 258), (38.6, 336), (37.2, 398),
           (35.9, 476), (34.8, 553), (34.1, 616), (33.6, 702), (33.2, 740), (32.8, 781))
SERIES = {"tourist-arrivals": (TOURISTS, "累计接待游客{level}万人次，同比增长{growth}%。"),
          "tourism-revenue": (REVENUE, "累计实现旅游综合收入{level}亿元，同比增长{growth}%。")}
WORK_NOTES = ("按计划推进，本月完成阶段性工作。", "已完成月度任务，下月继续推进。",
              "牵头召开推进会，协调解决场地和资金问题。")
RETURN_COMMENT = "旅游综合收入与统计部门口径不一致，请核实后重新提交。"


def _at(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime.combine(date(year, month, day), time(hour), TZ)


def _items(plan, bureau_id: int) -> list:
    indicators = list(Indicator.objects.filter(plan=plan, owner_id=bureau_id,
                                               source=Indicator.Source.MANUAL)
                      .order_by("number", "code"))
    tasks = list(KeyTask.objects.filter(plan=plan, lead_unit_id=bureau_id).order_by("number"))
    measures = list(Measure.objects.filter(key_task__plan=plan, lead_unit_id=bureau_id)
                    .order_by("key_task__number", "number"))
    return indicators + tasks + measures


def _input(item, month: int) -> BureauInput:
    if isinstance(item, Indicator):
        series, note = SERIES.get(item.code, (TOURISTS, SERIES["tourist-arrivals"][1]))
        growth, level = series[month - 1]
        return BureauInput(value=Decimal(str(growth)),
                           note=note.format(level=f"{level:,}", growth=growth))
    return BureauInput(status=Status.IN_PROGRESS, note=WORK_NOTES[month % len(WORK_NOTES)])


@transaction.atomic
def demo_bureaus_set(plan) -> dict[str, int]:
    """Give the tourism bureau's items their reports: approved for every locked month, and
    the open month's mix. Returns ``locked`` (the earlier months' approved reports) and the
    open month's count of reports by state (``none``: items not filed).
    Nothing is written when the plan has no open month, the bureau leads nothing in it, or
    already has reports (a second run keeps them)."""
    counts = {"locked": 0, "approved": 0, "submitted": 0, "returned": 0, "draft": 0,
              "none": 0}
    period = open_period(plan)
    bureau = User.objects.filter(role=User.Role.BUREAU, is_active=True,
                                 organisation__name=TOURISM_BUREAU_NAME).first()
    reviewer = User.objects.filter(role=User.Role.CITY_ADMIN, is_active=True).order_by(
        "pk").first()
    if period is None or bureau is None or reviewer is None:
        return counts
    items = _items(plan, bureau.organisation_id)
    if not items or BureauReport.objects.filter(plan=plan,
                                                organisation_id=bureau.organisation_id).exists():
        return counts
    open_month = period.month
    for month in range(1, open_month):
        _approved_before(plan, items, month=month, bureau=bureau, reviewer=reviewer)
        counts["locked"] += len(items)
    # The open month, in the items' order: the indicators first, then the works.
    mix = [FilingState.SUBMITTED, FilingState.RETURNED, FilingState.APPROVED,
           FilingState.APPROVED, FilingState.SUBMITTED, FilingState.DRAFT]
    for index, item in enumerate(items):
        state = mix[index] if index < len(mix) else None
        if state is None:
            counts["none"] += 1
            continue
        data = _input(item, open_month)
        report = bureau_report_save(item=item, month=open_month, data=data, user=bureau,
                                    submit=state != FilingState.DRAFT)
        if state in (FilingState.APPROVED, FilingState.RETURNED):
            report = bureau_report_review(
                report=report, action="approve" if state == FilingState.APPROVED else "return",
                user=reviewer, comment=RETURN_COMMENT if state == FilingState.RETURNED else "",
                version=report.version)
        _backdate(report, plan.year, open_month, day=10 + index)
        counts[state] += 1
    return counts


def _approved_before(plan, items, *, month: int, bureau, reviewer) -> None:
    """A locked month's approved reports, and what they count for (actuals, work status)."""
    submitted = _at(plan.year, month, 20, 10) + timedelta(days=month % 3)
    reviewed = submitted + timedelta(days=2)
    for item in items:
        data = _input(item, month)
        subject = {Indicator: "indicator", KeyTask: "key_task", Measure: "measure"}[type(item)]
        BureauReport.objects.create(
            plan=plan, organisation_id=lead_unit_id_of(item), month=month,
            state=FilingState.APPROVED, value=data.value, status=data.status, note=data.note,
            updated_at=reviewed, updated_by=reviewer, submitted_at=submitted,
            submitted_by=bureau, reviewed_at=reviewed, reviewed_by=reviewer,
            **{subject: item})
        if isinstance(item, Indicator):
            actual = indicator_actual_save(indicator=item, month=month, value=data.value,
                                           note=data.note, user=reviewer,
                                           reason="tuijin.bureau_report.approve")
            actual.history.update(history_date=reviewed)
        else:
            work_status_save(work=item, status=data.status)
    BureauReport.history.filter(month=month, organisation_id=bureau.organisation_id).update(
        history_date=reviewed)


def _backdate(report: BureauReport, year: int, month: int, *, day: int) -> None:
    """Move the times the services stamped into the open month of the plan's year."""
    submitted = _at(year, month, min(day, 24), 9)
    reviewed = submitted + timedelta(days=1, hours=6) if report.reviewed_at else None
    BureauReport.objects.filter(pk=report.pk).update(
        updated_at=reviewed or submitted,
        submitted_at=submitted if report.submitted_at else None, reviewed_at=reviewed)
    steps = list(report.history.order_by("history_id").values_list("history_id", flat=True))
    for offset, history_id in enumerate(steps):
        report.history.filter(history_id=history_id).update(
            history_date=submitted + timedelta(days=offset, hours=6 * offset))


def bureaus_summary(counts: dict[str, int]) -> str:
    return _(
        "Bureau reports of %(bureau)s: %(locked)s approved in the locked months; in the open "
        "month %(approved)s approved, %(submitted)s submitted, %(returned)s returned, "
        "%(draft)s drafts, %(none)s not filed."
    ) % {"bureau": TOURISM_BUREAU_NAME, **counts}
