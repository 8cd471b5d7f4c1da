"""The one page record: every page it declares is routed and linked, and nothing else is."""

from __future__ import annotations

from app import create_app
from callbacks.pages import PAGES
from data.settings import Settings
from layouts import ids
from tests.support.components import sent_nodes


def _hrefs(node) -> list[str]:
    """The href of every navigation link in a component tree, in order."""
    return [n["props"]["href"] for n in sent_nodes(node) if n.get("type") == "NavLink"]


def _route(client, path: str) -> dict:
    """The router's answer for `path`: {component id: {property: value}}."""
    outputs = [{"id": ids.PAGE, "property": "children"}, {"id": ids.NAV_HOLDER, "property": "children"}]
    answer = client.post("/_dash-update-component", json={
        "output": f"..{ids.PAGE}.children...{ids.NAV_HOLDER}.children..", "outputs": outputs,
        "inputs": [{"id": ids.URL, "property": "pathname", "value": path}],
        "state": [{"id": ids.URL, "property": "search", "value": ""}],
        "changedPropIds": [f"{ids.URL}.pathname"]})
    assert answer.status_code == 200, path
    return answer.get_json()["response"]


def test_every_page_is_routed_and_linked(tmp_path):
    settings = Settings.from_env({"DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
                                  "DASHBOARD_INSTANCE_DIR": str(tmp_path)})
    client = create_app(settings).server.test_client()
    paths = [page.path for page in PAGES]
    assert len(set(paths)) == len(paths) == 15
    assert len({page.label for page in PAGES}) == len(PAGES)
    # the navigation of the first view: every page, in the record's order
    assert _hrefs(client.get("/_dash-layout").get_json()) == paths
    for path in [*paths, "/no-such-page"]:
        response = _route(client, path)
        assert ("Page not found" in str(response[ids.PAGE]["children"])) == (path == "/no-such-page"), path
        assert _hrefs(response[ids.NAV_HOLDER]["children"]) == paths
