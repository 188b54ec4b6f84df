"""The review step between a draft and an import, as pure functions over plain data.

The review page carries the draft in its form fields (one row per key work and per target), so
the reviewer's edits and drops come back as a flat mapping; ``draft_from_review`` rebuilds the
"tuijin-plan/1" document from it and ``highlight_segments`` cuts the text for highlighting.
"""

import json
import re
from collections.abc import Mapping

COMPARATORS = ("gte", "lte", "approx", "eq")
COMMITMENTS = ("must", "strive", "plain")
BASES = ("level", "growth", "multiple", "qualitative")
MAX_ITEMS = 2000


def _count(post: Mapping, key: str) -> int:
    try:
        return max(0, min(int(post.get(key, 0)), MAX_ITEMS))
    except (TypeError, ValueError):
        return 0


def _json_list(raw: str | None) -> list:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def review_rows(draft: dict) -> tuple[list[dict], list[dict]]:
    """Key work rows and target rows for the review form, numbered from 1 in text order."""
    works = [
        {"row": i, "number": task["number"], "title": task["title"],
         "source": task.get("source_sentence", ""), "measures": task.get("measures", []),
         "measures_json": json.dumps(task.get("measures", []), ensure_ascii=False),
         "keep": task.get("keep", True)}
        for i, task in enumerate(draft["key_tasks"], start=1)
    ]
    targets = []
    for i, indicator in enumerate(draft["indicators"], start=1):
        target = indicator["targets"][0] if indicator["targets"] else {}
        targets.append({
            "row": i, "metric": indicator["name"], "comparator": target.get("comparator", "gte"),
            "value": target.get("value") or "", "unit": target.get("unit", indicator["unit"]),
            "commitment": target.get("commitment", "plain"),
            "basis": target.get("basis", "level"), "key_work": indicator.get("key_task"),
            "source_kind": indicator.get("source", "manual"),
            "wording": target.get("wording", ""), "source": target.get("source_sentence", ""),
            "keep": indicator.get("keep", True),
        })
    return works, targets


def draft_from_review(post: Mapping) -> tuple[dict, dict]:
    """The document a confirmed review imports, and a map from indicator index to target row.

    Rows whose "keep" box is unticked are left out; key works are renumbered 1..n in order and
    targets pointing at a dropped key work lose the link rather than fail the import.
    """
    key_tasks, renumber = [], {}
    for i in range(1, _count(post, "k-count") + 1):
        if not post.get(f"k-{i}-keep"):
            continue
        old = post.get(f"k-{i}-number", "")
        number = len(key_tasks) + 1
        renumber[old] = number
        key_tasks.append({
            "number": number, "title": (post.get(f"k-{i}-title") or "").strip(),
            "summary": "", "lead_unit": None, "co_units": [], "deadline": None,
            "status": "in_progress", "source_sentence": post.get(f"k-{i}-source", ""),
            "measures": _json_list(post.get(f"k-{i}-measures")),
        })
    indicators, rows = [], {}
    for i in range(1, _count(post, "t-count") + 1):
        if not post.get(f"t-{i}-keep"):
            continue
        basis = post.get(f"t-{i}-basis", "level")
        value = (post.get(f"t-{i}-value") or "").strip().replace(",", "")
        unit = (post.get(f"t-{i}-unit") or "").strip()
        rows[len(indicators)] = i
        number = len(indicators) + 1
        indicators.append({
            "code": f"target-{number:02d}", "name": (post.get(f"t-{i}-metric") or "").strip(),
            "unit": unit, "source": post.get(f"t-{i}-source_kind") or "manual",
            "key_task": renumber.get(post.get(f"t-{i}-key_work", "")),
            "owner": None, "number": number,
            "targets": [{
                "comparator": post.get(f"t-{i}-comparator", "gte"),
                "value": None if (basis == "qualitative" and not value) else value or None,
                "unit": unit, "tolerance": None,
                "commitment": post.get(f"t-{i}-commitment", "plain"), "basis": basis,
                "baseline_value": None, "baseline_year": None,
                "wording": (post.get(f"t-{i}-wording") or "")[:300],
                "source_sentence": post.get(f"t-{i}-source", ""),
            }],
            "actuals": [],
        })
    year = (post.get("year") or "").strip()
    draft = {
        "format": "tuijin-plan/1", "slug": (post.get("slug") or "").strip(),
        "name": (post.get("name") or "").strip(), "region": post.get("region") or None,
        "year": int(year) if year.isdigit() else year or None, "summary": "",
        "source": (post.get("source") or "")[:100_000],
        "yellow_band": "0.10", "approx_tolerance": "0.10", "report_due_day": 25,
        "organisations": [], "key_tasks": key_tasks, "domains": [], "indicators": indicators,
        "baselines": _json_list(post.get("baselines")), "text": post.get("text", ""),
    }
    return draft, rows


def row_path(field: str, rows: dict) -> str:
    """indicators[3].targets[0].value → the reviewer's row number, for messages."""
    m = re.match(r"indicators\[(\d+)\]", field or "")
    if m and int(m[1]) in rows:
        return f"#{rows[int(m[1])]}"
    return ""


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
