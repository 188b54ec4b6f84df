"""What the navigation may offer the current user. The scope comes from the user's own fields,
plus one query for a district user's other districts (cached on the user for the request).
The rules are in accounts/permissions.py."""

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from tuijin.accounts.permissions import navigation_for


def navigation(request) -> dict:
    user = getattr(request, "user", None) or AnonymousUser()
    links = {**navigation_for(user), "nav_plan": None}
    if user.is_authenticated:
        # The top bar's plan on pages that show none of their own (tokens, users, notices):
        # the plan the user works in, read only when such a page draws the bar.
        from tuijin.plans.selectors import current_plan

        links["nav_plan"] = SimpleLazyObject(lambda: current_plan(request))
    return links
