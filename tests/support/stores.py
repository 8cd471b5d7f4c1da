"""Stores holding the synthetic sample, built once per session and copied for each user.

Loading the sample through the refresh is the slow part of many fixtures; the same extracts
and `last_year` give the same store, so the first request builds it in a session folder and
every request (the first included) gets its own copy: a test that changes its store changes
nobody else's. The copy is SQLite's online backup, so it holds exactly what was committed.
The session folder may be shared by pytest-xdist's workers: a file lock makes the first
worker to ask build each sample and store, and the others wait for it and copy the same.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from data.refresh import refresh
from data.sample import write_sample
from data.settings import Settings
from data.store import make_engine, upgrade

# Every sample file, in the order init-sample loads them (write_sample's order).
ALL = ("areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop",
       "fingertips_synthetic_national", "action_plan", "booking", "conceptions",
       "births_deaths_ethnicity")


@dataclass(frozen=True)
class SampleStore:
    """A store's settings (its SQLite file under `folder`) and the sample files it was
    loaded from, by file stem (read-only: a test that needs a changed file writes a copy)."""

    settings: Settings
    files: dict[str, Path]
    folder: Path

    @property
    def path(self) -> Path:
        return Path(self.settings.database_url.removeprefix("sqlite:///"))


class SampleStores:
    """Builds each (extracts, last_year) store once under `root`; `copy` hands out copies."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._files: dict[int | None, dict[str, Path]] = {}
        self._built: dict[tuple, Path] = {}

    def files(self, last_year: int | None = None) -> dict[str, Path]:
        """The sample written once per `last_year` (None: the default year), by stem."""
        if last_year not in self._files:
            folder = self._root / f"sample-{last_year or 'default'}"
            listing = folder / "files.txt"  # written last: the sample is whole
            with self._lock(folder.name):
                if listing.is_file():
                    paths = [folder / name for name in listing.read_text().split()]
                else:
                    paths = write_sample(folder, last_year=last_year)
                    listing.write_text("\n".join(p.name for p in paths))
            self._files[last_year] = {p.stem: p for p in paths}
        return self._files[last_year]

    def _template(self, extracts: tuple[str, ...], last_year: int | None) -> Path:
        key = (extracts, last_year)
        if key not in self._built:
            files = self.files(last_year)
            name = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
            path = self._root / f"store-{name}.sqlite"
            with self._lock(path.name):
                if not path.is_file():
                    partial = path.with_name(f"{path.stem}.building.sqlite")
                    partial.unlink(missing_ok=True)
                    engine = make_engine(Settings(database_url=f"sqlite:///{partial}",
                                                  instance_dir=self._root))
                    upgrade(engine)
                    report = refresh(engine, [files[name] for name in extracts], user="sample-data")
                    engine.dispose()
                    assert report.ok, report.lines()
                    os.replace(partial, path)
            self._built[key] = path
        return self._built[key]

    @contextmanager
    def _lock(self, name: str) -> Iterator[None]:
        """Held while one process builds `name` under the root (others wait, then reuse it)."""
        self._root.mkdir(parents=True, exist_ok=True)
        with open(self._root / f"{name}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def copy(self, folder: Path, extracts: Iterable[str] = ALL, *, last_year: int | None = None,
             name: str = "store.sqlite", **settings: object) -> SampleStore:
        """A fresh copy, at `folder / name`, of the store holding `extracts` (file stems,
        loaded in the order given) of the sample ending in `last_year`; `settings` are
        further Settings fields (secret_key, upload_users...)."""
        folder.mkdir(parents=True, exist_ok=True)
        template = self._template(tuple(extracts), last_year)
        target = folder / name
        with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
        copy.close()
        config = Settings(database_url=f"sqlite:///{target}", instance_dir=folder)
        return SampleStore(dataclasses.replace(config, **settings), self.files(last_year), folder)
