"""Benchmark: the project map drawing 40,000 points against drawing the bare outlines.

    python bench/map_bench.py [--points 40000] [--repeat 5]

In Debian's chromium (Playwright, no network), with tuijin's own map.js, ECharts from
node_modules and the outline file tuijin ships, it times from the moment the data has arrived
(both JSON documents in hand) to ECharts' ``finished`` event:

- the map: the outlines shaded by district and ``--points`` points in ECharts' large-point
  mode, packed as progress.map packs them (the payload's size per point is printed);
- the baseline: the same outlines alone, registered and drawn, no points.

Each is run once to warm up, then ``--repeat`` times in turn; the medians are reported. The
issue's goal: 40,000 points drawn within a second of the data arriving. Ends with one JSON
line {"bench", "value" (map ms), "unit", "baseline" (outlines ms), "ratio", "better"}.
"""

import argparse
import json
import os
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
ECHARTS = ROOT / "node_modules" / "echarts" / "dist" / "echarts.min.js"
MAP_JS = ROOT / "src" / "tuijin" / "static" / "tuijin" / "map.js"
OUTLINES = ROOT / "src" / "tuijin" / "projects" / "data" / "kaifeng-divisions-schematic.geojson"
CHROMIUM = "/usr/bin/chromium"
PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="project-map" style="width:1366px;height:760px" data-labels='{"green":"g","yellow":"y",
"red":"r","missing":"m","completion":"c","projects":"p","noData":"-"}'
data-project-url="/projects/p/0/" data-outlines="" data-points=""></div>
<p id="map-status"></p></body></html>"""


def payload(points: int, seed: int = 1) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings")
    import django

    django.setup()
    from decimal import Decimal

    from tuijin.progress.map import MapPoint, encode_points

    rng = random.Random(seed)
    outlines = json.loads(OUTLINES.read_text(encoding="utf-8"))
    codes = [f["properties"]["code"] for f in outlines["features"]]
    made = [MapPoint(100_000 + i, "", rng.uniform(113.9, 115.2), rng.uniform(34.2, 35.0),
                     rng.choice(["green", "yellow", "red", "missing"]),
                     Decimal(rng.randrange(100, 200_000))) for i in range(points)]
    return {"month": 6, "districts": [[code, rng.random(), 100] for code in codes],
            "points": encode_points(made, origin=(113.87, 34.19))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not ECHARTS.exists():
        sys.exit(f"{ECHARTS} is missing: run `npm ci` (see the Makefile) first.")
    data = payload(args.points)
    text = json.dumps(data, separators=(",", ":"))
    outlines = json.loads(OUTLINES.read_text(encoding="utf-8"))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.route("**/*", lambda route: route.abort())  # nothing leaves the page
        page.set_content(PAGE)
        page.add_script_tag(path=str(ECHARTS))
        # map.js draws on load from fetch(); here the two documents are handed in directly,
        # so the time is the drawing's alone: its draw() is reached through a stub fetch.
        page.evaluate("""([outlines, data]) => {
            window.__docs = [outlines, data];
            window.fetch = (url) => Promise.resolve({ok: true, json: () =>
                Promise.resolve(url.startsWith('O') ? window.__docs[0] : window.__docs[1])});
        }""", [outlines, data])
        source = MAP_JS.read_text(encoding="utf-8")
        timer = """(withPoints) => new Promise((done) => {
            const old = document.getElementById('project-map');
            const fresh = old.cloneNode(false);
            old.replaceWith(fresh);
            fresh.dataset.outlines = 'O';
            fresh.dataset.points = withPoints ? 'P' : 'E';
            if (!withPoints) window.__docs[1] = window.__empty;
            else window.__docs[1] = window.__full;
            const start = performance.now();
            const observer = setInterval(() => {
                const chart = echarts.getInstanceByDom(fresh);
                if (chart && fresh.dataset.drawn === '1') {
                    clearInterval(observer);
                    chart.on('finished', () => done(performance.now() - start));
                    chart.resize();  // one more full frame, timed to 'finished'
                }
            }, 0);
            (new Function(window.__source))();
        })"""
        empty = dict(data, points={**data["points"], **{k: [] for k in "xylsi"}, "n": []})
        page.evaluate("([full, empty, source]) => { window.__full = full; "
                      "window.__empty = empty; window.__source = source; }",
                      [data, empty, source])
        times = {True: [], False: []}
        for round_ in range(args.repeat + 1):
            for with_points in (True, False):
                elapsed = page.evaluate(timer, with_points)
                if round_:
                    times[with_points].append(elapsed)
        browser.close()
    map_ms = statistics.median(times[True])
    outlines_ms = statistics.median(times[False])
    print(f"payload: {len(text):,} bytes for {args.points:,} points "
          f"({len(text) / args.points:.1f} bytes a point)")
    print(f"map with {args.points:,} points (large mode): {map_ms:.1f} ms "
          f"(median of {args.repeat})")
    print(f"bare district outlines: {outlines_ms:.1f} ms")
    print(json.dumps({"bench": f"map-{args.points}-points", "value": round(map_ms, 1),
                      "unit": "ms", "baseline": round(outlines_ms, 1),
                      "ratio": round(map_ms / outlines_ms, 2), "better": "lower"}))


if __name__ == "__main__":
    main()
