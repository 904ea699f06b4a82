"""Options of ``portal/progress``: how a build shows its progress."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from portal.progress import MODES


class ProgressConfig(Config):
    enabled = c.Type(bool, default=True)

    # auto: a bar on a terminal, plain lines in CI (the CI variable) or when the output is not a terminal;
    # bar / lines: always that; off: silent. `build.py build --progress … / --quiet` sets it.
    mode = c.Choice(MODES, default="auto")

    # Seconds between plain lines (each stage also prints one when it ends).
    # Default: the PORTAL_PROGRESS_INTERVAL environment variable, else 5.
    interval = c.Optional(c.Type((int, float)))
