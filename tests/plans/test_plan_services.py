"""plan_import / plan_export: the tuijin-plan/1 format, checked whole before anything is
written, every error located by its JSON path."""

import copy
from decimal import Decimal

import pytest

from tests.factories import make_project
from tuijin.core.models import Organisation
from tuijin.plans.models import Domain, Indicator, KeyTask, Measure, Plan, Target
from tuijin.plans.services import (
    PlanImportError,
    plan_export,
    plan_import,
    plan_load_builtin,
    plan_validate,
)

pytestmark = pytest.mark.django_db


def small_doc(slug: str = "small-2023") -> dict:
    return {
        "format": "tuijin-plan/1", "slug": slug, "name": "小计划", "region": "410200",
        "year": 2023, "summary": "", "source": "",
        "yellow_band": "0.10", "approx_tolerance": "0.10", "report_due_day": 25,
        "organisations": [
            {"name": "开封市发展和改革委员会", "kind": "bureau", "division": "410200"},
            {"name": "开封市商务局", "kind": "bureau", "division": "410200"},
        ],
        "key_tasks": [{
            "number": 1, "title": "上项目", "summary": "", "lead_unit": "开封市发展和改革委员会",
            "co_units": ["开封市商务局"], "deadline": "2023-12-31", "status": "in_progress",
            "measures": [{
                "number": 1, "title": "三个一批", "text": "", "lead_unit": None, "co_units": [],
                "deadline": None, "status": "in_progress",
                "children": [{"number": 1, "title": "新签约一批", "text": "",
                              "lead_unit": "开封市商务局", "co_units": [], "deadline": None,
                              "status": "not_started", "children": []}],
            }],
        }],
        "domains": [
            {"number": 1, "code": "manufacturing", "name": "先进制造业"},
            {"number": 2, "code": "services", "name": "现代服务业"},
        ],
        "indicators": [{
            "code": "projects-signed", "name": "新签约重大项目", "unit": "个", "source": "signed",
            "key_task": 1, "owner": "开封市商务局", "number": 1,
            "targets": [{"comparator": "approx", "value": "150", "unit": "个",
                         "tolerance": "0.10", "commitment": "plain", "basis": "level",
                         "baseline_value": None, "baseline_year": None,
                         "wording": "新签约重大项目150个左右"}],
            "actuals": [{"month": 3, "value": "12"}],
        }],
    }


def counts() -> tuple:
    return (Plan.objects.count(), KeyTask.objects.count(), Measure.objects.count(),
            Domain.objects.count(), Indicator.objects.count(), Target.objects.count(),
            Organisation.objects.count())


def test_import_writes_the_whole_document():
    plan = plan_import(small_doc())
    assert plan.key_tasks.get().lead_unit.name == "开封市发展和改革委员会"
    child = Measure.objects.get(title="新签约一批")
    assert child.parent.title == "三个一批"
    assert child.lead_unit.name == "开封市商务局"
    target = plan.indicators.get().targets.get()
    assert (target.comparator, target.value, target.tolerance) == (
        "approx", Decimal("150"), Decimal("0.10"))
    assert list(plan.indicators.get().actuals.values_list("month", "value")) == [
        (3, Decimal("12"))]


def test_export_of_an_import_equals_the_normalised_document():
    doc = small_doc()
    exported = plan_export(plan_import(doc))
    expected = copy.deepcopy(doc)
    expected["yellow_band"] = expected["approx_tolerance"] = "0.1"
    expected["indicators"][0]["targets"][0]["tolerance"] = "0.1"
    expected["organisations"].sort(key=lambda org: org["name"])
    assert exported == expected


def test_round_trip_into_a_new_slug_equals():
    original = plan_load_builtin("kaifeng-2023")
    doc = plan_export(original)
    doc["slug"] = "kaifeng-copy"

    copy_plan = plan_import(doc)

    again = plan_export(copy_plan)
    assert again == doc
    assert again["key_tasks"] and again["indicators"]


def test_organisations_are_shared_by_name_and_division():
    plan_import(small_doc("one-2023"))
    before = Organisation.objects.count()
    plan_import(small_doc("two-2023"))
    assert Organisation.objects.count() == before


def test_existing_slug_is_refused_without_replace():
    plan_import(small_doc())
    before = counts()
    with pytest.raises(PlanImportError) as caught:
        plan_import(small_doc())
    assert [error.field for error in caught.value.errors] == ["slug"]
    assert "replace" in caught.value.errors[0].hint
    assert counts() == before


def _set(doc: dict, path: list, value) -> None:
    *parents, last = path
    for key in parents:
        doc = doc[key]
    doc[last] = value


def _drop(doc: dict, path: list, _value=None) -> None:
    *parents, last = path
    for key in parents:
        doc = doc[key]
    del doc[last]


IND = ["indicators", 0]
TARGET = [*IND, "targets", 0]
TASK = ["key_tasks", 0]
MEASURE = [*TASK, "measures", 0]

