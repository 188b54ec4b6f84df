"""Tables on a phone (issue 10, item 11): at 390 px no column is squeezed to one character a
line. A list is either cards, or a table that scrolls inside its own box (.table-wrap) with its
key column pinned, while the page itself never scrolls sideways."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.month_setup import OWNER_PROJECT, cycle_plan
from tests.e2e.test_pages import log_in

pytestmark = [pytest.mark.e2e]

# Every visible table cell of the page whose text wraps although its box is narrower than three
# characters (the column squeezed to a character a line) or runs over more than three lines in a
# box narrower than six (a sentence read a few characters at a time), and every table that
# scrolls inside its box without a pinned key column (the first, or the one marked .pin where
# the first is hidden on a phone), or outside a .table-wrap box.
TABLE_PROBLEMS = """() => {
  const problems = [];
  const visible = el => el.checkVisibility({visibilityProperty: true});
  // The lines a cell's text is laid out on: its rendered text's boxes, grouped by overlap (a
  // button beside a link sits a few pixels lower, on the same line).
  const textLines = cell => {
    const boxes = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || !visible(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      boxes.push(...[...range.getClientRects()].filter(r => r.width > 0));
    }
    boxes.sort((a, b) => a.top - b.top);
    let lines = 0, bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 2) { lines += 1; bottom = box.bottom; }
      else bottom = Math.max(bottom, box.bottom);
    }
    return lines;
  };
  for (const cell of document.querySelectorAll('main th, main td')) {
    if (!visible(cell)) continue;
    const text = cell.innerText.trim();
    if (text.length < 2) continue;
    const style = getComputedStyle(cell);
    const em = parseFloat(style.fontSize);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const lines = textLines(cell);
    if (inner < 3 * em && lines > 1) {
      problems.push(`squeezed to ${Math.round(inner)}px (${lines} lines): ${text.slice(0, 30)}`);
    } else if (inner < 6 * em && lines > 3) {
      problems.push(`a sentence in a narrow column (${lines} lines): ${text.slice(0, 30)}`);
    }
  }
  for (const table of document.querySelectorAll('main table')) {
    if (!visible(table)) continue;
    const wrap = table.closest('.table-wrap');
    if (!wrap) {
      problems.push(`table outside a .table-wrap: ${table.className || table.id}`);
      continue;
    }
    if (wrap.scrollWidth <= wrap.clientWidth + 1) continue;
    for (const row of table.rows) {
      const cells = [...row.cells].filter(visible);
      if (cells.length && !cells.some(c => getComputedStyle(c).position === 'sticky')) {
        const text = cells[0].innerText.trim().slice(0, 30);
        problems.push(`scrolls without its key column pinned: ${text}`);
        break;
      }
    }
  }
  return problems;
}"""


def check_phone_layout(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"
    problems = page.evaluate(TABLE_PROBLEMS)
    assert not problems, f"{page.url}: {problems}"


@pytest.fixture
def june(transactional_db, cast, owner_org):
    return cycle_plan(cast, owner_org, june_open=True)


def test_lists_fit_a_phone_without_squeezed_columns(live_server, new_page, screenshot, cast,
                                                   june):
    project = june.projects.get(name=OWNER_PROJECT)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["admin"].username)
    pages = [
        ("tables-phone-projects", f"/projects/{june.slug}/", "table.projects"),
        ("tables-phone-project", project.get_absolute_url(), "table.reports"),
        ("tables-phone-discipline", f"/progress/{june.slug}/discipline/", "table.discipline-table"),
        ("tables-phone-month", f"/projects/{june.slug}/month/", "ul.month-rows"),
        ("tables-phone-periods", f"/projects/{june.slug}/periods/", "table.periods"),
    ]
    for name, path, shown in pages:
        page.goto(live_server.url + path)
        page.locator(shown).first.wait_for()
        screenshot(page, name)
        check_phone_layout(page)
    # The periods page: the form asking why a month is reopened opens inside its row.
    page.click("#period-5 summary")
    page.locator("#period-5 input[name=reason]").wait_for()
    screenshot(page, "tables-phone-periods-reopen")
    check_phone_layout(page)


def test_english_headings_do_not_squeeze_columns_either(live_server, new_page, screenshot, cast,
                                                        june):
    """English words are longer than Chinese ones: the same pages, in English."""
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, cast["longting"].username)
    with page.expect_navigation():
        page.click("button[name=language][value=en]")
    for name, path, shown in [
        ("tables-phone-projects-en", f"/projects/{june.slug}/", "table.projects"),
        ("tables-phone-discipline-en", f"/progress/{june.slug}/discipline/",
         "table.discipline-table"),
        ("tables-phone-month-en", f"/projects/{june.slug}/month/", "ul.month-rows"),
    ]:
        page.goto(live_server.url + path)
        page.locator(shown).first.wait_for()
        screenshot(page, name)
        check_phone_layout(page)
