"""``tuijin token create USERNAME [--name NAME] [--expires YYYY-MM-DD]`` prints a new API token
once; ``tuijin token revoke USERNAME NAME|--all`` revokes one or all of a user's tokens;
``tuijin token list USERNAME`` shows them (never the secrets, which tuijin does not keep)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.models import User
from tuijin.accounts.tokens import expiry_from_date, token_create, token_revoke, tokens_of
from tuijin.core.errors import InputError
from tuijin.core.periods import parse_date


class Command(BaseCommand):
    help = "Create, list or revoke a user's API tokens (docs/reference/api.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Make a token and print it once.")
        create.add_argument("username")
        create.add_argument("--name", default="", help="What uses it (default: cli-DATE).")
        create.add_argument("--expires", default="",
                            help="YYYY-MM-DD: the token stops working on that day.")
        revoke = sub.add_parser("revoke", help="Revoke a token by name, or --all.")
        revoke.add_argument("username")
        revoke.add_argument("name", nargs="?", default="")
        revoke.add_argument("--all", action="store_true", dest="every")
        listing = sub.add_parser("list", help="List a user's tokens.")
        listing.add_argument("username")

    def handle(self, *args, action, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user %(user)s.") % {"user": username})
        try:
            return getattr(self, f"_{action}")(user, **options)
        except InputError as exc:
            raise CommandError(str(exc)) from exc

    def _create(self, user, *, name, expires, **_options):
        expires_on = parse_date(expires, field="expires") if expires else None
        name = name or f"cli-{timezone.localtime():%Y%m%d-%H%M%S}"
        made = token_create(user=user, name=name, expires_at=expiry_from_date(expires_on))
        self.stderr.write(_("Token %(name)s for %(user)s; it is shown only this once:")
                          % {"name": made.token.name, "user": user.username})
        self.stdout.write(made.secret)

    def _revoke(self, user, *, name, every, **_options):
        if not name and not every:
            raise CommandError(_("Name the token to revoke, or give --all."))
        count = token_revoke(user=user, name=name, every=every)
        self.stdout.write(_("Revoked %(count)s tokens of %(user)s.")
                          % {"count": count, "user": user.username})

    def _list(self, user, **_options):
        for token in tokens_of(user):
            if token.revoked_at:
                state = _("revoked")
            elif token.expires_at:
                state = _("expires %(at)s") % {
                    "at": f"{timezone.localtime(token.expires_at):%Y-%m-%d}"}
            else:
                state = _("live")
            self.stdout.write(f"{token.name}\t{token.prefix}…\t{state}")
