"""Rendering for the board pack: charts as images with kaleido (one headless browser kept
for all of them), and the pack's HTML printed to PDF by headless Chromium's own printer."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
import warnings
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

_server_lock = threading.Lock()
_render_lock = threading.Lock()
_server_started = False
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
PRINT_TIMEOUT_S = 60


def start_image_server() -> None:
    """Keep one headless browser for all images (about 0.3 s each instead of 2.5 s)."""
    global _server_started
    with _server_lock:
        if _server_started:
            return
        try:
            import kaleido
            kaleido.start_sync_server(silence_warnings=True)
        except (ImportError, AttributeError):
            pass  # older kaleido: each image starts its own browser, slower but correct
        _server_started = True


def figure_image(figure: go.Figure | dict, format: str, width: int, height: int | None) -> bytes:
    """The figure as image bytes. A plain figure dict (layouts.figures.figure_dict) is sent as it
    is: checking it against plotly's schema first (go.Figure) costs as much as drawing it."""
    start_image_server()
    layout = figure.get("layout", {}) if isinstance(figure, dict) else figure.layout
    height = height or (layout.get("height") if isinstance(figure, dict) else layout.height) or 500
    # kaleido's shared server hands results back in a queue that concurrent callers could
    # take in the wrong order, so this process renders one image at a time.
    with _render_lock, warnings.catch_warnings():
        # plotly passes options the running server ignores, and says so each time
        warnings.filterwarnings("ignore", message="The kopts argument is ignored",
                                category=UserWarning)
        return pio.to_image(figure, format=format, width=width, height=height,
                            validate=not isinstance(figure, dict))


def figure_png(figure: go.Figure | dict, width: int = 1000, height: int | None = None) -> bytes:
    """The figure as PNG bytes, rendered by kaleido with the system Chromium."""
    return figure_image(figure, "png", width, height)


def figure_svg(figure: go.Figure | dict, width: int = 900, height: int | None = None) -> str:
    """The figure as SVG text (a tenth of a PNG's size here, and sharp when printed)."""
    return figure_image(figure, "svg", width, height).decode("utf-8")


def chromium_path() -> str:
    """The system Chromium (the runtime set-up installs Debian's); FileNotFoundError if none."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError("no Chromium found to print the board pack: install chromium")


def html_to_pdf(html_text: str) -> bytes:
    """`html_text` printed to PDF by headless Chromium (paper size and margins from the
    document's own @page rule; no header or footer lines added). The page is read from a
    private temporary file, with no network."""
    with tempfile.TemporaryDirectory(prefix="board-pack-") as folder:
        source, target = Path(folder) / "pack.html", Path(folder) / "pack.pdf"
        source.write_text(html_text, encoding="utf-8")
        command = [chromium_path(), "--headless=new", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", f"--user-data-dir={Path(folder) / 'profile'}",
                   "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                   f"--print-to-pdf={target}", source.as_uri()]
        result = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S,
                                check=False)
        if not target.exists() or target.stat().st_size == 0:
            raise RuntimeError("Chromium did not print the board pack: "
                               + result.stderr.decode("utf-8", "replace")[-500:])
        return target.read_bytes()


_DECIMALS = re.compile(r"-?\d+\.\d{2,}")
_GEOMETRY = re.compile(r'(\s(?:d|x|y|x1|x2|y1|y2|width|height|transform|points|cx|cy|r)=")'
                       r'([^"]*)"')
_RGB = re.compile(r"rgb\((\d{1,3}), ?(\d{1,3}), ?(\d{1,3})\)")
# `opacity` (unlike fill-opacity) is not inherited, so 1 is always the default it restates
_FULL_OPACITY = re.compile(r"(?<![\w-])opacity: 1;\s?")


def _tenth(match: re.Match) -> str:
    text = f"{round(float(match.group(0)), 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def lighter_svg(svg: str) -> str:
    """The same drawing in fewer bytes, for documents with a size budget (the board pack):
    geometry rounded to a tenth of a pixel (below what a screen or printer shows), colours
    as #rrggbb and `opacity: 1` (the default) left out. Text content is not changed."""
    svg = _GEOMETRY.sub(lambda m: m.group(1) + _DECIMALS.sub(_tenth, m.group(2)) + '"', svg)
    svg = _RGB.sub(lambda m: "#{:02x}{:02x}{:02x}".format(*map(int, m.groups())), svg)
    return _FULL_OPACITY.sub("", svg)
