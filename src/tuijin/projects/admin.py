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
    list_display = ["project", "month", "investment_month_wan", "cumulative_wan", "submitted_at"]
    list_filter = ["month", "project__plan"]
    raw_id_fields = ["project", "submitted_by"]
    search_fields = ["project__name", "project__code"]
    list_select_related = ["project"]
