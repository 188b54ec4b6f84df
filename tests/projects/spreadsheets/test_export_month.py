"""An export names a month of the plan's year; another year's month is refused, not read as
the plan's own (issue 11: ?month=2022-06 answered with June 2023)."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["reports", "template"])
@pytest.mark.parametrize("month", ["2022-06", "2024-01"])
def test_a_month_of_another_year_is_refused_naming_the_plans_year(client, plan, cast, kind,
                                                                  month):
    client.force_login(cast["admin"])
    response = client.get(reverse("spreadsheets:export", args=[plan.slug, kind]),
                          {"month": month}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    text = response.content.decode()
    assert f"{month} is outside the plan's year 2023" in text
    assert "2023-01 to 2023-12" in text


def test_the_refusal_reads_in_chinese_by_default(client, plan, cast):
    client.force_login(cast["admin"])
    response = client.get(reverse("spreadsheets:export", args=[plan.slug, "reports"]),
                          {"month": "2022-06"})
    assert response.status_code == 400
    assert "2022-06" in response.content.decode() and "2023" in response.content.decode()
    assert "outside" not in response.content.decode()


def test_a_month_of_the_plans_year_is_exported(client, plan, cast):
    client.force_login(cast["admin"])
    response = client.get(reverse("spreadsheets:export", args=[plan.slug, "reports"]),
                          {"month": "2023-06"})
    assert response.status_code == 200
    assert "reports-2023-06" in response["Content-Disposition"]


def test_the_command_refuses_a_month_of_another_year(plan, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("export", "reports", "--plan", plan.slug, "--month", "2022-06",
                     "-o", str(tmp_path / "r.xlsx"))
    assert "--month" in str(exc.value) and "2022-06" in str(exc.value)
    assert not (tmp_path / "r.xlsx").exists()
