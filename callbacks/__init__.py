"""Thin wiring, one module per page. Each page module has PATH, render(context, query)
and register(app, context); list it here to put it on the site."""

PAGE_MODULES = ["overview", "trends", "inequalities", "child_deaths", "compare", "data_page", "definitions",
                "plan", "scorecard", "map", "all_areas", "compare_indicators",
                "box_plots", "small_multiples", "scenarios"]
