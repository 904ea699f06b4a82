#!/usr/bin/env python3
"""Create the sample lead and body photos used by the sample articles.

The pictures are simple abstract illustrations (sky gradients, sea, hills,
buildings, meeting rooms, flags drawn as plain shapes). Output is
deterministic: every random choice uses a generator seeded from the file
name, so running the script twice gives byte-identical JPEGs.

Usage:
    .venv/bin/python scripts/make_sample_images.py

Files are written to content/anh/<YYYY>/<name>.jpg, 800x450, JPEG quality 70
(lowered step by step if a file would exceed 40 kB).
"""

from __future__ import annotations

import math
import random
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 800, 450
SS = 2  # supersampling factor for smoother edges
MAX_BYTES = 40 * 1024
ROOT = Path(__file__).resolve().parent.parent / "content" / "anh"

Color = tuple[int, int, int]


# --------------------------------------------------------------------------
# helpers


def mix(a: Color, b: Color, t: float) -> Color:
    t = max(0.0, min(1.0, t))
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]


def vgradient(d: ImageDraw.ImageDraw, box, top: Color, bottom: Color) -> None:
    x0, y0, x1, y1 = box
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        d.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / span))


def s(v: float) -> int:
    """Scale a coordinate from 800x450 space to the supersampled canvas."""
    return round(v * SS)


def rect(d, x0, y0, x1, y1, fill) -> None:
    d.rectangle([s(x0), s(y0), s(x1), s(y1)], fill=fill)


def ellipse(d, cx, cy, rx, ry, fill) -> None:
    d.ellipse([s(cx - rx), s(cy - ry), s(cx + rx), s(cy + ry)], fill=fill)


def poly(d, pts, fill) -> None:
    d.polygon([(s(x), s(y)) for x, y in pts], fill=fill)


def star(d, cx, cy, r, fill) -> None:
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.4
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    poly(d, pts, fill)


# --------------------------------------------------------------------------
# flags (simplified, no text)

RED = (218, 37, 29)
YELLOW = (255, 221, 0)
WHITE = (250, 250, 250)


def flag(d, code: str, x: float, y: float, w: float, h: float) -> None:
    if code == "vn":
        rect(d, x, y, x + w, y + h, RED)
        star(d, x + w / 2, y + h / 2, h * 0.32, YELLOW)
    elif code == "la":
        rect(d, x, y, x + w, y + h, (206, 17, 38))
        rect(d, x, y + h / 4, x + w, y + 3 * h / 4, (0, 40, 104))
        ellipse(d, x + w / 2, y + h / 2, h * 0.2, h * 0.2, WHITE)
    elif code == "jp":
        rect(d, x, y, x + w, y + h, WHITE)
        ellipse(d, x + w / 2, y + h / 2, h * 0.3, h * 0.3, (188, 0, 45))
    elif code == "kr":
        rect(d, x, y, x + w, y + h, WHITE)
        r = h * 0.25
        cx, cy = x + w / 2, y + h / 2
        d.pieslice([s(cx - r), s(cy - r), s(cx + r), s(cy + r)], 180, 360, fill=(205, 46, 58))
        d.pieslice([s(cx - r), s(cy - r), s(cx + r), s(cy + r)], 0, 180, fill=(0, 71, 160))
        for dx in (-1, 1):
            for k in range(3):
                bx = cx + dx * w * 0.33
                rect(d, bx - w * 0.06, cy - h * 0.22 + k * h * 0.08,
                     bx + w * 0.06, cy - h * 0.18 + k * h * 0.08, (30, 30, 30))
    elif code == "fr":
        rect(d, x, y, x + w / 3, y + h, (0, 35, 149))
        rect(d, x + w / 3, y, x + 2 * w / 3, y + h, WHITE)
        rect(d, x + 2 * w / 3, y, x + w, y + h, (237, 41, 57))
    elif code == "au":
        rect(d, x, y, x + w, y + h, (0, 0, 139))
        for fx, fy, fr in ((0.25, 0.72, 0.1), (0.75, 0.25, 0.05), (0.68, 0.55, 0.05),
                           (0.85, 0.45, 0.05), (0.78, 0.8, 0.05)):
            star(d, x + w * fx, y + h * fy, h * fr * 1.6, WHITE)
    else:
        raise ValueError(f"unknown flag {code!r}")


