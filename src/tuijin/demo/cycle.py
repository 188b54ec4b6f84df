"""The demo's reporting cycle: earlier months locked, the latest month open, and a realistic
mix of that month's reports — approved, submitted, returned with a comment, drafts, and none
yet — so every page of the cycle has something to show after `make run`.

Written in bulk like the rest of the demo. The month's counted reports (MonthlyReport) stay
only for the states the plan counts; a draft, a returned report or a missing one has none,
exactly as projects.cycle_services would leave it.
"""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.demo.generator import FEATURED_OWNER_NAME
from tuijin.projects.cycle import FilingState, PeriodState, is_counted
from tuijin.projects.models import (
    FilingEvent,
    MonthlyReport,
    Project,
    ReportFiling,
    ReportingPeriod,
)

TZ = ZoneInfo("Asia/Shanghai")
# Shares of the open month's reports, by state (None: not filed yet).
MIX = ((FilingState.APPROVED, 0.50), (FilingState.SUBMITTED, 0.22),
       (FilingState.RETURNED, 0.05), (FilingState.DRAFT, 0.06), (None, 0.17))
# The demo owner's projects show one of each, so owner-demo sees every state at once.
FEATURED_STATES = (None, FilingState.DRAFT, FilingState.RETURNED, FilingState.SUBMITTED,
                   FilingState.APPROVED)
RETURN_COMMENTS = ("形象进度描述过于简单，请补充本月完成的主要工程量。",
                   "本月完成投资与支付凭证不符，请核实后重新提交。",
                   "请补充存在问题的具体情况和需要协调的事项。")


@transaction.atomic
def demo_cycle_set(plan, *, months: int, seed: int) -> dict[str, int]:
    """Lock months 1..months-1, open ``months`` (due on the plan's due day) and give its
    reports the mix above. Returns the count of the open month's reports by state."""
    now = timezone.now()
    ReportingPeriod.objects.filter(plan=plan).delete()
    ReportingPeriod.objects.bulk_create([
        ReportingPeriod(
            plan=plan, month=m, due_on=date(plan.year, m, plan.report_due_day),
            state=PeriodState.LOCKED if m < months else PeriodState.OPEN,
            opened_at=datetime.combine(date(plan.year, m, 1), time(9), TZ),
            locked_at=(datetime.combine(date(plan.year, m, 1) + timedelta(days=35), time(17),
                                        TZ) if m < months else None))
        for m in range(1, months + 1)])
    rng = random.Random(seed)
    reports = {r.project_id: r for r in MonthlyReport.objects.filter(
        project__plan=plan, project__is_demo=True, month=months)}
    featured = list(Project.objects.filter(plan=plan, owner__name=FEATURED_OWNER_NAME)
                    .order_by("id").values_list("id", flat=True))
    states = {pid: FEATURED_STATES[i % len(FEATURED_STATES)] for i, pid in enumerate(featured)}
    choices, weights = zip(*MIX, strict=True)
    for pid in reports:
        states.setdefault(pid, rng.choices(choices, weights)[0])
    filings, uncounted = [], []
    for pid, state in states.items():
        report = reports.get(pid)
        if report is None:
            continue
        if not is_counted(state, plan.counted_report_states):
            uncounted.append(report.pk)
        if state is None:
            continue
        submitted = datetime.combine(date(plan.year, months, rng.randint(10, 24)),
                                     time(rng.randint(8, 18), rng.randint(0, 59)), TZ)
        filings.append(ReportFiling(
            project_id=pid, month=months, state=state, version=1,
            investment_month_wan=report.investment_month_wan,
            cumulative_wan=report.cumulative_wan, progress_text=report.progress_text,
            blockers=report.blockers, help_requested=report.help_requested,
            updated_at=submitted,
            submitted_at=None if state == FilingState.DRAFT else submitted,
            reviewed_at=(submitted + timedelta(days=1)
                         if state in (FilingState.APPROVED, FilingState.RETURNED) else None),
            review_comment=(rng.choice(RETURN_COMMENTS) if state == FilingState.RETURNED
                            else "")))
    MonthlyReport.objects.filter(pk__in=uncounted).delete()
    # The demo writes no history (demo.loader): these reports were never counted, so no
    # "withdrawn today" record should follow their 2023 steps.
    MonthlyReport.history.filter(id__in=uncounted).delete()
    created = ReportFiling.objects.bulk_create(filings, batch_size=2000)
    FilingEvent.objects.bulk_create(_events(created, now), batch_size=2000)
    counts = {state or "none": 0 for state, _share in MIX}
    for pid, state in states.items():
        if pid in reports:
            counts[state or "none"] += 1
    return counts


def cycle_summary(plan, months: int, counts: dict[str, int]) -> str:
    return _(
        "Reporting cycle: months 1–%(last)s locked, %(year)s-%(month)s open; its reports: "
        "%(approved)s approved, %(submitted)s submitted, %(returned)s returned, %(draft)s "
        "drafts, %(none)s not filed."
    ) % {"last": months - 1, "year": plan.year, "month": months, **counts}


def _events(filings: list[ReportFiling], now) -> list[FilingEvent]:
    events = []
    for filing in filings:
        if filing.state == FilingState.DRAFT:
            events.append(FilingEvent(filing=filing, action="save", to_state="draft",
                                      at=filing.updated_at))
            continue
        events.append(FilingEvent(filing=filing, action="submit", from_state="",
                                  to_state="submitted", at=filing.submitted_at))
        if filing.state in (FilingState.APPROVED, FilingState.RETURNED):
            action = "approve" if filing.state == FilingState.APPROVED else "return"
            events.append(FilingEvent(filing=filing, action=action, from_state="submitted",
                                      to_state=filing.state, at=filing.reviewed_at,
                                      comment=filing.review_comment))
    return events
