"""The definitions page: every catalogue indicator's metadata as a GOV.UK-style summary list
(dl / dt / dd): the chosen indicator first, every other one by name, drawn when opened."""

from __future__ import annotations

from dash import html

from indicators.catalogue import Indicator
from layouts import ids
from layouts.components import labelled_dropdown

ALL = "all"
SHOWN = "data-indicator"  # which indicator the body shows, so an unchanged choice is not redrawn
FINGERTIPS_SEARCH = "https://fingertips.phe.org.uk/search/{}"
NO_FINGERTIPS = "None: computed by this dashboard, not published on Fingertips under its own ID."


def indicator_options(indicators: list[Indicator]) -> list[dict]:
    return [{"label": "All indicators", "value": ALL},
            *({"label": i.name, "value": i.id} for i in indicators)]


def layout(indicators: list[Indicator], chosen: str, notice: str | None = None) -> html.Div:
    return html.Div([
        html.H1("Definitions"),
        html.P("What each indicator measures and how it is calculated, as the national "
               "(Fingertips) definitions describe it.", className="lead"),
        html.Div(labelled_dropdown(ids.DEFINITIONS_INDICATOR, "Indicator",
                                   indicator_options(indicators), chosen),
                 className="controls", style={"maxWidth": "40rem"}),
        html.Div(body(indicators, chosen, notice), id=ids.DEFINITIONS_BODY, **{SHOWN: chosen}),
    ])


def body(indicators: list[Indicator], chosen: str, notice: str | None = None) -> list:
    """The chosen indicator's section first, then every other indicator by name, each
    opened on demand (`more_item`); with no indicator chosen, every one by name. Drawing
    all the sections at once took the browser seconds."""
    parts: list = [html.P(notice, className="alert alert-warning")] if notice else []
    selected = [i for i in indicators if i.id == chosen]
    others = [i for i in indicators if i.id != chosen]
    if selected:
        parts += [indicator_section(selected[0]),
                  html.H2("Other indicators", className="h4 mt-4")]
    else:
        parts.append(html.H2("Every indicator", className="h4"))
    parts.append(html.P("Open an indicator's name to read its definition.", className="small"))
    return [*parts, html.Div([more_item(i) for i in others], className="definitions-more")]


def more_item(indicator: Indicator) -> html.Details:
    """An indicator by name whose definition is drawn when it is first opened (a callback
    fills the empty body on the summary's first click)."""
    return html.Details([
        html.Summary(indicator.name, id=ids.definition_more(indicator.id)),
        html.Div(id=ids.definition_more_body(indicator.id)),
    ], className="definition-more")


def more_body(indicator: Indicator) -> list:
    """What an opened indicator shows: its summary list and a link to it on its own."""
    return [summary_list(indicator),
            html.P(html.A(f"Show {indicator.name} on its own",
                          href=f"/definitions?indicator={indicator.id}"), className="small")]


def indicator_section(indicator: Indicator) -> html.Section:
    anchor = ids.definition_anchor(indicator.id)
    return html.Section([
        html.H2(indicator.name, id=anchor, className="h3 mt-4"),
        summary_list(indicator),
    ], className="indicator-definition", **{"aria-labelledby": anchor})


def summary_list(indicator: Indicator) -> html.Dl:
    rows = [html.Div([html.Dt(key, className="col-sm-4"), html.Dd(value, className="col-sm-8")],
                     className="row border-bottom py-2 mx-0")
            for key, value in summary_rows(indicator)]
    return html.Dl(rows, className="summary-list")


def summary_rows(indicator: Indicator) -> list[tuple[str, object]]:
    """(label, value) pairs in reading order; every label is always present."""
    i = indicator
    return [
        ("Definition", i.definition),
        ("Numerator", i.numerator),
        ("Denominator", i.denominator),
        ("Unit and multiplier", unit_text(i)),
        ("Value type", i.value_type),
        ("Polarity", i.polarity),
        ("Confidence interval method", i.ci_method_text),
        ("Benchmark method", benchmark_text(i)),
        ("Period and pooling", period_text(i)),
        ("Breakdown", f"{i.category_type}: {', '.join(i.categories)}" if i.category_type
         else "None (whole population)"),
        ("Sex and age", f"{i.sex}; {i.age}"),
        ("Target", f"{i.target.label} ({i.target.source})" if i.target else "None set"),
        ("Data-quality rule", quality_text(i)),
        ("Disclosure rule", i.disclosure),
        ("Source", i.source),
        ("Caveats", i.caveats),
        ("Why it matters", i.rationale or "Not recorded"),
        ("Fingertips indicator ID", fingertips_link(i)),
        ("Dashboard ID", html.Code(i.id)),
    ]


def unit_text(indicator: Indicator) -> str:
    if indicator.value_type == "Count":
        return f"{indicator.unit} (a count; no multiplier)"
    unit = "Percentage (%)" if indicator.unit == "%" else indicator.unit
    return f"{unit}: numerator ÷ denominator × {indicator.multiplier:,}"


def benchmark_text(indicator: Indicator) -> str:
    if not indicator.benchmark_levels:
        return f"{indicator.benchmark_method}: shown without Better / Similar / Worse."
    return (f"{indicator.benchmark_method}: each area is compared with England and with its "
            "region; the benchmark's value is a point and only the area's interval is used.")


def period_text(indicator: Indicator) -> str:
    text = (f"{indicator.period_type} year, updated {indicator.frequency}; counted by "
            f"{indicator.period_basis}.")
    if indicator.year_range == 3:
        text += " Three years pooled: counts and denominators summed over three consecutive years."
    else:
        text += " Single periods (not pooled)."
    return text


def quality_text(indicator: Indicator) -> str:
    measure = indicator.dq_measure
    if measure is None:
        return indicator.data_quality
    return (f"{indicator.data_quality} Shown beside each value: {measure.name} (flagged at "
            f"{measure.flag_at:g}% or more, area named at {measure.name_at:g}% or more).")


def fingertips_link(indicator: Indicator):
    if indicator.fingertips_id is None:
        return NO_FINGERTIPS
    link = html.A(str(indicator.fingertips_id),
                  href=FINGERTIPS_SEARCH.format(indicator.fingertips_id),
                  title=f"Fingertips indicator {indicator.fingertips_id}")
    if indicator.fingertips_name and indicator.fingertips_name != indicator.name:
        return [link, f" (Fingertips calls it “{indicator.fingertips_name}”)"]
    return link
