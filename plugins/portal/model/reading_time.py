"""Reading time ("5 phút đọc"): words at 200 a minute, rounded up, at least one minute.

Counted on the Markdown an editor wrote, without the parts a reader does not
read: link and image addresses, HTML tags, code fences' markers. A
Vietnamese word is counted per syllable (they are written apart), which is
how reading speed in Vietnamese is usually measured too.
"""

from __future__ import annotations

import math
import re

WORDS_PER_MINUTE = 200

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>\n]+>")
_URL = re.compile(r"\b(?:https?|ftp)://\S+")
_ATTRIBUTES = re.compile(r"\{[:#.][^}\n]*\}")  # attr_list: {: .class #id }
# A word: letters or digits (any script), allowing inner apostrophes and hyphens (Chăm-pa-sắc).
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(markdown: str) -> int:
    """Words a reader reads in ``markdown`` (image alt texts are not read, link texts are)."""
    text = _IMAGE.sub(" ", markdown)
    text = _LINK.sub(r" \1 ", text)
    text = _TAG.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _ATTRIBUTES.sub(" ", text)
    return len(_WORD.findall(text))


def reading_minutes(*texts: str, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Minutes to read the given texts: ``ceil(words / words_per_minute)``, at least 1."""
    words = sum(count_words(text) for text in texts if text)
    return max(1, math.ceil(words / words_per_minute))