# (what is wrong, how to break the document, expected JSON paths of the errors). A few breaks
# also leave a reference dangling; that is reported too, at the referring path.
BAD_INPUTS = [
    ("format tag", _set, ["format"], "tuijin-plan/2", "format"),
    ("missing slug", _drop, ["slug"], None, "slug"),
    ("bad slug", _set, ["slug"], "开封 2023", "slug"),
    ("missing name", _drop, ["name"], None, "name"),
    ("unknown region", _set, ["region"], "999999", "region"),
    ("null region", _set, ["region"], None, "region"),
    ("year out of range", _set, ["year"], 1999, "year"),
    ("year as text", _set, ["year"], "2023", "year"),
    ("yellow band above 1", _set, ["yellow_band"], "1.5", "yellow_band"),
    ("yellow band as float", _set, ["yellow_band"], 0.1, "yellow_band"),
    ("report day 31", _set, ["report_due_day"], 31, "report_due_day"),
    ("unknown top-level key", _set, ["colour"], "red", "colour"),
    ("organisation kind", _set, ["organisations", 1, "kind"], "ministry",
     "organisations[1].kind"),
    ("organisation division", _set, ["organisations", 1, "division"], "123",
     "organisations[1].division"),
    ("duplicate organisation", _set, ["organisations", 1, "name"], "开封市发展和改革委员会",
     ["organisations[1].name", "key_tasks[0].co_units[0]",
      "key_tasks[0].measures[0].children[0].lead_unit", "indicators[0].owner"]),
    ("unknown lead unit", _set, [*TASK, "lead_unit"], "开封市不存在局",
     "key_tasks[0].lead_unit"),
    ("unknown co-unit", _set, [*TASK, "co_units"], ["开封市商务局", "开封市不存在局"],
     "key_tasks[0].co_units[1]"),
    ("key work not an object", _set, TASK, "上项目", ["key_tasks[0]", "indicators[0].key_task"]),
    ("key work number", _set, [*TASK, "number"], 0,
     ["key_tasks[0].number", "indicators[0].key_task"]),
    ("key work status", _set, [*TASK, "status"], "finished", "key_tasks[0].status"),
    ("deadline", _set, [*TASK, "deadline"], "2023-13-01", "key_tasks[0].deadline"),
    ("measure title", _set, [*MEASURE, "title"], "", "key_tasks[0].measures[0].title"),
    ("nested measure unit", _set, [*MEASURE, "children", 0, "lead_unit"], "开封市不存在局",
     "key_tasks[0].measures[0].children[0].lead_unit"),
    ("domain code", _set, ["domains", 1, "code"], "manufacturing", "domains[1].code"),
    ("domain name", _set, ["domains", 1, "name"], "先进制造业", "domains[1].name"),
    ("indicator source", _set, [*IND, "source"], "gdp", "indicators[0].source"),
    ("indicator key work", _set, [*IND, "key_task"], 9, "indicators[0].key_task"),
    ("indicator owner", _set, [*IND, "owner"], "开封市不存在局", "indicators[0].owner"),
    ("comparator", _set, [*TARGET, "comparator"], ">=", "indicators[0].targets[0].comparator"),
    ("commitment", _set, [*TARGET, "commitment"], "hope", "indicators[0].targets[0].commitment"),
    ("basis", _set, [*TARGET, "basis"], "ratio", "indicators[0].targets[0].basis"),
    ("value not a number", _set, [*TARGET, "value"], "150个", "indicators[0].targets[0].value"),
    ("value missing", _set, [*TARGET, "value"], None, "indicators[0].targets[0].value"),
    ("value too precise", _set, [*TARGET, "value"], "1.00001",
     "indicators[0].targets[0].value"),
    # 12 whole digits: past what every database keeps exactly (core.money.EXACT_LIMIT).
    ("value too large", _set, [*TARGET, "value"], "100000000000",
     "indicators[0].targets[0].value"),
    ("tolerance", _set, [*TARGET, "tolerance"], "-0.1", "indicators[0].targets[0].tolerance"),
    ("baseline", _set, [*TARGET, "baseline_value"], "abc",
     "indicators[0].targets[0].baseline_value"),
    ("baseline year", _set, [*TARGET, "baseline_year"], "2022",
     "indicators[0].targets[0].baseline_year"),
    ("missing comparator", _drop, [*TARGET, "comparator"], None,
     "indicators[0].targets[0].comparator"),
    ("month 13", _set, [*IND, "actuals", 0, "month"], 13, "indicators[0].actuals[0].month"),
    ("month 0", _set, [*IND, "actuals", 0, "month"], 0, "indicators[0].actuals[0].month"),
    ("actual value", _set, [*IND, "actuals", 0, "value"], "x",
     "indicators[0].actuals[0].value"),
    ("actual value too large", _set, [*IND, "actuals", 0, "value"], "-100000000000",
     "indicators[0].actuals[0].value"),
]


@pytest.mark.parametrize(("change", "path", "value", "field"),
                         [row[1:] for row in BAD_INPUTS], ids=[row[0] for row in BAD_INPUTS])
