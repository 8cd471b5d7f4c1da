"""Where a refresh's time goes: timers around the public steps of `data.refresh.refresh`
and the indicator engine, installed without touching their code (see PhaseTimer)."""

from __future__ import annotations

from bench.measure import PhaseTimer

# (depth, label, module, attribute): each function is looked up by its caller at call time
# in `module`, so wrapping it there times every call the refresh makes.
PHASES: tuple[tuple[int, str, str, str], ...] = (
    (0, "read + validate files", "data.refresh", "read_extract"),
    # the file is read a chunk at a time inside checked_chunks, so reading is timed there
    (1, "read, check and convert (chunks)", "data.readers.read", "checked_chunks"),
    (2, "check cells (pandera)", "data.readers.tables", "check_cells"),
    (2, "convert cells to values", "data.readers.tables", "convert"),
    (2, "check rows (pandera)", "data.readers.tables", "check_rows"),
    (0, "area codes: known in store", "data.refresh", "_known_area_codes"),
    (0, "area codes: check", "data.refresh", "validate_area_codes"),
    (0, "load log", "data.load_log", "start_load"),
    (0, "areas upsert", "data.refresh", "_upsert_areas"),
    (0, "raw rows upsert", "data.refresh", "upsert_table"),
    (1, "row keys", "data.raw_rows", "row_keys"),
    (1, "JSON payloads", "data.raw_rows", "payloads"),
    (1, "row periods", "data.raw_rows", "row_periods"),
    (0, "catalogue", "data.refresh", "write_catalogue"),
    (0, "recompute", "data.refresh", "recompute"),
    (1, "read raw rows back (JSON)", "data.indicator_store", "read_raw_tables"),
    (1, "compute indicator values", "data.indicator_store", "compute_blended"),
    (2, "area tree", "indicators.engine", "build_tree"),
    (2, "counts from each raw table", "indicators.engine", "FAMILIES"),
    (2, "parent aggregates", "indicators.engine", "_aggregate"),
    (2, "pooled periods", "indicators.engine", "_pooled_series"),
    (2, "values + CIs", "indicators.engine", "add_values"),
    (2, "suppression", "indicators.engine", "suppress_child_deaths"),
    (2, "Fingertips rows as values", "indicators.engine", "fingertips_values"),
    (2, "precedence (blend)", "indicators.engine", "choose"),
    (2, "period columns", "indicators.engine", "add_period_columns"),
    (2, "data quality", "indicators.engine", "add_data_quality"),
    (2, "comparisons", "indicators.engine", "add_comparisons"),
    (2, "recent trends", "indicators.engine", "add_trends"),
    (2, "finish (sort, columns)", "indicators.engine", "finish"),
    (1, "sources of values", "data.indicator_store", "attach_sources"),
    (1, "insert values", "data.indicator_store", "insert_frame"),
    (0, "load log", "data.load_log", "finish_load"),
    (0, "precompute page results", "data.refresh", "precompute"),
)


def install(modules: tuple[str, ...] | None = None) -> PhaseTimer:
    """Wrap every step of PHASES (or only those found in `modules`) with one timer."""
    timer = PhaseTimer()
    for _, label, module, attribute in PHASES:
        if modules is None or module in modules:
            timer.wrap(module, attribute, label)
    return timer


BREAKDOWN_HEADERS = ["step", "calls", "seconds", "% of total", "peak MB rise"]


def breakdown(timer: PhaseTimer, total: float,
              rest: str = "other (commit, transaction, glue)") -> list[tuple]:
    """Rows (step, calls, seconds, share of the total, rise of the process's peak memory
    inside the step) in the order of PHASES, with the time outside every top-level step
    (`rest`: for a refresh, commit, transaction and glue) as its own row."""
    timed = [(depth, label) for depth, label, _, _ in PHASES if label in timer.seconds]
    top_depth = min((depth for depth, _ in timed), default=0)
    rows, seen, top = [], set(), 0.0
    for depth, label in timed:
        if label in seen:
            continue
        seen.add(label)
        seconds = timer.seconds[label]
        if depth == top_depth:
            top += seconds
        rows.append(("  " * (depth - top_depth) + label, timer.calls[label], seconds,
                     100 * seconds / total, timer.peak_rise[label]))
    rows.append((rest, 1, total - top, 100 * (total - top) / total, ""))
    return rows
