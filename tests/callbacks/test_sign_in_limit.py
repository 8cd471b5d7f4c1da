"""Failed sign-ins are limited per user name and, briefly, per client address: the sixth try
for a name within 15 minutes gets 429 with Retry-After and its password is not even
checked; an address spraying names waits a minute at most, so the right user behind it is
not locked out; the windows slide; a success clears its user name's count. The counts are
shared (the store, or Redis), tested here on SQLite, PostgreSQL and Redis."""

from __future__ import annotations

import itertools

import pytest

from app import create_app
from data.auth import hash_password
from data.settings import Settings
from data.sign_in_limits import ADDRESS_RULE, USER_RULE, RedisBackend, Rule, SignInLimits, StoreBackend
from data.store import make_engine, upgrade

USER, PASSWORD = "analyst", "a long test passphrase"
OTHER, OTHER_PASSWORD = "second", "another long passphrase"
WINDOW = 15 * 60
_numbers = itertools.count(1)


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


def test_one_address_trying_many_names_is_held_back_briefly(app):
    for number in range(ADDRESS_RULE.limit):
        assert not _signed_in(_sign_in(app, f"guess{number}", "wrong", address="203.0.113.9"))
    held = _sign_in(app, OTHER, OTHER_PASSWORD, address="203.0.113.9")
    assert held.status_code == 429
    assert 0 < int(held.headers["Retry-After"]) <= ADDRESS_RULE.window  # a minute, not 15
    assert _signed_in(_sign_in(app, OTHER, OTHER_PASSWORD, address="203.0.113.10"))


def test_a_few_typos_from_an_address_do_not_hold_back_the_right_user(app):
    for _ in range(4):  # mistyped under another name, then a wrong password
        _sign_in(app, "analyts", "wrong", address="192.0.2.80")
    assert _signed_in(_sign_in(app, USER, PASSWORD, address="192.0.2.80"))


def test_four_failures_then_success_clears_the_name(app):
    for _ in range(4):
        _sign_in(app, USER, "wrong", address="192.0.2.50")
    assert _signed_in(_sign_in(app, USER, PASSWORD, address="192.0.2.51"))
    for _ in range(4):  # four more from elsewhere: the name's count started again
        _sign_in(app, USER, "wrong", address="192.0.2.52")
    assert _signed_in(_sign_in(app, USER, PASSWORD, address="192.0.2.53"))


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres),
                        pytest.param("redis", marks=pytest.mark.redis)])
def backend(request, tmp_path):
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        backend = RedisBackend(server.url)
        backend.redis.flushdb()
        yield backend
        return
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'limits.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database(f"limits_{next(_numbers)}")
    engine = make_engine(Settings(database_url=url, instance_dir=tmp_path))
    upgrade(engine)
    yield StoreBackend(engine)
    engine.dispose()


def _fail(limits: SignInLimits, name: str, address: str) -> int | None:
    attempt, wait = limits.begin(name, address)
    if attempt is not None:
        limits.failed(attempt)
    return wait


def test_the_window_slides_and_retry_after_counts_down(backend):
    clock = Clock()
    limits = SignInLimits(backend, (Rule("user", 3, 60), Rule("address", 100, 60)), clock)
    for step in range(3):
        clock.now = 1_000_000.0 + 10 * step  # failures at +0, +10, +20
        assert _fail(limits, "name", f"192.0.2.{step}") is None
    assert _fail(limits, "name", "192.0.2.9") == 40  # the oldest leaves the window at +60
    clock.now = 1_000_059.5
    assert _fail(limits, "name", "192.0.2.9") == 1
    clock.now = 1_000_060.0
    assert _fail(limits, "name", "192.0.2.9") is None  # two left in the window, so a try
    assert _fail(limits, "name", "192.0.2.9") == 10  # +10 leaves at +70
    assert _fail(limits, "someone else", "192.0.2.9") is None


def test_held_back_tries_do_not_prolong_the_wait(backend):
    clock = Clock()
    limits = SignInLimits(backend, (Rule("user", 2, 60), Rule("address", 100, 60)), clock)
    _fail(limits, "name", "a")
    _fail(limits, "name", "a")
    for _ in range(20):
        clock.now += 2
        assert _fail(limits, "name", "a") is not None
    clock.now = 1_000_060.5
    assert _fail(limits, "name", "a") is None


def test_a_success_clears_the_name_but_not_the_address(backend):
    clock = Clock()
    limits = SignInLimits(backend, (Rule("user", 3, 900), Rule("address", 3, 60)), clock)
    _fail(limits, "name", "a")
    _fail(limits, "name", "a")
    attempt, wait = limits.begin("name", "a")
    assert wait is None
    limits.succeeded(attempt)
    assert _fail(limits, "name", "b") is None and _fail(limits, "name", "b") is None
    # "a" keeps its two failures (the success itself is not one): one more try, then a wait
    assert _fail(limits, "other", "a") is None
    assert _fail(limits, "third", "a") is not None


def test_nothing_typed_as_a_user_name_is_stored(store):
    SignInLimits(StoreBackend(store)).begin("my secret passphrase", "192.0.2.1")
    with store.connect() as connection:
        rows = connection.exec_driver_sql("SELECT key_hash FROM sign_in_attempt").scalars().all()
    assert len(rows) == 2 and all(len(r) == 64 and "secret" not in r for r in rows)


def test_the_default_rules():
    assert (USER_RULE.limit, USER_RULE.window) == (5, 15 * 60)
    assert (ADDRESS_RULE.limit, ADDRESS_RULE.window) == (10, 60)
