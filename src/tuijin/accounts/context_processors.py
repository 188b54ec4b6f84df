"""What the navigation may offer the current user. The scope comes from the user's own fields,
plus one query for a district user's other districts (cached on the user for the request).
The rules are in accounts/permissions.py."""

from django.contrib.auth.models import AnonymousUser

from tuijin.accounts.permissions import navigation_for


def navigation(request) -> dict:
    return navigation_for(getattr(request, "user", None) or AnonymousUser())
