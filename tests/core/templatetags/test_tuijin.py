"""The one template-tag library, ``{% load tuijin %}`` (core/templatetags/tuijin.py)."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.loader import get_template

import tuijin
from tuijin.core.templatetags.tuijin import figure, pct, target_figure_text, wan, yi
from tuijin.plans.models import Target

TEMPLATES = Path(tuijin.__file__).parent / "templates"


def render(source: str, **context) -> str:
    return Template("{% load tuijin %}" + source).render(Context(context))


def test_amounts_in_wan_keep_two_places_and_separators():
    assert wan(Decimal("12345.6789")) == "12,345.68"
    assert render("{{ x|wan:0 }}", x=Decimal("12345.6789")) == "12,346"


def test_amounts_in_yi_are_the_wan_amount_over_ten_thousand():
    assert yi(Decimal("14431008.91")) == "1,443.10"


def test_figures_drop_trailing_zeros_and_keep_separators():
    assert figure(Decimal("996.00")) == "996"
    assert figure(Decimal("1443.1")) == "1,443.1"
    assert figure(Decimal("2.005")) == "2.01"


def test_shares_read_as_percentages():
    assert pct(Decimal("0.4331")) == "43.3%"
    assert render("{{ x|pct:0 }}", x=Decimal("0.4331")) == "43%"


@pytest.mark.parametrize("name", ["pct", "wan", "yi", "figure"])
def test_no_data_reads_as_a_dash_not_zero(name):
    assert render(f"{{{{ x|{name} }}}}", x=None) == "—"


@pytest.mark.parametrize(("basis", "comparator", "value", "unit", "expected"), [
    ("level", "gte", "3000", "亿元", "≥ 3000 亿元"),
    ("level", "lte", "25000.5", "万元", "≤ 25,000.5 万元"),
    ("growth", "lte", "-3", "%", "growth ≤ -3%"),
    ("growth", "approx", "6.5", "%", "growth ≈ +6.5%"),
    ("multiple", "gte", "2", "", "≥ 2 × baseline"),
])
def test_target_figure_reads_symbol_value_and_unit(basis, comparator, value, unit, expected):
    target = Target(basis=basis, comparator=comparator, value=Decimal(value), unit=unit)
    assert target_figure_text(target) == expected


def test_qualitative_target_has_no_figure():
    assert target_figure_text(Target(basis="qualitative", comparator="eq", value=None)) == ""


def test_must_target_wears_its_badge_and_a_plain_one_none():
    must = Target(basis="level", comparator="gte", value=Decimal(1), commitment="must")
    plain = Target(basis="level", comparator="gte", value=Decimal(1), commitment="plain")
    assert 'class="badge must"' in render("{% commitment_badge t %}", t=must)
    assert render("{% commitment_badge t %}", t=plain) == ""


@pytest.mark.parametrize("path", sorted(p.relative_to(TEMPLATES).as_posix()
                                        for p in TEMPLATES.rglob("*.html")))
def test_every_template_loads_its_libraries(path):
    get_template(path)  # a {% load %} of a library that no longer exists fails here
