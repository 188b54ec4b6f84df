"""Reads of the photo evidence checks (projects.evidence) summed up for a month: how many
reports carry a flagged photo, by district — the figure the bulletin's lagging-projects
section gives (issue 16 item 4)."""

from django.db.models import Count

from tuijin.accounts.scopes import scope_for
from tuijin.progress.selectors import programme_for
from tuijin.projects.models import ReportFiling


def flagged_reports_by_district(user, *, plan, month: int) -> list[dict]:
    """Per district of the user's programme, the month's reports with at least one photo the
    evidence checks flagged: ``[{"district": name, "code": code, "reports": n}]``, most first.
    A report counts once however many of its photos are flagged. One query."""
    scope_for(user)  # no user: TypeError before anything is read
    projects = programme_for(user, plan=plan).projects
    rows = (ReportFiling.objects.filter(project__in=projects.values("pk"), month=month,
                                        photos__is_flagged=True)
            .values("project__district__name", "project__district__code")
            .annotate(reports=Count("pk", distinct=True))
            .order_by("-reports", "project__district__code"))
    return [{"district": row["project__district__name"], "code": row["project__district__code"],
             "reports": row["reports"]} for row in rows]
