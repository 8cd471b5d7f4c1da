"""The store bench.ui (and bench.load, bench.scale, bench.board_pack) times pages on:
national-scale extracts plus the sample's child death reviews and action plan, loaded
by the refresh into a fresh SQLite file."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from bench.national import TABLES, csv_rows, write_national
from data.refresh import refresh
from data.sample import write_sample
from data.settings import Settings
from data.store import make_engine, upgrade

AREA = "E08000003"  # Manchester: in the national hierarchy and in the sample's child deaths


def national_files(folder: Path, years: int, regions: list[str] | None,
                   extras: tuple[str, ...] = ("cdop", "action_plan"),
                   small_areas: int = 0) -> dict[str, Path]:
    """National-scale extracts (bench.national, with `small_areas` synthetic small areas)
    plus the sample's child death reviews and action plan (`extras`), written under
    `folder`; {name: path}."""
    paths = write_national(folder, TABLES, years=years, regions=regions, small_areas=small_areas)
    sample = _sample_files()
    for name in extras:  # child death reviews; the plan pages' plan
        paths[name] = folder / f"{name}.csv"
        paths[name].write_bytes(sample[name])
    return paths


@functools.cache
def _sample_files() -> dict[str, bytes]:
    """The sample's files by stem, written once a process: writing them takes seconds, and
    bench.scale builds a store at each of three sizes from the same ones."""
    with tempfile.TemporaryDirectory(prefix="bench-sample-") as folder:
        return {p.stem: p.read_bytes() for p in write_sample(Path(folder))}


def load_store(settings: Settings, paths: dict[str, Path]) -> None:
    """The files loaded by the refresh into a fresh, upgraded store."""
    engine = make_engine(settings)
    upgrade(engine)
    report = refresh(engine, list(paths.values()), user="bench")
    engine.dispose()
    if not report.ok:
        raise RuntimeError("refresh refused the benchmark files:\n" + "\n".join(report.lines()[:20]))


def build_store(folder: Path, years: int, regions: list[str] | None,
                small_areas: int = 0) -> tuple[Settings, dict]:
    """`national_files` loaded into a fresh SQLite store under `folder`; the settings and
    the rows per file."""
    settings = Settings(database_url=f"sqlite:///{folder / 'store.sqlite'}", instance_dir=folder)
    if (folder / "store.sqlite").exists() and (folder / "files").is_dir():  # --keep, second run
        return settings, csv_rows({p.stem: p for p in sorted((folder / "files").glob("*.csv"))})
    paths = national_files(folder / "files", years, regions, small_areas=small_areas)
    load_store(settings, paths)
    return settings, csv_rows(paths)
