"""A write that timed out waiting for the database's locks: a clear "busy, try again" (503).

Writers wait for each other (SQLite's IMMEDIATE transactions and timeout, PostgreSQL's row
locks; see docs/reference/concurrency.md). One that still cannot get its locks in time was
rolled back whole, so nothing is half-written and sending it again is safe: say so instead of
answering 500. The same holds when PostgreSQL restarts or cannot be reached (issue 11): the
request's transaction did not commit, and the next request reconnects by itself.
"""

import logging

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tuijin.core.db.busy import is_busy, is_unavailable

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_busy(exception):
            code, title = "busy", _("System busy")
            message = _("The system is busy: other changes were being saved at the same "
                        "moment. Nothing of yours was saved; please try again in a moment.")
        elif is_unavailable(exception):
            # The database restarted or is out of reach (issue 11): its transaction did not
            # commit, and the next request reconnects by itself.
            code, title = "unavailable", _("Database unavailable")
            message = _("The database could not be reached just now (it may be restarting). "
                        "Nothing of yours was saved; please try again in a minute.")
        else:
            return None
        logger.warning("Database %s on %s %s: %s", code, request.method, request.path,
                       exception)
        if request.accepts("application/json") and not request.accepts("text/html"):
            response = JsonResponse({"code": code, "message": message}, status=503)
        else:
            # Rendered without the request: no context processor reads the database.
            response = HttpResponse(render_to_string("busy.html", {
                "title": title, "message": message}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
