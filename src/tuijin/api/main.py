"""The API object mounted at /api/v1/ (tuijin/urls.py): its authentication, its error shape
and its interactive docs, served from ninja's own static files (no CDN: CSP allows only
'self', and the machines that run tuijin may have no internet)."""

import json

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from tuijin.api import errors
from tuijin.api.auth import AUTH
from tuijin.api.routes import router


class LocalSwagger(Swagger):
    """Swagger UI from ninja's packaged assets, whatever INSTALLED_APPS says (ninja's own
    class falls back to a CDN when "ninja" is not installed)."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        return render(request, self.template, {
            "swagger_settings": json.dumps(self.settings, indent=1), "api": api,
            "add_csrf": True})


api = NinjaAPI(
    title="tuijin API", version="1",
    description="Plans, projects, monthly reports and progress figures (docs/reference/api.md).",
    urls_namespace="api", auth=AUTH, docs=LocalSwagger(), docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.register(api)
api.add_router("", router)


@csrf_exempt  # it writes nothing; a PUT to a wrong path is a 404, not a CSRF refusal
def not_found(request, *args, **kwargs):
    """Any other path under /api/v1/ (a negative id, a slug with a slash): the API's JSON 404,
    not the site's HTML page."""
    return api.create_response(
        request, errors.error_body("not_found", errors.status_message(404)), status=404)
