"""API tokens (docs/reference/api.md): made, checked and revoked here, and nowhere else.

A token is ``tj_`` and 43 random URL-safe characters (256 bits). It is shown once, when it is
made; tuijin keeps its SHA-256 and its first characters (the prefix, for the owner's list).
A plain hash is enough: the secret is random, not a password a person chose, so there is
nothing to guess from a dictionary, and the check stays one indexed lookup per request.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.models import ApiToken, User
from tuijin.core.errors import InputError

TOKEN_PREFIX = "tj_"
PREFIX_SHOWN = 11  # "tj_" and 8 characters: enough to tell a user's tokens apart
# last_used_at is rewritten at most this often, so a busy script does not write on every call.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_generate() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def expiry_from_date(day: date | None) -> datetime | None:
    """A token "expiring on 2027-06-30" stops working at the start of that day, local time."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def token_create(*, user: User, name: str, expires_at: datetime | None = None,
                 now: datetime | None = None) -> NewToken:
    """Make a token for ``user`` called ``name`` (unique among the user's live tokens).

    Refused (InputError on ``name`` or ``expires``) for an empty or taken name, an expiry in
    the past, or an inactive user."""
    now = now or timezone.now()
    name = (name or "").strip()
    if not name:
        raise InputError(_("Give the token a name."),
                         hint=_("Say which system uses it, such as 省平台 or 数据组."),
                         field="name")
    if len(name) > 64:
        raise InputError(_("The name is longer than 64 characters."), field="name", value=name)
    if not user.is_active:
        raise InputError(_("User %(user)s is deactivated.") % {"user": user.username},
                         field="user", value=user.username)
    if expires_at is not None and expires_at <= now:
        raise InputError(_("The expiry date is not in the future."),
                         hint=_("Choose a later date, or none for a token that does not "
                                "expire."), field="expires", value=expires_at.date())
    if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        raise InputError(_("You already have a token called %(name)s.") % {"name": name},
                         hint=_("Choose another name, or revoke the old token first."),
                         field="name", value=name)
    secret = token_generate()
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(user=user, name=name, prefix=secret[:PREFIX_SHOWN],
                                            token_hash=token_hash(secret), expires_at=expires_at)
    except IntegrityError as exc:  # the same name made at the same moment
        raise InputError(_("You already have a token called %(name)s.") % {"name": name},
                         field="name", value=name) from exc
    return NewToken(token, secret)


@transaction.atomic
def token_revoke(*, user: User, name: str = "", pk: int | None = None,
                 every: bool = False, now: datetime | None = None) -> int:
    """Revoke one of ``user``'s live tokens (by name or id), or all of them (``every``).
    Returns how many were revoked; InputError when the named one is not found."""
    live = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if not every:
        live = live.filter(pk=pk) if pk is not None else live.filter(name=name)
    count = live.update(revoked_at=now or timezone.now())
    if not count and not every:
        raise InputError(_("%(user)s has no live token called %(name)s.")
                         % {"user": user.username, "name": name or pk},
                         field="name", value=name or pk)
    return count


class TokenRefused(Exception):
    """A token that does not let anyone in; ``code`` and ``message`` say why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def token_user(secret: str, *, now: datetime | None = None) -> User:
    """The active user whose live token ``secret`` is; records when it was last used.
    Raises TokenRefused for an unknown, revoked or expired token, or a deactivated user."""
    now = now or timezone.now()
    token = (ApiToken.objects.select_related("user").filter(token_hash=token_hash(secret))
             .first() if secret.startswith(TOKEN_PREFIX) else None)
    if token is None:
        raise TokenRefused("token_invalid", _("This API token is not valid."))
    if token.revoked_at is not None:
        raise TokenRefused("token_revoked", _("This API token has been revoked."))
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenRefused("token_expired", _("This API token has expired."))
    if not token.user.is_active:
        raise TokenRefused("user_inactive", _("The token's user is deactivated."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: User):
    """The user's own tokens, live first (for their page); never anybody else's."""
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")
