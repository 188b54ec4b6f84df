"""The built-in Kaifeng 2023 plan holds what DESIGN.md §2 says the plan sets."""

from decimal import Decimal

import pytest

from tests.factories import DOMAINS, make_project
from tuijin.plans.models import Indicator, KeyTask, Measure, Target
from tuijin.plans.services import builtin_plan_slugs, plan_export, plan_load_builtin

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaifeng():
    return plan_load_builtin("kaifeng-2023")


def test_kaifeng_is_a_builtin_plan():
    assert "kaifeng-2023" in builtin_plan_slugs()


def test_plan_settings_come_from_the_file(kaifeng):
    assert kaifeng.region.code == "410200"
    assert kaifeng.year == 2023
    assert kaifeng.yellow_band == Decimal("0.10")
    assert kaifeng.approx_tolerance == Decimal("0.10")
    assert kaifeng.report_due_day == 25
    for phrase in ("两个确保", "十大战略", "抓总、抓重、抓要"):
        assert phrase in kaifeng.summary


def test_five_key_works_in_order(kaifeng):
    titles = list(kaifeng.key_tasks.order_by("number").values_list("title", flat=True))
    assert titles == [
        "抓机遇，深化郑开同城",
        "增动力，强化创新驱动",
        "强产业，坚持制造立市",
        "挖内需，推进文旅强市",
        "上项目，持续蓄势赋能",
    ]
    for task in kaifeng.key_tasks.all():
        assert task.lead_unit is not None
        assert task.co_units.exists()
        assert task.measures.filter(parent=None).exists()


def _top_measures(plan, number):
    task = plan.key_tasks.get(number=number)
    return list(task.measures.filter(parent=None).order_by("number").values_list("title",
                                                                                  flat=True))


def test_integration_has_the_six_dimensions_and_its_principle(kaifeng):
    assert _top_measures(kaifeng, 1) == [
        "规划同城", "交通同城", "科创同城", "产业同城", "生态同城", "公共服务同城",
    ]
    assert "错位、协同、一体" in kaifeng.key_tasks.get(number=1).summary


def test_innovation_has_three_platforms_and_four_measures(kaifeng):
    task = kaifeng.key_tasks.get(number=2)
    platforms = Measure.objects.get(key_task=task, parent=None, number=1)
    assert list(platforms.children.order_by("number").values_list("title", flat=True)) == [
        "开封市科学院", "河南大学开封研究院", "开封智慧岛",
    ]
    titles = _top_measures(kaifeng, 2)[1:]
    assert len(titles) == 4
    for phrase in ("研发活动全覆盖", "创新龙头企业", "高新技术企业倍增", "春笋"):
        assert any(phrase in title for title in titles), phrase


def test_industry_has_traditional_emerging_and_future_industries(kaifeng):
    task = kaifeng.key_tasks.get(number=3)
    texts = " ".join(
        f"{m.title} {m.text}" for m in Measure.objects.filter(key_task=task)
    )
    for phrase in ("农副产品加工", "高端化工", "汽车及零部件", "装备制造", "现代家居", "纺织服装",
                   "100亿", "50亿", "30亿", "新型碳材料", "石墨电极", "特种石墨", "负极材料",
                   "郑汴洛濮氢能走廊", "全钒液流电池及储能"):
        assert phrase in texts, phrase


def test_tourism_has_pilot_city_festivals_study_bases_and_brand(kaifeng):
    titles = " ".join(_top_measures(kaifeng, 4))
    for phrase in ("消费试点城市", "两节一会", "研学基地", "行走河南·读懂中国"):
        assert phrase in titles, phrase


def test_projects_work_has_8232_and_three_batches(kaifeng):
    titles = " ".join(_top_measures(kaifeng, 5))
    assert "8232" in titles
    assert "三个一批" in titles


def test_eight_domains_with_stable_codes_in_order(kaifeng):
    domains = list(kaifeng.domains.order_by("number").values_list("number", "code", "name"))
    assert domains == [(i, code, name) for i, (code, name) in enumerate(DOMAINS, start=1)]


