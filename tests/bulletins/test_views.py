"""The bulletin pages: the city office previews a locked month, saves the bulletin (numbered),
downloads it and publishes it; readers download only published ones; a month that is not
locked is refused on the page, in Chinese."""

import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from tests.bulletins.programme import june_programme
from tuijin.bulletins.models import Bulletin
from tuijin.projects.cycle import PeriodState
from tuijin.projects.models import ReportingPeriod

pytestmark = pytest.mark.django_db
FORM = {"issuer": "开封市重点项目办", "document_number_pattern": "汴发改重点〔{year}〕{number}号",
        "issued_on": "2023-07-10", "addressees": "各县区人民政府：",
        "next_steps": "一要抓开工。\n二要抓投资。"}


def test_the_office_previews_saves_downloads_and_publishes(client, cast, plan):
    june_programme(plan)
    client.force_login(cast["admin"])
    url = reverse("bulletins:preview", args=[plan.slug, 6])
    page = client.get(url).content.decode()
    assert "关于2023年1—6月全市重点项目建设进展情况的通报" in page
    assert "慢于时间进度9.8个百分点" in page
    assert client.post(url, FORM).status_code == 302
    bulletin = Bulletin.objects.get(plan=plan, month=6)
    assert (bulletin.number, bulletin.document_number) == (1, "汴发改重点〔2023〕1号")
    page = client.get(url).content.decode()
    assert "汴发改重点〔2023〕1号" in page and "二要抓投资。" in page
    docx = client.get(reverse("bulletins:download", args=[plan.slug, 6, "docx"]))
    assert docx.status_code == 200
    texts = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "一要抓开工。" in texts
    client.post(reverse("bulletins:publish", args=[plan.slug, 6]))
    bulletin.refresh_from_db()
    assert bulletin.is_published and bulletin.content["header"]["number"] == 1


def test_readers_download_only_published_bulletins(client, cast, plan):
    june_programme(plan)
    client.force_login(cast["admin"])
    client.post(reverse("bulletins:preview", args=[plan.slug, 6]), FORM)
    download = reverse("bulletins:download", args=[plan.slug, 6, "xlsx"])
    client.force_login(cast["leader"])
    assert client.get(download).status_code == 404
    Bulletin.objects.filter(plan=plan, month=6).update(is_published=True)
    for role in ("leader", "longting"):
        client.force_login(cast[role])
        assert client.get(download).status_code == 200
        assert "2023年6月 第1期" in client.get(
            reverse("bulletins:index", args=[plan.slug])).content.decode()


def test_a_published_bulletin_keeps_its_figures_when_a_report_changes(client, cast, plan):
    projects = june_programme(plan)
    client.force_login(cast["admin"])
    client.post(reverse("bulletins:preview", args=[plan.slug, 6]), FORM)
    client.post(reverse("bulletins:publish", args=[plan.slug, 6]))
    projects["P5"].reports.filter(month=6).update(cumulative_wan=9000)
    page = client.get(reverse("bulletins:preview", args=[plan.slug, 6])).content.decode()
    assert "累计完成投资2.81亿元" in page


def test_a_month_not_locked_is_previewed_as_a_draft_and_cannot_be_saved(client, cast, plan):
    june_programme(plan, locked=False)
    client.force_login(cast["admin"])
    response = client.get(reverse("bulletins:preview", args=[plan.slug, 6]),
                          HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = response.content.decode()
    assert response.status_code == 200
    assert "草稿：6月尚未锁定，6个项目中已报送5个（报送率83.3%）" in page
    assert 'id="publish"' not in page and 'id="bulletin-form"' not in page
    refused = client.post(reverse("bulletins:preview", args=[plan.slug, 6]), FORM,
                          HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 409
    assert "2023年6月尚未锁定，还不能生成通报。" in refused.content.decode()
    assert not Bulletin.objects.exists()
    # The draft downloads, marked.
    docx = client.get(reverse("bulletins:download", args=[plan.slug, 6, "docx"]))
    assert docx.status_code == 200
    assert "草稿" in Document(io.BytesIO(docx.content)).sections[0].header.paragraphs[0].text


def test_a_draft_is_never_published(client, cast, plan):
    june_programme(plan)
    client.force_login(cast["admin"])
    client.post(reverse("bulletins:preview", args=[plan.slug, 6]), FORM)
    ReportingPeriod.objects.filter(plan=plan, month=6).update(state=PeriodState.OPEN)
    response = client.post(reverse("bulletins:publish", args=[plan.slug, 6]), follow=True,
                           HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "2023年6月尚未锁定" in response.content.decode()
    assert not Bulletin.objects.get(plan=plan, month=6).is_published


def test_a_correction_after_publishing_is_flagged_and_the_bulletin_kept(client, cast, plan):
    projects = june_programme(plan)
    client.force_login(cast["admin"])
    url = reverse("bulletins:preview", args=[plan.slug, 6])
    client.post(url, FORM)
    client.post(reverse("bulletins:publish", args=[plan.slug, 6]))
    assert 'id="bulletin-corrected"' not in client.get(url).content.decode()
    projects["P5"].reports.filter(month=6).update(cumulative_wan=9000)
    page = client.get(url).content.decode()
    assert 'id="bulletin-corrected"' in page
    assert "累计完成投资2.81亿元" in page


def test_a_district_user_reads_their_own_districts_version(client, cast, plan):
    june_programme(plan)
    client.force_login(cast["longting"])
    page = client.get(reverse("bulletins:district", args=[plan.slug, 6])).content.decode()
    assert "关于2023年1—6月龙亭区重点项目建设进展情况的通报" in page
    assert "在全市5个县区中居第1位" in page
    assert "鼓楼" not in page.split('id="bulletin"')[1]
    xlsx = client.get(reverse("bulletins:district_download", args=[plan.slug, 6, "xlsx"]))
    assert xlsx.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert [c.value for c in book["2.各县区重点项目建设进展排名"]["A"]][3:] == ["龙亭", "合计"]
    index = client.get(reverse("bulletins:index", args=[plan.slug])).content.decode()
    assert reverse("bulletins:district", args=[plan.slug, 6]) in index


def test_the_city_and_leaders_get_no_district_version(client, cast, plan):
    june_programme(plan)
    for role in ("admin", "leader"):
        client.force_login(cast[role])
        assert client.get(reverse("bulletins:district", args=[plan.slug, 6])).status_code == 403
