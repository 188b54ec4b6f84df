"""Writing users (issue 10 §9): the city office creates users, changes their role, districts,
organisation and contact details, deactivates and reactivates them, and resets passwords.

Every service checks ``may_manage_users`` itself, whatever interface calls it, writes in one
transaction, and leaves one record in ``User.history`` with the acting user and a dotted
reason (``tuijin.user.created`` …). A value the user got wrong raises InputError naming the
field, with a hint; the form shows it next to that field.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tuijin.accounts.models import User
from tuijin.accounts.permissions import deny_unless, may_manage_users
from tuijin.accounts.rules import (
    main_division_id,
    role_needs_districts,
    role_needs_organisation,
    scope_errors,
    temporary_password,
)
from tuijin.core.errors import InputError
from tuijin.core.models import Organisation
from tuijin.core.phones import parse_phone

# django-simple-history keeps 100 characters of a change reason.
REASON_MAX_LENGTH = 100


def field_labels() -> dict[str, str]:
    """The fields as the user pages name them (in the active language), for messages that
    say which field to fix."""
    return {name: capfirst(label) for name, label in {
        "username": _("username"), "full_name": _("full name"), "role": _("role"),
        "divisions": _("districts"), "organisation": _("organisation"), "phone": _("phone"),
        "email": _("e-mail"), "password": _("password"), "reason": _("reason"),
    }.items()}


def password_problems(password: str, *, user: User) -> InputError | None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), as one error on the
    password field, or None when the password is strong enough."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        return InputError(
            _("%(field)s: %(problems)s") % {"field": field_labels()["password"],
                                            "problems": " ".join(exc.messages)},
            hint=_("Use at least 8 characters, not only digits, and nothing like the "
                   "username; or leave it empty and tuijin makes one up."),
            field="password")
    return None


def _history(user: User, *, actor, action: str, reason: str = "") -> None:
    """Name the acting user and the reason in the history record the next save writes."""
    user._history_user = actor if getattr(actor, "pk", None) else None
    text = f"tuijin.user.{action}" + (f": {reason}" if reason else "")
    user._change_reason = text[:REASON_MAX_LENGTH]


def _scope_fields(*, role: str, divisions, organisation: Organisation | None,
                  current_main: int | None) -> tuple[int | None, list[int], Organisation | None]:
    """(main district id, other district ids, organisation) as the role keeps them: a role
    that needs no districts or organisation keeps none, so a user who changes role does not
    keep seeing their old district."""
    errors = scope_errors(role=role, district_count=len(divisions),
                          has_organisation=organisation is not None, labels=field_labels())
    if errors:
        raise errors[0]
    if not role_needs_districts(role):
        divisions = []
    if not role_needs_organisation(role):
        organisation = None
    chosen = [d.pk for d in sorted(divisions, key=lambda d: d.code)]
    main = main_division_id(chosen, current=current_main)
    return main, [pk for pk in chosen if pk != main], organisation


def _full_clean(user: User) -> None:
    """The model's own checks (username characters, e-mail shape, constraints) as InputError
    on the first field they name."""
    try:
        user.full_clean(exclude=["password", "last_login"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        label = field_labels().get(field, field)
        raise InputError(f"{label}: {' '.join(messages)}", field=field) from exc


def _clean_contact(*, full_name: str, phone: str, email: str) -> tuple[str, str, str]:
    full_name = (full_name or "").strip()
    if not full_name:
        raise InputError(_("%(field)s: write the user's name.") % {
            "field": field_labels()["full_name"]}, field="full_name")
    try:
        phone = parse_phone(phone)
    except InputError as exc:
        raise exc.located(message=f"{field_labels()['phone']}: {exc.message}") from exc
    return full_name, phone, (email or "").strip()


@transaction.atomic
def user_create(*, actor, username: str, role: str, full_name: str, phone: str = "",
                email: str = "", divisions=(), organisation: Organisation | None = None,
                password: str = "") -> tuple[User, str]:
    """Create an active user. ``divisions`` (Division objects) count for district users,
    ``organisation`` for owners and bureaus; other roles keep neither.

    Returns the user and the password to hand over: ``password`` when given (it must pass
    settings.AUTH_PASSWORD_VALIDATORS), else a generated temporary one. Records
    ``tuijin.user.created``. Raises PermissionDenied unless the actor may manage users, and
    InputError for a taken username, a missing district or organisation, a bad phone number
    or a weak password.
    """
    deny_unless(may_manage_users(actor))
    username = User.normalize_username((username or "").strip())
    labels = field_labels()
    if not username:
        raise InputError(_("%(field)s: choose the name this user logs in with.")
                         % {"field": labels["username"]}, field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise InputError(
            _("%(field)s: “%(username)s” is already taken.")
            % {"field": labels["username"], "username": username},
            hint=_("Choose another one, e.g. with the district or unit added."),
            field="username", value=username)
    full_name, phone, email = _clean_contact(full_name=full_name, phone=phone, email=email)
    main, extra, organisation = _scope_fields(role=role, divisions=list(divisions),
                                              organisation=organisation, current_main=None)
    user = User(username=username, role=role, full_name=full_name, phone=phone, email=email,
                division_id=main, organisation=organisation, is_active=True)
    given = password or ""
    if given:
        problem = password_problems(given, user=user)
        if problem:
            raise problem
    handed_over = given or temporary_password()
    user.set_password(handed_over)
    _full_clean(user)
    _save(user, actor=actor, action="created", extra_divisions=extra, created=True)
    return user, handed_over


def _save(user: User, *, actor, action: str, reason: str = "", extra_divisions=None,
          created: bool = False) -> None:
    """Save the user (and their other districts) with one history record that holds them all.

    django-simple-history writes a record per save and another per change of the districts;
    the districts are set first with history off, then the save writes the one record."""
    if extra_divisions is not None:
        user.skip_history_when_saving = True
        try:
            if created:
                user.save()
            user.extra_divisions.set(extra_divisions)
        finally:
            del user.skip_history_when_saving
        user.__dict__.pop("division_ids", None)
    _history(user, actor=actor, action=action, reason=reason)
    user.save()
    if created:
        # The record was written by a second save, so it says "changed"; it is the creation.
        User.history.filter(id=user.pk).update(history_type="+")


@transaction.atomic
def user_update(*, actor, user: User, role: str, full_name: str, phone: str = "",
                email: str = "", divisions=(), organisation: Organisation | None = None) -> User:
    """Change a user's role, districts, organisation, name and contact details (not the
    username, which is how they log in). A district user keeps their main district while it
    is still among ``divisions``. Records ``tuijin.user.changed``. Raises PermissionDenied
    unless the actor may manage users, and InputError as user_create does, or when city
    administrators would take away their own role (nobody else could give it back).
    """
    deny_unless(may_manage_users(actor))
    if user.pk == getattr(actor, "pk", None) and role != User.Role.CITY_ADMIN:
        raise InputError(
            _("%(field)s: you cannot take the city administrator role from yourself.")
            % {"field": field_labels()["role"]},
            hint=_("Ask another city administrator to change your role."), field="role")
    user = User.objects.select_for_update().get(pk=user.pk)
    full_name, phone, email = _clean_contact(full_name=full_name, phone=phone, email=email)
    main, extra, organisation = _scope_fields(role=role, divisions=list(divisions),
                                              organisation=organisation,
                                              current_main=user.division_id)
    user.role, user.full_name, user.phone, user.email = role, full_name, phone, email
    user.division_id, user.organisation = main, organisation
    _full_clean(user)
    _save(user, actor=actor, action="changed", extra_divisions=extra)
    return user


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InputError(_("%(field)s: say why, for the user's history.")
                         % {"field": field_labels()["reason"]},
                         hint=_("For example: moved to another post."), field="reason")
    return reason


@transaction.atomic
def user_deactivate(*, actor, user: User, reason: str) -> User:
    """Switch a user off: they can no longer log in, and a session they still hold ends at
    their next request (Django's ModelBackend refuses inactive users). Nothing they wrote is
    deleted. Records ``tuijin.user.deactivated: <reason>``. Raises PermissionDenied unless the
    actor may manage users, and InputError without a reason or for the actor themselves.
    """
    deny_unless(may_manage_users(actor))
    reason = _require_reason(reason)
    if user.pk == getattr(actor, "pk", None):
        raise InputError(_("You cannot deactivate yourself."),
                         hint=_("Ask another city administrator."))
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = False
    _save(user, actor=actor, action="deactivated", reason=reason)
    return user


@transaction.atomic
def user_activate(*, actor, user: User, reason: str) -> User:
    """Let a deactivated user log in again, with the password they had. Records
    ``tuijin.user.activated: <reason>``. Raises as user_deactivate."""
    deny_unless(may_manage_users(actor))
    reason = _require_reason(reason)
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = True
    _save(user, actor=actor, action="activated", reason=reason)
    return user


@transaction.atomic
def user_reset_password(*, actor, user: User, password: str = "") -> str:
    """Give a user a new password: ``password`` when the city office typed one (it must pass
    settings.AUTH_PASSWORD_VALIDATORS), else a generated temporary one. Returns it, to be
    shown once and never stored in clear. The user's sessions end (Django ties a session to
    the password). Records ``tuijin.user.password_reset`` (the hash is not kept in the
    history). Raises PermissionDenied unless the actor may manage users, and InputError for a
    weak password.
    """
    deny_unless(may_manage_users(actor))
    user = User.objects.select_for_update().get(pk=user.pk)
    if password:
        problem = password_problems(password, user=user)
        if problem:
            raise problem
    new_password = password or temporary_password()
    user.set_password(new_password)
    _save(user, actor=actor, action="password_reset")
    return new_password
