"""Small builders for test data. Tests that need the real Kaifeng plan load it instead."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from tuijin.core.models import Division, Organisation
from tuijin.plans.models import Domain, Plan
from tuijin.projects.models import MonthlyReport, Project

DOMAINS = [
    ("innovation", "创新驱动及新基建"),
    ("manufacturing", "先进制造业"),
    ("agriculture", "现代农业"),
    ("services", "现代服务业"),
    ("livelihood", "民生社会事业"),
    ("infrastructure", "重大基础设施"),
    ("ecology", "生态环保"),
    ("urban-renewal", "城市更新"),
]


def make_plan(slug: str = "test-2023", year: int = 2023, status: str = "active") -> Plan:
    plan = Plan.objects.create(
        slug=slug, name=f"测试计划 {slug}", region=Division.objects.get(code="410200"), year=year,
        status=status,
    )
    for number, (code, name) in enumerate(DOMAINS, start=1):
        Domain.objects.create(plan=plan, code=code, name=name, number=number)
    return plan


def make_owner(name: str = "开封测试建设有限公司", district: str = "410202") -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        name=name, division=Division.objects.get(code=district),
        defaults={"kind": Organisation.Kind.OWNER},
    )
    return org


def make_project(plan: Plan, *, district: str = "410202", domain: str = "manufacturing",
                 name: str = "测试项目", owner: Organisation | None = None,
                 annual_plan_wan: str = "10000", **fields) -> Project:
    return Project.objects.create(
        plan=plan, name=name, domain=plan.domains.get(code=domain),
        district=Division.objects.get(code=district), owner=owner,
        total_investment_wan=Decimal(fields.pop("total_investment_wan", "50000")),
        annual_plan_wan=Decimal(annual_plan_wan), **fields,
    )


def make_report(project: Project, month: int, month_wan: str, cumulative_wan: str) -> MonthlyReport:
    return MonthlyReport.objects.create(
        project=project, month=month, investment_month_wan=Decimal(month_wan),
        cumulative_wan=Decimal(cumulative_wan),
        submitted_at=datetime(project.plan.year, min(max(month, 1), 12), 20,
                              tzinfo=ZoneInfo("Asia/Shanghai")),
    )
