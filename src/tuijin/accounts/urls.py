from django.urls import path

from tuijin.accounts import lockout_views, token_views, user_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    # Log-in lock-outs (the city office): accounts/lockout_views.py.
    path("lockouts/", lockout_views.lockout_list, name="lockout_list"),
    path("lockouts/unlock/", lockout_views.lockout_unlock, name="lockout_unlock"),
    # Users (the city office) and one's own password: accounts/user_views.py.
    path("users/", user_views.user_list, name="user_list"),
    path("users/new/", user_views.user_create_page, name="user_create"),
    path("users/<int:pk>/", user_views.user_edit, name="user_edit"),
    path("users/<int:pk>/deactivate/", user_views.user_deactivate_page, name="user_deactivate"),
    path("users/<int:pk>/activate/", user_views.user_activate_page, name="user_activate"),
    path("users/<int:pk>/password/", user_views.user_password_page, name="user_password"),
    path("password/", user_views.PasswordChangeView.as_view(), name="password_change"),
    # Every user's own API tokens: accounts/token_views.py.
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_views.token_revoke_page, name="token_revoke"),
]
