"""The small fixed programme the bulletin tests read, figure by figure (June 2023, locked).

| project | district | domain | plan (万元) | cumulative June | note |
| P1 | 龙亭区 410202 | manufacturing | 10000 | 6123.45 | |
| P2 | 龙亭区 410202 | services | 10000 | 5000 | |
| P3 | 杞县 410221 | manufacturing | 20000 | 10000 | |
| P4 | 顺河回族区 410203 | agriculture | 10000 | 5000 | reported late (July 1) |
| P5 | 鼓楼区 410204 | ecology | 10000 | 2000 | red (30 points behind) |
| P6 | 禹王台区 410205 | livelihood | 10000 | — | no June report, not started |

Totals: 70000 planned (7.00亿元), 28123.45 completed (2.81亿元), 40.2 %, 9.8 points behind
the 50 % of time progress. Districts: 龙亭 55.6 %, 顺河 and 杞县 tied at 50 % (rank 2, code
order), 鼓楼 20 %, 禹王台 0 %.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.factories import make_owner, make_project, make_report
from tuijin.projects.cycle import PeriodState
from tuijin.projects.models import ReportingPeriod


def lock(plan, month: int) -> None:
    ReportingPeriod.objects.create(plan=plan, month=month, state=PeriodState.LOCKED,
                                   due_on=date(plan.year, month, 25), opened_at=timezone.now(),
                                   locked_at=timezone.now())


def june_programme(plan, *, locked: bool = True) -> dict:
    owners = {code: make_owner(f"{code}建设公司", district=code)
              for code in ("410202", "410221", "410203", "410204", "410205")}
    specs = [("P1", "410202", "manufacturing", "10000", "6123.45"),
             ("P2", "410202", "services", "10000", "5000"),
             ("P3", "410221", "manufacturing", "20000", "10000"),
             ("P4", "410203", "agriculture", "10000", "5000"),
             ("P5", "410204", "ecology", "10000", "2000"),
             ("P6", "410205", "livelihood", "10000", None)]
    projects = {}
    for name, district, domain, planned, cumulative in specs:
        project = make_project(plan, district=district, domain=domain, name=name,
                               owner=owners[district], annual_plan_wan=planned,
                               nature="new" if name == "P6" else "continuing")
        projects[name] = project
        if cumulative is not None:
            report = make_report(project, 6, "100", cumulative)
            if name == "P4":
                report.submitted_at = datetime(2023, 7, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
                report.save()
            if name == "P5":
                report.blockers = "征地未完成"
                report.save()
    if locked:
        lock(plan, 6)
    return projects
