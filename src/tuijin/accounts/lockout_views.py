"""The city administration's page of log-in lock-outs: who is locked out, from where, until
when, and a button that unlocks one user. Same people as the users pages (``may_manage_users``);
anybody else gets 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuijin.accounts.lockouts import lockout_clear, lockouts_visible_to
from tuijin.accounts.permissions import deny_unless, may_manage_users


@login_required
def lockout_list(request):
    deny_unless(may_manage_users(request.user))
    return render(request, "accounts/lockout_list.html",
                  {"lockouts": lockouts_visible_to(request.user)})


@login_required
@require_POST
def lockout_unlock(request):
    deny_unless(may_manage_users(request.user))
    username = request.POST.get("username", "").strip()
    if not username:
        messages.error(request, _("Name the user to unlock."))
    elif lockout_clear(username=username, by=request.user):
        messages.success(request, _("%(username)s can log in again.") % {"username": username})
    else:
        messages.info(request, _("%(username)s was not locked out.") % {"username": username})
    return redirect("accounts:lockout_list")
