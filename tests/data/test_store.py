"""The store's schema: migrations build exactly the tables the code describes, on both backends."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from data.schema import metadata
from data.settings import Settings
from data.store import make_engine, schema_is_current, upgrade


def test_migrations_build_the_schema_the_code_describes(store):
    with store.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
    assert set(sa.inspect(store).get_table_names()) >= {
        "area", "indicator", "indicator_value", "load", "raw_row", "alembic_version"}


def test_upgrade_is_idempotent_and_reports_current(store):
    assert schema_is_current(store)
    upgrade(store)  # a second upgrade of an up-to-date database changes nothing
    assert schema_is_current(store)


def test_an_empty_database_is_not_current_until_upgraded(tmp_path):
    engine = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'new.sqlite'}",
                                  instance_dir=tmp_path))
    assert not schema_is_current(engine)
    upgrade(engine)
    assert schema_is_current(engine)


def test_settings_choose_the_database_from_database_url_alone(tmp_path):
    default = Settings.from_env({"DASHBOARD_INSTANCE_DIR": str(tmp_path)})
    assert default.database_url == f"sqlite:///{tmp_path / 'dashboard.sqlite'}"
    shared = Settings.from_env({"DATABASE_URL": "postgresql+psycopg://u@h/db"})
    assert shared.database_url == "postgresql+psycopg://u@h/db" and not shared.is_sqlite


def test_upload_users_parse_werkzeug_hashes_with_colons():
    hashed = "scrypt:32768:8:1$salt$abc"
    settings = Settings.from_env({"DASHBOARD_UPLOAD_USERS": f"ann:{hashed}, bob:pbkdf2:x$y$z"})
    assert dict(settings.upload_users) == {"ann": hashed, "bob": "pbkdf2:x$y$z"}
