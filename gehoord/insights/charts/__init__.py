"""Chart specifications (Vega-Lite, built with Altair): one spec per chart for the screen
(drawn by vega-embed from /static/) and the PDF reports (rendered to SVG by vl-convert).

One module per chart; `common` holds the Dutch number and date locale and the SVG rendering.
Every chart on a page keeps its data table and text summary beside it."""
