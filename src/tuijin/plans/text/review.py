"""The review step between a draft and an import, as pure functions over plain data.

The review page carries the draft in its form fields (one row per key work, per target and per
past, progress or other figure), so the reviewer's edits, drops and changes of role come back as
a flat mapping; ``draft_from_review`` rebuilds the "tuijin-plan/1" document from it and
``highlight_segments`` cuts the text for highlighting. A figure the reader classed as last year's,
in-year progress or another's can be made a target, and a target made one of those: each row has
a role, and nothing leaves the page but what the reviewer unticks.
"""

import json
import re
from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Django refuses a form of more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) fields before any view
# runs. A figure row (a target, or a past, progress or other figure) sends at most 9 fields and a
# key work row 2, and what the reviewer does not edit (sentences, measures, wording, reasons)
# travels in JSON fields, so these caps keep a review form under that limit:
# 96 × 9 + 50 × 2 + 10 = 974. Targets come first; past figures fill the rows left, and the rest
# travel unchanged in the baselines field and are listed on the page.
MAX_TARGETS = 96
MAX_WORKS = 50
ROLES = ("target", "baseline", "progress", "other")


def _count(post: Mapping, key: str, cap: int) -> int:
    try:
        return max(0, min(int(post.get(key, 0)), cap))
    except (TypeError, ValueError):
        return 0


