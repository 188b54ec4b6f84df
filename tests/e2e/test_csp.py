"""Content-Security-Policy (issue 11): every main page works under tuijin's policy — no script
of the page, chart or form is refused — in a real browser that enforces it."""

import pytest
from django.urls import reverse

from tests.e2e.test_dashboard import log_in, wait_for_charts
from tuijin.projects.cycle_services import period_open
from tuijin.projects.models import Project

pytestmark = [pytest.mark.e2e]

# Each refusal fires this event in the page (and Chromium logs "Refused to …" too).
LISTEN = """window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " +
                    (e.sourceFile || "") + ":" + e.lineNumber);
});"""


@pytest.fixture
def demo_plan(transactional_db, cast):
    from tuijin.demo.loader import demo_load
    from tuijin.plans.services import plan_load_builtin

    plan = plan_load_builtin("kaifeng-2023")
    demo_load(plan, projects=60, months=6, seed=4)
    period_open(plan=plan, month=7, user=cast["admin"])
    return plan


def test_the_main_pages_run_under_the_policy_without_a_violation(live_server, new_page, cast,
                                                                  demo_plan):
    page = new_page()
    page.add_init_script(LISTEN)
    refused = []
    page.on("console", lambda msg: refused.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    log_in(page, live_server.url, cast["admin"].username, "/")
    header = page.request.get(live_server.url + "/").headers["content-security-policy"]
    assert "default-src 'self'" in header and "frame-ancestors 'none'" in header
    assert "img-src 'self' data: blob:" in header and "'unsafe-inline'" not in \
        header.split("script-src")[1].split(";")[0]

    project = Project.objects.filter(plan=demo_plan).order_by("pk").first()
    pages = {
        "plan": reverse("plans:detail", args=[demo_plan.slug]),
        "dashboard": reverse("progress:city", args=[demo_plan.slug]) + "?month=2023-06",
        "targets": reverse("progress:indicators", args=[demo_plan.slug]) + "?month=2023-06",
        "month": reverse("projects:month", args=[demo_plan.slug]),
        "filing": reverse("projects:filing", args=[project.pk, 7]),
        "plan text": reverse("plantext:index"),
        "new user": reverse("accounts:user_create"),
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert page.evaluate("document.readyState") == "complete", name
        if name == "dashboard":
            wait_for_charts(page)
            # The month select sends its form through the static script, not onchange="".
            with page.expect_navigation():
                page.select_option("#month-select", "2023-05")
            assert "month=2023-05" in page.url
        if name == "new user":
            page.select_option("#id_role", "owner")
            assert page.locator("#row-divisions").is_hidden()
        assert page.evaluate("window.__csp") == [], name
    assert refused == []
    # The control: an inline script is refused and reported, so silence above means something.
    page.evaluate("var s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                  "document.body.appendChild(s)")
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.ran") is None
