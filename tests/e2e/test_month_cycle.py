"""A whole month in a real browser (issue 10, "Done when"): the city office opens June; an owner
on a 390 px phone fills a draft, adds two photos and submits; the district returns it with a
comment; the owner corrects and resubmits; the district approves; the tourism bureau enters its
indicator's value, which the city office approves; the office locks June; the owner can no
longer edit; the office reopens that report with a reason; the history shows every step. The
dashboard opens on May, the latest locked month, until June is locked.

Everything after the set-up (the plan with May locked, the projects, the accounts) is done
through the pages, as each person would."""

from decimal import Decimal

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.month_setup import OWNER_PROJECT, cycle_plan
from tests.e2e.test_pages import log_in
from tests.projects import photo_builders as build
from tuijin.plans.models import Indicator
from tuijin.projects.models import BureauReport, FilingEvent, MonthlyReport, ReportFiling

pytestmark = [pytest.mark.e2e]

RETURN_COMMENT = "本月完成投资与形象进度不符，请核实后重报"
REOPEN_REASON = "审计发现6月投资统计口径有误，需更正"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def june(transactional_db, cast, owner_org, media):
    cast["owner"].full_name = "王建国"
    cast["owner"].phone = "13900001111"
    cast["owner"].save(update_fields=["full_name", "phone"])
    cast["longting"].full_name = "李娜"
    cast["longting"].save(update_fields=["full_name"])
    return cycle_plan(cast, owner_org)


def fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def click(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def message(page) -> str:
    return page.locator(".messages").inner_text()


def dashboard_month(page, base_url: str, plan) -> str:
    """The month the city dashboard shows when opened without asking for one."""
    page.goto(f"{base_url}/progress/{plan.slug}/")
    return page.locator("#month-select").input_value()


def test_a_whole_month_from_opening_to_reopening_a_report(live_server, new_page, screenshot,
                                                         cast, june):
    base = live_server.url
    project = june.projects.get(name=OWNER_PROJECT)
    filing_path = f"/projects/p/{project.pk}/month/6/"

    # The city office opens June (due date: the plan's due day). The dashboard stays on May.
    admin = new_page()
    log_in(admin, base, cast["admin"].username)
    assert dashboard_month(admin, base, june) == "2023-05"
    assert admin.locator("#month-locked").count() == 1
    admin.goto(f"{base}/projects/{june.slug}/periods/")
    admin.select_option("#open-month select[name=month]", "6")
    click(admin, "#open-month button[name=do][value=open]")
    assert "2023-06-25" in message(admin)
    assert admin.locator("#period-6").inner_text().startswith("2023年6月\t填报中")
    screenshot(admin, "cycle-01-admin-opened-june")
    assert dashboard_month(admin, base, june) == "2023-05"

    # The owner, on a phone, lands on 本月待填报 and fills a draft.
    owner = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(owner, base, cast["owner"].username)
    assert owner.url.endswith(f"/projects/{june.slug}/month/")
    card = owner.locator(f"li[data-project='{project.pk}']")
    assert "未填" in card.inner_text()
    fits(owner)
    screenshot(owner, "cycle-02-owner-month")
    click(owner, f"li[data-project='{project.pk}'] a.name")
    assert owner.url.endswith(filing_path)
    owner.fill("input[name=investment_month_wan]", "2400")
    # Last month's cumulative (11,666.67) plus this month's, as the owner types.
    assert owner.input_value("input[name=cumulative_wan]") == "14066.67"
    owner.fill("textarea[name=progress_text]", "古城墙修缮完成70%")
    click(owner, "button[name=do][value=save]")
    assert owner.locator("#filing-state").inner_text() == "草稿"

    # Two photos of the site, then the report goes in.
    owner.set_input_files("#photo-upload input[multiple]", [
        {"name": "城墙东段.jpg", "mimeType": "image/jpeg",
         "buffer": build.jpeg(size=(1200, 900), orientation=6, taken="2023:06:18 10:30:00")},
        {"name": "城墙西段.png", "mimeType": "image/png", "buffer": build.png(size=(800, 600))},
    ])
    click(owner, "#photo-upload button[type=submit]")
    assert owner.locator("#photos .photo-grid img").count() == 2
    # The thumbnails (lazy: loaded once scrolled to) are pictures, not broken-image boxes.
    owner.locator("#photos").scroll_into_view_if_needed()
    owner.wait_for_function("() => [...document.querySelectorAll('#photos img')]"
                            ".every(i => i.complete && i.naturalWidth > 0)")
    assert owner.input_value("input[name=investment_month_wan]") == "2400"
    fits(owner)
    screenshot(owner, "cycle-03-owner-draft-with-photos")
    click(owner, "button[name=do][value=submit]")
    assert owner.locator("#filing-state").inner_text() == "已提交"
    assert owner.locator("form.filing-form").count() == 0
    fits(owner)
    screenshot(owner, "cycle-04-owner-submitted")

    # The district finds it in its review queue and returns it with a comment.
    district = new_page()
    log_in(district, base, cast["longting"].username)
    district.goto(f"{base}/projects/{june.slug}/month/")
    assert district.locator(
        f"li[data-project='{project.pk}'] input[name=filing]").count() == 1
    screenshot(district, "cycle-05-district-queue")
    click(district, f"li[data-project='{project.pk}'] a.name")
    assert district.locator("#photos .photo-grid img").count() == 2
    district.fill("#review textarea[name=comment]", RETURN_COMMENT)
    click(district, "#review button[name=do][value=return]")
    assert district.locator("#filing-state").inner_text() == "被退回"

    # The owner sees the comment; an unchanged report is not taken back; corrected, it is.
    owner.goto(f"{base}/projects/{june.slug}/month/")
    assert RETURN_COMMENT in card.inner_text()
    screenshot(owner, "cycle-06-owner-returned")
    click(owner, f"li[data-project='{project.pk}'] a.name")
    assert owner.locator("#review-comment").inner_text() == RETURN_COMMENT
    click(owner, "button[name=do][value=submit]")
    assert owner.locator("#filing-state").inner_text() == "被退回"
    assert owner.locator("form.filing-form .errorlist").count() == 1
    screenshot(owner, "cycle-07-owner-unchanged-refused")
    owner.fill("input[name=investment_month_wan]", "1800")
    owner.fill("input[name=cumulative_wan]", "")
    owner.fill("textarea[name=progress_text]", "古城墙修缮完成60%，东段脚手架已拆除")
    click(owner, "button[name=do][value=submit]")
    assert owner.locator("#filing-state").inner_text() == "已提交"

    # The district approves it from the queue; the dashboard still opens on May.
    district.goto(f"{base}/projects/{june.slug}/month/")
    district.check(f"li[data-project='{project.pk}'] input[name=filing]")
    click(district, "#review-form button[name=do][value=approve]")
    assert "已通过" in district.locator(f"li[data-project='{project.pk}']").inner_text()
    screenshot(district, "cycle-08-district-approved")
    report = MonthlyReport.objects.get(project=project, month=6)
    assert (report.investment_month_wan, report.cumulative_wan) == (
        Decimal("1800"), Decimal("13466.67"))
    assert dashboard_month(admin, base, june) == "2023-05"
    assert admin.locator("#month-locked").count() == 1

    # The tourism bureau enters its indicator's value; the city office approves it.
    arrivals = Indicator.objects.get(plan=june, code="tourist-arrivals")
    bureau = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(bureau, base, cast["bureau"].username)
    click(bureau, "#nav-bureau")
    click(bureau, f'[data-item="indicator-{arrivals.pk}"] a.name')
    bureau.fill("#id_value", "28.6")
    bureau.fill("#id_note", "1—6月接待游客同比增长28.6%")
    click(bureau, "#bureau-form button[value=submit]")
    assert bureau.locator("#report-state").inner_text() == "已提交"
    fits(bureau)
    screenshot(bureau, "cycle-09-bureau-submitted")
    admin.goto(f"{base}/projects/{june.slug}/bureaus/")
    admin.check(f'[data-item="indicator-{arrivals.pk}"] input[name=report]')
    click(admin, "#review-form button[value=approve]")
    assert BureauReport.objects.get(indicator=arrivals, month=6).state == "approved"

    # The city office locks June: now the dashboard opens on June.
    admin.goto(f"{base}/projects/{june.slug}/periods/")
    click(admin, "#period-6 button[name=do][value=lock]")
    assert "已锁定" in admin.locator("#period-6").inner_text()
    screenshot(admin, "cycle-10-admin-locked-june")
    assert dashboard_month(admin, base, june) == "2023-06"
    assert admin.locator("#month-locked").count() == 1
    screenshot(admin, "cycle-11-dashboard-june")

    # The owner can no longer change the report, nor its photos.
    owner.goto(base + filing_path)
    assert owner.locator("form.filing-form").count() == 0
    assert owner.locator("#photo-upload").count() == 0
    assert "锁定" in owner.locator("#not-editable").inner_text()
    fits(owner)
    screenshot(owner, "cycle-12-owner-locked")

    # The city office reopens this one report with a reason; it goes back to its owner.
    admin.goto(base + filing_path)
    admin.fill("#reopen input[name=reason]", REOPEN_REASON)
    click(admin, "#reopen button[type=submit]")
    assert admin.locator("#filing-state").inner_text() == "被退回"
    owner.goto(base + filing_path)
    assert owner.locator("form.filing-form").count() == 1
    assert owner.locator("#review-comment").inner_text() == REOPEN_REASON
    screenshot(owner, "cycle-13-owner-reopened")

    # The history shows every step: who, what, and the comments and reasons.
    filing = ReportFiling.objects.get(project=project, month=6)
    assert list(filing.events.order_by("at", "pk").values_list("action", flat=True)) == [
        "save", "photo_added", "photo_added", "submit", "return", "submit", "approve", "reopen"]
    assert FilingEvent.objects.filter(filing=filing, action="reopen").get().by == cast["admin"]
    click(owner, "#steps ~ p a")  # the project's whole history
    owner.goto(f"{base}/projects/p/{project.pk}/history/?month=6")
    history = owner.locator("#history").inner_text()
    for step in ("保存草稿", "添加照片", "提交", "退回", "通过", "重新开启"):
        assert step in history, step
    for who in ("王建国", "李娜", "admin"):
        assert who in history, who
    assert RETURN_COMMENT in history and REOPEN_REASON in history
    assert "2,400" in history and "1,800" in history  # the corrected figure, old → new
    fits(owner)
    screenshot(owner, "cycle-14-owner-history")
