"""Upload sign-in: werkzeug hashes checked, unknown users and wrong passwords refused."""

from __future__ import annotations

import io
import shlex

import pytest

from data.auth import (
    hash_password,
    hash_password_command,
    upload_unavailable_reason,
    users_entry,
    verify_user,
)
from data.settings import Settings


@pytest.fixture(scope="module")
def users() -> dict[str, str]:
    return {"analyst": hash_password("correct horse battery"), "lead": hash_password("other words")}


def test_the_hash_is_salted_and_never_the_password(users):
    again = hash_password("correct horse battery")
    assert "correct horse battery" not in users["analyst"]
    assert users["analyst"].startswith("scrypt:")
    assert again != users["analyst"]  # a fresh salt each time


def test_the_right_password_signs_in(users):
    assert verify_user(users, "analyst", "correct horse battery")
    assert verify_user(users, "lead", "other words")


def test_a_wrong_password_is_refused(users):
    assert not verify_user(users, "analyst", "correct horse")
    assert not verify_user(users, "analyst", "other words")  # another user's password
    assert not verify_user(users, "analyst", "")


def test_an_unknown_user_is_refused(users):
    assert not verify_user(users, "stranger", "correct horse battery")
    assert not verify_user(users, "Analyst", "correct horse battery")  # names are exact
    assert not verify_user({}, "analyst", "correct horse battery")


def test_a_malformed_hash_signs_nobody_in():
    assert not verify_user({"analyst": "not-a-hash"}, "analyst", "not-a-hash")


def test_users_entry_round_trips_through_settings():
    text = ",".join([users_entry("analyst", "pw one"), users_entry("lead", "pw two")])
    settings = Settings.from_env({"DASHBOARD_UPLOAD_USERS": text})
    assert set(settings.upload_users) == {"analyst", "lead"}
    assert verify_user(settings.upload_users, "analyst", "pw one")
    assert verify_user(settings.upload_users, "lead", "pw two")
    assert not verify_user(settings.upload_users, "lead", "pw one")


@pytest.mark.parametrize("name", ["", "a,b", "a:b"])
def test_users_entry_refuses_names_the_setting_cannot_hold(name):
    with pytest.raises(ValueError):
        users_entry(name, "password")


def test_hash_password_command_prints_an_entry_that_verifies():
    answers = iter(["s3cret words", "s3cret words"])
    out = io.StringIO()
    assert hash_password_command("analyst", read_password=lambda _prompt: next(answers), out=out) == 0
    assignment, = shlex.split(out.getvalue().strip().removeprefix("export "))
    variable, _, entry = assignment.partition("=")
    name, _, hashed = entry.partition(":")
    assert variable == "DASHBOARD_UPLOAD_USERS"
    assert name == "analyst" and verify_user({name: hashed}, "analyst", "s3cret words")


def test_hash_password_command_refuses_two_different_passwords(capsys):
    answers = iter(["first", "second"])
    out = io.StringIO()
    assert hash_password_command("analyst", read_password=lambda _prompt: next(answers), out=out) == 1
    assert out.getvalue() == ""
    assert "differ" in capsys.readouterr().err


def test_uploads_stay_off_without_users_or_with_the_default_secret(tmp_path):
    base = Settings(database_url="sqlite://", instance_dir=tmp_path)
    users = {"analyst": hash_password("pw")}
    assert "DASHBOARD_UPLOAD_USERS" in upload_unavailable_reason(base)
    with_users = Settings(database_url="sqlite://", instance_dir=tmp_path, upload_users=users)
    assert "DASHBOARD_SECRET_KEY" in upload_unavailable_reason(with_users)
    ready = Settings(database_url="sqlite://", instance_dir=tmp_path, upload_users=users,
                     secret_key="a long random test secret, 32 bytes+")
    assert upload_unavailable_reason(ready) is None
