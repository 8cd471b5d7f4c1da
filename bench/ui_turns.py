"""The presses bench.ui times besides each page's first view: a table's Next page button.

A paged table's callback (layouts.paging) fires on load with page 1, so `page_bodies` has
its body; pressing Next posts the same callback with the button's clicks changed and the
button as the trigger, which is what this builds."""

from __future__ import annotations

import copy

NEXT = "-next"


def _pressed(body: dict, button: str) -> dict:
    pressed = copy.deepcopy(body)
    for item in pressed["inputs"]:
        if isinstance(item, dict) and item["id"] == button:
            item["value"] = 1
    pressed["changedPropIds"] = [f"{button}.n_clicks"]
    return pressed


def next_page_bodies(bodies: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """(label, body) of a press of each Next page button among a page view's `bodies`."""
    presses = []
    for _label, body in bodies:
        for item in body["inputs"]:
            button = item.get("id") if isinstance(item, dict) else None
            if isinstance(button, str) and button.endswith(NEXT) and item["property"] == "n_clicks":
                presses.append((f"{button} pressed"[:48], _pressed(body, button)))
    return presses


def page_turns(pages: dict[str, list[tuple[str, dict]]]) -> dict[str, list[tuple[str, dict]]]:
    """{"PATH, Next pressed": its presses} for each page in `pages` with a paged table."""
    turns = {f"{path}, Next pressed": next_page_bodies(bodies) for path, bodies in pages.items()}
    return {key: bodies for key, bodies in turns.items() if bodies}
