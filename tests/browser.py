"""How the browser tests start Debian's Chromium: headless, and never calling home.

The flags keep Chromium from reaching for Google's services, which this machine's
closed network refuses (and which would make a test hang or log errors).
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
