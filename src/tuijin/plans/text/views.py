"""Plan text page: paste or upload prose, review the draft side by side, confirm to import.

City admins only (403 for other roles; anonymous visitors go to the login page). Nothing is
written before the reviewer confirms; the confirmation imports the reviewed draft through
``plan_import`` in one transaction, and a refused draft comes back with every problem listed.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tuijin.accounts.permissions import deny_unless, may_use_plan_text
from tuijin.plans.models import Target
from tuijin.plans.selectors import current_plan
from tuijin.plans.services import PlanImportError, plan_import

from .draft import draft_plan
from .extract import MAX_CHARS, extract
from .forms import PlanTextForm, region_choices
from .normalize import normalize
from .review import (
    MAX_TARGETS,
    MAX_WORKS,
    draft_from_review,
    highlight_segments,
    posted_number,
    review_error,
    review_meta,
    review_rows,
)


def _role_choices() -> list[tuple[str, str]]:
    return [("target", _("this year's target")), ("baseline", _("past result (baseline)")),
            ("progress", _("in-year progress")), ("other", _("other period or place"))]


def _limits() -> dict:
    return {"max_chars": f"{MAX_CHARS:,}"}


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    deny_unless(may_use_plan_text(request.user))
    default_region = _default_region(request)
    if request.method == "GET":
        form = PlanTextForm(initial={"region": default_region})
        return render(request, "plantext/index.html", {"form": form, **_limits()})
    form = PlanTextForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "plantext/index.html", {"form": form, **_limits()}, status=400)
    data = form.cleaned_data
    extraction = extract(normalize(data["plan_text"]), year=data.get("year"))
    region = data.get("region") or default_region
    draft = draft_plan(extraction, region=region, year=data.get("year"))
    return _review(request, draft, warnings=extraction.warnings,
                   reasons=[t.reason for t in extraction.targets],
                   year_missing=extraction.year is None,
                   region_from_plan=bool(region) and not data.get("region"))


def _default_region(request) -> str | None:
    """The region of the plan the admin works in: next year's plan is most often its region's."""
    plan = current_plan(request)
    return plan.region.code if plan is not None else None


@login_required
@require_POST
def confirm(request):
    deny_unless(may_use_plan_text(request.user))
    draft, rows = draft_from_review(request.POST)
    try:
        with transaction.atomic():
            plan = plan_import(draft)
    except PlanImportError as exc:
        # Show the rows as the reviewer left them, dropped ones included, to fix and resend;
        # each error goes on the row it is about, as that row is numbered on the page again.
        shown, shown_rows = _draft_as_posted(request.POST, draft)
        displayed = {posted: k + 1 for k, posted in shown_rows["indicators"].items()}
        targets = {k: displayed[posted] for k, posted in rows["indicators"].items()
                   if posted in displayed}
        errors = [review_error(error, targets=targets, works=rows["key_tasks"])
                  for error in exc.errors]
        return _review(request, shown, errors=errors, status=422)
    messages.success(request, _(
        "Created the draft plan %(name)s with %(works)s key works and %(targets)s targets. "
        "Only the city office sees it until it is activated on the plans page."
    ) % {"name": plan.name, "works": plan.key_tasks.count(),
         "targets": plan.indicators.count()})
    return redirect(plan)


def _draft_as_posted(post, draft: dict) -> tuple[dict, dict]:
    """The draft with every posted row, kept or not, so a refused form loses nothing, and
    where its items came from on the form (as draft_from_review says).

    Target rows are all taken in and marked as the reviewer left them; an unticked past figure
    comes back from draft_from_review already marked."""
    all_rows = post.copy()
    metas = _posted_meta(post)
    for prefix, cap in (("k", MAX_WORKS), ("t", MAX_TARGETS)):
        count = posted_number(post.get(f"{prefix}-count")) or 0
        for i in range(1, min(count, cap) + 1):
            if prefix == "k" or not isinstance(metas.get(i, {}).get("index"), int):
                all_rows[f"{prefix}-{i}-keep"] = "on"
    full, rows = draft_from_review(all_rows)
    kept_works = [bool(post.get(f"k-{i}-keep")) for i in range(1, len(full["key_tasks"]) + 1)]
    for task, keep in zip(full["key_tasks"], kept_works, strict=True):
        task["keep"] = keep
    for k, indicator in enumerate(full["indicators"]):
        row = rows["indicators"].get(k)
        indicator["keep"] = bool(post.get(f"t-{row}-keep"))
        # Key work links were renumbered over all rows; the posted numbers are the reviewer's.
        indicator["key_task"] = posted_number(post.get(f"t-{row}-key_work"))
        indicator["reason"] = str(metas.get(row, {}).get("reason") or "")
    return full, rows


def _posted_meta(post) -> dict[int, dict]:
    """Row number → the unedited part of that figure row, as the page wrote it."""
    try:
        rows = json.loads(post.get("t-meta") or "[]")
    except ValueError:
        return {}
    if not isinstance(rows, list):
        return {}
    return {i: row for i, row in enumerate(rows, start=1) if isinstance(row, dict)}


def _review(request, draft: dict, *, warnings=(), errors=(), status=200, reasons=None,
            year_missing=False, region_from_plan=False):
    warnings = list(warnings)
    if len(draft["indicators"]) > MAX_TARGETS or len(draft["key_tasks"]) > MAX_WORKS:
        warnings.append(_(
            "The text has more items than one review can hold: only the first %(targets)s "
            "targets and %(works)s key works are shown. Review the rest by pasting the remaining "
            "text separately, or use `tuijin plan from-text`."
        ) % {"targets": MAX_TARGETS, "works": MAX_WORKS})
    works, targets, others = review_rows(draft, reasons)
    works_meta, targets_meta = review_meta(works, [*targets, *others])
    sentences: list[str] = []
    for row in [*works, *targets, *draft.get("baselines", [])]:
        if not isinstance(row, dict):
            continue
        source = row.get("source") or row.get("source_sentence") or ""
        if source and isinstance(source, str) and source not in sentences:
            sentences.append(source)
    for row in [*works, *targets, *others]:
        row["mark"] = sentences.index(row["source"]) + 1 if row["source"] in sentences else None
    # Each error also shows on its own field or row (review.review_error says which).
    field_errors: dict[str, list[dict]] = {}
    for error in errors:
        if error["field"]:
            field_errors.setdefault(error["field"], []).append(error)
    for row in [*targets, *others]:
        row["errors"] = [e for e in errors if e["target"] == row["row"]]
        row["error_parts"] = {e["part"] for e in row["errors"]}
    for row in works:
        row["errors"] = [e for e in errors if e["work"] == row["row"]]
    # The figures the form could not hold as rows travel in the baselines field and are listed.
    shown = {row["index"] for row in others}
    baselines = [
        {**b, "mark": sentences.index(b["source_sentence"]) + 1
         if b.get("source_sentence") in sentences else None}
        for index, b in enumerate(draft.get("baselines", []))
        if isinstance(b, dict) and index not in shown
    ]
    target_marks = {row["mark"] for row in targets}
    baseline_marks = {row["mark"] for row in [*others, *baselines]} - target_marks
    segments = [
        (piece, mark, "target" if mark in target_marks else
         "baseline" if mark in baseline_marks else "work")
        for piece, mark in highlight_segments(draft.get("text", ""), sentences)
    ]
    return render(request, "plantext/review.html", {
        "draft": draft, "works": works, "targets": targets, "others": others,
        "baselines": baselines, "roles": _role_choices(),
        "row_count": len(targets) + len(others), "not_target_count": len(others) + len(baselines),
        "baselines_json": json.dumps(draft.get("baselines", []), ensure_ascii=False),
        "segments": segments, "warnings": warnings, "errors": errors,
        "field_errors": field_errors, "year_missing": year_missing,
        "region_from_plan": region_from_plan,
        "works_meta": works_meta, "targets_meta": targets_meta,
        "regions": region_choices(), "comparators": Target.Comparator.choices,
        "commitments": Target.Commitment.choices, "bases": Target.Basis.choices,
        "work_numbers": [w["number"] for w in works],
    }, status=status)
