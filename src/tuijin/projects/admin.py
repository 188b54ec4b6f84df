from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tuijin.projects.models import MonthlyReport, Project


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "plan", "domain", "district", "is_industrial", "nature"]
    list_filter = ["plan", "domain", "district", "is_industrial", "nature", "is_demo"]
    search_fields = ["name", "code"]
    raw_id_fields = ["owner"]
    list_select_related = ["plan", "domain", "district"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(SimpleHistoryAdmin):
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
