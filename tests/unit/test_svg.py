"""The SVG cleaner: hostile files lose what runs, loads or leaks; drawings come out unchanged.

Every assertion is on the cleaned file parsed again, not on its text only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from portal.rendering.svg import ALLOWED_ELEMENTS, SVG_NS, XLINK_NS, clean_svg, css_is_safe

REPO = Path(__file__).resolve().parents[2]
OPEN = f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" viewBox="0 0 10 10">'
LOCAL_URL = re.compile(r"""url\(\s*['"]?#[\w.:-]+['"]?\s*\)""", re.IGNORECASE)


def svg(inner: str, head: str = "") -> bytes:
    return (head + OPEN + inner + "</svg>").encode()


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))


def clean(data: bytes) -> tuple[etree._Element, list[str]]:
    out, removed = clean_svg(data)
    assert out is not None, "a well-formed SVG is cleaned, not refused"
    return parse(out), removed


def local(node: etree._Element) -> str:
    return etree.QName(node).localname


def assert_safe(root: etree._Element) -> None:
    """What every cleaned file holds: allowed SVG elements only, no handler, no outside reference."""
    assert root.getroottree().docinfo.internalDTD is None
    for node in root.iter():
        assert isinstance(node.tag, str), f"only elements remain, not {node!r}"
        assert etree.QName(node).namespace == SVG_NS, node.tag
        assert local(node) in ALLOWED_ELEMENTS, node.tag
        assert local(node) not in ("script", "foreignObject")
        if local(node) == "style":
            text = node.text or ""
            assert "@import" not in text.lower() and "\\" not in text
            assert len(re.findall(r"url\(", text, re.I)) == len(LOCAL_URL.findall(text))
        if local(node) in ("animate", "set", "animateTransform"):
            target = node.get("attributeName", "")
            assert "href" not in target and not target.lower().startswith("on") and target != "style"
        for key, value in node.attrib.items():
            name = etree.QName(key).localname
            assert not name.lower().startswith("on"), key
            if name == "href":
                assert value.startswith("#") or re.match(r"data:image/(png|jpeg|gif|webp);base64,", value), value
            assert "javascript" not in value.lower(), (key, value)
            assert len(re.findall(r"url\(", value, re.I)) == len(LOCAL_URL.findall(value)), (key, value)


def names(root: etree._Element) -> list[str]:
    return [local(node) for node in root.iter()]


# --- hostile files --------------------------------------------------------------------------------

