"""The web server's side file for SQLite stores: made safely by many processes at once,
as gunicorn's workers all make it when they start (the switch to WAL and the tables' look-
then-create both raced; a lost race stopped gunicorn). A race is a chance: each run releases
PROCESSES processes together ROUNDS times."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import inspect

from data.settings import Settings
from data.web_state import web_state_engine, web_state_path

PROCESSES = 8
ROUNDS = 5


def _open(url: str, folder: str, barrier) -> None:
    settings = Settings(database_url=url, instance_dir=folder)
    barrier.wait()  # every process asks for the side file at the same moment
    web_state_engine(settings, None)


def test_many_processes_starting_together_all_get_the_side_tables(tmp_path):
    context = multiprocessing.get_context("fork")
    rounds = []
    for round_number in range(ROUNDS):  # a fresh side file each round
        folder = tmp_path / f"round{round_number}"
        folder.mkdir()
        store = f"sqlite:///{folder / 'store.sqlite'}"
        barrier = context.Barrier(PROCESSES)
        workers = [context.Process(target=_open, args=(store, str(folder), barrier))
                   for _ in range(PROCESSES)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)
        rounds.append([worker.exitcode for worker in workers])
        side = web_state_engine(Settings(database_url=store, instance_dir=folder), None)
        assert {"sign_in_attempt", "upload_job"} <= set(inspect(side).get_table_names())
        assert web_state_path(Settings(database_url=store, instance_dir=folder)).exists()
    assert rounds == [[0] * PROCESSES] * ROUNDS, f"processes that failed to open the side file: {rounds}"
