"""Every page names its icon (templates/base.html), a file tuijin serves itself: without it
the browser asks for /favicon.ico, gets a 404 and logs an error in the console."""

import re
import xml.etree.ElementTree as ET

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_every_page_links_an_icon_served_from_tuijins_own_static_files(client, cast):
    client.force_login(cast["leader"])
    html = client.get(reverse("accounts:password_change")).content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert link and link.group(1) == "/static/tuijin/favicon.svg"
    path = finders.find("tuijin/favicon.svg")
    assert path
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 32 32"


def test_the_log_in_page_has_it_too(client):
    assert '<link rel="icon" href="/static/tuijin/favicon.svg"' in \
        client.get(reverse("accounts:login")).content.decode()


def test_favicon_ico_leads_to_the_icon_for_pages_tuijin_does_not_draw(client):
    """Django's admin and a bare error page link no icon; the browser asks for /favicon.ico."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/tuijin/favicon.svg"
