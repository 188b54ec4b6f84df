"""Log in and out. django-axes (settings.AUTHENTICATION_BACKENDS) locks out repeated failures."""

from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default since 5.0), so a link or a prefetch cannot log anyone out."""
