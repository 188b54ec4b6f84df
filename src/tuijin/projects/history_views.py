"""The project's history page (issue 10 §7): read-only for whoever may see the project."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tuijin.projects.history_selectors import project_history_for

ENTRIES_PER_PAGE = 30


@login_required
@require_safe
def project_history(request, pk: int):
    """Every change of the project, its months' figures, reports, steps and photos, newest
    first; ``?month=6`` narrows it to one month's report."""
    month = _month(request.GET.get("month", ""))
    history = project_history_for(request.user, pk, month=month)
    page = Paginator(history.entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "projects/history.html", {
        "project": history.project, "plan": history.project.plan, "page": page,
        "entries": page.object_list, "month": month, "months": range(1, 13),
    })


def _month(raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 12:
        raise Http404
    return int(raw)