def flagpole(d, code, x, y_top, pole_h, fw=54, fh=36) -> None:
    rect(d, x - 2, y_top, x + 2, y_top + pole_h, (120, 120, 120))
    flag(d, code, x + 2, y_top + 2, fw, fh)


# --------------------------------------------------------------------------
# scene pieces


def sky(d, top, bottom, horizon) -> None:
    vgradient(d, (0, 0, s(W), s(horizon)), top, bottom)


def sea(d, horizon, top, bottom, rng: random.Random, waves=True) -> None:
    vgradient(d, (0, s(horizon), s(W), s(H)), top, bottom)
    if waves:
        light = mix(top, WHITE, 0.35)
        for _ in range(60):
            y = rng.uniform(horizon + 6, H - 4)
            x = rng.uniform(0, W)
            L = rng.uniform(10, 40) * (0.4 + (y - horizon) / (H - horizon))
            rect(d, x, y, x + L, y + 1.2, light)


def sun(d, cx, cy, r, color) -> None:
    ellipse(d, cx, cy, r, r, color)


def hills(d, base_y, color, rng: random.Random, peaks=4, height=(60, 140)) -> None:
    pts = [(0, H), (0, base_y)]
    step = W / peaks
    for i in range(peaks + 1):
        x = i * step + rng.uniform(-step * 0.2, step * 0.2)
        pts.append((x, base_y - rng.uniform(*height)))
        pts.append((x + step / 2, base_y - rng.uniform(0, height[0] * 0.6)))
    pts += [(W, base_y), (W, H)]
    poly(d, pts, color)


def island(d, cx, horizon, w, h, color) -> None:
    poly(d, [(cx - w / 2, horizon), (cx - w * 0.2, horizon - h),
             (cx + w * 0.05, horizon - h * 0.8), (cx + w * 0.25, horizon - h * 1.05),
             (cx + w / 2, horizon)], color)


def boat(d, x, y, size, hull, sail=None, flag_code=None) -> None:
    poly(d, [(x - size, y), (x + size, y), (x + size * 0.7, y + size * 0.35),
             (x - size * 0.7, y + size * 0.35)], hull)
    rect(d, x - size * 0.35, y - size * 0.4, x + size * 0.25, y, (240, 240, 235))
    if sail:
        poly(d, [(x + size * 0.05, y - size * 1.3), (x + size * 0.05, y - size * 0.45),
                 (x + size * 0.7, y - size * 0.45)], sail)
    if flag_code:
        rect(d, x - size * 0.1, y - size * 1.2, x - size * 0.05, y - size * 0.4, (90, 90, 90))
        flag(d, flag_code, x - size * 0.05, y - size * 1.2, size * 0.45, size * 0.3)


def buildings(d, base_y, rng: random.Random, palette, count=14, hmin=50, hmax=170,
              lit=(255, 236, 170)) -> None:
    x = -10.0
    while x < W:
        bw = rng.uniform(W / count * 0.6, W / count * 1.2)
        bh = rng.uniform(hmin, hmax)
        col = palette[rng.randrange(len(palette))]
        rect(d, x, base_y - bh, x + bw, base_y, col)
        win = mix(col, lit, 0.55)
        for wy in range(int(base_y - bh + 8), int(base_y - 10), 14):
            for wx in range(int(x + 6), int(x + bw - 8), 12):
                if rng.random() < 0.55:
                    rect(d, wx, wy, wx + 5, wy + 6, win)
        x += bw + rng.uniform(0, 6)


def meeting_room(d, flags, rng: random.Random, wall=((236, 226, 205), (205, 190, 160)),
                 backdrop=(150, 30, 35)) -> None:
    vgradient(d, (0, 0, s(W), s(300)), wall[0], wall[1])
    vgradient(d, (0, s(300), s(W), s(H)), (170, 120, 80), (120, 80, 50))
    # backdrop panel
    rect(d, 170, 40, 630, 220, backdrop)
    rect(d, 180, 50, 620, 210, mix(backdrop, (255, 255, 255), 0.12))
    # flags on stands along the backdrop
    n = len(flags)
    for i, code in enumerate(flags):
        fx = 260 + i * (280 / max(1, n - 1)) if n > 1 else 200
        flagpole(d, code, fx, 70, 150, fw=70, fh=46)
    # plants
    for px in (110, 690):
        rect(d, px - 18, 250, px + 18, 300, (110, 80, 60))
        for _ in range(7):
            ellipse(d, px + rng.uniform(-26, 26), 230 - rng.uniform(0, 50), 16, 22,
                    mix((40, 110, 50), (90, 160, 80), rng.random()))
    # long table with white cloth
    poly(d, [(90, 330), (710, 330), (760, 400), (40, 400)], (245, 245, 240))
    rect(d, 40, 400, 760, 412, (210, 210, 205))
    # silhouettes of participants
    for i in range(8):
        cx = 120 + i * 80
        body = mix((40, 50, 70), (70, 75, 90), rng.random())
        ellipse(d, cx, 298, 30, 32, body)
        ellipse(d, cx, 252, 16, 18, mix((60, 45, 40), (20, 20, 20), rng.random()))
        rect(d, cx - 14, 336, cx + 14, 350, (40, 110, 60))  # name card stand / flowers


# --------------------------------------------------------------------------
# scenes


def scene_festival_boats(d, rng):
    sky(d, (120, 180, 235), (250, 214, 170), 230)
    sun(d, 640, 120, 44, (255, 230, 160))
    island(d, 160, 230, 300, 70, (70, 110, 90))
    sea(d, 230, (40, 120, 170), (10, 60, 110), rng)
    for i in range(9):
        x = 70 + i * 85 + rng.uniform(-15, 15)
        y = 270 + (i % 3) * 45 + rng.uniform(-8, 8)
        boat(d, x, y, 28 + (y - 260) * 0.12, (170, 40, 40) if i % 2 else (30, 90, 160),
             sail=(250, 200, 60) if i % 3 == 0 else None, flag_code="vn")


def scene_council_hall(d, rng):
    meeting_room(d, ["vn"], rng, wall=((240, 232, 215), (215, 200, 175)), backdrop=(170, 30, 35))
    star(d, 400, 130, 40, YELLOW)


def scene_beach_cleanup(d, rng):
    sky(d, (110, 175, 230), (205, 230, 245), 200)
    island(d, 620, 200, 260, 60, (80, 120, 95))
    sea(d, 200, (50, 150, 190), (30, 120, 170), rng)
    poly(d, [(0, 300), (250, 275), (520, 290), (800, 270), (800, 450), (0, 450)], (235, 215, 170))
    for i in range(16):
        x = 40 + i * 46 + rng.uniform(-10, 10)
        y = 330 + rng.uniform(0, 70)
        col = (40, 110, 60) if i % 3 else (30, 90, 170)
        rect(d, x - 7, y - 34, x + 7, y, col)
        ellipse(d, x, y - 42, 7, 8, (80, 55, 40))
        ellipse(d, x + 10, y - 4, 6, 6, (230, 230, 230))


def scene_water_project(d, rng):
    sky(d, (140, 190, 235), (225, 235, 240), 210)
    hills(d, 230, (110, 150, 100), rng, peaks=3, height=(40, 90))
    rect(d, 0, 230, W, H, (150, 175, 100))
    ellipse(d, 400, 330, 300, 70, (70, 140, 190))
    ellipse(d, 400, 325, 270, 55, (100, 170, 210))
    # pipes and tower
    rect(d, 640, 170, 660, 300, (170, 170, 175))
    ellipse(d, 650, 165, 40, 26, (200, 200, 205))
    rect(d, 0, 380, W, 392, (60, 100, 150))
    flagpole(d, "vn", 100, 190, 110)
    flagpole(d, "au", 170, 190, 110)


