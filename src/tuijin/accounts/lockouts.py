"""Log-in lock-outs (django-axes): whose address counts, who is locked out, and unlocking.

A lock-out holds one user name at one client address (``AXES_LOCKOUT_PARAMETERS``), so the
address must be the client's own. Behind a reverse proxy every request comes from the proxy;
the client's address is then the entry the nearest proxy added to X-Forwarded-For. Entries to
the left of it were sent by the client and prove nothing, so they are never read, and the
header is ignored altogether unless ``TUIJIN_PROXY_COUNT`` says proxies stand in front
(docs/reference/login-lockout.md).
"""

import ipaddress
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.utils import timezone

from tuijin.accounts.permissions import deny_unless, may_manage_users

logger = logging.getLogger(__name__)


def forwarded_client(*, remote_addr: str, forwarded_for: str, proxy_count: int) -> str:
    """The client's address. With ``proxy_count`` proxies in front, each appends the address it
    was reached from, so the client's is the ``proxy_count``-th entry from the right; a request
    whose header is shorter than that did not come through them, and a value that is not an
    address is not trusted: both fall back to the connection's own address."""
    if proxy_count <= 0:
        return remote_addr
    entries = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
    if len(entries) < proxy_count:
        return remote_addr
    candidate = entries[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def client_address(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the address axes counts failures under."""
    return forwarded_client(
        remote_addr=request.META.get("REMOTE_ADDR", ""),
        forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR", ""),
        proxy_count=settings.TUIJIN_PROXY_COUNT,
    )


@dataclass(frozen=True)
class Lockout:
    username: str
    ip_address: str
    failures: int
    last_attempt: datetime
    until: datetime


def _cool_off() -> timedelta:
    hours = settings.AXES_COOLOFF_TIME
    return hours if isinstance(hours, timedelta) else timedelta(hours=hours)


def lockouts_visible_to(user, *, now: datetime | None = None) -> list[Lockout]:
    """The user names locked out now, at which address, until when; newest first. Only the city
    administration sees them (the same people who manage users); others get PermissionDenied."""
    deny_unless(may_manage_users(user))
    now = now or timezone.now()
    cool_off = _cool_off()
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=now - cool_off,
    ).order_by("-attempt_time")
    return [Lockout(username=a.username or "", ip_address=a.ip_address or "",
                    failures=a.failures_since_start, last_attempt=a.attempt_time,
                    until=a.attempt_time + cool_off) for a in attempts]


def lockout_clear(*, username: str, by) -> int:
    """Unlock ``username`` at every address (its failed attempts are forgotten); the count of
    records removed. Requires may_manage_users; logs who unlocked whom."""
    deny_unless(may_manage_users(by))
    removed = reset(username=username)
    logger.info("tuijin.account.unlocked username=%s by=%s removed=%s", username,
                by.get_username(), removed)
    return removed
