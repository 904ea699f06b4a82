"""Make an SVG file safe to publish: drawings kept, anything that runs, loads or leaks removed.

An SVG is an XML document that may hold ``<script>``, ``on*=`` handlers,
``javascript:`` links, ``<foreignObject>`` HTML, animations that rewrite a
link into ``javascript:``, style sheets that load other sites, and XML
entities that read local files or expand to gigabytes. Opened directly from
the portal's origin (``/anh/ban-do.svg``), any of these would run or load
as the portal.

:func:`clean_svg` parses the file with a real XML parser (lxml, no network,
no DTD loading, no entity expansion, libxml2's size limits) and builds a
new document from an allow-list of SVG 1.1/2 elements and attributes:

* elements: shapes, text, gradients, patterns, clip paths, masks, markers,
  filters, ``<use>``, ``<image>``, ``<style>``, and the SMIL animations, the
  latter only when they animate a presentation or geometry attribute (never
  ``href`` nor an ``on*`` handler);
* ``href`` / ``xlink:href`` only to a fragment of the same file (``#id``);
  ``<image>`` and ``<feImage>`` may also hold a base64 PNG, JPEG, GIF or WebP;
* CSS (``style=``, ``<style>``, presentation attributes) without ``@import``,
  escapes, or ``url()`` to anything but ``#id``;
* a DOCTYPE declaring entities makes the whole file refused.

What editing programs add and never draw (Inkscape, Sodipodi, Illustrator,
Sketch attributes, ``<metadata>`` with its RDF, comments) is dropped without
being listed: an editor needs no warning about it. Everything else removed is
listed, once, in the order met. The output is a pure function of the input
bytes: the same file always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Namespaces of drawing programs' own bookkeeping: dropped silently.
EDITOR_NAMESPACES: frozenset[str] = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.serif.com/",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://ns.adobe.com/Flows/1.0/",
        "http://ns.adobe.com/xap/1.0/",
    }
)

_ANIMATIONS = frozenset({"animate", "animateMotion", "animateTransform", "set"})

#: SVG elements kept (local names, case as the specification writes them).
ALLOWED_ELEMENTS: frozenset[str] = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "switch", "a", "title", "desc", "view",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "image",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
        "style",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
        "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
        "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode",
        "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
        "feTurbulence",
        "mpath",
    }
    | _ANIMATIONS
)

#: Presentation attributes (SVG 1.1 §M and SVG 2): also what animations may target.
PRESENTATION_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
        "color-interpolation", "color-interpolation-filters", "color-rendering", "cursor", "direction",
        "display", "dominant-baseline", "enable-background", "fill", "fill-opacity", "fill-rule", "filter",
        "flood-color", "flood-opacity", "font", "font-family", "font-size", "font-size-adjust", "font-stretch",
        "font-style", "font-variant", "font-weight", "glyph-orientation-horizontal",
        "glyph-orientation-vertical", "image-rendering", "kerning", "letter-spacing", "lighting-color",
        "marker", "marker-end", "marker-mid", "marker-start", "mask", "mask-type", "opacity", "overflow",
        "paint-order", "pointer-events", "shape-rendering", "stop-color", "stop-opacity", "stroke",
        "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "stroke-opacity", "stroke-width", "text-anchor", "text-decoration", "text-rendering", "transform",
        "transform-origin", "unicode-bidi", "vector-effect", "visibility", "word-spacing", "writing-mode",
    }
)

#: Geometry and element attributes: numbers, lengths, keywords and lists of them.
GEOMETRY_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height",
        "d", "points", "pathLength", "viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform",
        "spreadMethod", "offset", "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits",
        "maskUnits", "maskContentUnits", "filterUnits", "primitiveUnits", "markerUnits", "markerWidth",
        "markerHeight", "refX", "refY", "orient", "dx", "dy", "rotate", "textLength", "lengthAdjust",
        "startOffset", "method", "spacing", "side", "path",
        # filter primitives
        "in", "in2", "result", "stdDeviation", "mode", "type", "values", "tableValues", "slope", "intercept",
        "amplitude", "exponent", "operator", "k1", "k2", "k3", "k4", "order", "kernelMatrix", "divisor",
        "bias", "targetX", "targetY", "edgeMode", "preserveAlpha", "kernelUnitLength", "surfaceScale",
        "diffuseConstant", "specularConstant", "specularExponent", "azimuth", "elevation", "z", "pointsAtX",
        "pointsAtY", "pointsAtZ", "limitingConeAngle", "scale", "xChannelSelector", "yChannelSelector",
        "radius", "baseFrequency", "numOctaves", "seed", "stitchTiles",
    }
)

#: Attributes that neither draw nor animate but are harmless: identity, accessibility, conditions.
OTHER_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "id", "class", "style", "lang", "version", "baseProfile", "zoomAndPan", "role", "focusable",
        "requiredFeatures", "requiredExtensions", "systemLanguage", "media",
        # animation timing and values (what they animate is checked apart)
        "attributeName", "attributeType", "begin", "dur", "end", "min", "max", "restart", "repeatCount",
        "repeatDur", "calcMode", "keyTimes", "keySplines", "from", "to", "by", "additive", "accumulate",
        "keyPoints", "origin",
    }
)

ALLOWED_ATTRIBUTES: frozenset[str] = PRESENTATION_ATTRIBUTES | GEOMETRY_ATTRIBUTES | OTHER_ATTRIBUTES
#: Attributes an animation may change: drawing only, never a link, a handler, a style sheet or a class.
ANIMATABLE_ATTRIBUTES: frozenset[str] = PRESENTATION_ATTRIBUTES | (GEOMETRY_ATTRIBUTES - {"type", "href"})
_ARIA = re.compile(r"^aria-[a-z]+$")
_XLINK_KEPT = frozenset({"title", "type", "show", "actuate", "role", "arcrole"})  # inert; xlink:href is checked apart
_XML_KEPT = frozenset({"space", "lang"})  # xml:base would redirect every relative address

# href: a fragment of this file only (no xpointer(), no svgView(): plain ids).
_LOCAL_REFERENCE = re.compile(r"^#[\w.:-]+$")
_RASTER_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$")
_RASTER_ELEMENTS = frozenset({"image", "feImage"})

# CSS checks, on text whose comments were removed first (removing a comment can only
# join tokens, so a text passing after removal passes before). Escapes are refused
# outright: "\75rl(" is "url(" to a browser.
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_URL = re.compile(r"url\(", re.IGNORECASE)
_CSS_LOCAL_URL = re.compile(r"""url\(\s*(?:#[\w.:-]+|"#[\w.:-]+"|'#[\w.:-]+')\s*\)""", re.IGNORECASE)
_CSS_FORBIDDEN = re.compile(
    r"\\|@import|@namespace|javascript:|vbscript:|expression\s*\(|-moz-binding|behavior\s*:"
    r"|(?<![\w-])(?:-webkit-)?image-set\s*\(|(?<![\w-])image\s*\(|(?<![\w-])src\s*\(|cross-fade\s*\(|element\s*\(",
    re.IGNORECASE,
)
_SHOWN = 60  # characters of a refused value shown in the list


def _parser() -> etree.XMLParser:
    """A parser that reads nothing but the given bytes (no DTD, no network, no entity expansion)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_blank_text=False,
        strip_cdata=True,
        recover=False,
    )


def css_is_safe(text: str) -> bool:
    """Whether CSS text loads nothing and hides nothing: no ``@import``, escapes, or ``url()`` but ``url(#id)``."""
    text = _CSS_COMMENT.sub("", text)
    if _CSS_FORBIDDEN.search(text):
        return False
    return len(_CSS_URL.findall(text)) == len(_CSS_LOCAL_URL.findall(text))


def _reference_is_safe(value: str, element: str) -> bool:
    value = value.strip()
    return bool(_LOCAL_REFERENCE.match(value)) or (element in _RASTER_ELEMENTS and bool(_RASTER_DATA.match(value)))


def _shown(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


class _Cleaner:
    """One cleaning: the findings of one file, in the order met, without repeats."""

    def __init__(self) -> None:
        self.removed: dict[str, None] = {}

    def note(self, what: str) -> None:
        self.removed[what] = None

    # -- elements ----------------------------------------------------------------------------------

    def element_name(self, node: etree._Element) -> tuple[str | None, str]:
        qname = etree.QName(node)
        return qname.namespace, qname.localname

    def shown_tag(self, node: etree._Element) -> str:
        name = etree.QName(node).localname
        return f"<{node.prefix}:{name}>" if node.prefix else f"<{name}>"

    def keep_element(self, node: etree._Element) -> bool:
        """Whether the element (and so its subtree) is kept; notes why not."""
        namespace, name = self.element_name(node)
        if namespace in EDITOR_NAMESPACES or (namespace in (SVG_NS, None) and name == "metadata"):
            return False
        if namespace not in (SVG_NS, None) or name not in ALLOWED_ELEMENTS:
            self.note(self.shown_tag(node))
            return False
        if name in _ANIMATIONS and name != "animateMotion":
            target = (node.get("attributeName") or "").strip()
            if target and target not in ANIMATABLE_ATTRIBUTES:
                self.note(f"<{name} attributeName={_shown(target)}>")
                return False
        if name == "style" and not css_is_safe("".join(node.itertext())):
            self.note("<style>")
            return False
        return True

    # -- attributes --------------------------------------------------------------------------------

    def attributes(self, node: etree._Element, element: str) -> list[tuple[str, str]]:
        """The attributes kept, as (Clark name, value), in the file's order."""
        kept: list[tuple[str, str]] = []
        for key, value in node.attrib.items():
            qname = etree.QName(key)
            namespace, name = qname.namespace, qname.localname
            if namespace in EDITOR_NAMESPACES:
                continue
            is_reference = name == "href" and namespace in (None, XLINK_NS)
            shown = f"xlink:{name}" if namespace == XLINK_NS else (f"xml:{name}" if namespace == XML_NS else name)
            if is_reference:
                if _reference_is_safe(value, element):
                    kept.append((key, value.strip()))
                else:
                    self.note(f"{shown}={_shown(value)}")
                continue
            if namespace is None:
                allowed = name in ALLOWED_ATTRIBUTES or bool(_ARIA.match(name))
            elif namespace == XLINK_NS:
                allowed = name in _XLINK_KEPT
            elif namespace == XML_NS:
                allowed = name in _XML_KEPT
            else:
                allowed = False
            if not allowed:
                self.note(f"{shown}=")
                continue
            if not css_is_safe(value):
                self.note(f"{shown}={_shown(value)}")
                continue
            if name == "attributeName":
                value = value.strip()
            kept.append((key, value))
        return kept

    # -- the tree ----------------------------------------------------------------------------------

    def copy(self, source: etree._Element, target: etree._Element) -> None:
        """Copy ``source``'s kept children (and all text) under ``target``, depth first."""
        target.text = source.text
        last: etree._Element | None = None
        for child in source:
            keep = False
            if isinstance(child, etree._Entity):
                self.note(f"&{child.name};")
            elif isinstance(child, etree._ProcessingInstruction):
                self.note(f"<?{child.target}?>")
            elif isinstance(child, etree._Comment):
                pass
            else:
                keep = self.keep_element(child)
            if keep:
                last = self.add(child, target)
                last.tail = child.tail
            elif child.tail:  # the text after a removed element stays where it was
                if last is None:
                    target.text = (target.text or "") + child.tail
                else:
                    last.tail = (last.tail or "") + child.tail

    def add(self, source: etree._Element, parent: etree._Element) -> etree._Element:
        name = etree.QName(source).localname
        element = etree.SubElement(parent, f"{{{SVG_NS}}}{name}")
        for key, value in self.attributes(source, name):
            element.set(key, value)
        if name == "style":
            element.text = "".join(source.itertext())
            return element
        self.copy(source, element)
        return element


def clean_svg(data: bytes) -> tuple[bytes | None, list[str]]:
    """The SVG without anything that runs, loads or leaks, and what was removed.

    Returns ``(None, [])`` when ``data`` is not an SVG document at all (not
    well-formed XML, a root other than ``<svg>``, or a DOCTYPE declaring
    entities, which is how XML reads local files and expands "billion laughs").
    The removed items are short descriptions (``<script>``, ``onload=``,
    ``href=https://…``), each listed once in the order found.
    """
    try:
        root = etree.fromstring(data, _parser())
    except (etree.LxmlError, ValueError):  # not well-formed, an undeclared entity, too deep or too big
        return None, []
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return None, []
    namespace, name = etree.QName(root).namespace, etree.QName(root).localname
    if namespace not in (SVG_NS, None) or name != "svg":
        return None, []
    cleaner = _Cleaner()
    for sibling in _siblings(root):
        if isinstance(sibling, etree._ProcessingInstruction):
            cleaner.note(f"<?{sibling.target}?>")
    output = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS, "xlink": XLINK_NS})
    for key, value in cleaner.attributes(root, "svg"):
        output.set(key, value)
    cleaner.copy(root, output)
    etree.cleanup_namespaces(output)  # xmlns:xlink only when an xlink attribute was kept
    return etree.tostring(output, encoding="utf-8"), list(cleaner.removed)


def _siblings(root: etree._Element) -> Iterable[etree._Element]:
    """Nodes before and after the root element (processing instructions, comments)."""
    yield from reversed(list(root.itersiblings(preceding=True)))
    yield from root.itersiblings()