HOSTILE = {
    "script": (svg('<script>alert(1)</script><rect width="5" height="5"/>'), "<script>"),
    "cdata-script": (svg('<script type="text/javascript"><![CDATA[ alert(document.cookie) ]]></script><rect width="5"/>'), "<script>"),
    "namespaced-script": (
        b'<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script><svg:rect width="5"/></svg:svg>',
        "<svg:script>",
    ),
    "xhtml-script": (svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script><rect width="5"/>'), "<h:script>"),
    "uppercase-script": (svg("<SCRIPT>alert(1)</SCRIPT><Script>alert(2)</Script><rect width='5'/>"), "<SCRIPT>"),
    "onload": (svg('<rect width="5" onload="alert(1)"/>').replace(b"<svg ", b'<svg onload="alert(1)" ', 1), "onload="),
    "uppercase-handler": (svg('<rect width="5" ONCLICK="alert(1)" OnMouseOver="alert(2)"/>'), "ONCLICK="),
    "javascript-href": (svg('<a href="javascript:alert(1)"><rect width="5"/></a>'), "href=javascript:alert(1)"),
    "javascript-xlink": (svg('<a xlink:href=" JaVaScRiPt:alert(1)"><text>x</text></a>'), "xlink:href=JaVaScRiPt:alert(1)"),
    "entity-encoded-javascript": (svg('<a href="&#106;avascript:alert(1)"><text>x</text></a>'), "href=javascript:alert(1)"),
    "external-href": (svg('<a href="https://evil.example/"><text>x</text></a>'), "href=https://evil.example/"),
    "use-external": (svg('<use href="https://evil.example/sprite.svg#icon"/>'), "href=https://evil.example/sprite.svg#icon"),
    "use-xlink-external": (svg('<use xlink:href="//evil.example/s.svg#i"/>'), "xlink:href=//evil.example/s.svg#i"),
    "use-data-svg": (svg('<use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/>'), "href=data:image/svg+xml"),
    "image-external": (
        svg('<image href="https://tracker.example/p.png" width="5" height="5"/>'), "href=https://tracker.example/p.png"
    ),
    "image-svg-data": (svg('<image href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/>'), "href=data:image/svg+xml"),
    "image-file": (svg('<image xlink:href="file:///etc/passwd"/>'), "xlink:href=file:///etc/passwd"),
    "foreign-object": (
        svg('<foreignObject width="5" height="5"><body xmlns="http://www.w3.org/1999/xhtml">'
            '<iframe src="https://evil.example/"/><img src="x" onerror="alert(1)"/></body></foreignObject>'),
        "<foreignObject>",
    ),
    "style-import": (
        svg('<style>@import url(https://evil.example/x.css); rect { fill: red }</style><rect width="5"/>'), "<style>"
    ),
    "style-import-string": (svg("<style>@IMPORT 'https://evil.example/x.css';</style>"), "<style>"),
    "style-import-comment": (svg("<style>@im<!-- split -->port 'x.css';</style>"), "<style>"),
    "style-url": (svg("<style>rect { fill: url(http://evil.example/track) }</style>"), "<style>"),
    "style-escaped-url": (svg("<style>rect { background: \\75rl(http://evil.example/) }</style>"), "<style>"),
    "style-cdata": (svg('<style><![CDATA[ @import "https://evil.example/x.css"; ]]></style>'), "<style>"),
    "style-image-set": (svg('<style>rect { fill: image-set("https://evil.example/a.png" 1x) }</style>'), "<style>"),
    "style-attribute-url": (
        svg('<rect width="5" style="fill: url(https://evil.example/p)"/>'), "style=fill: url(https://evil.example/p)"
    ),
    "fill-url": (
        svg('<rect width="5" fill="url(\'https://evil.example/p#g\')"/>'), "fill=url('https://evil.example/p#g')"
    ),
    "filter-url": (svg('<rect width="5" filter="url(//evil.example/f.svg#f)"/>'), "filter=url(//evil.example/f.svg#f)"),
    "cursor-url": (
        svg('<rect width="5" cursor="url(https://evil.example/c.cur), auto"/>'), "cursor=url(https://evil.example/c.cur), auto"
    ),
    "animate-href": (
        svg('<a href="#x"><animate attributeName="href" to="javascript:alert(1)" begin="0s"/><text>x</text></a>'),
        "<animate attributeName=href>",
    ),
    "animate-xlink-href": (
        svg('<a xlink:href="#x"><animate attributeName="xlink:href" values="javascript:alert(1)"/><text>x</text></a>'),
        "<animate attributeName=xlink:href>",
    ),
    "set-handler": (svg('<rect width="5"><set attributeName="onmouseover" to="alert(1)"/></rect>'), "<set attributeName=onmouseover>"),
    "set-style": (
        svg('<rect width="5"><set attributeName="style" to="fill:url(https://evil.example/)"/></rect>'), "<set attributeName=style>"
    ),
    "animate-fill-url": (
        svg('<rect width="5"><animate attributeName="fill" values="red;url(https://evil.example/);blue" dur="1s"/></rect>'),
        "values=red;url(https://evil.example/);blue",
    ),
    "xml-stylesheet": (
        svg("<rect width='5'/>", head='<?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?>'), "<?xml-stylesheet?>"
    ),
    "inner-pi": (svg("<?php echo 1; ?><rect width='5'/>"), "<?php?>"),
    "xml-base": (svg('<g xml:base="https://evil.example/"><use href="#a"/></g>'), "xml:base="),
    "iframe": (svg('<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>'), "<iframe>"),
    "svg-font-uri": (
        svg('<font-face><font-face-src><font-face-uri xlink:href="https://evil.example/f.svg"/></font-face-src></font-face>'),
        "<font-face>",
    ),
    "xpointer": (svg("<use href=\"#xpointer(id('a'))\"/>"), "href=#xpointer(id('a'))"),
    "doctype-public-with-nbsp": (
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
        + svg("<text>a&nbsp;b</text>"),
        "&nbsp;",
    ),
}


@pytest.mark.parametrize("data, removed", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_svg_loses_the_dangerous_part(data: bytes, removed: str) -> None:
    root, found = clean(data)
    assert_safe(root)
    assert any(item.startswith(removed) for item in found), found


def test_drawing_around_the_attack_is_kept() -> None:
    root, found = clean(svg('<script>alert(1)</script><rect width="5" height="5" fill="red" onclick="x()"/>'))
    rect = root.find(f"{{{SVG_NS}}}rect")
    assert rect is not None and dict(rect.attrib) == {"width": "5", "height": "5", "fill": "red"}
    assert names(root) == ["svg", "rect"]
    assert found == ["<script>", "onclick="]


def test_cdata_and_namespaced_scripts_leave_no_text_behind() -> None:
    root, _ = clean(svg('<script><![CDATA[alert(1)]]></script><svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(2)</svg:script>'))
    assert "alert" not in "".join(root.itertext())
    assert names(root) == ["svg"]


def test_foreign_object_goes_with_all_its_html() -> None:
    root, _ = clean(HOSTILE["foreign-object"][0])
    assert names(root) == ["svg"]
    assert not root.xpath("//*[local-name()='iframe' or local-name()='img' or local-name()='body']")


def test_animation_of_drawing_attributes_is_kept() -> None:
    root, found = clean(svg('<rect width="5"><animate attributeName="fill" values="red;blue" dur="2s" repeatCount="indefinite"/>'
                           '<animateTransform attributeName="transform" type="rotate" from="0" to="90" dur="1s"/></rect>'))
    assert found == []
    animations = root.iter(f"{{{SVG_NS}}}animate", f"{{{SVG_NS}}}animateTransform")
    assert [node.get("attributeName") for node in animations] == ["fill", "transform"]


def test_text_after_a_removed_element_stays_in_place() -> None:
    root, found = clean(svg("<text>Hà <script>alert(1)</script>Nội<tspan>!</tspan></text>"))
    text = root.find(f"{{{SVG_NS}}}text")
    assert "".join(text.itertext()) == "Hà Nội!"
    assert found == ["<script>"]


# --- refused files --------------------------------------------------------------------------------

REFUSED = {
    "xxe-file": b'<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + svg("<text>&xxe;</text>"),
    "xxe-parameter": b'<!DOCTYPE svg [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>' + svg("<text>x</text>"),
    "xxe-network": b'<!DOCTYPE svg [<!ENTITY e SYSTEM "http://evil.example/x">]>' + svg("<text>&e;</text>"),
    "billion-laughs": (
        b'<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        + svg("<text>&d;&d;&d;&d;</text>")
    ),
    "unused-entity": b'<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg">]>' + svg("<rect width='5'/>"),
    "undeclared-entity": svg("<text>&passwd;</text>"),
    "not-xml": b"GIF89a\x01\x00\x01\x00",
    "empty": b"",
    "html": b"<html><body><svg></svg></body></html>",
    "not-svg-root": b'<x:svg xmlns:x="http://example.org/not-svg"/>',
    "unclosed": svg("<rect>"),
    "too-deep": b"<svg>" + b"<g>" * 5000 + b"</g>" * 5000 + b"</svg>",
}


@pytest.mark.parametrize("data", list(REFUSED.values()), ids=list(REFUSED))
def test_not_an_svg_or_entities_is_refused(data: bytes) -> None:
    assert clean_svg(data) == (None, [])


def test_entities_never_read_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    for doctype in (f'<!DOCTYPE svg [<!ENTITY s SYSTEM "{secret.as_uri()}">]>', f'<!DOCTYPE svg SYSTEM "{secret.as_uri()}">'):
        out, _ = clean_svg(doctype.encode() + svg("<text>&s;</text>"))
        assert out is None or "BÍ MẬT" not in out.decode()


# --- benign files ---------------------------------------------------------------------------------

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
BENIGN = {
    "gradient": svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
                    '<rect width="5" height="5" fill="url(#g)" stroke="url( \'#g\' ) none"/>'),
    "use-local": svg('<defs><symbol id="s"><circle r="2"/></symbol></defs><use href="#s" x="1"/><use xlink:href="#s" y="1"/>'),
    "image-data": svg(f'<image width="1" height="1" href="data:image/png;base64,{PNG}"/>'),
    "style-local": svg('<style type="text/css">/* màu */ @media print { .a { fill: url(#g); stroke: #000 } }</style>'
                       '<rect class="a" width="5" style="opacity:.5; fill: url(&quot;#g&quot;)"/>'),
    "text": svg('<text x="1" y="5" xml:space="preserve" font-family="\'Noto Sans\', sans-serif">'
                '<tspan>Cổng</tspan> <tspan dy="1">Minh Giang</tspan></text>'),
    "filter": svg('<filter id="f"><feGaussianBlur in="SourceGraphic" stdDeviation="2"/><feOffset dx="1" dy="1" result="o"/>'
                  '<feMerge><feMergeNode in="o"/></feMerge></filter><rect width="5" filter="url(#f)"/>'),
    "local-link": svg('<a href="#top" aria-label="Lên đầu"><rect width="5"/></a>'),
    "motion": svg('<path id="p" d="M0 0 L5 5"/><circle r="1"><animateMotion dur="1s"><mpath href="#p"/></animateMotion></circle>'),
    "accessible": svg('<title id="t">Bản đồ</title><desc>Tỉnh Minh Giang</desc><g role="img" aria-labelledby="t"><rect width="5"/></g>'),
}


def shape(root: etree._Element) -> list[tuple[str, dict[str, str], str, str]]:
    """What a file draws: every element, its attributes and its text, in order (whitespace between elements aside)."""
    return [
        (node.tag, dict(node.attrib), (node.text or "").strip(), (node.tail or "").strip())
        for node in root.iter()
        if isinstance(node.tag, str)
    ]


@pytest.mark.parametrize("data", list(BENIGN.values()), ids=list(BENIGN))
def test_benign_svg_is_kept_whole(data: bytes) -> None:
    root, found = clean(data)
    assert found == []
    assert shape(root) == shape(parse(data))
    assert_safe(root)


def project_svgs() -> list[Path]:
    """The portal's banner and logo, and any SVG the sample content holds."""
    return sorted((REPO / "theme" / "assets" / "images").glob("*.svg")) + sorted((REPO / "content").rglob("*.svg"))


def test_the_theme_has_svgs_to_check() -> None:
    assert {path.name for path in project_svgs()} >= {"banner.svg", "banner-small.svg", "logo.svg"}


@pytest.mark.parametrize("path", project_svgs(), ids=lambda path: str(path.relative_to(REPO)))
def test_project_svgs_lose_nothing(path: Path) -> None:
    data = path.read_bytes()
    root, found = clean(data)
    assert found == []
    assert shape(root) == shape(parse(data))


def test_drawing_program_bookkeeping_goes_silently() -> None:
    data = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
        b' xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'
        b' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" inkscape:version="1.3">'
        b'<sodipodi:namedview id="nv" pagecolor="#fff"/><metadata><rdf:RDF/></metadata>'
        b'<g inkscape:label="Layer 1" inkscape:groupmode="layer"><rect width="5"/></g></svg>'
    )
    root, found = clean(data)
    assert found == []
    assert names(root) == ["svg", "g", "rect"]
    assert root.nsmap == {None: SVG_NS}


