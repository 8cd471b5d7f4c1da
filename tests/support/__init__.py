"""Helpers the tests share: sample stores built once and copied (`stores`), the words of a
component tree (`components`) and Dash's request bodies (`dash_requests`)."""
