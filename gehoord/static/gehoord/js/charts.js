/* Draws every chart on the page: a <div data-vega-spec> holds its Vega-Lite spec in a
 * <script type="application/json"> (data, never run). vega-embed draws it as SVG with the
 * Dutch number and date locale; no <style> is injected (the CSS is in gehoord.css) and
 * expressions run through Vega's interpreter, so the page's Content-Security-Policy needs
 * neither 'unsafe-inline' nor 'unsafe-eval'. The locale matches gehoord/insights/charts/common.py. */
(function () {
  "use strict";
  var NL_FORMAT = { decimal: ",", thousands: ".", grouping: [3], currency: ["\u20ac\u00a0", ""] };
  var NL_TIME = {
    dateTime: "%a %e %B %Y %X",
    date: "%d-%m-%Y",
    time: "%H:%M:%S",
    periods: ["AM", "PM"],
    days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
    months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
      "september", "oktober", "november", "december"],
    shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
  };
  var OPTIONS = {
    actions: false,
    renderer: "svg",
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
    formatLocale: NL_FORMAT,
    timeFormatLocale: NL_TIME,
    ast: true,
    expr: window.vegaInterpreter && window.vegaInterpreter.expressionInterpreter
  };

  function draw(holder) {
    var source = holder.querySelector('script[type="application/json"]');
    if (!source || typeof window.vegaEmbed !== "function") {
      return;
    }
    var view = document.createElement("div");
    view.className = "vega-chart__view";
    holder.appendChild(view);
    window.vegaEmbed(view, JSON.parse(source.textContent), OPTIONS).then(
      function () { holder.setAttribute("data-vega-drawn", "true"); },
      function (error) { holder.setAttribute("data-vega-error", String(error)); }
    );
  }

  function drawAll() {
    document.querySelectorAll("[data-vega-spec]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
