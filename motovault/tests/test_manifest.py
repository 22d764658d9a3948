"""The web app manifest: a phone adds MotoVault to its home screen, and it opens on quick entry."""

import json

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.django_db
def test_the_manifest_opens_on_quick_entry_with_icons_that_exist(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["start_url"], manifest["display"]) == ("/fuel/add/", "standalone")
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]
    assert 'rel="manifest" href="/manifest.webmanifest"' in client.get("/").content.decode()
