"""Talking to the Dash app as its renderer does, from inside the server: the JSON body of
each callback a page view sets off on load (`page_bodies`, `request_body`) and posting one
(`post`) through a Flask client. The warm-up (`callbacks.warm`) replays page views with
it; the benchmarks and tests use it too (through bench.dash_requests)."""

from __future__ import annotations

import gzip
import json
import time

from layouts.components import dom_id

UPDATE = "/_dash-update-component"
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends


def _parse_id(text: str) -> str | dict:
    return json.loads(text) if text.startswith("{") else text


def _outputs(output: str) -> list[tuple[str | dict, str]]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [(_parse_id(i), p) for i, p in (part.rsplit(".", 1) for part in parts)]


def _matches(pattern: str | dict, component_id: str | dict) -> bool:
    if not isinstance(pattern, dict) or not isinstance(component_id, dict):
        return pattern == component_id
    return pattern.keys() == component_id.keys() and all(
        v == ["ALL"] or component_id[k] == v for k, v in pattern.items())


def _wildcard(component_id: str | dict) -> bool:
    return isinstance(component_id, dict) and any(isinstance(v, list) for v in component_id.values())


def collect_components(node, found: dict) -> dict:
    """{dom id: (id, props)} of every component with an id in a layout's JSON."""
    if isinstance(node, list):
        for child in node:
            collect_components(child, found)
    elif isinstance(node, dict) and "props" in node:
        props = node["props"]
        if "id" in props:
            found[dom_id(props["id"])] = (props["id"], props)
        collect_components(props.get("children"), found)
    return found


def request_body(dependency: dict, components: dict) -> dict | None:
    """The body the renderer posts for `dependency`, values read from `components`; None
    when one of its inputs is not on the page."""
    def item(pattern: str | dict, prop: str, with_value: bool):
        if _wildcard(pattern):
            return [{"id": cid, "property": prop, **({"value": props.get(prop)} if with_value else {})}
                    for cid, props in components.values() if _matches(pattern, cid)]
        if dom_id(pattern) not in components:
            return None
        _cid, props = components[dom_id(pattern)]
        return {"id": pattern, "property": prop, **({"value": props.get(prop)} if with_value else {})}

    inputs = [item(_parse_id(i["id"]), i["property"], True) for i in dependency["inputs"]]
    state = [item(_parse_id(s["id"]), s["property"], True) for s in dependency["state"]]
    if any(x is None for x in inputs + state):
        return None
    outputs = [item(i, p, False) for i, p in _outputs(dependency["output"])]
    if any(o is None for o in outputs):
        return None
    first = dependency["inputs"][0]
    return {"output": dependency["output"],
            "outputs": outputs if dependency["output"].startswith("..") else outputs[0],
            "inputs": inputs, "state": state,
            "changedPropIds": [f"{first['id']}.{first['property']}"]}


def post(client, body: dict) -> tuple[float, dict]:
    """Seconds until the answer arrived, and the answer, for `body` posted as a browser
    posts it (accepting a compressed answer); the answer is expanded and read after the
    clock stops, as a browser's network layer would have done it."""
    start = time.perf_counter()
    response = client.post(UPDATE, json=body, headers=BROWSER_HEADERS)
    seconds = time.perf_counter() - start
    if response.status_code not in (200, 204):
        raise RuntimeError(f"{body['output']}: HTTP {response.status_code}\n{response.data[:2000]!r}")
    return seconds, (answer_json(response) if response.status_code == 200 else {})


def answer_json(response) -> dict:
    """The JSON of an answer (a Flask test response, or anything with `data` and
    `headers`), expanded first when it came compressed."""
    data = response.data
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return json.loads(data)


def page_bodies(client, path: str, query: str) -> list[tuple[str, dict]]:
    """(label, body) of every callback a view of `path` sets off on load, router first."""
    dependencies = client.get("/_dash-dependencies").get_json()
    components = collect_components(client.get("/_dash-layout").get_json(), {})
    components["url"] = ("url", {"pathname": path, "search": query})
    router = next(d for d in dependencies if "page-content.children" in d["output"])
    _seconds, answer = post(client, request_body(router, components))
    collect_components(answer["response"]["page-content"]["children"], components)
    bodies = [("router: page-content.children ...", request_body(router, components))]
    for dependency in dependencies:
        if dependency is router or dependency.get("prevent_initial_call") \
                or dependency.get("clientside_function"):
            continue
        body = request_body(dependency, components)
        if body is not None and all(i != [] for i in body["inputs"]):
            (first_id, prop), *_ = _outputs(dependency["output"])
            label = f"{dom_id(first_id)}.{prop}" + (" ..." if len(_outputs(dependency["output"])) > 1 else "")
            bodies.append((label[:48], body))
    return bodies
