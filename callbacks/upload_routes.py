"""Flask routes on the Dash app's server: sign in, sign out, and upload extracts.

The upload runs exactly the refresh of `python -m data load` on the files, saved under
their original names in a temporary folder, as the signed-in user. Answers are JSON:
401 when not signed in, 403 for a missing or wrong CSRF token, 400/413 for a request
that carries no usable files; otherwise 202 at once: the files are saved and checked and
loaded in the background (data.upload_jobs), so no upload outlives the worker timeout.
GET the answer's `status_url` for its `stage`; once `state` is "done" the answer also
holds the refresh's report, whose `result` says whether the files were loaded or refused
(with every located problem).

Sign-in answers 429 with Retry-After, without checking the password, once a user name has
failed 5 times in 15 minutes or a client address 10 times in a minute, counted by every
server process together (`data.sign_in_limits`: in the store, or Redis with REDIS_URL).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import secrets
import shutil
import time
from dataclasses import asdict
from html import escape
from pathlib import Path
from tempfile import mkdtemp

from flask import Flask, jsonify, redirect, request, session
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from callbacks.context import AppContext
from data import upload_jobs
from data.auth import may_see_records, upload_unavailable_reason, verify_user
from data.readers import SOURCE_TYPES
from data.record_privacy import is_record_level, record_level_files, withheld_problem
from data.refresh import LoadReport, refresh
from data.schema import load
from data.settings import Settings
from data.sign_in_limits import shared_limits
from data.web_state import web_state_engine

DATA_PAGE = "/data"
SIGN_IN_PATH = "/data/sign-in"
SIGN_OUT_PATH = "/data/sign-out"
UPLOAD_PATH = "/data/upload"
SESSION_PATH = "/data/session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SIGN_IN_SECONDS = 8 * 3600
MAX_UPLOAD_BYTES = 200 * 1024 * 1024

_USER, _SIGNED_IN_AT, _CSRF = "upload_user", "upload_signed_in_at", "csrf_token"
log = logging.getLogger(__name__)


def signed_in_user(settings: Settings) -> str | None:
    """The signed-in uploader of this request's session, if still configured and in date."""
    name = session.get(_USER)
    if not name or upload_unavailable_reason(settings) or name not in settings.upload_users:
        return None
    if time.time() - float(session.get(_SIGNED_IN_AT, 0)) > SIGN_IN_SECONDS:
        return None
    return name


def csrf_token() -> str:
    """This session's CSRF token, made on first use; every POST must send it back."""
    if _CSRF not in session:
        session[_CSRF] = secrets.token_urlsafe(32)
    return session[_CSRF]


def _csrf_ok() -> bool:
    sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD) or ""
    expected = session.get(_CSRF) or ""
    return bool(expected) and secrets.compare_digest(sent.encode(), expected.encode())


def _refuse(status: int, message: str, headers: dict[str, str] | None = None):
    """A refusal in the form the caller asked for: JSON for scripts, a short page for a form."""
    headers = headers or {}
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        page = (f"<!doctype html><title>Data upload</title><p>{escape(message)}</p>"
                f'<p><a href="{DATA_PAGE}">Back to the Data page</a></p>')
        return page, status, {"Content-Type": "text/html; charset=utf-8", **headers}
    return jsonify(error=message), status, headers


