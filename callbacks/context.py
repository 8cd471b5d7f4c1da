"""What every callback module is handed: the store engine and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from data.settings import Settings


@dataclass(frozen=True)
class AppContext:
    engine: Engine
    settings: Settings
