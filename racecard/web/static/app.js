// Racecard dashboard: draws the Plotly figures, lands on a fact's sentence, keeps the review token.
(function () {
  "use strict";

  function drawCharts() {
    if (typeof window.Plotly === "undefined") { return; }
    document.querySelectorAll("div.chart[data-figure]").forEach(function (div) {
      var source = document.getElementById(div.getAttribute("data-figure"));
      if (!source) { return; }
      var fig = JSON.parse(source.textContent);
      window.Plotly.newPlot(div, fig.data, fig.layout, {displaylogo: false, responsive: true});
    });
  }

  function landOnFact() {
    document.querySelectorAll(".fact.current").forEach(function (el) { el.classList.remove("current"); });
    document.querySelectorAll(".fact-list li.current").forEach(function (el) { el.classList.remove("current"); });
    var m = /^#fact-(\d+)$/.exec(window.location.hash);
    if (!m) { return; }
    var pieces = document.querySelectorAll('.fact[data-facts~="' + m[1] + '"]');
    pieces.forEach(function (el) { el.classList.add("current"); });
    var item = document.getElementById("item-" + m[1]);
    if (item) { item.classList.add("current"); }
    if (pieces.length) { pieces[0].scrollIntoView({block: "center"}); }
  }

  function tokens() {
    var box = document.getElementById("token");
    if (!box) { return; }
    try { box.value = window.sessionStorage.getItem("racecard-token") || ""; } catch (e) { /* storage off */ }
    document.querySelectorAll("form.review-form").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelector(".token-field").value = box.value;
        try { window.sessionStorage.setItem("racecard-token", box.value); } catch (e) { /* storage off */ }
      });
    });
  }

  function autosubmit() {
    document.querySelectorAll("input[data-autosubmit]").forEach(function (input) {
      input.addEventListener("change", function () { if (input.form && input.validity.valid) { input.form.submit(); } });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    landOnFact();
    tokens();
    autosubmit();
  });
  window.addEventListener("hashchange", landOnFact);
})();