def scene_investment_tokyo(d, rng):
    meeting_room(d, ["vn", "jp"], rng, wall=((225, 230, 240), (190, 200, 215)), backdrop=(20, 60, 120))


def scene_lao_delegation(d, rng):
    meeting_room(d, ["vn", "la"], rng)


def scene_spring_night(d, rng):
    vgradient(d, (0, 0, s(W), s(H)), (20, 20, 60), (70, 30, 70))
    # stage
    rect(d, 100, 250, 700, 330, (150, 20, 30))
    rect(d, 60, 330, 740, 345, (90, 15, 20))
    # apricot-blossom branches
    for bx in (60, 740):
        for _ in range(40):
            ellipse(d, bx + rng.uniform(-60, 60), rng.uniform(60, 240), 6, 6, (255, 210, 60))
    # lanterns
    for i in range(9):
        x = 120 + i * 70
        rect(d, x - 1, 0, x + 1, 60 + (i % 2) * 20, (80, 60, 40))
        ellipse(d, x, 80 + (i % 2) * 20, 18, 24, (230, 50, 40))
    # audience
    for i in range(30):
        x = 15 + i * 27
        ellipse(d, x, 420 + (i % 2) * 8, 16, 26, (10, 10, 25))
    flag(d, "vn", 360, 265, 80, 54)


def scene_seaside_city(d, rng):
    sky(d, (255, 180, 120), (255, 225, 190), 250)
    sun(d, 160, 170, 50, (255, 245, 200))
    buildings(d, 260, rng, [(170, 140, 150), (150, 120, 140), (190, 160, 150), (130, 110, 130)],
              count=12, hmin=40, hmax=150)
    rect(d, 0, 260, W, 300, (200, 190, 175))  # promenade
    for i in range(12):
        x = 30 + i * 66
        rect(d, x, 230, x + 3, 262, (80, 70, 60))
        ellipse(d, x + 1, 226, 6, 6, (255, 230, 150))
    sea(d, 300, (70, 130, 170), (30, 80, 130), rng)
    for i in range(10):
        x = 60 + i * 72 + rng.uniform(-10, 10)
        ellipse(d, x, 282, 6, 6, (60, 45, 40))
        rect(d, x - 6, 288, x + 6, 300, mix((200, 60, 60), (60, 120, 200), rng.random()))


def scene_korea_meeting(d, rng):
    meeting_room(d, ["vn", "kr"], rng, wall=((235, 235, 235), (205, 208, 215)), backdrop=(30, 70, 110))


def scene_border_gate(d, rng):
    sky(d, (130, 190, 240), (220, 235, 245), 240)
    hills(d, 230, (90, 130, 110), rng, peaks=4, height=(80, 150))
    hills(d, 260, (60, 110, 70), rng, peaks=5, height=(40, 90))
    rect(d, 0, 290, W, H, (150, 140, 120))
    poly(d, [(340, 450), (460, 450), (420, 290), (380, 290)], (90, 90, 95))
    # gate building
    rect(d, 240, 190, 560, 290, (235, 225, 200))
    rect(d, 230, 175, 570, 195, (180, 60, 50))
    rect(d, 360, 230, 440, 290, (70, 70, 80))
    flagpole(d, "vn", 270, 110, 80)
    flagpole(d, "la", 480, 110, 80)
    # young trees being planted
    for i in range(6):
        x = 80 + i * 120 if i < 3 else 380 + i * 70
        rect(d, x - 2, 360, x + 2, 400, (100, 70, 40))
        ellipse(d, x, 350, 20, 22, (60, 140, 60))