def posted_number(raw: object) -> int | None:
    """A whole number from the form, or None: "²" and "２" pass str.isdigit() but a tampered
    or pasted one must not reach int() and fail the page."""
    text = str(raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _json_list(raw: str | None) -> list:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def _meta(post: Mapping, key: str, index: int) -> dict:
    rows = _json_list(post.get(key))
    row = rows[index] if 0 <= index < len(rows) else {}
    return row if isinstance(row, dict) else {}


def review_meta(works: list[dict], targets: list[dict]) -> tuple[str, str]:
    """The unedited parts of the rows, as the two JSON fields of the review form.

    ``targets`` are all figure rows in row order; a past figure's row names its place in the
    baselines field (``index``) and the role it was read with (``kind``)."""
    return (
        json.dumps([{"source": w["source"], "measures": w["measures"]} for w in works],
                   ensure_ascii=False),
        json.dumps([{"source": t["source"], "wording": t["wording"],
                     "source_kind": t["source_kind"], "reason": t.get("reason", ""),
                     "index": t.get("index"), "kind": t["role"], "year": t.get("year")}
                    for t in targets], ensure_ascii=False),
    )


def review_rows(draft: dict, reasons: list[str] | None = None
                ) -> tuple[list[dict], list[dict], list[dict]]:
    """Key work rows, target rows and the rows of the other figures for the review form.

    Targets are numbered from 1 in text order and the other figures go on from there, as many as
    the form holds. ``reasons`` are the targets' cue words, in order.
    """
    works = [
        {"row": i, "number": i, "title": task["title"],
         "source": task.get("source_sentence", ""), "measures": task.get("measures", []),
         "keep": task.get("keep", True)}
        for i, task in enumerate(draft["key_tasks"][:MAX_WORKS], start=1)
    ]
    targets = []
    for i, indicator in enumerate(draft["indicators"][:MAX_TARGETS], start=1):
        target = indicator["targets"][0] if indicator["targets"] else {}
        targets.append({
            "row": i, "metric": indicator["name"], "comparator": target.get("comparator", "gte"),
            "value": target.get("value") or "", "unit": target.get("unit", indicator["unit"]),
            "commitment": target.get("commitment", "plain"),
            "basis": target.get("basis", "level"), "key_work": indicator.get("key_task"),
            "source_kind": indicator.get("source", "manual"),
            "wording": target.get("wording", ""), "source": target.get("source_sentence", ""),
            "keep": indicator.get("keep", True), "role": "target",
            "reason": indicator.get("reason")
            or (reasons[i - 1] if reasons and i <= len(reasons) else ""),
        })
    codes = {indicator.get("code"): n for n, indicator in enumerate(draft["indicators"][
        :MAX_TARGETS], start=1)}
    others = []
    for index, past in enumerate(draft.get("baselines", [])):
        if len(targets) + len(others) >= MAX_TARGETS:
            break
        if not isinstance(past, dict):
            continue
        kind = past.get("kind") if past.get("kind") in ROLES else "baseline"
        others.append({
            "row": len(targets) + len(others) + 1, "index": index, "role": kind,
            "metric": str(past.get("metric") or ""), "comparator": "gte",
            "value": past.get("value") or "", "unit": str(past.get("unit") or ""),
            "commitment": "plain",
            "basis": past.get("basis") if past.get("basis") in ("level", "growth", "multiple")
            else "level",
            "key_work": None, "source_kind": "manual", "wording": "",
            "source": str(past.get("source_sentence") or ""), "keep": past.get("keep", True),
            "reason": str(past.get("reason") or ""), "year": past.get("year"),
            "baseline_of": codes.get(past.get("target")),
        })
    return works, targets, others


def draft_from_review(post: Mapping) -> tuple[dict, dict]:
    """The document a confirmed review imports, and where its items came from on the form:
    ``{"indicators": {indicator index: target row}, "key_tasks": {key work index: work row}}``.

    Rows whose "keep" box is unticked are left out; key works are renumbered 1..n in order and
    targets pointing at a dropped key work lose the link rather than fail the import.
    """
    key_tasks, renumber, work_rows = [], {}, {}
    for i in range(1, _count(post, "k-count", MAX_WORKS) + 1):
        if not post.get(f"k-{i}-keep"):
            continue
        number = len(key_tasks) + 1
        renumber[str(i)] = number
        work_rows[len(key_tasks)] = i
        meta = _meta(post, "k-meta", i - 1)
        measures = meta.get("measures")
        key_tasks.append({
            "number": number, "title": (post.get(f"k-{i}-title") or "").strip(),
            "summary": "", "lead_unit": None, "co_units": [], "deadline": None,
            "status": "in_progress", "source_sentence": str(meta.get("source") or ""),
            "measures": measures if isinstance(measures, list) else [],
        })
    # A baseline travels as JSON the page wrote; anything but an object is not one.
    posted_baselines = [b for b in _json_list(post.get("baselines")) if isinstance(b, dict)]
    changed: dict[int, dict | None] = {}  # baseline index → its edited form, or None if gone
    demoted: list[dict] = []
    indicators, rows = [], {}
    for i in range(1, _count(post, "t-count", MAX_TARGETS) + 1):
        meta = _meta(post, "t-meta", i - 1)
        index = meta.get("index")
        index = index if isinstance(index, int) and 0 <= index < len(posted_baselines) else None
        if not post.get(f"t-{i}-keep"):
            if index is not None:
                # Unticked context stays in the draft's context, marked, so a refused form
                # shows it as the reviewer left it; plan import never stores context.
                changed[index] = {**posted_baselines[index], "keep": False}
            continue
        role = post.get(f"t-{i}-role")
        if role not in ROLES:
            role = "target" if index is None else str(meta.get("kind") or "baseline")
        basis = post.get(f"t-{i}-basis", "level")
        value = (post.get(f"t-{i}-value") or "").strip().replace(",", "")
        unit = (post.get(f"t-{i}-unit") or "").strip()
        metric = (post.get(f"t-{i}-metric") or "").strip()
        if role != "target":
            # Kept as context with the role the reviewer gave it (a demoted target, or a past
            # figure reclassed): never a target, never lost.
            past = dict(posted_baselines[index]) if index is not None else {
                "year": None, "source_sentence": str(meta.get("source") or ""),
                "reason": str(meta.get("reason") or ""), "target": None,
            }
            past.update({"metric": metric, "value": value or None, "unit": unit,
                         "basis": basis, "kind": role})
            if index is not None:
                changed[index] = past
            else:
                demoted.append(past)
            continue
        if index is not None:
            changed[index] = None  # promoted: it is a target now
        rows[len(indicators)] = i
        number = len(indicators) + 1
        indicators.append({
            "code": f"target-{number:02d}", "name": metric,
            "unit": unit, "source": meta.get("source_kind") or "manual",
            "key_task": renumber.get(post.get(f"t-{i}-key_work", "")),
            "owner": None, "number": number,
            "targets": [{
                "comparator": post.get(f"t-{i}-comparator", "gte"),
                "value": None if (basis == "qualitative" and not value) else value or None,
                "unit": unit, "tolerance": None,
                "commitment": post.get(f"t-{i}-commitment", "plain"), "basis": basis,
                "baseline_value": None, "baseline_year": None,
                "wording": str(meta.get("wording") or "")[:300],
                "source_sentence": str(meta.get("source") or ""),
            }],
            "actuals": [],
        })
    year = (post.get("year") or "").strip()
    year_number = posted_number(year)
    baselines = []
    for index, past in enumerate(posted_baselines):
        past = changed.get(index, past)
        if past is not None:
            baselines.append(past)
    baselines.extend(demoted)
    draft = {
        "format": "tuijin-plan/1", "slug": (post.get("slug") or "").strip(),
        "name": (post.get("name") or "").strip(), "region": post.get("region") or None,
        "year": year_number if year_number is not None else year or None, "summary": "",
        "source": (post.get("source") or "")[:100_000],
        "yellow_band": "0.10", "approx_tolerance": "0.10", "report_due_day": 25,
        "organisations": [], "key_tasks": key_tasks, "domains": [], "indicators": indicators,
        "baselines": baselines, "text": post.get("text", ""),
    }
    return draft, {"indicators": rows, "key_tasks": work_rows}


# Where a path of plan_import's errors is on the review page, in words: the plan's own fields
# and the parts of a target row or a key work row. A path not listed here names its row (or the
# draft) as a whole. The hints of the plan's fields replace those written for a JSON file.
_PLAN_FIELDS = {
    "name": (gettext_lazy("Name"), None),
    "slug": (gettext_lazy("Slug"), gettext_lazy(
        "Use only letters, digits, hyphens and underscores, e.g. kaifeng-2023, and a slug no "
        "other plan has.")),
    "region": (gettext_lazy("Region"), gettext_lazy(
        "Choose the city, province or county the plan is for.")),
    "year": (gettext_lazy("Year"), gettext_lazy(
        "Write the plan's year, e.g. 2023 (2000 to 2100).")),
}
_TARGET_PARTS = {
    "name": ("metric", gettext_lazy("Metric")), "unit": ("unit", gettext_lazy("Unit")),
    "key_task": ("key_work", gettext_lazy("Key work")),
    "targets[0].value": ("value", gettext_lazy("Value")),
    "targets[0].unit": ("unit", gettext_lazy("Unit")),
    "targets[0].comparator": ("comparator", gettext_lazy("Comparator")),
    "targets[0].commitment": ("commitment", gettext_lazy("Commitment")),
    "targets[0].basis": ("basis", gettext_lazy("Basis")),
}
_WORK_PARTS = {"title": ("title", gettext_lazy("Title"))}
_ITEM_PATH = re.compile(r"(indicators|key_tasks)\[(\d+)\](?:\.(.*))?")


def review_error(error, *, targets: dict[int, int], works: dict[int, int]) -> dict:
    """One of plan_import's errors (an InputError located by a JSON path) as the review page
    shows it: the field's label in words, the message and a hint fit for the form, and where it
    goes — ``field`` (name, slug, region or year), or ``target``/``work`` (the row number as
    shown) with the ``part`` of the row. ``targets`` and ``works`` map the draft's indicator
    and key work indexes to the rows shown."""
    path = error.field or ""
    place = {"path": path, "field": None, "target": None, "work": None, "part": None,
             "anchor": "review-form"}
    hint = error.hint
    m = _ITEM_PATH.fullmatch(path)
    if path in _PLAN_FIELDS:
        label, form_hint = _PLAN_FIELDS[path]
        hint = form_hint or hint
        place.update(field=path, anchor=f"id_{path}")
    elif m and m[1] == "indicators" and int(m[2]) in targets:
        row = targets[int(m[2])]
        part, part_label = _TARGET_PARTS.get(m[3] or "", (None, None))
        label = (_("%(field)s of target #%(row)s") % {"field": part_label, "row": row}
                 if part else _("Target #%(row)s") % {"row": row})
        place.update(target=row, part=part, anchor=f"row-{row}")
    elif m and m[1] == "key_tasks" and int(m[2]) in works:
        row = works[int(m[2])]
        part, part_label = _WORK_PARTS.get(m[3] or "", (None, None))
        label = (_("%(field)s of key work #%(row)s") % {"field": part_label, "row": row}
                 if part else _("Key work #%(row)s") % {"row": row})
        place.update(work=row, part=part, anchor=f"work-{row}")
    else:
        label = _("The draft")
    text = _("%(field)s: %(message)s %(hint)s") % {
        "field": label, "message": error.message, "hint": hint}
    return {**place, "label": str(label), "message": error.message, "hint": str(hint),
            "text": text.strip()}


def highlight_segments(text: str, sentences: list[str]) -> list[tuple[str, int | None]]:
    """Cut ``text`` into (piece, sentence number or None) so source sentences can be marked.

    Sentences are numbered from 1 in the order given; each is found once, left to right.
    """
    spans = []
    for number, sentence in enumerate(sentences, start=1):
        if not sentence:
            continue
        start = text.find(sentence)
        if start >= 0:
            spans.append((start, start + len(sentence), number))
    spans.sort()
    pieces, pos = [], 0
    for start, end, number in spans:
        if start < pos:
            continue  # overlapping: the earlier mark wins
        if start > pos:
            pieces.append((text[pos:start], None))
        pieces.append((text[start:end], number))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces
