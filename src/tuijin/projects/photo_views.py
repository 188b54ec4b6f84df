"""Pages of report photos: the upload (several at once, from a phone's camera or gallery), the
removal, and the photo and its thumbnail, streamed from the storage only to whoever may see
the project (a stranger gets 404). MEDIA_URL is never routed: this is the only way to a photo.

A refused upload or removal answers with the reason and its status (400, 409, 413, 415) on a
page that leads back to the report; nothing is written.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from tuijin.accounts.permissions import may_add_photo, may_view_photo
from tuijin.core.errors import InputError
from tuijin.projects.models import ReportPhoto
from tuijin.projects.photo_services import PhotoUpload, photo_add, photo_remove
from tuijin.projects.photos import photo_limits, too_large
from tuijin.projects.selectors import project_for_user

# What a form adds to the files it carries (the CSRF token, the multipart boundaries).
FORM_OVERHEAD_BYTES = 1024 * 1024
# The browser may keep a photo for an hour; it is private to the user who may see it.
CACHE_CONTROL = "private, max-age=3600"


class PhotoSizeLimit(FileUploadHandler):
    """Stops reading an upload as soon as one file passes the per-photo limit, instead of
    spooling a 50 MB file to disk to refuse it afterwards. The rest of the request is read
    and discarded (not kept), so the browser still gets the answer instead of a reset."""

    def __init__(self, request=None, *, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = ""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.max_bytes:
            self.too_large = self.file_name or _("photo")
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file


@csrf_exempt  # checked by _upload, once the size limit is in place (Django's documented way)
@login_required
@require_POST
def photo_upload(request, pk: int, month: int):
    """Add the posted photos (field ``photos``, any number of files) to the month's report."""
    project = project_for_user(request.user, pk, require=may_add_photo)
    if not 1 <= month <= 12:
        raise Http404
    limits = photo_limits()
    # A request larger than a full report's photos is refused before a byte of it is read.
    if _content_length(request) > limits.per_report * limits.max_bytes + FORM_OVERHEAD_BYTES:
        return _refused(request, project, month, InputError(
            _("The upload is larger than %(count)s photos of %(limit)s MB.")
            % {"count": limits.per_report, "limit": limits.max_mb},
            hint=_("Send fewer or smaller photos at a time."), field="photos",
            extra={"status": 413}))
    size_limit = PhotoSizeLimit(request, max_bytes=limits.max_bytes)
    request.upload_handlers.insert(0, size_limit)
    return _upload(request, project=project, month=month, size_limit=size_limit)


@csrf_protect
def _upload(request, *, project, month: int, size_limit: PhotoSizeLimit):
    files = request.FILES.getlist("photos")
    try:
        if size_limit.too_large:
            raise too_large(size_limit.too_large, size_limit.max_bytes)
        added = photo_add(project=project, month=month, user=request.user, uploads=[
            PhotoUpload(name=f.name or "", file=f, size=f.size) for f in files])
    except InputError as exc:
        return _refused(request, project, month, exc)
    finally:
        for f in files:
            f.close()
    messages.success(request, _("%(count)s photos added.") % {"count": len(added)})
    return redirect(reverse("projects:filing", args=[project.pk, month]) + "#photos")


@login_required
@require_POST
def photo_remove_page(request, pk: int, photo: int):
    project = project_for_user(request.user, pk, require=may_add_photo)
    item = get_object_or_404(ReportPhoto.objects.select_related("filing", "filing__project"),
                             pk=photo, filing__project=project)
    month = item.filing.month
    try:
        photo_remove(photo=item, user=request.user)
    except InputError as exc:
        return _refused(request, project, month, exc)
    messages.success(request, _("Photo %(name)s removed.") % {"name": item.original_name})
    return redirect(reverse("projects:filing", args=[project.pk, month]) + "#photos")


@login_required
@require_GET
def photo_file(request, pk: int, photo: int):
    return _serve(request, pk, photo, thumbnail=False)


@login_required
@require_GET
def photo_thumbnail(request, pk: int, photo: int):
    return _serve(request, pk, photo, thumbnail=True)


def _serve(request, pk: int, photo_id: int, *, thumbnail: bool):
    project = project_for_user(request.user, pk, require=may_view_photo)
    photo = get_object_or_404(ReportPhoto, pk=photo_id, filing__project=project)
    stored = photo.thumbnail if thumbnail else photo.image
    try:
        handle = stored.storage.open(stored.name, "rb")
    except OSError as exc:  # the file is gone from the storage: as if there were no photo
        raise Http404 from exc
    extension = stored.name.rpartition(".")[2]
    stem = photo.original_name.rpartition(".")[0] or photo.original_name or "photo"
    response = FileResponse(
        handle, content_type="image/jpeg" if thumbnail else photo.content_type,
        as_attachment=False, filename=f"{stem}{'-thumb' if thumbnail else ''}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = CACHE_CONTROL
    # Opened on its own, the picture runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _refused(request, project, month: int, exc: InputError):
    return render(request, "projects/photo_refused.html", {
        "project": project, "month": month, "error": exc,
    }, status=exc.extra.get("status", 400))
