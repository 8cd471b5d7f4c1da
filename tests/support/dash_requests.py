"""Dash's request bodies for the tests: the benchmarks' own (bench.dash_requests), so the
tests call the pages exactly as bench.ui times them."""

from bench.dash_requests import UPDATE, collect_components, page_bodies, post, request_body, serving

__all__ = ["UPDATE", "collect_components", "page_bodies", "post", "request_body", "serving"]
