"""The demo's problems (督办): blockers named in the demo's reports, raised and moved through
every state of problems.rules — raised, accepted, left to the project unit, assigned, signed
for, answered, sent back, checked, closed, some escalated to the city — assigned to the bureaus
and district governments that would handle them, so the problem pages have something to show.

Every step goes through problems.services, as the district, the city office and the units
would take it. The services stamp "now"; the demo then moves each problem's times back to the
month of the report it came from (the plan's year), so the steps read in order with the rest of
the demo. Deadlines follow the same months, except those of the problems still waiting on a
unit meant to show a yellow or green light: the pages judge a deadline against today's date,
so those deadlines are set a few days (yellow) or weeks (green) after the day the demo is
generated. Two problems carry files (a site photo with the raise, a reply letter with the
answer), and two go to the tourism bureau, so the demo's bureau user (bureau-tourism) has one
to sign for and one overdue to answer.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import zip_longest
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from PIL import Image, ImageDraw

from tuijin.accounts.models import User
from tuijin.core.models import Division, Organisation
from tuijin.demo.generator import BLOCKERS, FEATURED_OWNER_NAME
from tuijin.problems.models import Problem, ProblemAttachment, ProblemCategory, ProblemEvent
from tuijin.problems.rules import Action, State
from tuijin.problems.services import ProblemInput, Upload, problem_raise, problem_step
from tuijin.projects.cycle_selectors import open_period
from tuijin.projects.models import MonthlyReport, Notice, Project, ReportFiling

TZ = ZoneInfo("Asia/Shanghai")
CITY = "410200"
FINANCE_BUREAU_NAME = "开封市财政局"
TOURISM_BUREAU_NAME = "开封市文化广电和旅游局"

# What each blocker is about, and who solves it: a bureau by name, or None for the
# project's district government.
ROUTES = (
    ("土地", "用地", "开封市自然资源和规划局"),
    ("环评", "环评能评", "开封市生态环境局"),
    ("融资", "资金", "开封市发展和改革委员会"),
    ("征地", "征迁", None),
    ("用电", "水电气配套", None),
    ("专项债", "资金", FINANCE_BUREAU_NAME),
    ("施工许可", "手续审批", "开封市住房和城乡建设局"),
    ("设备", "其他", None),
    ("原材料", "施工条件", None),
)


@dataclass(frozen=True)
class Scenario:
    """Where one demo problem ends: its state, the light its deadline should show while it is
    with the unit (green, yellow, red or none), and whether it went up to the city."""

    state: str
    light: str = ""
    escalated: bool = False
    unit: str = ""  # a bureau by name instead of the blocker's route
    files: str = ""  # the step that carries a file: "raise" or "answer"


# The demo owner's two problems come first, so owner-demo sees one waiting on a unit and one
# closed; then one district problem each, in this order.
SCENARIOS = (
    Scenario(State.ASSIGNED, "yellow", files="raise"), Scenario(State.CLOSED, files="answer"),
    Scenario(State.RAISED), Scenario(State.RAISED), Scenario(State.ACCEPTED),
    Scenario(State.SELF_RESOLVE), Scenario(State.ASSIGNED, "green", unit=TOURISM_BUREAU_NAME),
    Scenario(State.ASSIGNED, "red", escalated=True), Scenario(State.SIGNED, "yellow"),
    Scenario(State.SIGNED, "red", unit=TOURISM_BUREAU_NAME), Scenario(State.ANSWERED),
    Scenario(State.RETURNED, "red"),
    Scenario(State.CHECKED), Scenario(State.CLOSED), Scenario(State.CLOSED, escalated=True),
    Scenario(State.ANSWERED),
)
# The steps that lead to each state, from raised.
PATHS = {
    State.RAISED: (),
    State.ACCEPTED: (Action.ACCEPT,),
    State.SELF_RESOLVE: (Action.DECLINE,),
    State.ASSIGNED: (Action.ACCEPT, Action.ASSIGN),
    State.SIGNED: (Action.ACCEPT, Action.ASSIGN, Action.SIGN),
    State.ANSWERED: (Action.ACCEPT, Action.ASSIGN, Action.SIGN, Action.ANSWER),
    State.RETURNED: (Action.ACCEPT, Action.ASSIGN, Action.SIGN, Action.ANSWER,
                     Action.SEND_BACK),
    State.CHECKED: (Action.ACCEPT, Action.ASSIGN, Action.SIGN, Action.ANSWER, Action.CHECK),
    State.CLOSED: (Action.ACCEPT, Action.ASSIGN, Action.SIGN, Action.ANSWER, Action.CHECK,
                   Action.CLOSE),
}
COMMENTS = {
    Action.DECLINE: "属企业自身经营事项，请项目单位自行协调解决，区里持续跟踪。",
    Action.ANSWER: ("已召开专题协调会，明确办理时限，相关手续正在加快办理，"
                    "请项目单位按要求补充材料。"),
    Action.SEND_BACK: "反馈内容未明确完成时限，请补充具体措施和办结时间后重新反馈。",
    Action.ESCALATE: "已超期未办结，区级协调难度较大，提请市重点项目办统筹协调。",
    Action.CHECK: "经核实，问题已基本解决。",
    Action.CLOSE: "问题已解决，予以销号。",
}


@dataclass
class Source:
    project: Project
    month: int
    blocker: str
    help_requested: str
    reported_at: datetime | None


@transaction.atomic
def demo_problems_set(plan, *, today: date | None = None) -> dict[str, int]:
    """Raise the demo's problems and take each to its scenario's state. Returns the count by
    state, plus ``escalated``. Nothing is written without an open month or when the plan's
    demo projects already have problems (a second run keeps them)."""
    today = today or timezone.localdate()
    period = open_period(plan)
    counts = {state.value: 0 for state in State} | {"escalated": 0}
    if period is None or Problem.objects.filter(project__plan=plan,
                                                project__is_demo=True).exists():
        return counts
    office = User.objects.filter(role=User.Role.CITY_ADMIN, is_active=True).order_by("pk").first()
    for scenario, source in zip(SCENARIOS, _sources(plan, open_month=period.month),
                                strict=False):
        _play(source, scenario, year=plan.year, today=today, office=office)
        counts[scenario.state] += 1
        counts["escalated"] += scenario.escalated
    return counts


def _sources(plan, *, open_month: int) -> list[Source]:
    """The demo owner's first two projects, then one blocker per district (the latest month
    first, round after round) from the open month's filings and earlier counted reports."""
    featured = list(Project.objects.filter(plan=plan, owner__name=FEATURED_OWNER_NAME)
                    .order_by("id")[:2])
    sources = [Source(project, open_month, *BLOCKERS[index * 3], None)
               for index, project in enumerate(featured)]
    taken = {project.pk for project in featured}
    candidates = [
        Source(f.project, f.month, f.blockers, f.help_requested, f.submitted_at)
        for f in ReportFiling.objects.filter(project__plan=plan, project__is_demo=True,
                                             month=open_month).exclude(blockers="")
        .select_related("project").order_by("-submitted_at", "id")[:200]
    ] + [
        Source(r.project, r.month, r.blockers, r.help_requested, r.submitted_at)
        for r in MonthlyReport.objects.filter(project__plan=plan, project__is_demo=True,
                                              month__lt=open_month).exclude(blockers="")
        .select_related("project").order_by("-month", "id")[:400]
    ]
    # Per district, the open month's blockers and earlier months' taken in turn (a district
    # of an odd place starts with an earlier month), so problems come from several months.
    by_district: dict[int, tuple[list[Source], list[Source]]] = {}
    for source in candidates:
        lists = by_district.setdefault(source.project.district_id, ([], []))
        lists[source.month < open_month].append(source)
    queues = []
    for place, key in enumerate(sorted(by_district)):
        current, earlier = by_district[key]
        first, second = (earlier, current) if place % 2 else (current, earlier)
        queues.append([s for pair in zip_longest(first, second) for s in pair if s])
    while len(sources) < len(SCENARIOS) and any(queues):
        for queue in queues:
            while queue and queue[0].project.pk in taken:
                queue.pop(0)
            if queue and len(sources) < len(SCENARIOS):
                source = queue.pop(0)
                taken.add(source.project.pk)
                sources.append(source)
    return sources


