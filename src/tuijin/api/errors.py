"""Every refusal of the API in one JSON shape (docs/reference/api.md#errors):

    {"code": "invalid_input", "message": "…", "details": [{"field": …, "message": …, "hint": …}]}

``message`` is in the request's language (Accept-Language, Chinese by default, through
Django's LocaleMiddleware). InputError, the one error type of user input (core.errors), keeps
its field and hint; schema errors from ninja name the field path.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tuijin.accounts.tokens import TokenRefused
from tuijin.api.ratelimit import RateLimited
from tuijin.core.errors import InputError

STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 409: "conflict", 422: "invalid_input",
                429: "too_many_requests"}


def error_body(code: str, message: str, details: list[dict] | None = None) -> dict:
    return {"code": code, "message": message, "details": details or []}


def status_message(status: int) -> str:
    return {
        400: _("The request could not be read; send JSON."),
        401: _("Log in, or send an API token as 'Authorization: Bearer <token>'."),
        403: _("You may not do this."),
        404: _("Not found, or not in your scope."),
        405: _("This method is not allowed here."),
    }.get(status, _("The request was refused."))


def _field_path(loc) -> str:
    # ninja's locations start with where the value came from (body, query, path); a body's
    # next step is the endpoint's parameter name, which the caller never sees.
    loc = list(loc)
    skip = 2 if loc[:1] == ["body"] and len(loc) > 2 else 1 if len(loc) > 1 else 0
    parts = [str(p) for p in loc[skip:]]
    return ".".join(parts)


KNOWN_TYPES = frozenset({
    "missing", "extra_forbidden", "int_parsing", "int_type", "string_type", "bool_parsing",
    "bool_type", "greater_than_equal", "less_than_equal", "string_too_long", "literal_error",
    "model_attributes_type", "dict_type", "string_too_short", "date_parsing", "date_type",
    "date_from_datetime_parsing", "date_from_datetime_inexact", "extra_query"})


def unknown_query_check(request, schema) -> None:
    """Refuse query parameters the endpoint does not know (422 naming each), as the bodies
    refuse unknown fields: a misspelt filter (``distrct=410202``) would otherwise answer with
    every project instead of one district's."""
    unknown = sorted(set(request.GET) - set(schema.model_fields))
    if unknown:
        raise ValidationError([{"type": "extra_query", "loc": ("query", name), "msg": ""}
                               for name in unknown])


def _schema_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    messages = {
        "missing": _("This field is required."),
        "extra_forbidden": _("This field is not known."),
        "int_parsing": _("Write a whole number."),
        "int_type": _("Write a whole number."),
        "string_type": _("Write text."),
        "bool_parsing": _("Write true or false."),
        "bool_type": _("Write true or false."),
        "greater_than_equal": _("The value must be at least %(limit)s.")
        % {"limit": ctx.get("ge")},
        "less_than_equal": _("The value must be at most %(limit)s.") % {"limit": ctx.get("le")},
        "string_too_long": _("The text is too long (at most %(limit)s characters).")
        % {"limit": ctx.get("max_length")},
        "literal_error": _("Use one of: %(choices)s.") % {"choices": ctx.get("expected")},
        "model_attributes_type": _("Send a JSON object."),
        "dict_type": _("Send a JSON object."),
        "string_too_short": _("This field may not be empty."),
        "date_parsing": _("Write a date as YYYY-MM-DD."),
        "date_type": _("Write a date as YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Write a date as YYYY-MM-DD."),
        "date_from_datetime_inexact": _("Write a date as YYYY-MM-DD."),
        "extra_query": _("This query parameter is not known."),
    }
    # Anything else pydantic refuses: a message in the caller's language, pydantic's own
    # (English) words as the hint.
    return messages.get(kind, _("This value is not valid."))


def register(api) -> None:
    """Install the handlers on ``api``."""

    def respond(request, status: int, body: dict, **headers):
        response = api.create_response(request, body, status=status)
        for name, value in headers.items():
            response[name] = value
        return response

    @api.exception_handler(InputError)
    def input_error(request, exc: InputError):
        status = int(exc.extra.get("status", 422))
        return respond(request, status, error_body(
            STATUS_CODES.get(status, "invalid_input"), exc.message,
            [{"field": exc.field or None, "message": exc.message, "hint": exc.hint}]))

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        details = [{"field": _field_path(e.get("loc", ())) or None,
                    "message": _schema_message(e),
                    "hint": "" if e.get("type") in KNOWN_TYPES else e.get("msg", "")}
                   for e in exc.errors]
        return respond(request, 422, error_body(
            "invalid_input", _("Some values are not valid; see details."), details))

    @api.exception_handler(TokenRefused)
    def token_refused(request, exc: TokenRefused):
        return respond(request, 401, error_body(exc.code, exc.message),
                       **{"WWW-Authenticate": "Bearer"})

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return respond(request, 401, error_body("unauthorized", status_message(401)),
                       **{"WWW-Authenticate": "Bearer"})

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        status = exc.status_code
        message = _("The CSRF check failed; send the csrftoken cookie's value as "
                    "X-CSRFToken.") if "CSRF" in str(exc) else status_message(status)
        return respond(request, status, error_body(STATUS_CODES.get(status, "error"), message))

    @api.exception_handler(RateLimited)
    def rate_limited(request, exc: RateLimited):
        message = _("Too many writes: at most %(limit)s a minute per token. Try again in "
                    "%(seconds)s seconds.") % {"limit": exc.limit, "seconds": exc.retry_after}
        return respond(request, 429, error_body("too_many_requests", message),
                       **{"Retry-After": str(exc.retry_after)})

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, error_body("not_found", status_message(404)))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, error_body("forbidden", status_message(403)))