def original_name(filename: str) -> str:
    """The file's own name without any folder the browser sent, safe to create on disk."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if name in ("", ".", "..") or len(name.encode()) > 200:
        return "upload" + Path(name).suffix[:16]
    return name


def save_uploads(files: list[FileStorage], folder: Path) -> list[Path]:
    # One sub-folder per file keeps every original name, even when two files share one.
    paths = []
    for number, upload in enumerate(files, start=1):
        target = folder / str(number) / original_name(upload.filename or "")
        target.parent.mkdir()
        upload.save(target)
        paths.append(target)
    return paths


def report_payload(report: LoadReport, files: list[dict] | None = None,
                   show_records: bool = True) -> dict:
    """A refresh report as JSON: the printed lines plus the problems and changes as records.

    `files` (the load log's: name, source) mark record-level files, whose problems go out
    without their cell values; their revision examples go out only with `show_records`."""
    withheld = record_level_files(files or [])
    problems = [withheld_problem(p, withheld) for p in report.problems]
    changes = [c.as_dict() for c in report.changes]
    if not show_records:
        for change in changes:
            if is_record_level(change["source"]):
                change["revised_examples"] = []
    shown = dataclasses.replace(report, problems=problems, changes=[
        dataclasses.replace(c, revised_examples=d["revised_examples"])
        for c, d in zip(report.changes, changes, strict=True)])
    return {
        "result": report.result, "ok": report.ok, "load_id": report.load_id, "rows": report.rows,
        "lines": shown.lines(), "problems": [asdict(p) for p in problems], "changes": changes,
    }


def _logged_files(engine, load_id: int | None) -> list[dict]:
    if load_id is None:
        return []
    with engine.connect() as connection:
        text = connection.execute(select(load.c.files_json).where(load.c.id == load_id)).scalar()
    return json.loads(text) if text else []


def _job_answer(job: dict, status: int):
    """A job as JSON: job, state, stage, seconds, status_url; once finished, the refresh's
    report (result, lines, problems, changes) or the error, at the top level."""
    answer = {key: job[key] for key in ("job", "state", "stage", "seconds")}
    answer["status_url"] = f"{UPLOAD_PATH}/{job['job']}"
    if job["state"] in upload_jobs.FINISHED:
        answer.update(job["result"] or {"error": job["stage"]})
    response = jsonify(answer)
    response.headers["Cache-Control"] = "no-store"
    return response, status


def _too_many(wait: int):
    minutes = max(1, -(-wait // 60))
    when = (f"{wait} second{'' if wait == 1 else 's'}" if wait < 60
            else f"{minutes} minute{'' if minutes == 1 else 's'}")
    return _refuse(429, f"Too many failed sign-ins; try again in {when}.", {"Retry-After": str(wait)})


def finished_report(context: AppContext, payload: dict | None, user: str | None) -> dict | None:
    """What the Data page shows for `payload` (an error, or a finished job's id): the
    job's report read from the job store, for the user who uploaded it only."""
    if not payload or "job" not in payload:
        return payload
    job = upload_jobs.status(web_state_engine(context.settings, context.engine), payload["job"])
    if job is None or user is None or job["user"] != user or job["state"] not in upload_jobs.FINISHED:
        return None
    return job["result"] or {"error": job["stage"]}


def register_routes(server: Flask, context: AppContext) -> None:
    settings = context.settings
    state = web_state_engine(settings, context.engine)
    limits = shared_limits(state, settings.redis_url)
    if server.config.get("SESSION_COOKIE_SAMESITE") is None:
        server.config["SESSION_COOKIE_SAMESITE"] = "Lax"

    def sign_in():
        if not _csrf_ok():
            return _refuse(403, "The sign-in form had expired; open the Data page and try again.")
        name = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        # User names are matched exactly, so they are counted exactly; the address is the
        # one the server sees (behind a proxy, set DASHBOARD_PROXY_HOPS so it is the client's).
        attempt, wait = limits.begin(name, request.remote_addr or "")
        if attempt is None:
            log.warning("upload sign-in for user name %r held back for %d s", name, wait)
            return _too_many(wait)
        if upload_unavailable_reason(settings) is None and verify_user(
                settings.upload_users, name, password):
            limits.succeeded(attempt)
            session.clear()  # a fresh session and token at sign-in (no session fixation)
            session.update({_USER: name, _SIGNED_IN_AT: time.time(),
                            _CSRF: secrets.token_urlsafe(32)})
            log.info("upload sign-in: %s", name)
            return redirect(DATA_PAGE, code=303)
        limits.failed(attempt)
        log.warning("upload sign-in refused for user name %r", name)
        return redirect(f"{DATA_PAGE}?sign_in=failed", code=303)

    def sign_out():
        if not _csrf_ok():
            return _refuse(403, "The sign-out form had expired; open the Data page and try again.")
        session.clear()
        return redirect(DATA_PAGE, code=303)

    def upload():
        user = signed_in_user(settings)
        if user is None:
            return _refuse(401, "Sign in on the Data page before uploading files.")
        if (request.content_length or 0) > MAX_UPLOAD_BYTES:
            return _refuse(413, f"Uploads are limited to {MAX_UPLOAD_BYTES // 2**20} MB at a time.")
        if not _csrf_ok():
            return _refuse(403, "The page's security token did not match; reload the Data page.")
        files = [f for f in request.files.getlist("files") if f.filename]
        source = request.form.get("source") or None
        if not files:
            return _refuse(400, "Choose one or more extract files to upload.")
        if source is not None and source not in SOURCE_TYPES:
            return _refuse(400, f"Unknown extract type {source!r}; expected one of "
                                f"{', '.join(SOURCE_TYPES)}, or none to detect it.")
        folder = Path(mkdtemp(prefix="dashboard-upload-"))
        try:
            paths = save_uploads(files, folder)
            described = upload_jobs.describe_files(paths)
            size = sum(f["bytes"] for f in described)
            job_id = upload_jobs.create(state, user, described,
                                        f"Received {len(paths)} file(s), {size / 2**20:,.1f} MB; "
                                        "waiting to start the checks.")
        except BaseException:  # the job thread removes the folder; without a job, we do
            shutil.rmtree(folder, ignore_errors=True)
            raise
        show_records = may_see_records(settings, user)

        def work(progress) -> dict:
            report = refresh(context.engine, paths, source=source, user=user, progress=progress)
            log.info("upload by %s of %s: %s (load %s)", user, ", ".join(p.name for p in paths),
                     report.result, report.load_id)
            return report_payload(report, _logged_files(context.engine, report.load_id), show_records)

        upload_jobs.start(state, job_id, work, folder)
        return _job_answer(upload_jobs.status(state, job_id), 202)

    def upload_status(job_id: str):
        """For the page and scripts: the job's stage; once done, the refresh's report."""
        user = signed_in_user(settings)
        if user is None:
            return _refuse(401, "Sign in on the Data page to follow an upload.")
        job = upload_jobs.status(state, job_id)
        if job is None or job["user"] != user:
            return _refuse(404, "No such upload for this user.")
        return _job_answer(job, 200)

    def session_info():
        """For scripts: who is signed in, and the token to send with the next POST."""
        response = jsonify(signed_in_as=signed_in_user(settings), csrf_token=csrf_token(),
                           uploads_unavailable=upload_unavailable_reason(settings))
        response.headers["Cache-Control"] = "no-store"
        return response

    server.add_url_rule(SIGN_IN_PATH, "data_sign_in", sign_in, methods=["POST"])
    server.add_url_rule(SIGN_OUT_PATH, "data_sign_out", sign_out, methods=["POST"])
    server.add_url_rule(UPLOAD_PATH, "data_upload", upload, methods=["POST"])
    server.add_url_rule(f"{UPLOAD_PATH}/<job_id>", "data_upload_status", upload_status, methods=["GET"])
    server.add_url_rule(SESSION_PATH, "data_session", session_info, methods=["GET"])
