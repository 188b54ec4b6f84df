import pytest

from tuijin.core.codes import division_is_within, parse_project_code
from tuijin.core.errors import InputError


def test_a_well_formed_code_parses_into_its_parts():
    code = parse_project_code("2023-410202-30-03-012345")
    assert (code.year, code.division, code.industry, code.type, code.serial) == (
        2023, "410202", "30", "03", "012345")
    assert str(code) == "2023-410202-30-03-012345"


def test_full_width_code_is_normalised():
    assert str(parse_project_code("２０２３-４１０２００-３０-０３-０１２３４５")) == (
        "2023-410200-30-03-012345")


@pytest.mark.parametrize(
    "raw",
    ["2023-410202-30-03-01234", "2023410202300301234567", "2023-4102-30-03-012345",
     "abcd-410202-30-03-012345", ""],
)
def test_malformed_codes_explain_the_shape(raw):
    with pytest.raises(InputError) as exc:
        parse_project_code(raw)
    assert "24" in exc.value.hint


def test_code_from_a_nonexistent_province_is_refused():
    with pytest.raises(InputError) as exc:
        parse_project_code("2023-990000-30-03-012345")
    assert "990000" in exc.value.message


def test_code_with_impossible_year_is_refused():
    with pytest.raises(InputError):
        parse_project_code("1899-410200-30-03-012345")


@pytest.mark.parametrize(
    ("code", "region", "inside"),
    [
        ("410202", "410200", True),   # a district of the city
        ("410200", "410200", True),   # the city itself
        ("410000", "410200", True),   # issued by the province
        ("410102", "410200", False),  # a district of Zhengzhou
        ("420100", "410200", False),  # another province
        ("410202", "410000", True),   # a province's plan covers its cities' districts
        ("410200", "410202", True),   # a district's plan may carry a city-issued code
        ("410203", "410202", False),
    ],
)
def test_division_is_within_region(code, region, inside):
    assert division_is_within(code, region) is inside
