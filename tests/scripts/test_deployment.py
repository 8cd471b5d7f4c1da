"""What a newcomer deploying the dashboard meets: the set-up installs only what serving
needs, serve.sh honours HOST, PORT and WORKERS, and hash-password prints a line that
pastes into a real shell as it is."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from bench.ports import free_port
from data.refresh import refresh
from data.settings import Settings
from data.store import make_engine, upgrade

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def _packages(mode: str) -> set[str]:
    done = subprocess.run(["bash", "scripts/setup.sh", mode], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "SETUP_PRINT_PACKAGES": "1"}, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_runtime_set_up_installs_only_what_serving_needs():
    runtime, test = _packages("runtime"), _packages("test")
    assert "chromium" in runtime  # chart images (kaleido) at run time
    assert not {"postgresql", "chromium-driver"} & runtime
    assert {"postgresql", "chromium-driver", "chromium"} <= test


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_UPLOAD_USERS"}
    return {**env, "PYTHONPATH": str(ROOT)}


CHECK = ("import sys; from data.auth import verify_user; from data.settings import Settings; "
         "users = Settings.from_env().upload_users; "
         "sys.exit(0 if verify_user(users, sys.argv[1], sys.argv[2]) else 1)")


@pytest.mark.parametrize("shell", ["bash", "sh"])
def test_hash_password_reads_a_piped_password_and_its_line_pastes_into_a_shell(shell):
    name, password = "o'brien", 'pa$$ "word" `x` $HOME'
    printed = subprocess.run([PYTHON, "-m", "data", "hash-password", name], cwd=ROOT,
                             input=password + "\n", capture_output=True, text=True,
                             env=_clean_env(), timeout=60)
    assert printed.returncode == 0, printed.stderr
    [line] = printed.stdout.splitlines()
    assert line.startswith("export DASHBOARD_UPLOAD_USERS=")
    script = f"{line}\nexec {PYTHON} -c {shlex.quote(CHECK)} {shlex.quote(name)} " \
             f"{shlex.quote(password)}"
    pasted = subprocess.run([shell, "-c", script], cwd=ROOT, env=_clean_env(),
                            capture_output=True, text=True, timeout=60)
    assert pasted.returncode == 0, pasted.stderr  # the password verifies after pasting
    wrong = script.replace(shlex.quote(password), "wrong")
    assert subprocess.run([shell, "-c", wrong], cwd=ROOT, env=_clean_env(),
                          timeout=60).returncode == 1


def test_hash_password_refuses_an_empty_piped_password():
    done = subprocess.run([PYTHON, "-m", "data", "hash-password", "analyst"], cwd=ROOT,
                          input="", capture_output=True, text=True, env=_clean_env(), timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert "cannot be empty" in done.stderr



def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _serve_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite'}",
            "DASHBOARD_INSTANCE_DIR": str(tmp_path), "SKIP_SETUP": "1", **extra}


def test_serve_sh_honours_host_port_and_workers(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'serve.sqlite'}",
                        instance_dir=tmp_path)
    engine = make_engine(settings)
    upgrade(engine)
    areas = tmp_path / "areas.csv"
    areas.write_text("area_code,area_name,area_type,parent_code\nE92000001,England,england,\n")
    assert refresh(engine, [areas], user="t").ok  # a store with data: no sample is loaded
    engine.dispose()
    port = free_port()
    server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, start_new_session=True,
                              env=_serve_env(tmp_path, HOST="127.0.0.1", PORT=str(port),
                                             WORKERS="3"),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        status = _wait_for(f"http://127.0.0.1:{port}/", server)
        assert status == 200
        workers = _children(server.pid)  # serve.sh exec's gunicorn: this is its master
        assert len(workers) == 3
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=60)[0]
    assert f"Serving the dashboard at http://127.0.0.1:{port} with 3 worker(s)" in output


def _wait_for(url: str, server: subprocess.Popen, deadline: float = 120) -> int:
    """Poll until the server answers (it loads the app first), or fail with its output."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if server.poll() is not None:
            pytest.fail(f"serve.sh stopped: {server.communicate()[0]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(0.2)  # polling a port that is not open yet, not a readiness guess
    pytest.fail(f"no answer from {url} within {deadline} s")


@pytest.mark.parametrize(("variable", "value"), [("PORT", "80a"), ("PORT", "70000"),
                                                 ("WORKERS", "0"), ("WORKERS", "two")])
def test_serve_sh_refuses_a_bad_port_or_worker_count(tmp_path, variable, value):
    done = subprocess.run(["bash", "scripts/serve.sh"], cwd=ROOT, capture_output=True,
                          text=True, env=_serve_env(tmp_path, **{variable: value}), timeout=60)
    assert done.returncode == 2 and f"{variable} must be" in done.stderr

