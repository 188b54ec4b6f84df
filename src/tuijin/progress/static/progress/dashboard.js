/* Progress charts (ECharts). Data comes from json_script tags; bars link to their projects. */
(function () {
  "use strict";
  if (typeof echarts === "undefined") { return; }
  var colours = { green: "#1b7f3b", yellow: "#e0a100", red: "#c62828", missing: "#8e1c1c" };
  var charts = [];

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function make(id) {
    var node = typeof id === "string" ? document.getElementById(id) : id;
    if (!node) { return null; }
    var chart = echarts.init(node, null, { renderer: "canvas" });
    charts.push(chart);
    return chart;
  }
  function pctAxis() { return { type: "value", axisLabel: { formatter: "{value}%" } }; }

  function bars(id, items, timeProgress, band, labels) {
    var chart = make(id);
    if (!chart) { return; }
    var narrow = window.innerWidth < 640;
    var top = Math.max.apply(null, items.map(function (i) { return i.value || 0; }).concat([timeProgress]));
    var axis = pctAxis();
    axis.max = Math.min(Math.ceil(top / 10) * 10 + 10, Math.max(100, Math.ceil(top / 10) * 10));
    chart.setOption({
      grid: { left: narrow ? 90 : 110, right: 30, top: 30, bottom: 30 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
      xAxis: axis,
      yAxis: { type: "category", inverse: true, data: items.map(function (i) { return i.name; }),
               axisLabel: { width: narrow ? 80 : 100, overflow: "truncate" } },
      series: [{
        type: "bar", name: labels.completion,
        data: items.map(function (i) {
          var colour = i.value == null ? "#9aa3ad" : i.value >= timeProgress ? colours.green
            : i.value >= timeProgress - band ? colours.yellow : colours.red;
          return { value: i.value, url: i.url, itemStyle: { color: colour } };
        }),
        label: { show: true, position: "right", formatter: function (p) { return p.value == null ? "—" : p.value + "%"; } },
        markLine: { symbol: "none", lineStyle: { type: "dashed", color: "#1f2328" },
                    label: { position: "start", formatter: labels.timeProgress + " {c}%" },
                    data: [{ xAxis: Math.round(timeProgress * 10) / 10 }] }
      }]
    });
    chart.on("click", function (params) {
      if (params.data && params.data.url) { window.location.href = params.data.url; }
    });
    chart.getZr().on("mousemove", function () { chart.getZr().setCursorStyle("pointer"); });
  }

  var data = read("chart-data");
  if (data && data.labels && !data.points) {
    var labels = data.labels;
    if (data.domains) { bars("chart-domains", data.domains, data.timeProgress, data.yellowBand, labels); }
    if (data.districts) { bars("chart-districts", data.districts, data.timeProgress, data.yellowBand, labels); }
    var curve = make("chart-curve");
    if (curve && data.curveUrl) {
      curve.showLoading();
      fetch(data.curveUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); })
        .then(function (body) {
          curve.hideLoading();
          curve.setOption({
            grid: { left: 45, right: 15, top: 30, bottom: 30 },
            legend: { top: 0 },
            tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v.toFixed(1) + "%"; } },
            xAxis: { type: "category", data: body.curve.map(function (p) { return p.label; }) },
            yAxis: pctAxis(),
            series: [
              { type: "bar", name: labels.completion, data: body.curve.map(function (p) { return p.completion; }),
                itemStyle: { color: "#0b5cad" } },
              { type: "line", name: labels.timeProgress, data: body.curve.map(function (p) { return p.timeProgress; }),
                itemStyle: { color: "#b71c1c" }, lineStyle: { type: "dashed" } }
            ]
          });
        });
    }
    var lights = make("chart-lights");
    if (lights) {
      lights.setOption({
        tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["45%", "72%"],
          label: { show: window.innerWidth >= 640, formatter: "{b}: {c}" },
          data: data.lights.filter(function (l) { return l.value > 0; }).map(function (l) {
            return { name: labels[l.key], value: l.value, url: l.url, itemStyle: { color: colours[l.key] } };
          }) }]
      });
      lights.on("click", function (params) {
        if (params.data && params.data.url) { window.location.href = params.data.url; }
      });
    }
  }
  if (data && data.points) {
    var project = make("chart-project");
    if (project) {
      var points = data.points;
      project.setOption({
        grid: { left: 45, right: 15, top: 30, bottom: 30 }, legend: { top: 0 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: points.map(function (p) { return p.label; }) },
        yAxis: pctAxis(),
        series: [
          { type: "bar", name: data.labels.completion, data: points.map(function (p) { return p.completion; }), itemStyle: { color: "#0b5cad" } },
          { type: "line", name: data.labels.timeProgress, data: points.map(function (p) { return p.timeProgress; }),
            itemStyle: { color: "#b71c1c" }, lineStyle: { type: "dashed" } }
        ]
      });
    }
  }
  var history = read("history-data");
  if (history) {
    document.querySelectorAll(".indicator-chart").forEach(function (node) {
      var entry = history[node.dataset.code] || { points: [], path: [], labels: {} };
      var points = entry.points;
      var series = [{ type: "line", name: entry.labels.actual, itemStyle: { color: "#0b5cad" },
                      data: points.map(function (p) { return p.value; }) }];
      if (entry.path.length) {
        series.push({ type: "line", name: entry.labels.path, data: entry.path, symbol: "none",
                      itemStyle: { color: "#b71c1c" }, lineStyle: { type: "dashed" } });
      }
      var chart = make(node);
      chart.setOption({
        grid: { left: 55, right: 10, top: 30, bottom: 25 }, tooltip: { trigger: "axis" },
        legend: { top: 0, show: entry.path.length > 0 },
        xAxis: { type: "category", data: points.map(function (p) { return p.label; }) },
        yAxis: { type: "value" },
        series: series
      });
    });
  }
  window.tuijinCharts = charts;
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
