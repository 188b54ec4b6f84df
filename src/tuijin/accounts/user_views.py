"""The city office's user pages (list, create, change, deactivate, reactivate, reset a
password) and every user's own password change. Kept apart from views.py (log in and out,
lock-outs) so each page family reads on its own.

Each page asks ``may_manage_users`` first: anybody but the city administration gets 403,
whatever the URL names; an unknown user is then a 404. A password handed out is shown once,
in the response to the POST that made it, and never stored in a message or the session.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from tuijin.accounts.forms import (
    PasswordResetForm,
    ReasonForm,
    UserFilterForm,
    UserForm,
    add_input_error,
)
from tuijin.accounts.permissions import deny_unless, may_manage_users
from tuijin.accounts.selectors import user_for_manager, user_history_for, users_visible_to
from tuijin.accounts.services import (
    user_activate,
    user_create,
    user_deactivate,
    user_reset_password,
    user_update,
)
from tuijin.core.errors import InputError

PAGE_SIZE = 50


def _password_page(request, user, password: str, *, created: bool):
    response = render(request, "accounts/user_password_shown.html", {
        "managed": user, "password": password, "created": created})
    # The password is in this page only: keep it out of the browser's and proxies' caches.
    add_never_cache_headers(response)
    return response


@login_required
def user_list(request):
    deny_unless(may_manage_users(request.user))
    form = UserFilterForm(request.GET or None)
    users = users_visible_to(request.user, **form.filters())
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


@login_required
def user_create_page(request):
    deny_unless(may_manage_users(request.user))
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = user_create(actor=request.user, **form.cleaned_data)
        except InputError as exc:
            add_input_error(form, exc)
        else:
            return _password_page(request, user, password, created=True)
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
def user_edit(request, pk: int):
    user = user_for_manager(request.user, pk)
    form = UserForm(request.POST or None, user=user, initial=UserForm.initial_for(user))
    if request.method == "POST" and form.is_valid():
        try:
            user_update(actor=request.user, user=user, **form.cleaned_data)
        except InputError as exc:
            add_input_error(form, exc)
        else:
            messages.success(request, _("User %(name)s saved.") % {"name": user.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {
        "form": form, "managed": user, "history": user_history_for(request.user, user),
        "is_self": user.pk == request.user.pk,
    })


def _status_page(request, pk: int, *, activate: bool):
    user = user_for_manager(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = user_activate if activate else user_deactivate
        try:
            service(actor=request.user, user=user, reason=form.cleaned_data["reason"])
        except InputError as exc:
            add_input_error(form, exc)
        else:
            text = (_("User %(name)s can log in again.") if activate
                    else _("User %(name)s is deactivated and can no longer log in."))
            messages.success(request, text % {"name": user.username})
            return redirect("accounts:user_edit", pk=user.pk)
    return render(request, "accounts/user_status.html", {
        "form": form, "managed": user, "activate": activate})


@login_required
def user_deactivate_page(request, pk: int):
    return _status_page(request, pk, activate=False)


@login_required
def user_activate_page(request, pk: int):
    return _status_page(request, pk, activate=True)


@login_required
def user_password_page(request, pk: int):
    user = user_for_manager(request.user, pk)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password = user_reset_password(actor=request.user, user=user,
                                           password=form.cleaned_data["password"])
        except InputError as exc:
            add_input_error(form, exc)
        else:
            if user.pk == request.user.pk:
                # Resetting one's own password would otherwise end this very session.
                user.refresh_from_db()
                update_session_auth_hash(request, user)
            return _password_page(request, user, password, created=False)
    return render(request, "accounts/user_password.html", {"form": form, "managed": user})


class PasswordChangeView(auth_views.PasswordChangeView):
    """A user changes their own password (old one, new one twice; Django's validators)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("plans:home")

    def form_valid(self, form):
        form.user._change_reason = "tuijin.user.password_changed"
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response
