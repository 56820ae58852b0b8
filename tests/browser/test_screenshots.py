"""Screenshots of Home, Catalog and an agent page, light and dark, on a desktop and a
390-pixel-wide phone, written to test-artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import struct

import pytest

from agentcat import catalog

from conftest import ROOT
from .conftest import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

ENTRIES = catalog.load_catalog(ROOT).entries
AGENT = ENTRIES[0]
PAGES = {"home": "", "catalog": "agents/", "catalog-filtered": "agents/?search=review&capability=read-only",
         "agent": f"agents/{AGENT.category.slug}/{AGENT.name}/"}
DEVICES = {"desktop": (DESKTOP, 1), "phone": (PHONE, 2)}  # viewport, device pixel ratio
SCHEMES = {"light": "default", "dark": "slate"}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(open_tab, name, scheme, device):
    viewport, ratio = DEVICES[device]
    mobile = {"is_mobile": True, "has_touch": True} if device == "phone" else {}
    tab = open_tab(color_scheme=scheme, viewport=viewport, device_scale_factor=ratio, **mobile)
    page = tab.open(PAGES[name])
    assert page.evaluate("window.innerWidth") == viewport["width"]
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    # nothing wider than the phone's screen but what scrolls inside its own box (tables, code)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{scheme}-{device}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path))
    assert png_size(path.read_bytes()) == (viewport["width"] * ratio, viewport["height"] * ratio)
    tab.assert_clean()
