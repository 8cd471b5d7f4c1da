"""Failed sign-ins are limited per user name and per client address: the sixth try within 15
minutes gets 429 with Retry-After and its password is not even checked; other names and
addresses are not held back; the window slides; a success clears its user name's count."""

from __future__ import annotations

import pytest

from app import create_app
from data.auth import FailedSignIns, hash_password
from data.settings import Settings

USER, PASSWORD = "analyst", "a long test passphrase"
OTHER, OTHER_PASSWORD = "second", "another long passphrase"
WINDOW = 15 * 60


@pytest.fixture(scope="module")
def users() -> dict[str, str]:
    return {USER: hash_password(PASSWORD), OTHER: hash_password(OTHER_PASSWORD)}


@pytest.fixture
def app(users, tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.sqlite'}", instance_dir=tmp_path,
                        secret_key="test secret, long and random enough", upload_users=users)
    return create_app(settings)


def _sign_in(app, name: str, password: str, address: str = "192.0.2.1"):
    client = app.server.test_client()
    environ = {"REMOTE_ADDR": address}
    token = client.get("/data/session", environ_base=environ).get_json()["csrf_token"]
    return client.post("/data/sign-in", environ_base=environ, headers={"Accept": "application/json"},
                       data={"username": name, "password": password, "csrf_token": token})


def _signed_in(response) -> bool:
    return response.status_code == 303 and "sign_in=failed" not in response.headers["Location"]


def test_five_wrong_passwords_then_even_the_right_one_waits(app):
    for _ in range(5):
        assert _sign_in(app, USER, "wrong").headers["Location"].endswith("sign_in=failed")
    held = _sign_in(app, USER, PASSWORD)
    assert held.status_code == 429
    assert 0 < int(held.headers["Retry-After"]) <= WINDOW
    assert "Too many failed sign-ins" in held.get_json()["error"]
    # the user name is held back from any address; another user is not
    assert _sign_in(app, USER, PASSWORD, address="198.51.100.7").status_code == 429
    assert _signed_in(_sign_in(app, OTHER, OTHER_PASSWORD, address="198.51.100.7"))


def test_one_address_trying_many_names_is_held_back(app):
    for number in range(5):
        assert not _signed_in(_sign_in(app, f"guess{number}", "wrong", address="203.0.113.9"))
    assert _sign_in(app, OTHER, OTHER_PASSWORD, address="203.0.113.9").status_code == 429
    assert _signed_in(_sign_in(app, OTHER, OTHER_PASSWORD, address="203.0.113.10"))


def test_four_failures_then_success_clears_the_name(app):
    for _ in range(4):
        _sign_in(app, USER, "wrong", address="192.0.2.50")
    assert _signed_in(_sign_in(app, USER, PASSWORD, address="192.0.2.51"))
    for _ in range(4):  # four more from elsewhere: the name's count started again
        _sign_in(app, USER, "wrong", address="192.0.2.52")
    assert _signed_in(_sign_in(app, USER, PASSWORD, address="192.0.2.53"))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_window_slides_and_retry_after_counts_down():
    clock = Clock()
    failures = FailedSignIns(limit=3, window=60, clock=clock)
    for step in range(3):
        clock.now = 1000.0 + 10 * step  # failures at 1000, 1010, 1020
        assert failures.retry_after("name") is None
        failures.record_failure("name")
    assert failures.retry_after("name") == 40  # the oldest leaves the window at 1060
    clock.now = 1059.5
    assert failures.retry_after("name") == 1
    clock.now = 1060.0
    assert failures.retry_after("name") is None  # two left in the window
    failures.record_failure("name")
    assert failures.retry_after("name") == 10  # 1010 leaves at 1070
    assert failures.retry_after("someone else") is None


def test_forgotten_keys_and_a_cap_on_how_many_are_kept():
    clock = Clock()
    failures = FailedSignIns(limit=1, window=60, max_keys=100, clock=clock)
    for number in range(250):
        failures.record_failure(f"made-up {number}")
    assert len(failures._failures) == 100
    assert failures.retry_after("made-up 249") is not None and failures.retry_after("made-up 0") is None
    clock.now += 61
    failures.record_failure("late")
    assert list(failures._failures) == ["late"]  # the expired are dropped as new ones come
