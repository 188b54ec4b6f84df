"""催报: the late owners, their contacts, reminders once a day by notice and e-mail."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_owner, make_project
from tuijin.accounts.models import User
from tuijin.accounts.scopes import Scope
from tuijin.projects.cycle_services import FilingInput, filing_save, period_open
from tuijin.projects.models import Notice, Reminder
from tuijin.projects.reminders import late_owners, remind_late

TODAY = date(2023, 6, 26)


@pytest.fixture
def june(plan, cast):
    return period_open(plan=plan, month=6, user=cast["admin"])


@pytest.fixture
def owners(plan, cast, owner_org):
    """One late owner in 龙亭区 (with a contact), one that submitted, one late in 杞县."""
    cast["owner"].email, cast["owner"].phone = "owner@example.cn", "13800000000"
    cast["owner"].save()
    late = make_project(plan, owner=owner_org, name="迟报项目")
    done_org = make_owner("按时公司")
    done = make_project(plan, owner=done_org, name="按时项目")
    qixian = make_project(plan, district="410221", owner=make_owner("杞县公司", "410221"),
                          name="杞县项目")
    return late, done, qixian


def test_the_late_list_names_each_owners_projects_and_contacts(plan, cast, june, owners):
    late, done, _qixian = owners
    filing_save(project=done, month=6, data=FilingInput(Decimal(0), progress_text="完成"),
                user=cast["admin"], submit=True)
    found = late_owners(cast["longting"], plan=plan, month=6, today=TODAY)
    assert [o.organisation.name for o in found] == [late.owner.name]
    assert [row.project.name for row in found[0].projects] == ["迟报项目"]
    assert found[0].contacts == [cast["owner"]]


def test_a_reminder_reaches_each_contact_once_a_day(plan, cast, june, owners):
    first = remind_late(cast["longting"], plan=plan, month=6, user=cast["longting"],
                        today=TODAY)
    assert [o.organisation.name for o in first.reminded] == ["开封测试建设有限公司"]
    # An owner with no account cannot be reminded in the app: the district is told to call.
    assert [o.organisation.name for o in first.unreachable] == ["按时公司"]
    notice = Notice.objects.get(user=cast["owner"])
    assert notice.text == "请尽快提交2023年6月月报：迟报项目。"  # in Chinese, whoever sends it
    again = remind_late(Scope.city_wide_for_system(), plan=plan, month=6, user=None,
                        today=TODAY)
    assert "开封测试建设有限公司" in [o.organisation.name for o in again.skipped]
    assert Notice.objects.filter(user=cast["owner"]).count() == 1
    assert Reminder.objects.filter(organisation=cast["owner"].organisation).count() == 1
    tomorrow = remind_late(cast["longting"], plan=plan, month=6, user=None,
                           today=date(2023, 6, 27))
    assert len(tomorrow.reminded) == 1


def test_the_email_goes_out_after_the_commit(plan, cast, june, owners,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = remind_late(cast["longting"], plan=plan, month=6, user=cast["longting"],
                             today=TODAY)
    assert result.emails == 1
    [message] = mail.outbox
    assert message.to == ["owner@example.cn"] and "迟报项目" in message.body


def test_a_district_reminds_only_its_own_owners(plan, cast, june, owners):
    result = remind_late(cast["qixian"], plan=plan, month=6, user=cast["qixian"], today=TODAY)
    assert [o.organisation.name for o in result.unreachable] == ["杞县公司"]
    assert not result.reminded and not Reminder.objects.exists()


def test_the_district_sees_contacts_and_reminds_from_the_month_page(client, plan, cast, june,
                                                                    owners):
    client.force_login(cast["longting"])
    page = client.get(reverse("projects:month", args=[plan.slug])).content.decode()
    assert "13800000000" in page and "迟报项目" in page and "杞县项目" not in page
    response = client.post(reverse("projects:month_remind", args=[plan.slug, 6]), follow=True)
    assert response.status_code == 200
    assert Notice.objects.filter(user=cast["owner"]).count() == 1
    client.force_login(cast["owner"])
    home = client.get(reverse("projects:month", args=[plan.slug])).content.decode()
    assert 'id="unread-count">1<' in home
    assert "迟报项目" in client.get(reverse("projects:notices")).content.decode()
    # Opening the notices marks them read.
    assert Notice.objects.get(user=cast["owner"]).read_at is not None


def test_the_command_reminds_for_the_open_month_and_can_dry_run(plan, cast, june, owners,
                                                               capsys):
    call_command("remind", "--plan", plan.slug, "--dry-run")
    out = capsys.readouterr().out
    assert "Would remind 1 owners for 2023-06" in out and "2 without an account" in out
    assert not Reminder.objects.exists()
    call_command("remind", "--plan", plan.slug)
    out = capsys.readouterr().out
    assert "Reminded 1 owners" in out and "whole city" in out
    assert User.objects.get(pk=cast["owner"].pk).notices.count() == 1
