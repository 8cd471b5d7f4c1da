"""Web uploads validated and loaded in the background, with their progress in the store.

A large upload can take longer to check and load than a web server gives one request
(gunicorn's worker timeout is 120 s), so the upload route only saves the files, records a
job here and answers at once; a thread in that server process runs the refresh and writes
each stage to the job's row. The page (or a script) asks any server process for the job and
sees the stage, then the refresh's report. The refresh itself is unchanged: all files or
none, in one transaction; a job whose process ended mid-way (a restart) is reported as
stopped, and its load, never committed, changed nothing.
"""

from __future__ import annotations

import json
import secrets
import shutil
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select, update

from data.schema import upload_job

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
FINISHED = {DONE, FAILED}
HEARTBEAT = timedelta(seconds=15)
# No heartbeat for this long: the process running the job has gone.
STOPPED_AFTER = timedelta(seconds=90)
KEPT_FOR = timedelta(days=2)

_threads: dict[str, threading.Thread] = {}


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite hands back the stored UTC time without its zone.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def create(engine: Engine, user: str, files: list[dict], stage: str) -> str:
    """A new queued job for `user`'s `files` (name, bytes); returns its id."""
    job_id = secrets.token_urlsafe(18)
    now = _now()
    with engine.begin() as connection:
        connection.execute(delete(upload_job).where(upload_job.c.updated_at < now - KEPT_FOR))
        connection.execute(insert(upload_job).values(
            id=job_id, user_name=user, state=QUEUED, stage=stage, files_json=json.dumps(files),
            started_at=now, updated_at=now, result_json=None))
    return job_id


def set_stage(engine: Engine, job_id: str, stage: str | None = None, state: str = RUNNING,
              result: dict | None = None) -> None:
    values: dict = {"state": state, "updated_at": _now()}
    if stage is not None:
        values["stage"] = stage
    if result is not None:
        values["result_json"] = json.dumps(result)
    with engine.begin() as connection:
        connection.execute(update(upload_job).where(upload_job.c.id == job_id).values(**values))


def status(engine: Engine, job_id: str) -> dict | None:
    """The job as a dict (id, user, state, stage, files, seconds so far, result), or None.
    A running job without a recent heartbeat is reported as failed: its process ended."""
    with engine.connect() as connection:
        row = connection.execute(select(upload_job).where(upload_job.c.id == job_id)).mappings().first()
    if row is None:
        return None
    started, updated = _aware(row["started_at"]), _aware(row["updated_at"])
    state, stage = row["state"], row["stage"]
    if state not in FINISHED and _now() - updated > STOPPED_AFTER:
        state, stage = FAILED, ("Stopped: the server process running this upload ended before it "
                                "finished, so nothing was loaded. Upload the files again.")
    end = updated if state in FINISHED else _now()
    return {"job": row["id"], "user": row["user_name"], "state": state, "stage": stage,
            "files": json.loads(row["files_json"]), "seconds": round((end - started).total_seconds()),
            "result": json.loads(row["result_json"]) if row["result_json"] else None}


def start(engine: Engine, job_id: str, work: Callable[[Callable[[str], None]], dict],
          folder: Path | None = None) -> threading.Thread:
    """Run `work(progress)` in a thread of this process; `progress(stage)` records a stage,
    and what `work` returns is the job's result. `folder` (the saved files) is removed at
    the end. Not a daemon thread: a server shutting down gracefully lets the load finish."""
    def run() -> None:
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(HEARTBEAT.total_seconds()):
                set_stage(engine, job_id)

        heart = threading.Thread(target=beat, daemon=True)
        heart.start()
        try:
            set_stage(engine, job_id, "Starting the checks.")
            result = work(lambda stage: set_stage(engine, job_id, stage))
            set_stage(engine, job_id, "Finished.", DONE, result)
        except Exception as error:  # the job must end with a state, whatever went wrong
            set_stage(engine, job_id, f"The upload failed: {type(error).__name__}: {error}", FAILED,
                      {"error": f"The upload could not be checked or loaded: {error}"})
        finally:
            stop.set()
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            _threads.pop(job_id, None)

    thread = threading.Thread(target=run, name=f"upload-{job_id}")
    _threads[job_id] = thread
    thread.start()
    return thread


def wait(job_id: str, timeout: float | None = None) -> None:
    """Block until the job's thread in this process has ended (for tests and scripts)."""
    thread = _threads.get(job_id)
    if thread is not None:
        thread.join(timeout)


def describe_files(paths: Sequence[Path]) -> list[dict]:
    return [{"name": p.name, "bytes": p.stat().st_size} for p in paths]