def scene_port(d, rng):
    sky(d, (120, 170, 220), (215, 228, 238), 220)
    sea(d, 300, (40, 110, 150), (20, 70, 110), rng)
    rect(d, 0, 220, W, 300, (160, 160, 160))
    colors = [(200, 60, 50), (40, 110, 170), (230, 170, 40), (60, 140, 90), (150, 150, 160)]
    for row in range(3):
        for i in range(14):
            x = 230 + i * 38
            y = 285 - row * 20
            if rng.random() < 0.85:
                rect(d, x, y - 18, x + 34, y, colors[rng.randrange(len(colors))])
    for cx in (90, 170):
        rect(d, cx, 90, cx + 10, 290, (230, 170, 40))
        rect(d, cx - 40, 90, cx + 90, 100, (230, 170, 40))
    for i in range(5):
        boat(d, 100 + i * 140, 350 + (i % 2) * 35, 32, (40, 90, 150) if i % 2 else (180, 50, 40),
             flag_code="vn")


def scene_french_meeting(d, rng):
    meeting_room(d, ["vn", "fr"], rng, wall=((238, 232, 222), (210, 200, 185)), backdrop=(120, 25, 30))


def scene_storm(d, rng):
    sky(d, (50, 60, 75), (120, 130, 140), 250)
    for _ in range(14):
        ellipse(d, rng.uniform(0, W), rng.uniform(20, 160), rng.uniform(60, 140),
                rng.uniform(25, 45), mix((60, 65, 80), (100, 105, 115), rng.random()))
    island(d, 600, 250, 330, 90, (50, 70, 60))
    sea(d, 250, (60, 90, 105), (30, 50, 65), rng)
    rect(d, 0, 330, W, 345, (110, 110, 105))  # breakwater
    for i in range(10):
        boat(d, 50 + i * 78, 325 - (i % 2) * 6, 24, (40, 80, 140) if i % 2 else (150, 40, 40))
    # rain streaks
    for _ in range(220):
        x = rng.uniform(0, W)
        y = rng.uniform(0, H)
        d.line([(s(x), s(y)), (s(x - 6), s(y + 18))], fill=(180, 190, 200), width=SS)


# --------------------------------------------------------------------------

IMAGES: dict[str, Callable[[ImageDraw.ImageDraw, random.Random], None]] = {
    "2024/le-hoi-nghinh-ong-hon-ngoc.jpg": scene_festival_boats,
    "2024/ky-hop-hdnd-chuyen-de.jpg": scene_council_hall,
    "2024/tuan-le-bien-dao-hon-ngoc.jpg": scene_beach_cleanup,
    "2024/du-an-nuoc-sach-ven-bien.jpg": scene_water_project,
    "2024/xuc-tien-dau-tu-tokyo.jpg": scene_investment_tokyo,
    "2025/don-doan-cham-pa-sac.jpg": scene_lao_delegation,
    "2025/xuan-que-huong-2025.jpg": scene_spring_night,
    "2025/du-khach-quoc-te-pho-bien.jpg": scene_seaside_city,
    "2025/lam-viec-tai-gyeongsangbuk.jpg": scene_korea_meeting,
    "2025/giao-luu-cua-khau-nam-khe.jpg": scene_border_gate,
    "2026/cang-bien-minh-giang.jpg": scene_port,
    "2026/tiep-dai-su-phap.jpg": scene_french_meeting,
    "2026/dao-hon-ngoc-truoc-bao.jpg": scene_storm,
}


def render(name: str, scene) -> Image.Image:
    rng = random.Random(zlib.crc32(name.encode("utf-8")))
    img = Image.new("RGB", (W * SS, H * SS), (255, 255, 255))
    scene(ImageDraw.Draw(img), rng)
    img = img.resize((W, H), Image.LANCZOS)
    return img.filter(ImageFilter.SMOOTH)


def save(img: Image.Image, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    for quality in (70, 65, 60, 55, 50, 45, 40):
        img.save(path, "JPEG", quality=quality, optimize=True)
        size = path.stat().st_size
        if size <= MAX_BYTES:
            return size
    raise SystemExit(f"{path}: still {size} bytes at quality 40")


def main() -> None:
    for name, scene in IMAGES.items():
        path = ROOT / name
        size = save(render(name, scene), path)
        print(f"{path.relative_to(ROOT.parent.parent)}  {size // 1024} kB")


if __name__ == "__main__":
    main()
