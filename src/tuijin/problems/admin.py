from django.contrib import admin

from tuijin.problems.models import Problem, ProblemCategory


@admin.register(ProblemCategory)
class ProblemCategoryAdmin(admin.ModelAdmin):
    """The city office's editable list of categories. A category in use is not deleted (its
    problems keep it); untick "offered for new problems" instead."""

    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    """Read-only: a problem moves only through problems.services, which records each step."""

    list_display = ["project", "category", "state", "level", "assigned_unit", "deadline"]
    list_filter = ["state", "level", "category"]
    raw_id_fields = ["project", "source_filing", "assigned_unit"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
