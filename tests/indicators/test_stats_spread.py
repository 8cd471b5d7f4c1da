"""Box plot statistics against numpy's linear interpolation, and the type 7 formula by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.stats.spread import PERCENTILES, box_statistics


def test_percentiles_equal_numpys_linear_interpolation():
    rng = np.random.default_rng(5)
    values = pd.Series(rng.gamma(4, 1.2, 90))
    values[[3, 40]] = np.nan
    groups = pd.Series(np.repeat(["2021", "2022", "2023"], 30))
    stats = box_statistics(values, groups).set_index("group")
    for group in ("2021", "2022", "2023"):
        present = values[groups == group].dropna().to_numpy()
        assert stats.at[group, "count"] == len(present)
        for name, p in PERCENTILES.items():
            assert stats.at[group, name] == pytest.approx(np.percentile(present, p), rel=1e-12)


def test_type_7_by_hand_and_empty_groups():
    stats = box_statistics(pd.Series([1.0, 2.0, 4.0, 8.0, np.nan]),
                           pd.Series(["a", "a", "a", "a", "b"])).set_index("group")
    # n = 4: the 5th percentile sits at h = 3 * 0.05 = 0.15, between 1 and 2.
    assert stats.at["a", "p5"] == pytest.approx(1.15)
    assert stats.at["a", "median"] == pytest.approx(3.0)
    assert stats.at["a", "p95"] == pytest.approx(4.0 + 0.85 * 4.0)
    assert stats.at["b", "count"] == 0 and np.isnan(stats.at["b", "median"])
