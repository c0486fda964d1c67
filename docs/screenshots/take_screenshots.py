"""Take the README's screenshots of the new screens from a running demo (`make demo`).

    .venv/bin/python docs/screenshots/take_screenshots.py [http://127.0.0.1:8000]

Logs in as the demo's analyst and team lead with Debian's Chromium (CHROMIUM_PATH) and writes
PNGs at 1366 px and 360 px wide into this folder. Not a test; run it after changing a screen
that the README shows, and look at the files before committing them.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PASSWORD = "gehoord-demo-2026"  # gehoord/demo/spec.py DEMO_PASSWORD
DOMAIN = "voorbeeld.example"

TREND = "section[aria-labelledby=trend-title]"
AGREEMENT = "section[aria-labelledby=agreement-title]"
# (file name, account, path, width, element to show or "" for the window, or "full")
SHOTS = [
    ("start.png", "analist", "/", 1366, ""),
    ("start-telefoon.png", "teamleider", "/", 360, "full"),
    ("resultaten.png", "analist", "/resultaten/", 1366, ""),
    ("resultaten-trend.png", "analist", "/resultaten/", 1366, TREND),
    ("resultaten-trend-telefoon.png", "analist", "/resultaten/", 360, TREND),
    ("resultaten-drijfveren.png", "analist", "/resultaten/drijfveren/", 1366, "figure.chart"),
    ("drijfveren-telefoon.png", "analist", "/resultaten/drijfveren/", 360, "figure.chart"),
    ("reacties.png", "analist", "/enquetes/reacties/", 1366, ""),
    ("signalen.png", "teamleider", "/signalen/", 1366, ""),
    ("resultaten-stellingen.png", "analist", "/resultaten/", 1366, AGREEMENT),
    ("resultaten-stellingen-telefoon.png", "analist", "/resultaten/", 360, AGREEMENT),
    ("prognose.png", "analist", "/resultaten/prognose/", 1366, ""),
    ("wettelijk-onderzoek.png", "analist", "/wettelijk-onderzoek/", 1366, ""),
    # The resident pages in two NL Design System themes (the demo's Voorbeeld and Heideburg).
    ("thema-voorbeeld.png", "analist", "/o/voorbeeld/feedback/", 1366, ""),
    ("thema-heideburg-telefoon.png", "analist", "/o/heideburg/feedback/", 360, "full"),
    ("toegankelijkheid.png", "analist", "/o/voorbeeld/toegankelijkheid/", 1366, ""),
]


def log_in(page, account: str) -> None:
    page.goto(f"{BASE}/inloggen/")
    page.get_by_label("E-mailadres").fill(f"{account}@{DOMAIN}")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
        )
        contexts = {}
        for name, account, path, width, part in SHOTS:
            key = (account, width)
            if key not in contexts:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                log_in(page, account)
                contexts[key] = page
            page = contexts[key]
            page.goto(BASE + path)
            page.wait_for_load_state("networkidle")
            # Charts are drawn after the page loads (vega-embed).
            page.wait_for_timeout(800)
            if part in ("", "full"):
                page.screenshot(path=str(HERE / name), full_page=part == "full")
            else:
                page.locator(part).first.screenshot(path=str(HERE / name))
            print("wrote", name)
        browser.close()


if __name__ == "__main__":
    main()
