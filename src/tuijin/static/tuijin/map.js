/* The project map (issue 16): district outlines registered with ECharts, shaded by the
   month's completion against time progress, and the projects as points coloured by light and sized by plan.
   Data comes packed as arrays (progress/map.py); no request leaves the server. */
(function () {
  "use strict";
  var el = document.getElementById("project-map");
  if (!el || !window.echarts) return;
  var status = document.getElementById("map-status");
  var labels = JSON.parse(el.dataset.labels);
  var LIGHTS = ["green", "yellow", "red", "missing"];
  var COLOURS = ["#2e7d32", "#f9a825", "#c62828", "#6d4c41"];
  var LARGE = 2000;  // points in a series from which ECharts draws it in its large mode
  var chart = echarts.init(el, null, { renderer: "canvas" });
  window.addEventListener("resize", function () { chart.resize(); });

  // Where a district's name goes: the middle of the bounding box of its largest ring.
  function labelPoint(feature) {
    var g = feature.geometry, polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    var best = null;
    polygons.forEach(function (polygon) {
      var xs = polygon[0].map(function (c) { return c[0]; });
      var ys = polygon[0].map(function (c) { return c[1]; });
      var box = [Math.min.apply(null, xs), Math.min.apply(null, ys),
                 Math.max.apply(null, xs), Math.max.apply(null, ys)];
      var area = (box[2] - box[0]) * (box[3] - box[1]);
      if (!best || area > best.area) best = { box: box, area: area };
    });
    return [(best.box[0] + best.box[2]) / 2, (best.box[1] + best.box[3]) / 2,
            feature.properties.name];
  }

  function json(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  Promise.all([json(el.dataset.outlines), json(el.dataset.points + window.location.search)])
    .then(function (results) { draw(results[0], results[1]); })
    .catch(function () { status.textContent = "⚠"; });

  function draw(outlines, data) {
    echarts.registerMap("tuijin-region", outlines);
    var nameOf = {};
    outlines.features.forEach(function (f) { nameOf[f.properties.code] = f.properties.name; });
    var shading = data.districts.map(function (d) {
      return { name: nameOf[d[0]] || d[0], value: d[1] === null ? null : Math.round(d[1] * 1000) / 10,
               projects: d[2] };
    });
    var timeProgress = Math.round(data.time_progress * 1000) / 10;
    var p = data.points, west = p.origin[0], south = p.origin[1], scale = p.scale;
    var maxPlan = Math.max.apply(null, p.s.concat([1]));
    var byLight = [[], [], [], []];
    for (var k = 0; k < p.i.length; k++) {
      byLight[p.l[k]].push([west + p.x[k] / scale, south + p.y[k] / scale, p.s[k], k]);
    }
    // A month nobody has reported in: say so, rather than leave the grey map to explain itself.
    document.getElementById("map-no-reports").hidden = data.reported !== 0;
    var series = [{
      type: "map", map: "tuijin-region", geoIndex: 0, name: labels.completion, data: shading,
    }];
    LIGHTS.forEach(function (light, n) {
      var large = byLight[n].length >= LARGE;
      series.push({
        type: "scatter", coordinateSystem: "geo", name: labels[light], data: byLight[n],
        large: true, largeThreshold: LARGE, progressive: 0,
        // ECharts draws a large series with one size for all its points and ignores a
        // function (the points vanished): sized by plan only below the threshold.
        symbolSize: large ? 6 : function (v) { return 5 + 13 * Math.sqrt(v[2] / maxPlan); },
        itemStyle: { color: COLOURS[n], borderColor: "#fff", borderWidth: 0.5, opacity: 0.9 },
        emphasis: { scale: 1.6 },
      });
    });
    // The districts' names as a series of their own, drawn above the points (the geo's own
    // labels lie under them), on a pale ground; smaller, and long names on two lines, on a
    // phone.
    var narrow = el.clientWidth < 600;
    series.push({
      type: "scatter", coordinateSystem: "geo", data: outlines.features.map(labelPoint),
      symbolSize: 0, silent: true, z: 10, tooltip: { show: false },
      // The city's four central districts are a few pixels wide on a phone: of names that
      // would overlap, one shows (zoom in for the others).
      labelLayout: { hideOverlap: true },
      label: {
        show: true, position: "inside", fontSize: narrow ? 9 : 11, color: "#333",
        backgroundColor: "rgba(255,255,255,0.8)", padding: [1, 2], borderRadius: 2,
        lineHeight: narrow ? 11 : 13,
        formatter: function (params) {
          var name = params.data[2];
          return narrow && name.length > 6 ? name.slice(0, Math.ceil(name.length / 2)) + "\n" +
            name.slice(Math.ceil(name.length / 2)) : name;
        },
      },
    });
    chart.setOption({
      // Thousands of points growing in one by one help nobody; drawn at once, in one frame.
      animation: false,
      tooltip: {
        trigger: "item", confine: true,
        formatter: function (params) {
          if (params.seriesType === "map") {
            var d = params.data || {};
            return params.name + "<br>" + labels.completion + " " +
              (d.value === null || d.value === undefined ? labels.noData : d.value + "%") +
              (d.projects ? " · " + d.projects + " " + labels.projects : "");
          }
          var i = params.data[3];
          return (p.n ? p.n[i] : "#" + p.i[i]) + "<br>" + params.seriesName;
        },
      },
      legend: { bottom: 0, data: LIGHTS.map(function (l) { return labels[l]; }) },
      // Ahead of or behind time progress, in the bulletin map's colours (bulletins/charts.py).
      visualMap: {
        type: "piecewise", seriesIndex: 0, orient: "horizontal", left: "left", top: 0,
        pieces: [
          { gte: timeProgress, label: labels.ahead + " " + timeProgress + "%", color: "#8db0d4" },
          { lt: timeProgress, label: labels.behind + " " + timeProgress + "%", color: "#e1998a" },
        ],
        outOfRange: { color: "#eeeeee" },
      },
      geo: {
        map: "tuijin-region", roam: true, top: 40, bottom: 40, left: 8, right: 8,
        // A district user's own districts fill the view; the city's are around them.
        boundingCoords: data.focus ? [[data.focus[0], data.focus[3]], [data.focus[2], data.focus[1]]]
                                   : null,
        label: { show: false },
        itemStyle: { borderColor: "#555", borderWidth: 1, areaColor: "#eeeeee" },
        emphasis: { label: { show: false }, itemStyle: { areaColor: null } },
      },
      series: series,
    });
    chart.on("click", function (params) {
      if (params.seriesType !== "scatter") return;
      var id = p.i[params.data ? params.data[3] : byLight[params.seriesIndex - 1][params.dataIndex][3]];
      window.location.href = el.dataset.projectUrl.replace("/0/", "/" + id + "/");
    });
    el.dataset.points = p.i.length;
    el.dataset.drawn = "1";
    status.textContent = p.i.length + " " + labels.projects;
  }
})();
