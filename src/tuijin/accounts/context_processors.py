"""What the navigation may offer the current user (no database query: the scope comes from
the user's own fields)."""

from tuijin.accounts.scopes import scope_for


def navigation(request) -> dict:
    scope = scope_for(getattr(request, "user", None))
    return {
        "nav_may_import": scope.can_edit_plan or bool(scope.division_ids),
        "nav_may_draft_plan": scope.can_edit_plan,
    }
