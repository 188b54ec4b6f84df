from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from tuijin.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "role", "division", "organisation", "is_active"]
    list_filter = ["role", "division", "is_active"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Role and scope"), {"fields": ["role", "division", "extra_divisions", "organisation",
                                          "full_name", "phone"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Role and scope"), {"fields": ["role", "division", "organisation"]}),
    ]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["extra_divisions"]
    search_fields = ["username", "full_name", "phone", "email"]
