from django.contrib import admin

from tuijin.plans.models import Domain, Indicator, IndicatorActual, KeyTask, Measure, Plan, Target


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


class KeyTaskInline(admin.TabularInline):
    model = KeyTask
    extra = 0
    fields = ["number", "title", "lead_unit", "deadline", "status"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "region", "year", "yellow_band"]
    inlines = [DomainInline, KeyTaskInline]


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    fields = ["number", "parent", "title", "lead_unit", "deadline", "status"]


@admin.register(KeyTask)
class KeyTaskAdmin(admin.ModelAdmin):
    list_display = ["plan", "number", "title", "lead_unit", "status"]
    list_filter = ["plan", "status"]
    filter_horizontal = ["co_units"]
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["key_task", "number", "title", "lead_unit", "status"]
    list_filter = ["key_task__plan", "status"]
    filter_horizontal = ["co_units"]


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["plan", "number", "code", "name"]
    list_filter = ["plan"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class ActualInline(admin.TabularInline):
    model = IndicatorActual
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["plan", "code", "name", "unit", "source", "owner"]
    list_filter = ["plan", "source"]
    search_fields = ["code", "name"]
    inlines = [TargetInline, ActualInline]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "comparator", "value", "unit", "commitment", "basis", "wording"]
    list_filter = ["indicator__plan", "commitment", "comparator"]


@admin.register(IndicatorActual)
class IndicatorActualAdmin(admin.ModelAdmin):
    list_display = ["indicator", "month", "value"]
