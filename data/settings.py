"""The one settings object, read from the environment when asked for (never at import)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The CPU priority of work that can wait for the dashboard's visitors on the same machine:
# the servers' warm-up, and loads from the command line (unless `--priority normal`).
BACKGROUND_NICENESS = 10


@dataclass(frozen=True)
class Settings:
    """Configuration for the dashboard and the refresh command.

    database_url: SQLAlchemy URL; `DATABASE_URL` selects PostgreSQL for a shared
        deployment, otherwise a SQLite file under `instance/`.
    upload_users: user name -> password hash (werkzeug format), from
        `DASHBOARD_UPLOAD_USERS` as `name:hash,name:hash`.
    small_count_max: child-death counts from 1 to this are suppressed on screen.
    record_viewers: the upload users who may see record-level child death review details
        (revision examples) on the web, from `DASHBOARD_RECORD_VIEWERS` (`name,name`);
        None (unset) means every upload user.
    proxy_hops: how many proxies in front to trust for X-Forwarded-For/-Proto/-Host
        (`DASHBOARD_PROXY_HOPS`, 0 when served directly); see README "Deployment".
    redis_url: `REDIS_URL`, a shared Redis for the sign-in limit and the cache of query
        results and page outputs; the store and a per-process cache otherwise.
    fingertips_*: `python -m data fetch fingertips`: the API's base URL
        (`FINGERTIPS_API_URL`), seconds to wait for the server (`FINGERTIPS_TIMEOUT`),
        retries after a server error, timeout or broken download (`FINGERTIPS_RETRIES`)
        and the first pause between tries in seconds, doubled each time
        (`FINGERTIPS_BACKOFF`).
    precompute_seconds: `DASHBOARD_PRECOMPUTE_SECONDS`, the refresh time the pages'
        precomputed results may add (data.precompute; unset: its BUDGET_SECONDS).
    warm_seconds: `DASHBOARD_WARM_SECONDS`, the time a server's low-priority warm-up may
        spend after each load on the pages' finished first views (callbacks.warm; unset:
        `DASHBOARD_PRECOMPUTE_SECONDS` when that is set, else its WARM_SECONDS).
    relative_risks_csv: `DASHBOARD_RELATIVE_RISKS`, a CSV replacing the scenario tool's
        table of relative risks (columns: indicators.scenarios.risks.RISK_COLUMNS).
    """

    database_url: str
    instance_dir: Path
    secret_key: str = "dev-only-change-me"
    upload_users: Mapping[str, str] = field(default_factory=dict)
    small_count_max: int = 4
    sample_data: bool = True
    record_viewers: frozenset[str] | None = None
    proxy_hops: int = 0
    redis_url: str | None = None
    fingertips_api_url: str = "https://fingertips.phe.org.uk/api"
    fingertips_timeout: float = 60.0
    fingertips_retries: int = 3
    fingertips_backoff: float = 2.0
    relative_risks_csv: Path | None = None
    precompute_seconds: float | None = None
    warm_seconds: float | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        instance = Path(env.get("DASHBOARD_INSTANCE_DIR", PROJECT_ROOT / "instance"))
        url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'dashboard.sqlite'}"
        return cls(
            database_url=url,
            instance_dir=instance,
            secret_key=env.get("DASHBOARD_SECRET_KEY", "dev-only-change-me"),
            upload_users=_parse_users(env.get("DASHBOARD_UPLOAD_USERS", "")),
            small_count_max=int(env.get("DASHBOARD_SMALL_COUNT_MAX", "4")),
            sample_data=env.get("DASHBOARD_SAMPLE_DATA", "1") not in {"0", "false", "no"},
            record_viewers=_parse_names(env.get("DASHBOARD_RECORD_VIEWERS")),
            proxy_hops=int(env.get("DASHBOARD_PROXY_HOPS", "0") or 0),
            redis_url=env.get("REDIS_URL") or None,
            fingertips_api_url=env.get("FINGERTIPS_API_URL") or cls.fingertips_api_url,
            fingertips_timeout=float(env.get("FINGERTIPS_TIMEOUT", cls.fingertips_timeout)),
            fingertips_retries=int(env.get("FINGERTIPS_RETRIES", cls.fingertips_retries)),
            fingertips_backoff=float(env.get("FINGERTIPS_BACKOFF", cls.fingertips_backoff)),
            relative_risks_csv=Path(env["DASHBOARD_RELATIVE_RISKS"])
            if env.get("DASHBOARD_RELATIVE_RISKS") else None,
            precompute_seconds=float(env["DASHBOARD_PRECOMPUTE_SECONDS"])
            if env.get("DASHBOARD_PRECOMPUTE_SECONDS") else None,
            warm_seconds=float(env["DASHBOARD_WARM_SECONDS"])
            if env.get("DASHBOARD_WARM_SECONDS") else None,
        )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _parse_users(text: str) -> dict[str, str]:
    # A werkzeug hash contains ':' itself (e.g. "scrypt:32768:8:1$salt$hash"), so split once.
    users: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, hashed = item.partition(":")
        if name and hashed:
            users[name] = hashed
    return users


def _parse_names(text: str | None) -> frozenset[str] | None:
    if text is None:
        return None
    return frozenset(filter(None, (part.strip() for part in text.split(","))))
