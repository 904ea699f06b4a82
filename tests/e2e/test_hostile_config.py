"""Hostile configuration: values that end up in every page's Content-Security-Policy.

``iframe_hosts`` is written into the policy's ``frame-src``: a value holding
``;`` would add a directive, a quote a keyword. Anything but a host name stops
the build at config load, with a Vietnamese message naming the value.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, Site
from portal.mkdocs_plugins.content.config import host_name

HOSTILE_HOSTS = [
    "youtube.com; script-src *",
    "https://www.youtube.com/embed",
    "a b",
    "'unsafe-inline'",
    "*.youtube.com",
    "www.youtube.com:8443",
    "data:",
    "www.youtube.com\nscript-src *",
]


@pytest.mark.parametrize(
    "value, host",
    [
        ("www.youtube.com", "www.youtube.com"),
        (" WWW.YouTube.COM ", "www.youtube.com"),
        ("việt.example.vn", "xn--vit-5kz.example.vn"),
        ("player.vimeo.com", "player.vimeo.com"),
        ("203.0.113.7", "203.0.113.7"),
        *[(value, None) for value in HOSTILE_HOSTS],
        ("youtube", None),
        ("www.youtube.com.", None),
        ("-a.example.vn", None),
        ("a_b.example.vn", None),
        ("a" * 64 + ".vn", None),
        ("user@www.youtube.com", None),
        ("", None),
    ],
)
def test_host_name_rule(value: str, host: str | None) -> None:
    assert host_name(value) == host


@pytest.mark.parametrize("host", HOSTILE_HOSTS, ids=repr)
def test_a_value_that_is_not_a_host_name_stops_the_build(site: Site, host: str) -> None:
    site.article("tin")
    site.plugin_options = {"content": {"iframe_hosts": ["www.youtube.com", host]}}
    result = site.run_build_py()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "iframe_hosts" in output
    assert f"'{host}' không phải tên máy chủ" in output
    assert "→ Ghi mỗi máy chủ một mục, ví dụ 'www.youtube.com'." in output
    assert not (site.out / "tin-tuc" / "tin" / "index.html").exists()


def test_a_pasted_address_is_answered_with_its_host(site: Site) -> None:
    site.article("tin")
    site.plugin_options = {"content": {"iframe_hosts": ["https://player.vimeo.com/video/1"]}}
    result = site.run_build_py()
    assert result.returncode == 1
    assert "ví dụ 'player.vimeo.com'" in result.stderr


def test_a_list_that_is_not_a_list_of_text_is_refused(site: Site) -> None:
    site.article("tin")
    site.plugin_options = {"content": {"iframe_hosts": [{"host": "www.youtube.com"}]}}
    result = site.run_build_py()
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "không phải tên máy chủ" in result.stderr


def test_check_refuses_the_same_configuration(site: Site) -> None:
    site.article("tin")
    site.plugin_options = {"content": {"iframe_hosts": ["youtube.com; script-src *"]}}
    config = site.write_config()
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "-f", str(config), "check"],
        capture_output=True, text=True, cwd=site.root, timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "'youtube.com; script-src *' không phải tên máy chủ" in output


def test_host_names_are_normalised_into_the_policy(site: Site) -> None:
    site.plugin_options = {"content": {"iframe_hosts": [" WWW.YouTube.com ", "việt.example.vn"]}}
    site.article(
        "video",
        body='<iframe src="https://www.youtube.com/embed/abc" width="560" height="315"></iframe>\n\nNội dung.',
    )
    result = site.run_build_py()
    assert result.returncode == 0, result.stderr
    page = site.html("tin-tuc/video/")
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    frame_src = next(d for d in policy.split("; ") if d.startswith("frame-src "))
    assert frame_src.split()[1:] == ["https://www.youtube.com", "https://xn--vit-5kz.example.vn"]
    assert page.select_one(".md-content iframe")["src"] == "https://www.youtube.com/embed/abc"
