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
    review_meta,
    review_rows,
    row_path,
)


def _limits() -> dict:
    return {"max_chars": f"{MAX_CHARS:,}"}


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    deny_unless(may_use_plan_text(request.user))
    if request.method == "GET":
        return render(request, "plantext/index.html", {"form": PlanTextForm(), **_limits()})
    form = PlanTextForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "plantext/index.html", {"form": form, **_limits()}, status=400)
    data = form.cleaned_data
    extraction = extract(normalize(data["plan_text"]), year=data.get("year"))
    draft = draft_plan(extraction, region=data.get("region") or None, year=data.get("year"))
    return _review(request, draft, warnings=extraction.warnings)


@login_required
@require_POST
def confirm(request):
    deny_unless(may_use_plan_text(request.user))
    draft, rows = draft_from_review(request.POST)
    try:
        with transaction.atomic():
            plan = plan_import(draft)
    except PlanImportError as exc:
        errors = [
            {"row": row_path(error.field, rows), "field": error.field, "message": error.message,
             "hint": error.hint}
            for error in exc.errors
        ]
        # Show the rows as the reviewer left them, dropped ones included, to fix and resend.
        return _review(request, _draft_as_posted(request.POST, draft), errors=errors, status=422)
    messages.success(request, _(
        "Created the draft plan %(name)s with %(works)s key works and %(targets)s targets. "
        "Only the city office sees it until it is activated on the plans page."
    ) % {"name": plan.name, "works": plan.key_tasks.count(),
         "targets": plan.indicators.count()})
    return redirect(plan)


def _draft_as_posted(post, draft: dict) -> dict:
    """The draft with every posted row, kept or not, so a refused form loses nothing."""
    all_rows = post.copy()
    for prefix, cap in (("k", MAX_WORKS), ("t", MAX_TARGETS)):
        count = posted_number(post.get(f"{prefix}-count")) or 0
        for i in range(1, min(count, cap) + 1):
            all_rows[f"{prefix}-{i}-keep"] = "on"
    full, _rows = draft_from_review(all_rows)
    kept_works = [bool(post.get(f"k-{i}-keep")) for i in range(1, len(full["key_tasks"]) + 1)]
    kept_targets = [bool(post.get(f"t-{i}-keep")) for i in range(1, len(full["indicators"]) + 1)]
    for task, keep in zip(full["key_tasks"], kept_works, strict=True):
        task["keep"] = keep
    for indicator, keep in zip(full["indicators"], kept_targets, strict=True):
        indicator["keep"] = keep
    # Key work links were renumbered over all rows; the posted numbers are the reviewer's.
    for i, indicator in enumerate(full["indicators"], start=1):
        indicator["key_task"] = posted_number(post.get(f"t-{i}-key_work"))
    return full


def _review(request, draft: dict, *, warnings=(), errors=(), status=200):
    warnings = list(warnings)
    if len(draft["indicators"]) > MAX_TARGETS or len(draft["key_tasks"]) > MAX_WORKS:
        warnings.append(_(
            "The text has more items than one review can hold: only the first %(targets)s "
            "targets and %(works)s key works are shown. Review the rest by pasting the remaining "
            "text separately, or use `tuijin plan from-text`."
        ) % {"targets": MAX_TARGETS, "works": MAX_WORKS})
    works, targets = review_rows(draft)
    works_meta, targets_meta = review_meta(works, targets)
    sentences: list[str] = []
    for row in [*works, *targets, *draft.get("baselines", [])]:
        source = row.get("source") or row.get("source_sentence") or ""
        if source and isinstance(source, str) and source not in sentences:
            sentences.append(source)
    for row in [*works, *targets]:
        row["mark"] = sentences.index(row["source"]) + 1 if row["source"] in sentences else None
    baselines = [
        {**b, "mark": sentences.index(b["source_sentence"]) + 1
         if b.get("source_sentence") in sentences else None}
        for b in draft.get("baselines", []) if isinstance(b, dict)
    ]
    target_marks = {row["mark"] for row in targets}
    baseline_marks = {row["mark"] for row in baselines} - target_marks
    segments = [
        (piece, mark, "target" if mark in target_marks else
         "baseline" if mark in baseline_marks else "work")
        for piece, mark in highlight_segments(draft.get("text", ""), sentences)
    ]
    return render(request, "plantext/review.html", {
        "draft": draft, "works": works, "targets": targets, "baselines": baselines,
        "baselines_json": json.dumps(draft.get("baselines", []), ensure_ascii=False),
        "segments": segments, "warnings": warnings, "errors": errors,
        "works_meta": works_meta, "targets_meta": targets_meta,
        "regions": region_choices(), "comparators": Target.Comparator.choices,
        "commitments": Target.Commitment.choices, "bases": Target.Basis.choices,
        "work_numbers": [w["number"] for w in works],
    }, status=status)
