"""A dashboard over the synthetic sample data, built once for the browser tests."""

from __future__ import annotations

import pytest

from data.settings import Settings


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory, sample_stores) -> Settings:
    # as init-sample loads it: the local extracts, the national (synthetic) Fingertips file
    # and the sample's action plan
    return sample_stores.copy(tmp_path_factory.mktemp("browser-store")).settings


@pytest.fixture
def dashboard(sample_settings):
    from app import create_app

    return create_app(sample_settings)
