"""The public download of a plan's OC4IDS package (docs/reference/api.md#open-data-oc4ids).

No log-in: a published plan's package is open data. An unpublished or unknown plan answers 404
alike, so nobody learns which plans exist. The package is streamed as it is read
(api.oc4ids.package_chunks), a batch of projects at a time.
"""

from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from tuijin.accounts.permissions import may_download_open_data
from tuijin.api.oc4ids import package_chunks
from tuijin.plans.models import Plan


@require_GET
def oc4ids_download(request, slug: str):
    plan = Plan.objects.select_related("region").filter(slug=slug).first()
    if plan is None or not may_download_open_data(request.user, plan):
        raise Http404
    chunks = package_chunks(plan, today=timezone.localdate(),
                            base_url=request.build_absolute_uri("/").rstrip("/"))
    response = StreamingHttpResponse((c.encode() for c in chunks),
                                     content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-oc4ids.json"'
    # Open data may be read by any site's script.
    response["Access-Control-Allow-Origin"] = "*"
    return response
