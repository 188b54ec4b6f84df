from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from tuijin.projects.models import MonthlyReport, Project


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """The admin shows an object's history and its past versions, never changes them (issue 10
    §7: nobody edits or deletes history). SimpleHistoryAdmin's version page saves its form on
    POST, reverting the object to that version under whatever the revert setting says (the
    setting only hides the button), so the POST itself is refused here."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def has_change_history_permission(self, request, obj=None) -> bool:
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Project)
class ProjectAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name", "code", "plan", "domain", "district", "is_industrial", "nature"]
    list_filter = ["plan", "domain", "district", "is_industrial", "nature", "is_demo"]
    search_fields = ["name", "code"]
    raw_id_fields = ["owner"]
    list_select_related = ["plan", "domain", "district"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ReadOnlyHistoryAdmin):
    """Read-only: a report is written, corrected and withdrawn only through
    projects.services (the project page, the import, the API), so that a correction moves the
    later months and lands in the history with its reason. The admin shows reports and their
    history."""

    list_display = ["project", "month", "investment_month_wan", "cumulative_wan", "submitted_at"]
    list_filter = ["month", "project__plan"]
    search_fields = ["project__name", "project__code"]
    list_select_related = ["project"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
