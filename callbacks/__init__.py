"""Thin wiring, one module per page. Each page module has render(context, query) and
register(app, context); callbacks.pages lists the pages to put them on the site."""
