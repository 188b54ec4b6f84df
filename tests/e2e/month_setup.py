"""What the reporting-cycle browser tests start from, made through the services the way a city
would have got there: a 2023 plan whose months 1 to 5 are reported and locked, the owner's
project in 龙亭区 among a few others, the tourism bureau's indicator; June not yet open."""

from tests.factories import make_owner, make_plan, make_project, make_report
from tests.plan_content import add_plan_content

OWNER_PROJECT = "龙亭区宋都古城保护提升项目"


def cycle_plan(cast, owner_org, *, june_open: bool = False):
    """The plan, with May the latest locked month (the dashboards' default until June is
    locked). Months 1-5 are reported for every project but the last (always missing)."""
    from tuijin.projects.cycle_services import period_lock, period_open

    admin = cast["admin"]
    plan = make_plan("kaifeng-2023")
    add_plan_content(plan)
    other_owner = make_owner("开封市城市建设投资集团有限公司（龙亭区片区综合开发）", "410202")
    projects = [
        make_project(plan, name=OWNER_PROJECT, district="410202", domain="urban-renewal",
                     owner=owner_org, annual_plan_wan="28000", total_investment_wan="150000",
                     code="2023-410202-47-01-000001"),
        make_project(plan, name="龙亭区北门大街历史文化街区市政配套基础设施提升改造工程",
                     district="410202", domain="urban-renewal", owner=other_owner,
                     annual_plan_wan="12000", code="2023-410202-47-01-000002"),
        make_project(plan, name="杞县全钒液流电池储能项目", district="410221",
                     domain="manufacturing", is_industrial=True, annual_plan_wan="45000",
                     code="2023-410221-38-03-000003"),
        make_project(plan, name="兰考县新型储能电站项目", district="410225",
                     domain="infrastructure", annual_plan_wan="120000"),
    ]
    for project in projects[:-1]:
        step = project.annual_plan_wan / 12
        for month in range(1, 6):
            make_report(project, month, f"{step:.2f}", f"{step * month:.2f}")
    # Long texts, as owners write them, for the tables that show them.
    projects[0].reports.update(progress_text="主体结构施工完成80%，外立面改造同步推进",
                               blockers="征迁进度滞后，需协调龙亭区政府加快推进")
    for month in range(1, 6):
        period_open(plan=plan, month=month, user=admin)
        period_lock(plan=plan, month=month, user=admin)
    if june_open:
        period_open(plan=plan, month=6, user=admin)
    return plan
