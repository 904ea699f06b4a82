"""Read a legacy export's bytes as text, or refuse them with a message an editor can act on.

Old Vietnamese CMSs and office files come in four encodings besides UTF-8:

- **Windows-1258** (Microsoft's Vietnamese code page): tone marks are combining
  characters after the letter. Python's ``cp1258`` codec plus NFC turns it into
  ordinary Unicode, and the result can be checked to be Vietnamese, so it is
  converted.
- **TCVN3** (ABC, fonts ``.VnTime``) and **VNI** (fonts ``VNI-Times``): font
  encodings that put Vietnamese letters on Latin-1 code points. Python has no
  codec for them and a wrong guess silently garbles every name in an article,
  so they are detected and refused with instructions for UniKey's converter.
  The same text saved "as UTF-8" by a program that did not know the font
  (``Céng hoµ``, ``Coäng hoøa``) is detected as well.

Everything returned is NFC with ``\\n`` line endings.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from portal.importing.messages import message

# TCVN3 letters that fall on Latin-1 punctuation: Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ
# (0xA1-0xAE) and à ả ã á ạ ằ ẳ ẵ ắ (0xB5-0xBE). Real text has them beside
# letters only when it is TCVN3 read as Latin-1.
_TCVN3_INSIDE_WORD = re.compile(r"[A-Za-z][\u00a1-\u00ae\u00b5-\u00be]|[\u00a1-\u00ae\u00b5-\u00be][A-Za-z]")
# VNI writes a base letter then a mark byte: ø ù û õ ï are the tones, â ê the
# circumflex, ô ö are ơ ư, ñ is đ. Letters Vietnamese never uses (ø, ï, ñ, ö…)
# or Vietnamese letters where Vietnamese cannot have them (a vowel then â/ê,
# a vowel then ù/õ as a tone) give it away.
_VNI_INSIDE_WORD = re.compile(
    r"[A-Za-z][øûïñöæëäåüîØÛÏÑÖÆËÄÅÜÎ]|[øûïñöæëäåüîØÛÏÑÖÆËÄÅÜÎ][A-Za-z]|[aeoAEO][âêÂÊ]|[aeiouyAEIOUY][ùõÙÕ]"
)
# Letters only Vietnamese uses (not in Latin-1): proof that a decoding is Vietnamese.
_VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯĩũĨŨ\u1ea0-\u1ef9]")
_FONT_HINTS = {
    "TCVN3": re.compile(r"\.?vn(?:time|arial|avant|helve|souvenir|book|courier)", re.IGNORECASE),
    "VNI": re.compile(r"vni[- ](?:times|helve|aptima|avo|book|centur|univer)", re.IGNORECASE),
}
_COMBINING_TONES = re.compile(r"[\u0300\u0301\u0303\u0309\u0323]")


class EncodingRefused(Exception):
    """The file is in an encoding the importer will not guess at."""

    def __init__(self, encoding: str, text: str) -> None:
        super().__init__(text)
        self.encoding = encoding


@dataclass(frozen=True)
class Decoded:
    """A file's text and what it was stored as.

    Attributes:
        text: NFC, ``\\n`` line endings, no BOM.
        encoding: a name for the report (``UTF-8``, ``Windows-1258``…).
        converted: True when the bytes were not UTF-8 (the report says so).
    """

    text: str
    encoding: str
    converted: bool = False


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def sniff_font_encoding(text: str) -> str | None:
    """``"TCVN3"`` or ``"VNI"`` when ``text`` is that font encoding read as Latin-1, else None.

    Counts the words carrying each encoding's giveaway patterns against the words
    with non-ASCII letters; genuine Vietnamese (UTF-8 or Windows-1258) has none
    of them, so a quarter of the accented words is a clear signal.
    """
    accented = [w for w in _words(text) if any(ord(c) > 127 for c in w)]
    if not accented:
        return None
    scores = {
        "TCVN3": sum(1 for w in accented if _TCVN3_INSIDE_WORD.search(w)),
        "VNI": sum(1 for w in accented if _VNI_INSIDE_WORD.search(w)),
    }
    vietnamese = sum(1 for w in accented if _VIETNAMESE_LETTER.search(w))
    name = max(scores, key=lambda k: scores[k])
    score = scores[name]
    needed = 1 if _FONT_HINTS[name].search(text) else 3
    if score >= needed and score >= 0.25 * len(accented) and score > vietnamese:
        return name
    return None


def looks_vietnamese(text: str) -> bool:
    """Whether a decoding reads as Vietnamese: Vietnamese-only letters, no stray tone marks."""
    words = [w for w in _words(text) if any(c.isalpha() for c in w)]
    if not words:
        return False
    vietnamese = sum(1 for w in words if _VIETNAMESE_LETTER.search(w))
    stray_tones = len(_COMBINING_TONES.findall(text))  # after NFC a Vietnamese tone is always composed
    return vietnamese >= max(2, 0.1 * len(words)) and stray_tones <= 0.01 * len(words)


def _looks_like_text(raw: bytes) -> bool:
    """Single-byte Vietnamese text is mostly ASCII letters and spaces and has no control bytes (a .doc, PDF or image has)."""
    sample = raw[:65536]
    if not sample:
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in (0x09, 0x0A, 0x0D))
    plain = sum(1 for byte in sample if 0x61 <= byte <= 0x7A or 0x41 <= byte <= 0x5A or byte == 0x20)
    return controls <= 0.005 * len(sample) and plain >= 0.5 * len(sample)


def _finish(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _refuse_font_encoding(encoding: str) -> EncodingRefused:
    return EncodingRefused(encoding, message("encoding_font", encoding=_DISPLAY[encoding]))


_DISPLAY = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI Windows"}


def decode_input(raw: bytes) -> Decoded:
    """Decode an export's bytes.

    Raises:
        EncodingRefused: TCVN3, VNI, or bytes that no reliable decoding turns into Vietnamese.
    """
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise EncodingRefused("UTF-16", message("encoding_unknown")) from None
        encoding, converted = "UTF-16", True
    else:
        try:
            text = raw.decode("utf-8-sig")
            encoding, converted = "UTF-8", False
        except UnicodeDecodeError:
            text, encoding, converted = "", "", True
    if encoding:
        legacy = sniff_font_encoding(text)
        if legacy:
            # Bytes of a font encoding that some program re-saved as UTF-8.
            raise EncodingRefused(legacy, message("encoding_font_in_utf8", encoding=_DISPLAY[legacy]))
        return Decoded(_finish(text), encoding, converted)
    if not _looks_like_text(raw):
        raise EncodingRefused("?", message("encoding_binary"))
    # Not UTF-8: every byte is one character in the candidate encodings, so
    # Latin-1 shows the bytes as the font encodings' patterns are written.
    legacy = sniff_font_encoding(raw.decode("latin-1"))
    if legacy:
        raise _refuse_font_encoding(legacy)
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        raise EncodingRefused("?", message("encoding_unknown")) from None
    text = _finish(text)
    if not looks_vietnamese(text):
        raise EncodingRefused("?", message("encoding_unknown"))
    return Decoded(text, "Windows-1258", True)