def _route(project: Project, blocker: str,
           unit_name: str = "") -> tuple[ProblemCategory, Organisation]:
    category_name, routed = next(
        ((category, unit) for keyword, category, unit in ROUTES if keyword in blocker),
        ("其他", None))
    unit_name = unit_name or routed
    category = (ProblemCategory.objects.filter(name=category_name).first()
                or ProblemCategory.objects.filter(is_active=True).first())
    if unit_name is None:
        district = project.district
        unit, _created = Organisation.objects.get_or_create(
            name=f"{district.name}人民政府", division=district,
            defaults={"kind": Organisation.Kind.DISTRICT_GOVERNMENT, "is_demo": True})
    else:
        unit, _created = Organisation.objects.get_or_create(
            name=unit_name, division=Division.objects.get(code=CITY),
            defaults={"kind": Organisation.Kind.BUREAU, "is_demo": True})
    return category, unit


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), TZ)


def _play(source: Source, scenario: Scenario, *, year: int, today: date, office) -> None:
    project = source.project
    category, unit = _route(project, source.blocker, scenario.unit)
    district_user = User.objects.filter(role=User.Role.DISTRICT, is_active=True,
                                        division_id=project.district_id).first()
    owner_user = User.objects.filter(role=User.Role.OWNER, is_active=True,
                                     organisation_id=project.owner_id).first()
    handler = district_user or office
    raised = (source.reported_at.astimezone(TZ).date() + timedelta(days=1)
              if source.reported_at else date(year, source.month, 20))
    problem = problem_raise(project=project, user=owner_user or district_user, data=ProblemInput(
        category_id=category.pk, description=source.blocker,
        help_requested=source.help_requested, source_month=source.month),
        files=[_site_photo()] if scenario.files == "raise" else ())
    times = [_at(raised)]
    day = raised
    deadline = None
    for action in PATHS[scenario.state]:
        day += timedelta(days=2)
        step_day = day
        kwargs = {}
        if action == Action.ASSIGN:
            deadline = _deadline(scenario, assigned=day, today=today)
            kwargs = {"unit_id": unit.pk, "deadline": deadline}
        if action in (Action.CHECK, Action.CLOSE, Action.SEND_BACK) and deadline:
            step_day = day = max(day, deadline - timedelta(days=3)) + timedelta(days=1)
        user = {Action.SIGN: None, Action.ANSWER: None}.get(action, handler)
        if scenario.escalated and action == Action.ASSIGN and scenario.state == State.CLOSED:
            # Escalated while the district held it; the city office assigns it again.
            problem = problem_step(problem=problem, action=action, user=handler,
                                   version=problem.version, today=day, **kwargs)
            times.append(_at(day))
            day = deadline + timedelta(days=2)
            problem = problem_step(problem=problem, action=Action.ESCALATE, user=handler,
                                   version=problem.version, comment=COMMENTS[Action.ESCALATE],
                                   today=day)
            times.append(_at(day))
            day += timedelta(days=3)
            step_day = day
            deadline = day + timedelta(days=15)
            kwargs = {"unit_id": unit.pk, "deadline": deadline}
            user = office
        if action == Action.ANSWER and scenario.files == "answer":
            kwargs = {"files": [_reply_letter(unit, source.blocker)]}
        problem = problem_step(problem=problem, action=action, user=user,
                               version=problem.version, comment=COMMENTS.get(action, ""),
                               today=step_day, **kwargs)
        times.append(_at(step_day, 15))
    if scenario.escalated and scenario.state != State.CLOSED:
        day = max(day, deadline) + timedelta(days=2)
        problem = problem_step(problem=problem, action=Action.ESCALATE, user=handler,
                               version=problem.version, comment=COMMENTS[Action.ESCALATE],
                               today=max(day, today))
        times.append(_at(day))
    _backdate(problem, times)


