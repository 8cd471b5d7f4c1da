"""Smoke test of the board pack benchmark at a tiny scale (one region, 3 years): it builds the
pack and its PDF and prints the table. No timing is asserted."""

from __future__ import annotations

import pytest

from bench import board_pack

NORTH_WEST = "E12000002"


@pytest.mark.browser
def test_command_prints_the_pack_table(capsys, tmp_path):
    figures = board_pack.main(["--regions", NORTH_WEST, "--years", "3", "--repeat", "1",
                               "--keep", str(tmp_path / "store")])
    out = capsys.readouterr().out
    assert "HTML pack, first after a load" in out and "images reused" in out
    assert "PDF, first" in out and "kB" in out
    assert all(figures[key][0] > 0 for key in ("baseline", "html cold", "html first", "html again",
                                               "pdf first", "pdf again"))
    assert 10_000 < figures["html bytes"] and figures["pdf bytes"] > 10_000