def test_svg_without_namespace_and_public_doctype_is_read() -> None:
    out, found = clean_svg(
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        b'<svg width="5"><text>caf\xe9</text></svg>'
    )
    assert found == [] and out is not None
    root = parse(out)
    assert root.tag == f"{{{SVG_NS}}}svg" and "".join(root.itertext()) == "café"
    assert root.getroottree().docinfo.doctype == ""


def test_output_is_deterministic_and_stable() -> None:
    for data in [*BENIGN.values(), *(case[0] for case in HOSTILE.values())]:
        first, _ = clean_svg(data)
        assert first is not None
        assert clean_svg(data)[0] == first
        assert clean_svg(first) == (first, []), "a cleaned file is clean"


def test_css_check() -> None:
    assert css_is_safe("fill: url(#a); stroke: url('#b')")
    assert css_is_safe("@media (min-width: 10px) { .a { fill: red } }")
    for text in ("@import 'x'", "fill: url(x.svg#a)", "fill: URL(https://a)", "a: \\75rl(x)", "x: expression(alert(1))",
                 "fill: url(#a) url(http://b)", "b: ur/**/l(x)", "-moz-binding: x", "fill: url(  #a  ) ; a: src(x)"):
        assert not css_is_safe(text), text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "<script>a()</script>", "<rect width='1'/>", "<g>", "</g>", " onload='a()'", "<a href='javascript:a()'>", "</a>",
    "<style>@import 'x';</style>", "<foreignObject/>", "<text>t</text>", "&amp;", "<![CDATA[x]]>", "<use href='#a'/>",
    "<animate attributeName='href' to='javascript:a()'/>", "<!-- c -->", "<?pi x?>", "<SCRIPT/>", "&x;", "\u202e",
]), max_size=12))
def test_any_mix_never_raises_and_is_safe(parts: list[str]) -> None:
    out, _ = clean_svg(svg("".join(parts)))
    if out is not None:
        assert_safe(parse(out))