def _site_photo() -> Upload:
    """A drawn site photo: the plot, the road and the missing power line, as a PNG."""
    image = Image.new("RGB", (640, 400), (214, 226, 214))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 420, 330), outline=(200, 30, 30), width=6)  # the red line
    draw.rectangle((0, 350, 640, 400), fill=(120, 120, 120))  # the road
    draw.line((470, 40, 600, 330), fill=(30, 30, 30), width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    data = out.getvalue()
    return Upload(name="现场照片.png", file=io.BytesIO(data), size=len(data))


def _reply_letter(unit: Organisation, blocker: str) -> Upload:
    """The unit's reply letter (复函) as a Word file."""
    document = Document()
    document.add_heading(f"{unit.name}关于项目存在问题的复函", level=1)
    document.add_paragraph(f"反映问题：{blocker}")
    document.add_paragraph(COMMENTS[Action.ANSWER])
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    return Upload(name="复函.docx", file=io.BytesIO(data), size=len(data))


def _deadline(scenario: Scenario, *, assigned: date, today: date) -> date:
    """Yellow and green lights are judged against today; every other deadline follows the
    report's month (long past by now, so red while a unit still owes the answer)."""
    if scenario.light == "yellow":
        return max(today, assigned) + timedelta(days=2)
    if scenario.light == "green":
        return max(today, assigned) + timedelta(days=20)
    return assigned + timedelta(days=10 if scenario.light == "red" else 15)


def _backdate(problem: Problem, times: list[datetime]) -> None:
    """Give the problem's steps (events, history rows, the problem's own stamps) the demo's
    times, step by step in the order they were taken."""
    events = list(problem.events.order_by("id"))
    by_action = {}
    for event, at in zip(events, times, strict=True):
        ProblemEvent.objects.filter(pk=event.pk).update(at=at)
        ProblemAttachment.objects.filter(event=event).update(uploaded_at=at)
        by_action[event.action] = at
    for history, at in zip(problem.history.order_by("history_id"), times, strict=False):
        problem.history.filter(history_id=history.history_id).update(history_date=at)
    Problem.objects.filter(pk=problem.pk).update(
        raised_at=times[0], assigned_at=by_action.get(Action.ASSIGN),
        answered_at=by_action.get(Action.ANSWER), escalated_at=by_action.get(Action.ESCALATE),
        closed_at=by_action.get(Action.CLOSE))
    if Action.ASSIGN in by_action:
        Notice.objects.filter(url=reverse("problems:detail", args=[problem.pk])).update(
            created_at=by_action[Action.ASSIGN])


def problems_summary(counts: dict[str, int]) -> str:
    total = sum(count for state, count in counts.items() if state != "escalated")
    states = ", ".join(f"{State(state).label} {count}" for state, count in counts.items()
                       if state != "escalated" and count)
    return _("Problems: %(total)s raised from the reports' blockers (%(states)s), "
             "%(escalated)s escalated to the city.") % {
        "total": total, "states": states or "-", "escalated": counts["escalated"]}
