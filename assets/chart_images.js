// "Chart as PNG" / "Chart as SVG" under each chart (layouts/components.py chart_graph):
// Plotly draws the image of the chart as it is shown. One listener for the whole page, so
// charts drawn later by Dash need nothing of their own.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-chart-image]");
  if (!button || !window.Plotly) { return; }
  var holder = document.getElementById(button.getAttribute("data-graph"));
  var plot = holder && holder.querySelector(".js-plotly-plot");
  if (!plot) { return; }
  var format = button.getAttribute("data-chart-image");
  window.Plotly.downloadImage(plot, {
    format: format,
    filename: button.getAttribute("data-filename"),
    width: plot.offsetWidth,
    height: plot.offsetHeight,
    scale: format === "png" ? 2 : 1
  });
});
