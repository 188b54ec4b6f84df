from django.contrib import admin

from tuijin.core.models import Division, Organisation


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "is_gb2260"]
    list_filter = ["level", "is_gb2260"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "division", "is_demo"]
    list_filter = ["kind", "division", "is_demo"]
    search_fields = ["name"]
