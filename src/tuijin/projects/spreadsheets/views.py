"""Upload → preview → confirm, and the exports, for city admins and district users.

A district user sees and imports only their own district's rows (the import service checks
each row against the user's scope); leaders, bureaus and owners get 403, strangers to the plan
404 (STYLE.md §3). The upload is kept on disk between the preview and the confirmation, keyed
by a random token held in the user's session, so nobody can confirm someone else's upload.
"""

import contextlib
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuijin.accounts.permissions import may_export, may_map_columns, may_use_spreadsheets
from tuijin.core.errors import InputError
from tuijin.core.periods import Period, period_in_year
from tuijin.plans.selectors import plan_for_user
from tuijin.projects.spreadsheets.exports import projects_export, reports_export, template_export
from tuijin.projects.spreadsheets.forms import MappingForm, UploadForm
from tuijin.projects.spreadsheets.imports import PROJECTS, projects_import, reports_import
from tuijin.projects.spreadsheets.layout import FIELD_NAMES
from tuijin.projects.spreadsheets.mappings import mapping_save

SESSION_KEY = "spreadsheet_uploads"
PREVIEW_ROWS = 500
UPLOAD_LIFETIME_SECONDS = 24 * 3600
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload_dir() -> Path:
    """The folder of uploads awaiting confirmation; uploads never confirmed go after a day."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    stale = time.time() - UPLOAD_LIFETIME_SECONDS
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < stale:
                path.unlink()
    return folder


def _run(plan, upload: dict, user, *, dry_run: bool):
    kwargs = {"plan": plan, "source": upload["path"], "filename": upload["filename"],
              "user": user, "dry_run": dry_run, "mapping": upload.get("mapping")}
    if upload["kind"] == PROJECTS:
        return projects_import(**kwargs)
    month = upload.get("month")
    return reports_import(period=Period.parse(month) if month else None, **kwargs)


def _preview(request, plan, token: str, upload: dict, result):
    changed = [(c.row, c.label, [(FIELD_NAMES.get(k, k), old, new)
                                 for k, (old, new) in c.fields.items()])
               for c in result.changes if c.status == "changed"]
    mapping_form = None
    if may_map_columns(request.user, plan) and result.columns:
        mapping_form = MappingForm(headers=[c["header"] for c in result.columns], initial={
            f"h{i}": c["field"] for i, c in enumerate(result.columns)})
    return render(request, "spreadsheets/preview.html", {
        "plan": plan, "token": token, "upload": upload, "result": result,
        "errors": result.errors[:PREVIEW_ROWS], "more_errors": len(result.errors) > PREVIEW_ROWS,
        "changed": changed[:PREVIEW_ROWS], "more_changed": len(changed) > PREVIEW_ROWS,
        "mapping_form": mapping_form,
    }, status=200 if result.ok else 422)


@login_required
def index(request, slug: str):
    plan = plan_for_user(request.user, slug, require=may_use_spreadsheets)
    return render(request, "spreadsheets/index.html", {
        "plan": plan, "form": UploadForm(plan=plan),
        "may_map": may_map_columns(request.user, plan),
    })


@login_required
@require_POST
def upload(request, slug: str):
    plan = plan_for_user(request.user, slug, require=may_use_spreadsheets)
    form = UploadForm(request.POST, request.FILES, plan=plan)
    if not form.is_valid():
        return render(request, "spreadsheets/index.html", {"plan": plan, "form": form},
                      status=422)
    data = form.cleaned_data
    token = secrets.token_urlsafe(16)
    suffix = Path(data["file"].name).suffix.lower()
    path = _upload_dir() / f"{token}{suffix}"
    with open(path, "wb") as fh:
        for chunk in data["file"].chunks():
            fh.write(chunk)
    upload = {"path": str(path), "filename": data["file"].name, "kind": data["kind"],
              "plan": plan.slug, "month": str(data["month"]) if data["month"] else "",
              "mapping": dict(data["mapping"].columns) if data["mapping"] else None}
    try:
        result = _run(plan, upload, request.user, dry_run=True)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if any(error.field == "file" for error in result.errors):
        # The file itself was refused (not a workbook, damaged, over a limit): nothing in it
        # can be confirmed or mapped, so it is not kept (it used to wait a day on disk).
        path.unlink(missing_ok=True)
    else:
        uploads = request.session.get(SESSION_KEY, {})
        uploads[token] = upload
        request.session[SESSION_KEY] = uploads
    return _preview(request, plan, token, upload, result)


def _upload_for(request, plan, token: str) -> dict:
    upload = request.session.get(SESSION_KEY, {}).get(token)
    if upload is None or upload["plan"] != plan.slug or not Path(upload["path"]).exists():
        raise Http404
    return upload


@login_required
@require_POST
def confirm(request, slug: str, token: str):
    plan = plan_for_user(request.user, slug, require=may_use_spreadsheets)
    upload = _upload_for(request, plan, token)
    result = _run(plan, upload, request.user, dry_run=False)
    if not result.ok:
        # The data changed since the preview (someone else imported): show what is wrong now.
        return _preview(request, plan, token, upload, result)
    Path(upload["path"]).unlink(missing_ok=True)
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    counts = result.counts
    messages.success(request, _(
        "Imported %(file)s: %(new)s new, %(changed)s changed, %(unchanged)s unchanged, "
        "%(skipped)s skipped.") % {"file": upload["filename"], **counts})
    return redirect("spreadsheets:index", slug=plan.slug)


@login_required
@require_POST
def mapping_create(request, slug: str, token: str):
    plan = plan_for_user(request.user, slug, require=may_map_columns)
    upload = _upload_for(request, plan, token)
    result = _run(plan, upload, request.user, dry_run=True)
    form = MappingForm(request.POST, headers=[c["header"] for c in result.columns])
    if form.is_valid():
        columns = {c["key"]: form.cleaned_data[f"h{i}"] for i, c in enumerate(result.columns)}
        try:
            mapping = mapping_save(plan=plan, kind=upload["kind"], name=form.cleaned_data["name"],
                                   columns=columns, user=request.user)
        except InputError as exc:
            form.add_error("name", str(exc))
        else:
            upload["mapping"] = dict(mapping.columns)
            uploads = request.session.get(SESSION_KEY, {})
            uploads[token] = upload
            request.session[SESSION_KEY] = uploads
            messages.success(request, _("Saved the column mapping %(name)s; the preview below "
                                        "uses it.") % {"name": mapping.name})
            return _preview(request, plan, token, upload,
                            _run(plan, upload, request.user, dry_run=True))
    response = _preview(request, plan, token, upload, result)
    response.status_code = 422
    return response


@login_required
def export(request, slug: str, kind: str):
    plan = plan_for_user(request.user, slug, require=may_export)
    if kind not in ("projects", "reports", "template"):
        raise Http404
    # A month of another year would be read as the same month of the plan's (issue 11).
    try:
        period = period_in_year(request.GET.get("month"), year=plan.year)
    except InputError as exc:
        return HttpResponse(str(exc), status=400,
                            content_type="text/plain; charset=utf-8")
    if kind == "reports" and period is None:
        return HttpResponse(_("Give the month, e.g. ?month=%(year)s-06.")
                            % {"year": plan.year}, status=400,
                            content_type="text/plain; charset=utf-8")
    # Written to an unnamed temporary file (rows go out as they are read, memory stays
    # bounded), then streamed from it a block at a time with its length; the file goes when
    # the response is closed. docs/reference/operations.md, "Large exports".
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response, or below)
    try:
        if kind == "projects":
            projects_export(plan=plan, target=spool, user=request.user)
            name = f"{plan.slug}-projects.xlsx"
        elif kind == "reports":
            reports_export(plan=plan, period=period, target=spool, user=request.user)
            name = f"{plan.slug}-reports-{period}.xlsx"
        else:
            template_export(plan=plan, period=period, target=spool, user=request.user)
            name = f"{plan.slug}-template{'-' + str(period) if period else ''}.xlsx"
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return FileResponse(spool, as_attachment=True, filename=name, content_type=XLSX)
