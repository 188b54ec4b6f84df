"""Who is calling: a token (``Authorization: Bearer tj_…``) or the browser's session.

The token acts as its user, so every selector and rule sees exactly that user's scope. A
session is accepted too, with Django's CSRF check on writes (ninja's SessionAuth), so the
interactive docs work for a logged-in user.
"""

from ninja.security import HttpBearer, SessionAuth

from tuijin.accounts.tokens import token_hash, token_user


class TokenAuth(HttpBearer):
    openapi_description = ("An API token made on the user's 'API tokens' page or with "
                           "`tuijin token create`.")

    def authenticate(self, request, token: str):
        # TokenRefused (revoked, expired …) goes to the API's error handler: a 401 naming why.
        user = token_user(token)
        request.user = user
        # The write limit counts per token (api.ratelimit); the hash, never the secret.
        request.api_token_key = token_hash(token)[:32]
        return user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated and user.is_active else None


AUTH = [TokenAuth(), ActiveSessionAuth()]
