from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from tuijin.api import main as api_main
from tuijin.api.open_data import oc4ids_download


class FaviconRedirect(RedirectView):
    """Pages tuijin does not draw (Django's admin, a bare error page) make the browser ask for
    /favicon.ico: it gets the icon base.html links, not a 404 in the console."""

    def get_redirect_url(self, *args, **kwargs):
        return static("tuijin/favicon.svg")


urlpatterns = [
    path("plans/text/", include("tuijin.plans.text.urls")),
    path("", include("tuijin.plans.urls")),
    path("accounts/", include("tuijin.accounts.urls")),
    path("projects/", include("tuijin.projects.urls")),
    path("progress/", include("tuijin.progress.urls")),
    path("problems/", include("tuijin.problems.urls")),
    path("bulletins/", include("tuijin.bulletins.urls")),
    path("spreadsheets/", include("tuijin.projects.spreadsheets.urls")),
    path("api/v1/", api_main.api.urls),
    re_path(r"^api/v1/", api_main.not_found),
    # Open data, public once the city office publishes the plan (docs/reference/api.md).
    path("open-data/", include(([
        path("<slug:slug>/oc4ids.json", oc4ids_download, name="oc4ids"),
    ], "opendata"))),
    path("favicon.ico", FaviconRedirect.as_view()),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", __import__("django.contrib.admin", fromlist=["site"]).site.urls),
]