def test_bad_input_is_located_by_its_json_path_and_nothing_is_written(change, path, value,
                                                                       field):
    doc = small_doc()
    change(doc, path, value)
    before = counts()

    with pytest.raises(PlanImportError) as caught:
        plan_import(doc)

    fields = [error.field for error in caught.value.errors]
    assert fields == ([field] if isinstance(field, str) else field)
    assert all(error.hint for error in caught.value.errors)
    assert counts() == before


def test_multiple_target_must_be_positive():
    doc = small_doc()
    doc["indicators"][0]["targets"][0].update(basis="multiple", value="0")
    _doc, errors = plan_validate(doc)
    assert [error.field for error in errors] == ["indicators[0].targets[0].value"]


def test_qualitative_target_may_have_no_value():
    doc = small_doc()
    doc["indicators"][0]["targets"][0].update(basis="qualitative", value=None)
    plan = plan_import(doc)
    assert plan.indicators.get().targets.get().value is None


def test_every_error_is_collected_in_one_pass():
    doc = small_doc()
    doc["region"] = "999999"
    doc["indicators"][0]["targets"][0]["comparator"] = "bigger"
    doc["indicators"][0]["actuals"][0]["month"] = 13
    with pytest.raises(PlanImportError) as caught:
        plan_import(doc)
    assert [error.field for error in caught.value.errors] == [
        "region", "indicators[0].targets[0].comparator", "indicators[0].actuals[0].month",
    ]
    assert "indicators[0].actuals[0].month" in str(caught.value)


def test_document_that_is_not_an_object_is_refused():
    with pytest.raises(PlanImportError) as caught:
        plan_import(["tuijin-plan/1"])
    assert caught.value.errors[0].field == "$"


def test_replace_keeps_projects_attached_to_their_domains():
    plan = plan_import(small_doc())
    project = make_project(plan, domain="services")
    domain_id = project.domain_id
    doc = small_doc()
    doc["name"] = "改过的计划"
    doc["domains"][1]["name"] = "现代服务业（含物流）"
    doc["domains"].append({"number": 3, "code": "ecology", "name": "生态环保"})

    replaced = plan_import(doc, replace=True)

    project.refresh_from_db()
    assert replaced.pk == plan.pk
    assert replaced.name == "改过的计划"
    assert project.plan_id == plan.pk
    assert project.domain_id == domain_id
    assert project.domain.name == "现代服务业（含物流）"
    assert list(replaced.domains.values_list("code", flat=True)) == [
        "manufacturing", "services", "ecology"]


def test_replace_refuses_to_drop_a_domain_with_projects():
    plan = plan_import(small_doc())
    make_project(plan, domain="services")
    doc = small_doc()
    doc["name"] = "改过的计划"
    del doc["domains"][1]

    with pytest.raises(PlanImportError) as caught:
        plan_import(doc, replace=True)

    (error,) = caught.value.errors
    assert error.field == "domains"
    assert "services" in error.message
    plan.refresh_from_db()
    assert plan.name == "小计划"
    assert plan.domains.count() == 2


def test_replace_drops_an_unused_domain_and_swaps_names():
    plan = plan_import(small_doc())
    doc = small_doc()
    doc["domains"] = [
        {"number": 1, "code": "manufacturing", "name": "现代服务业"},
        {"number": 2, "code": "infrastructure", "name": "先进制造业"},
    ]
    plan_import(doc, replace=True)
    assert list(plan.domains.values_list("code", "name")) == [
        ("manufacturing", "现代服务业"), ("infrastructure", "先进制造业")]


def test_replace_updates_targets_and_measures_in_place():
    plan = plan_import(small_doc())
    target_id = Target.objects.get(indicator__plan=plan).pk
    doc = small_doc()
    doc["indicators"][0]["targets"][0]["value"] = "160"
    doc["key_tasks"][0]["measures"][0]["children"] = []

    plan_import(doc, replace=True)

    target = Target.objects.get(indicator__plan=plan)
    assert (target.pk, target.value) == (target_id, Decimal("160"))
    assert not Measure.objects.filter(title="新签约一批").exists()


def test_replace_without_actuals_key_keeps_reported_actuals():
    plan = plan_import(small_doc())
    doc = small_doc()
    del doc["indicators"][0]["actuals"]
    plan_import(doc, replace=True)
    assert plan.indicators.get().actuals.count() == 1


def test_replace_refuses_to_drop_an_indicator_with_actuals():
    plan_import(small_doc())
    doc = small_doc()
    doc["indicators"] = []
    with pytest.raises(PlanImportError) as caught:
        plan_import(doc, replace=True)
    assert [error.field for error in caught.value.errors] == ["indicators"]


def test_unknown_builtin_plan_is_an_input_error():
    from tuijin.core.errors import InputError

    with pytest.raises(InputError) as caught:
        plan_load_builtin("atlantis-2023")
    assert caught.value.field == "slug"
    assert "kaifeng-2023" in caught.value.hint
