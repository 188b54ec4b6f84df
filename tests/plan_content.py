"""A small stand-in for the Kaifeng plan's content: key works with a measure tree, the 8232
and 三个一批 indicators and a growth target. Page tests use it; e2e prefers the real plan."""

from decimal import Decimal

from tuijin.core.models import Division, Organisation
from tuijin.plans.models import Indicator, KeyTask, Measure, Plan, Target

SOURCE = Indicator.Source
GTE, APPROX = Target.Comparator.GTE, Target.Comparator.APPROX
MUST, STRIVE = Target.Commitment.MUST, Target.Commitment.STRIVE


def add_plan_content(plan: Plan) -> None:
    city = Division.objects.get(code="410200")
    ndrc, _ = Organisation.objects.get_or_create(
        name="开封市发展和改革委员会", division=city, defaults={"kind": Organisation.Kind.BUREAU}
    )
    tourism, _ = Organisation.objects.get_or_create(
        name="开封市文化广电和旅游局", division=city, defaults={"kind": Organisation.Kind.BUREAU}
    )
    culture = KeyTask.objects.create(plan=plan, number=4, title="挖内需，推进文旅强市",
                                     lead_unit=tourism)
    projects = KeyTask.objects.create(plan=plan, number=5, title="上项目，持续蓄势赋能",
                                      lead_unit=ndrc)
    top = Measure.objects.create(key_task=projects, number=1, title="实施“8232”投资计划",
                                 lead_unit=ndrc)
    Measure.objects.create(key_task=projects, parent=top, number=1, title="抓好“三个一批”",
                           text="新签约、新开工、新投产重大项目各150个左右")
    rows = [
        ("projects-under-way", "在建项目", "个", SOURCE.PROJECT_COUNT, GTE, "2000", MUST,
         "确保实施2000个以上项目"),
        ("investment", "完成投资", "亿元", SOURCE.INVESTMENT, GTE, "3000", MUST,
         "确保完成投资3000亿元"),
        ("industrial-investment", "产业项目投资", "亿元", SOURCE.INDUSTRIAL_INVESTMENT, GTE,
         "2000", MUST, "产业项目完成投资2000亿元以上"),
        ("signed", "新签约重大项目", "个", SOURCE.SIGNED, APPROX, "150", MUST, "新签约150个左右"),
        ("started", "新开工重大项目", "个", SOURCE.STARTED, APPROX, "150", MUST, "新开工150个左右"),
        ("in-production", "新投产重大项目", "个", SOURCE.IN_PRODUCTION, APPROX, "150", MUST,
         "新投产150个左右"),
    ]
    for number, (code, name, unit, source, comparator, value, commitment, wording) in enumerate(
        rows, start=1
    ):
        indicator = Indicator.objects.create(
            plan=plan, key_task=projects, code=code, name=name, unit=unit, source=source,
            owner=ndrc, number=number,
        )
        Target.objects.create(indicator=indicator, comparator=comparator, value=Decimal(value),
                              unit=unit, commitment=commitment, wording=wording)
    tourists = Indicator.objects.create(
        plan=plan, key_task=culture, code="tourist-arrivals", name="接待游客", unit="%",
        owner=tourism, number=10,
    )
    Target.objects.create(indicator=tourists, comparator=GTE, value=Decimal("30"), unit="%",
                          commitment=STRIVE, basis=Target.Basis.GROWTH,
                          wording="力争接待游客增长30%以上")
