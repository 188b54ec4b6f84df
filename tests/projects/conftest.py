"""Plan items a responsible bureau reports on (责任单位填报): the tourism bureau of the cast
answers for 接待游客 and leads the culture-and-tourism key work and one of its measures; the
science bureau answers for an indicator the tourism bureau may not touch."""

from decimal import Decimal

import pytest

from tuijin.core.models import Division, Organisation
from tuijin.plans.models import Indicator, KeyTask, Measure, Target
from tuijin.projects.cycle_services import period_open


@pytest.fixture
def tourism(cast):
    return cast["bureau"].organisation


@pytest.fixture
def science(db):
    return Organisation.objects.create(name="开封市科学技术局", kind=Organisation.Kind.BUREAU,
                                       division=Division.objects.get(code="410200"))


@pytest.fixture
def arrivals(plan, tourism):
    """接待游客: 力争 growth of 30 % or more over 2022, so it is reported as growth in %."""
    indicator = Indicator.objects.create(plan=plan, code="tourist-arrivals", name="接待游客",
                                         unit="万人次", owner=tourism, number=9)
    Target.objects.create(indicator=indicator, comparator="gte", value=Decimal("30"), unit="%",
                          commitment="strive", basis="growth", baseline_year=2022,
                          wording="力争接待游客同比增长30%以上")
    return indicator


@pytest.fixture
def high_tech(plan, science):
    indicator = Indicator.objects.create(plan=plan, code="high-tech-enterprises",
                                         name="高新技术企业数量", unit="家", owner=science,
                                         number=8)
    Target.objects.create(indicator=indicator, comparator="gte", value=Decimal("400"),
                          unit="家", commitment="plain", basis="level")
    return indicator


@pytest.fixture
def culture_task(plan, tourism):
    return KeyTask.objects.create(plan=plan, number=4, title="挖内需，推进文旅强市",
                                  lead_unit=tourism)


@pytest.fixture
def festivals(culture_task, tourism):
    return Measure.objects.create(key_task=culture_task, number=2, title="办好“两节一会”",
                                  lead_unit=tourism)


@pytest.fixture
def june(plan, cast):
    return period_open(plan=plan, month=6, user=cast["admin"])
