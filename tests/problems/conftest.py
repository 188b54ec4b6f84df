from datetime import date

import pytest

from tests.factories import make_project
from tuijin.core.models import Division, Organisation
from tuijin.problems.models import ProblemCategory
from tuijin.problems.services import ProblemInput, problem_raise

TODAY = date(2023, 6, 15)


@pytest.fixture
def project(plan, owner_org):
    """In 龙亭区, belonging to the cast's owner: 杞县 is the stranger."""
    return make_project(plan, district="410202", owner=owner_org, name="宋都古城保护项目")


@pytest.fixture
def land_bureau(db):
    return Organisation.objects.create(name="开封市自然资源和规划局",
                                       kind=Organisation.Kind.BUREAU,
                                       division=Division.objects.get(code="410200"))


@pytest.fixture
def land():
    return ProblemCategory.objects.get(name="用地")


@pytest.fixture
def raised(project, cast, land):
    return problem_raise(project=project, user=cast["owner"], data=ProblemInput(
        category_id=land.pk, description="用地指标未落实，影响二期开工",
        help_requested="请市自然资源局协调用地指标"))
