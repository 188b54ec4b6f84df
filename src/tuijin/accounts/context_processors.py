"""What the navigation may offer the current user (no database query: the scope comes from
the user's own fields). The rules are in accounts/permissions.py."""

from django.contrib.auth.models import AnonymousUser

from tuijin.accounts.permissions import navigation_for


def navigation(request) -> dict:
    return navigation_for(getattr(request, "user", None) or AnonymousUser())