# code, source, key work, comparator, value, unit, commitment, basis, baseline year, phrase
EXPECTED_TARGETS = [
    ("projects-under-way", "project_count", 5, "gte", "2000", "个", "must", "level", None,
     "2000个以上"),
    ("annual-investment", "investment", 5, "gte", "3000", "亿元", "must", "level", None,
     "3000亿元"),
    ("industrial-investment", "industrial_investment", 5, "gte", "2000", "亿元", "must",
     "level", None, "产业项目投资2000亿元以上"),
    ("projects-signed", "signed", 5, "approx", "150", "个", "plain", "level", None,
     "新签约重大项目150个左右"),
    ("projects-started", "started", 5, "approx", "150", "个", "plain", "level", None,
     "新开工重大项目150个左右"),
    ("projects-in-production", "in_production", 5, "approx", "150", "个", "plain", "level",
     None, "新投产重大项目150个左右"),
    ("rd-coverage", "manual", 2, "gte", "100", "%", "plain", "level", None, "研发活动全覆盖"),
    ("high-tech-enterprises", "manual", 2, "gte", "2", "倍", "plain", "multiple", 2022,
     "高新技术企业倍增"),
    ("tourist-arrivals", "manual", 4, "gte", "30", "%", "strive", "growth", 2022,
     "力争接待游客同比增长30%以上"),
    ("tourism-revenue", "manual", 4, "gte", "30", "%", "strive", "growth", 2022,
     "力争旅游综合收入同比增长30%以上"),
]


@pytest.mark.parametrize("expected", EXPECTED_TARGETS, ids=[row[0] for row in EXPECTED_TARGETS])
def test_each_named_target_is_present(kaifeng, expected):
    (code, source, task, comparator, value, unit, commitment, basis, baseline_year,
     phrase) = expected
    indicator = Indicator.objects.get(plan=kaifeng, code=code)
    assert indicator.source == source
    assert indicator.key_task == KeyTask.objects.get(plan=kaifeng, number=task)
    assert indicator.owner is not None
    assert indicator.owner.kind == "bureau"
    assert indicator.owner.division.code == "410200"
    (target,) = indicator.targets.all()
    assert target.comparator == comparator
    assert target.value == Decimal(value)
    assert target.unit == unit
    assert target.commitment == commitment
    assert target.basis == basis
    assert target.baseline_year == baseline_year
    assert target.baseline_value is None
    assert phrase in target.wording


def test_about_targets_carry_the_plan_tolerance(kaifeng):
    tolerances = set(
        Target.objects.filter(indicator__plan=kaifeng, comparator="approx")
        .values_list("tolerance", flat=True)
    )
    assert tolerances == {Decimal("0.10")}


def test_only_the_named_targets_exist(kaifeng):
    codes = set(kaifeng.indicators.values_list("code", flat=True))
    assert codes == {row[0] for row in EXPECTED_TARGETS}


def test_reloading_changes_nothing(kaifeng):
    project = make_project(kaifeng, domain="services")
    before = plan_export(kaifeng)
    ids = {
        "tasks": sorted(kaifeng.key_tasks.values_list("id", flat=True)),
        "measures": sorted(Measure.objects.filter(key_task__plan=kaifeng)
                           .values_list("id", flat=True)),
        "domains": sorted(kaifeng.domains.values_list("id", flat=True)),
        "targets": sorted(Target.objects.filter(indicator__plan=kaifeng)
                          .values_list("id", flat=True)),
    }

    again = plan_load_builtin("kaifeng-2023")

    assert again.pk == kaifeng.pk
    assert plan_export(again) == before
    assert ids["tasks"] == sorted(again.key_tasks.values_list("id", flat=True))
    assert ids["measures"] == sorted(Measure.objects.filter(key_task__plan=again)
                                     .values_list("id", flat=True))
    assert ids["domains"] == sorted(again.domains.values_list("id", flat=True))
    assert ids["targets"] == sorted(Target.objects.filter(indicator__plan=again)
                                    .values_list("id", flat=True))
    project.refresh_from_db()
    assert project.domain.code == "services"
    assert project.plan_id == again.pk


def test_reloading_keeps_reported_actuals(kaifeng):
    indicator = kaifeng.indicators.get(code="tourist-arrivals")
    indicator.actuals.create(month=6, value=Decimal("1234.5"))

    plan_load_builtin("kaifeng-2023")

    assert list(indicator.actuals.values_list("month", "value")) == [(6, Decimal("1234.5"))]
