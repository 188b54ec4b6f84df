"""The top bar's count of unread notices (one small indexed query, run only when shown)."""

from django.utils.functional import SimpleLazyObject

from tuijin.projects.reminders import unread_count


def notices(request) -> dict:
    user = getattr(request, "user", None)
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user))}
