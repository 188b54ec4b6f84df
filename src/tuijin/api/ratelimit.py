"""The write limit of the API: at most TUIJIN_API_WRITES_PER_MINUTE writes per token (or per
user, for the browser session) per minute; beyond that 429 with Retry-After.

A fixed window of one minute, counted in the "api" cache (settings: a table of the database,
so every worker process and every server counts together; a per-process cache would let each
gunicorn worker allow the whole limit). django-ratelimit does the same with more options; the
rule here is a dozen lines, and its one choice, what is counted under which key, is ours.
Reads are not limited: they are cheap and scoped.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

WINDOW_SECONDS = 60
clock = time.time  # the one clock read (tests fix it)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window ends (0 when allowed)


def decide(*, count: int, limit: int, now: float, window: int = WINDOW_SECONDS) -> Decision:
    """Whether the ``count``-th write in the current window (of ``window`` seconds, aligned to
    the clock) is allowed under ``limit``, and if not, how long until the next window."""
    if count <= limit:
        return Decision(True, 0)
    return Decision(False, max(1, math.ceil((math.floor(now / window) + 1) * window - now)))


class RateLimited(Exception):
    def __init__(self, retry_after: int, limit: int):
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.limit = limit


def caller_key(request) -> str:
    """Who is counted: the token (by its hash, set by api.auth.TokenAuth) or the user."""
    token = getattr(request, "api_token_key", None)
    return f"t:{token}" if token else f"u:{request.auth.pk}"


def write_check(request, *, now: float | None = None) -> None:
    """Count one write of the caller; raise RateLimited beyond the limit."""
    now = clock() if now is None else now
    limit = settings.TUIJIN_API_WRITES_PER_MINUTE
    key = f"api-writes:{caller_key(request)}:{math.floor(now / WINDOW_SECONDS)}"
    cache = caches["api"]
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    decision = decide(count=count, limit=limit, now=now)
    if not decision.allowed:
        raise RateLimited(decision.retry_after, limit)
