"""API tokens: made and shown once on the user's own page or by `tuijin token`, stored as a
hash, revoked one by one or all at once."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from tuijin.accounts.models import ApiToken
from tuijin.accounts.tokens import TokenRefused, token_create, token_hash, token_user
from tuijin.core.errors import InputError


def test_the_page_shows_a_new_token_once(client, cast):
    client.force_login(cast["owner"])
    response = client.post(reverse("accounts:tokens"), {"name": "省平台"})
    assert response.status_code == 200
    secret = response.context["made"].secret
    assert secret in response.content.decode()
    token = ApiToken.objects.get(user=cast["owner"])
    assert token.token_hash == token_hash(secret)
    assert "no-store" in response["Cache-Control"]
    again = client.get(reverse("accounts:tokens"))
    assert secret not in again.content.decode()
    assert token.prefix in again.content.decode()


def test_a_taken_name_is_shown_on_its_field(client, cast):
    token_create(user=cast["owner"], name="bot")
    client.force_login(cast["owner"])
    response = client.post(reverse("accounts:tokens"), {"name": "bot"})
    assert "name" in response.context["form"].errors
    assert ApiToken.objects.count() == 1


def test_a_user_revokes_only_their_own_tokens(client, cast):
    mine = token_create(user=cast["owner"], name="bot")
    theirs = token_create(user=cast["leader"], name="bot")
    client.force_login(cast["owner"])
    client.post(reverse("accounts:token_revoke", args=[theirs.token.pk]))
    assert token_user(theirs.secret) == cast["leader"]
    client.post(reverse("accounts:token_revoke", args=[mine.token.pk]))
    with pytest.raises(TokenRefused):
        token_user(mine.secret)


def test_an_expiry_in_the_past_is_refused(cast):
    from tuijin.accounts.tokens import expiry_from_date

    with pytest.raises(InputError) as exc:
        token_create(user=cast["owner"], name="x", expires_at=expiry_from_date(date(2000, 1, 1)))
    assert exc.value.field == "expires"


def test_the_command_prints_a_token_once_and_revokes(cast):
    out = StringIO()
    call_command("token", "create", "owner-demo", "--name", "nightly", "--expires", "2099-12-31",
                 stdout=out, stderr=StringIO())
    secret = out.getvalue().strip()
    assert token_user(secret) == cast["owner"]
    token = ApiToken.objects.get(name="nightly")
    assert timezone.localtime(token.expires_at).date() == date(2099, 12, 31)
    call_command("token", "create", "owner-demo", stdout=StringIO(), stderr=StringIO())
    out = StringIO()
    call_command("token", "revoke", "owner-demo", "--all", stdout=out)
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 0
    with pytest.raises(TokenRefused):
        token_user(secret)


def test_the_command_names_what_is_wrong(cast):
    with pytest.raises(CommandError, match="nobody"):
        call_command("token", "create", "nobody")
    with pytest.raises(CommandError):
        call_command("token", "revoke", "owner-demo", "missing")
    with pytest.raises(CommandError):
        call_command("token", "create", "owner-demo", "--expires", "someday")
