"""Small, real, deterministic JPEG lead photos for the synthetic corpus.

A portal's build copies every photo into the site (and the portal snapshots
them first), so a corpus without photos under-states what a build pays. The
pictures are drawn with Pillow: a sky gradient, a few blocks and ellipses and
a grain layer, every choice from a generator seeded by (seed, index), so the
same Pillow gives byte-identical files on every run. Drawing one takes ~7 ms;
callers draw a pool of a few hundred and reuse the bytes.
"""

from __future__ import annotations

import io
import random

WIDTH, HEIGHT = 480, 270  # 16:9, the shape of a lead photo; ~17 kB at quality 72
QUALITY = 72


class PhotosUnavailable(RuntimeError):
    """Pillow is missing: say how to get it instead of a bare ImportError."""


def _rgb(rng: random.Random, low: int, high: int) -> tuple[int, int, int]:
    return (rng.randint(low, high), rng.randint(low, high), rng.randint(low, high))


def make_photo(index: int, seed: int) -> bytes:
    """The JPEG bytes of photo ``index``; depends only on (seed, index) and Pillow."""
    try:
        from PIL import Image, ImageDraw
    except ImportError as exc:  # Pillow is in requirements/test.lock, not in the portal's
        raise PhotosUnavailable(
            "Pillow is needed to draw the corpus photos: install the test lock "
            "(requirements/test.lock) or `pip install Pillow`, or pass --photos 0"
        ) from exc
    rng = random.Random(f"{seed}-photo-{index}")
    mask = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    top = Image.new("RGB", (WIDTH, HEIGHT), _rgb(rng, 60, 200))
    bottom = Image.new("RGB", (WIDTH, HEIGHT), _rgb(rng, 20, 140))
    picture = Image.composite(bottom, top, mask)
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(6, 14)):
        x0, y0 = rng.randint(-50, WIDTH), rng.randint(HEIGHT // 3, HEIGHT)
        box = [x0, y0, x0 + rng.randint(20, 200), y0 + rng.randint(20, 150)]
        shape = draw.ellipse if rng.random() < 0.4 else draw.rectangle
        shape(box, fill=_rgb(rng, 0, 255))
    # Grain from the seeded generator (Image.effect_noise is not reproducible).
    half = (WIDTH // 2, HEIGHT // 2)
    grain = Image.frombytes("L", half, rng.randbytes(half[0] * half[1]))
    picture = Image.blend(picture, grain.resize((WIDTH, HEIGHT)).convert("RGB"), 0.10)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=QUALITY)
    return out.getvalue()


class PhotoPool:
    """``distinct`` photos drawn on first use, then handed out round-robin."""

    def __init__(self, distinct: int, seed: int) -> None:
        if distinct < 1:
            raise ValueError("a photo pool needs at least one photo")
        self.distinct = distinct
        self.seed = seed
        self._drawn: dict[int, bytes] = {}

    def get(self, number: int) -> bytes:
        """The bytes for the ``number``-th article's photo (pool slot number % distinct)."""
        slot = number % self.distinct
        data = self._drawn.get(slot)
        if data is None:
            data = self._drawn[slot] = make_photo(slot, self.seed)
        return data
