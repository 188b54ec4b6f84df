"""Every user's own API tokens (docs/reference/api.md): list, create (the secret shown once,
in the response to the POST that made it, never kept) and revoke. A user only ever sees and
revokes their own tokens, so there is no object lookup another user could probe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuijin.accounts.forms import TokenForm, add_input_error
from tuijin.accounts.tokens import expiry_from_date, token_create, token_revoke, tokens_of
from tuijin.core.errors import InputError


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    made = None
    if request.method == "POST" and form.is_valid():
        try:
            made = token_create(user=request.user, name=form.cleaned_data["name"],
                                expires_at=expiry_from_date(form.cleaned_data["expires_on"]))
        except InputError as exc:
            add_input_error(form, exc)
        else:
            form = TokenForm()
    response = render(request, "accounts/tokens.html", {
        "form": form, "made": made, "tokens": tokens_of(request.user)})
    if made is not None:
        add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke_page(request, pk: int):
    try:
        token_revoke(user=request.user, pk=pk)
    except InputError:
        messages.error(request, _("That token is already revoked or is not yours."))
    else:
        messages.success(request, _("The token is revoked; it no longer works."))
    return redirect("accounts:tokens")
