"""The words of a Dash component tree: as built in Python (`walk`, `text_of`) and as Dash
sends it to the browser (`sent_texts`, and every object in it: `sent_nodes`)."""

from __future__ import annotations

from collections.abc import Iterator


def walk(component) -> Iterator:
    """The component and every component below it, depth first."""
    yield component
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str | int | float):
        return
    for child in children if isinstance(children, list | tuple) else [children]:
        yield from walk(child)


def text_of(component, sep: str = " ") -> str:
    """The text of a component's children (strings and numbers), joined by `sep`."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return sep.join(text_of(child, sep) for child in component)
    return text_of(getattr(component, "children", None), sep)


def sent_texts(node) -> list[str]:
    """The words of a component tree as Dash sends it (JSON; figures are left out): each
    component's children, label and title."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for child in node for t in sent_texts(child)]
    if isinstance(node, dict):
        props = node.get("props", node)
        return [t for key in ("children", "label", "title") for t in sent_texts(props.get(key))]
    return []


def sent_nodes(node) -> Iterator[dict]:
    """Every object of a tree as Dash sends it (JSON: components, their props, figures and
    everything inside them), depth first, each before the ones inside it."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from sent_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from sent_nodes(value)
