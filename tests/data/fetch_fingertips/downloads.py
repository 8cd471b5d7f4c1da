"""Fingertips downloads built under the real export's header, and what the fetch tests read back."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from data.fetching import fingertips_folder
from data.schema import load, raw_row
from tests.data.http_stand_in import StandIn

EXPORT = "fingertips-export-sample/indicators-CountyUA.data.csv"
PATH = "/api/all_data/csv/by_indicator_id"


def built_download(real_export: bytes, rows: list[dict[str, str]]) -> bytes:
    """A download under the real export's header line, written as Fingertips writes (CRLF)."""
    header_line = real_export.split(b"\r\n", 1)[0]
    header = next(csv.reader(io.StringIO(header_line.decode())))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return header_line + b"\r\n" + out.getvalue().encode()


def export_row(indicator: str, code: str, name: str, area_type: str, parent: str, value: float,
         count: int, denominator: int, period: str = "2021 - 23") -> dict[str, str]:
    return {"Indicator ID": indicator, "Indicator Name": f"Indicator {indicator}",
            "Parent Code": parent, "Area Code": code, "Area Name": name, "Area Type": area_type,
            "Sex": "Persons", "Age": "<1 yr", "Time period": period, "Value": str(value),
            "Lower CI 95.0 limit": str(value * 0.8), "Upper CI 95.0 limit": str(value * 1.2),
            "Count": str(count), "Denominator": str(denominator),
            "Compared to England value or percentiles": "Similar",
            "Time period Sortable": "20210000"}


SHARED = [("E92000001", "England", "England", ""), ("E12000002", "North West region", "Region",
                                                     "E92000001")]


def area_type_file(real_export: bytes, area_type: str, areas: list[tuple[str, str]]) -> bytes:
    rows = []
    for indicator in ("92196", "93085"):
        for code, name, kind, parent in SHARED:
            rows.append(export_row(indicator, code, name, kind, parent, 3.9, 7000, 1800000))
        for code, name in areas:
            rows.append(export_row(indicator, code, name, area_type, "E12000002", 4.4, 60, 13000))
    return built_download(real_export, rows)


def fetch_settings(store_settings, server: StandIn, **overrides):
    values = {"fingertips_api_url": f"{server.url}/api", "fingertips_timeout": 2,
              "fingertips_retries": 1, "fingertips_backoff": 0.01, **overrides}
    return replace(store_settings, **values)


def load_counts(engine) -> tuple[int, int]:
    with engine.connect() as connection:
        return (connection.execute(select(func.count()).select_from(load)).scalar_one(),
                connection.execute(select(func.count()).select_from(raw_row)).scalar_one())


def kept_files(settings) -> list[Path]:
    folder = fingertips_folder(settings)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def known_rows(data: bytes, known: set[str]) -> set[tuple[str, ...]]:
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return {(r["Indicator ID"], r["Area Code"], r["Sex"], r["Age"], r["Category Type"],
             r["Category"], r["Time period"]) for r in records if r["Area Code"] in known}
