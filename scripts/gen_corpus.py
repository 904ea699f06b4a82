#!/usr/bin/env python3
"""Generate a synthetic, deterministic article corpus for the provincial news portal.

The corpus is what the benchmark builds: N articles in the front-matter contract of
the ``portal/content`` plugin, each with its own lead photo (``image:``, a small real
JPEG under ``content/anh/YYYY/MM/``), plus two configs over the same ``content/`` tree:

* ``mkdocs.yml``      - the portal config (the repo's mkdocs.yml, re-rooted here);
* ``mkdocs-bare.yml`` - plain MkDocs + Material, the peer we compare against.

With ``--git`` the folder is also a git repository whose history has one commit per
day of articles, dated that day, so builds pay for reading git dates as a portal does.

Dates are written as full ISO 8601 with the +07:00 offset (``2025-01-15T16:17:00+07:00``),
a form the portal documents and Hugo, the other peer, also parses.

Output depends only on ``--seed``, ``-n`` and ``--photos`` (and the repo's category
list, and the installed Pillow for the photo bytes), never on the clock, so two runs
give byte-identical trees (and, with ``--git``, identical commits) and timings are
comparable.

Usage::

    python scripts/gen_corpus.py OUT_DIR -n 1000 [--seed 42] [--force]
                                 [--photos 300] [--git]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml
from bench import git_history
from bench.photos import PhotoPool, PhotosUnavailable
from slugify import slugify

REPO_ROOT = Path(__file__).resolve().parent.parent
REPO_CONFIG = REPO_ROOT / "mkdocs.yml"
CONTENT_PLUGIN = "portal/content"
DEFAULT_ARTICLES_DIR = "tin-tuc"
DEFAULT_SITE_NAME = "Cổng thông tin đối ngoại tỉnh"
DEFAULT_SITE_URL = "https://example.org/"
SITE_DIR = "site"
BARE_SITE_DIR = "site-bare"
PHOTOS_DIR = "anh"  # content/anh/YYYY/MM/<slug>.jpg, where the README tells editors to put photos
# Distinct photo drawings; every article still gets its own file (copy cost scales with N).
DEFAULT_PHOTOS = 300
# What a corpus repository does not track: the builds' outputs and caches.
GIT_IGNORED = ("/site*/", "/.site-*/", "/.cache/", "/hugo/", "/.hugo_build.lock", "/mkdocs*.yml")
VIETNAM = timezone(timedelta(hours=7))
# The portal re-slugifies file stems with this cap (word boundary); keeping ours within
# it means its slug equals our file name, so ``related:`` links resolve.
MAX_SLUG_LENGTH = 120

# Dates are spread uniformly over the ten years ending on this day (inclusive).
DATE_START = datetime(2016, 7, 1, 0, 0)
DATE_END = datetime(2026, 6, 30, 23, 59)

# Used when the repo's mkdocs.yml is missing or declares no categories.
FALLBACK_CATEGORIES: list[dict[str, Any]] = [
    {"slug": "thoi-su", "name": "Thời sự"},
    {"slug": "hoat-dong-doi-ngoai", "name": "Hoạt động đối ngoại"},
    {"slug": "hop-tac-quoc-te", "name": "Hợp tác quốc tế"},
    {"slug": "dau-tu-thuong-mai", "name": "Đầu tư - Thương mại"},
    {"slug": "van-hoa-du-lich", "name": "Văn hóa - Du lịch"},
    {"slug": "nguoi-viet-nam-o-nuoc-ngoai", "name": "Người Việt Nam ở nước ngoài"},
    {"slug": "bien-dao-bien-gioi", "name": "Biển đảo - Biên giới"},
    {"slug": "thong-tin-doi-ngoai", "name": "Thông tin đối ngoại"},
]

# Common Vietnamese words (single syllables and compounds), comma separated.
# Normalised to NFC at import so the corpus never mixes composed/decomposed marks.
_WORDS_TEXT = """
tỉnh, thành phố, huyện, xã, phường, thị trấn, nhân dân, cán bộ, đảng viên, chính quyền,
Ủy ban, Hội đồng, Tỉnh ủy, Sở, ban, ngành, đoàn thể, lãnh đạo, đồng chí, chủ tịch,
phó chủ tịch, bí thư, giám đốc, đại biểu, đoàn công tác, đại sứ, tổng lãnh sự, đối tác,
doanh nghiệp, nhà đầu tư, hợp tác, đối ngoại, quốc tế, hữu nghị, hội nhập, phát triển,
kinh tế, xã hội, văn hóa, giáo dục, y tế, du lịch, thương mại, đầu tư, nông nghiệp,
công nghiệp, dịch vụ, xuất khẩu, nhập khẩu, hàng hóa, sản phẩm, thị trường, vốn, dự án,
công trình, hạ tầng, giao thông, cảng biển, sân bay, khu công nghiệp, khu kinh tế,
biên giới, cửa khẩu, biển đảo, chủ quyền, an ninh, quốc phòng, ổn định, hòa bình,
môi trường, biến đổi khí hậu, tài nguyên, năng lượng, điện gió, điện mặt trời,
chuyển đổi số, công nghệ, khoa học, đổi mới, sáng tạo, nguồn nhân lực, lao động,
việc làm, thu nhập, đời sống, người dân, cộng đồng, kiều bào, người Việt Nam,
ở nước ngoài, quê hương, đất nước, dân tộc, truyền thống, lễ hội, di sản, di tích,
ẩm thực, nghệ thuật, giao lưu, thể thao, thanh niên, phụ nữ, học sinh, sinh viên,
trường, bệnh viện, chương trình, kế hoạch, chiến lược, chính sách, cơ chế, quy định,
nghị quyết, chỉ thị, văn bản, hồ sơ, thủ tục, hành chính, cải cách, minh bạch,
hiệu quả, chất lượng, tiến độ, kết quả, thành tựu, khó khăn, thách thức, cơ hội,
tiềm năng, lợi thế, nhu cầu, mục tiêu, nhiệm vụ, giải pháp, định hướng, tầm nhìn,
hội nghị, hội thảo, diễn đàn, cuộc họp, buổi làm việc, lễ ký kết, biên bản,
thỏa thuận, ghi nhớ, hiệp định, tuyên bố, thông điệp, báo cáo, thông tin, tuyên truyền,
báo chí, phóng viên, truyền thông, quảng bá, hình ảnh, thương hiệu, uy tín, vị thế,
năm, tháng, tuần, ngày, sáng, chiều, tối, hôm nay, vừa qua, sắp tới, hiện nay,
trước đó, sau đó, trong, ngoài, trên, dưới, giữa, với, cho, của, và, hoặc, nhưng,
vì, nên, để, khi, nếu, thì, mà, đã, đang, sẽ, vẫn, cũng, còn, đều, rất, nhiều, ít,
các, những, mọi, mỗi, từng, một, hai, ba, bốn, năm mươi, trăm, nghìn, triệu, tỷ,
đồng, phần trăm, tăng, giảm, đạt, vượt, hoàn thành, triển khai, thực hiện, tổ chức,
tham gia, tham dự, chủ trì, phát biểu, nhấn mạnh, khẳng định, đề nghị, kiến nghị,
đề xuất, thống nhất, thảo luận, trao đổi, tiếp đón, tiếp xúc, thăm, chúc mừng,
trao tặng, khen thưởng, ghi nhận, đánh giá, biểu dương, cảm ơn, mong muốn, cam kết,
hỗ trợ, giúp đỡ, tạo điều kiện, thúc đẩy, tăng cường, mở rộng, nâng cao, củng cố,
duy trì, bảo vệ, bảo tồn, phát huy, khai thác, kết nối, liên kết, thu hút, kêu gọi,
xây dựng, hoàn thiện, sửa đổi, ban hành, phê duyệt, công bố, khởi công, khánh thành,
vận hành, quản lý, giám sát, kiểm tra, rà soát, tháo gỡ, vướng mắc, trách nhiệm,
chủ động, tích cực, kịp thời, nghiêm túc, toàn diện, bền vững, sâu rộng, thiết thực,
cụ thể, quan trọng, cần thiết, mới, lớn, nhỏ, cao, thấp, tốt, đẹp, mạnh, nhanh,
vùng, miền, khu vực, địa phương, trung ương, quốc gia, nước bạn, láng giềng,
Lào, Campuchia, Thái Lan, Nhật Bản, Hàn Quốc, Trung Quốc, Hoa Kỳ, Liên minh châu Âu,
Australia, Ấn Độ, Singapore, ASEAN, Liên hợp quốc, tổ chức phi chính phủ, viện trợ,
nông sản, thủy sản, cà phê, hồ tiêu, gạo, trái cây, rừng, sông, núi, biển, đảo,
làng, bản, chợ, đường, cầu, nhà, trụ sở, phòng, bảo tàng, thư viện, nhà văn hóa,
mùa, thời tiết, mưa, bão, lũ, hạn hán, cứu trợ, phòng chống, thiên tai, dịch bệnh,
an toàn, sức khỏe, tiêm chủng, khám chữa bệnh, bác sĩ, y tá, giáo viên, nông dân,
ngư dân, công nhân, thương nhân, nghệ nhân, chuyên gia, tình nguyện viên, hội viên,
đoàn kết, gắn bó, tin tưởng, chia sẻ, đồng hành, lâu dài, tốt đẹp, truyền cảm hứng,
ý nghĩa, giá trị, tinh thần, niềm tin, sự kiện, hoạt động, phong trào, cuộc thi,
giải thưởng, học bổng, đào tạo, bồi dưỡng, nghiên cứu, khảo sát, thống kê, số liệu
"""
WORDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        unicodedata.normalize("NFC", w.strip())
        for w in _WORDS_TEXT.split(",")
        if w.strip()
    )
)

# fmt: off
TAG_POOL: tuple[str, ...] = tuple(
    unicodedata.normalize("NFC", t)
    for t in (
        "Đối ngoại", "Ngoại giao kinh tế", "Ngoại giao văn hóa", "Hợp tác quốc tế",
        "Đầu tư nước ngoài", "FDI", "ODA", "Xúc tiến thương mại", "Xuất khẩu",
        "Du lịch", "Văn hóa", "Di sản", "Lễ hội", "Ẩm thực", "Kiều bào",
        "Người Việt Nam ở nước ngoài", "Biển đảo", "Biên giới", "Cửa khẩu",
        "Chủ quyền biển đảo", "Phân giới cắm mốc", "ASEAN", "Lào", "Campuchia",
        "Thái Lan", "Nhật Bản", "Hàn Quốc", "Trung Quốc", "Hoa Kỳ", "Liên minh châu Âu",
        "Australia", "Ấn Độ", "Singapore", "Liên hợp quốc", "Phi chính phủ",
        "Viện trợ", "Kết nghĩa", "Hữu nghị", "Thông tin đối ngoại",
        "Báo chí nước ngoài",
        "Hội nghị", "Hội thảo", "Ký kết", "Chuyển đổi số", "Năng lượng tái tạo",
        "Môi trường", "Biến đổi khí hậu", "Nông nghiệp", "Thủy sản", "Giáo dục",
        "Y tế", "Học bổng", "Thanh niên", "Phụ nữ", "Khu kinh tế", "Cảng biển",
        "Logistics", "Cải cách hành chính", "Lãnh sự", "Bảo hộ công dân",
    )
)

AUTHOR_NAMES: tuple[str, ...] = (
    "Quang Minh", "Thu Hà", "Ngọc Anh", "Văn Hùng", "Thanh Tâm", "Minh Đức",
    "Hoài Thương", "Đức Thắng", "Phương Thảo", "Trọng Nghĩa", "Lan Hương", "Bảo Ngọc",
    "Hữu Phước", "Kim Oanh", "Tuấn Anh", "Mỹ Linh", "Công Lý", "Diệu Hiền",
)
AUTHOR_ORGS: tuple[str, ...] = (
    "Ban Tuyên giáo Tỉnh ủy", "Sở Ngoại vụ", "Sở Văn hóa, Thể thao và Du lịch",
    "Trung tâm Xúc tiến Đầu tư", "Báo tỉnh", "Đài Phát thanh - Truyền hình tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Hội Hữu nghị tỉnh",
)
INITIALS: tuple[str, ...] = (
    "NN", "TH", "QM", "PT", "HĐ", "LV", "MK", "TTH", "NVA", "BN",
)
# fmt: on


@dataclass(frozen=True)
class Category:
    """A category slug plus the name/description needed to synthesise a config."""

    slug: str
    name: str


@dataclass(frozen=True)
class CorpusStats:
    """What the benchmark needs to know about a generated corpus."""

    out_dir: Path
    articles: int
    bytes_written: int
    seconds: float
    portal_config: Path
    bare_config: Path
    articles_dir: str = DEFAULT_ARTICLES_DIR
    categories: tuple[Category, ...] = ()
    photos: int = 0  # photo files written (one per article, or 0)
    photo_bytes: int = 0
    git_commits: int = 0  # 0: not a git repository
    site_name: str = DEFAULT_SITE_NAME
    site_url: str = DEFAULT_SITE_URL
    newest_article: Path | None = None  # the one a warm benchmark run edits


@dataclass(frozen=True)
class WrittenArticle:
    """One generated article on disk: what the git history and the benchmark need."""

    date: datetime  # naive, Vietnam time
    path: str  # relative to the corpus folder, "/"-separated
    photo: str | None  # likewise, or None


class ConfigError(RuntimeError):
    """The repo mkdocs.yml exists but cannot be used as the portal config."""


def load_repo_config(path: Path) -> dict[str, Any] | None:
    """Load the repo config with safe_load; fail loudly on tags it can't read.

    Python-object tags (e.g. ``!!python/name:``) would silently need a full loader;
    the portal config must stay safe-loadable so we refuse instead of guessing.
    """
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: cannot be read with yaml.safe_load: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: top level is {type(data).__name__}, expected a mapping"
        )
    return data


def _plugin_entries(config: dict[str, Any]) -> list[tuple[str, Any]]:
    """Normalise the list-or-mapping ``plugins`` setting to (name, options) pairs."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        return list(plugins.items())
    entries: list[tuple[str, Any]] = []
    for item in plugins or []:
        if isinstance(item, str):
            entries.append((item, None))
        elif isinstance(item, dict):
            entries.extend(item.items())
    return entries


def content_plugin_options(config: dict[str, Any] | None) -> dict[str, Any]:
    """Return the ``portal/content`` plugin options, or {} if not configured."""
    if not config:
        return {}
    for name, options in _plugin_entries(config):
        if name == CONTENT_PLUGIN and isinstance(options, dict):
            return options
    return {}


def categories_from_config(config: dict[str, Any] | None) -> list[Category]:
    """Categories declared for ``portal/content``, else the built-in fallback list."""
    found: list[Category] = []
    for entry in content_plugin_options(config).get("categories") or []:
        if isinstance(entry, dict) and entry.get("slug"):
            slug = str(entry["slug"])
            found.append(Category(slug=slug, name=str(entry.get("name") or slug)))
        elif isinstance(entry, str):
            found.append(Category(slug=entry, name=entry))
    if found:
        return found
    return [Category(slug=c["slug"], name=c["name"]) for c in FALLBACK_CATEGORIES]


def articles_dir_from_config(config: dict[str, Any] | None) -> str:
    """Articles live where the content plugin looks for them (default ``tin-tuc``)."""
    value = content_plugin_options(config).get("articles_dir")
    return str(value).strip("/") if value else DEFAULT_ARTICLES_DIR


# --------------------------------------------------------------------------- text


def _capitalise(text: str) -> str:
    """Upper-case only the first character (str.capitalize would lower the rest)."""
    return text[:1].upper() + text[1:]


def _tokens(rng: random.Random, n_words: int) -> list[str]:
    """Vocabulary entries totalling exactly ``n_words`` words; compounds stay whole."""
    tokens: list[str] = []
    left = n_words
    while left > 0:
        token = rng.choice(WORDS)
        size = token.count(" ") + 1
        if size <= left:
            tokens.append(token)
            left -= size
    return tokens


def _phrase(rng: random.Random, n_words: int) -> str:
    """Exactly ``n_words`` words drawn from the vocabulary."""
    return " ".join(_tokens(rng, n_words))


def _sentence(rng: random.Random, n_words: int) -> str:
    """A capitalised sentence ending with a period, with an occasional comma."""
    tokens = _tokens(rng, n_words)
    if len(tokens) >= 6 and rng.random() < 0.5:
        cut = rng.randint(2, len(tokens) - 3)
        tokens[cut] += ","
    return _capitalise(" ".join(tokens)) + "."


def _text(rng: random.Random, n_words: int) -> str:
    """Sentences totalling exactly ``n_words`` words (sentences of 6-20 words)."""
    sentences: list[str] = []
    left = n_words
    while left > 0:
        size = min(left, rng.randint(6, 20))
        if 0 < left - size < 4:  # avoid a trailing one-to-three word sentence
            size = left
        sentences.append(_sentence(rng, size))
        left -= size
    return " ".join(sentences)


def _body(rng: random.Random) -> str:
    """~750 words in 60-120 word paragraphs, with one or two ``##`` subheadings."""
    target = rng.randint(700, 800)
    paragraphs: list[str] = []
    total = 0
    while total < target:
        left = target - total
        size = max(60, left) if left <= 120 else rng.randint(60, 120)
        paragraphs.append(_text(rng, size))
        total += size
    n_heads = rng.randint(1, 2)
    slots = sorted(
        rng.sample(range(1, len(paragraphs)), k=min(n_heads, len(paragraphs) - 1))
    )
    blocks: list[str] = []
    for i, para in enumerate(paragraphs):
        if i in slots:
            blocks.append("## " + _capitalise(_phrase(rng, rng.randint(3, 8))))
        blocks.append(para)
    return "\n\n".join(blocks) + "\n"


def _title(rng: random.Random) -> str:
    """A capitalised headline of 8-20 words, no final period."""
    return _capitalise(_phrase(rng, rng.randint(8, 20)))


def _author(rng: random.Random) -> str:
    """Either "Name, Organisation" or newsroom initials."""
    if rng.random() < 0.7:
        return f"{rng.choice(AUTHOR_NAMES)}, {rng.choice(AUTHOR_ORGS)}"
    return rng.choice(INITIALS)


def _dates(rng: random.Random, n: int) -> list[datetime]:
    """N minute-resolution datetimes, uniform over the window, sorted ascending.

    Sorting makes "earlier-generated" also mean "older", so ``related`` links point
    back in time as an editor's would.
    """
    span = int((DATE_END - DATE_START).total_seconds() // 60)
    return sorted(
        DATE_START + timedelta(minutes=rng.randint(0, span)) for _ in range(n)
    )


def _quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), keeping UTF-8."""
    return json.dumps(value, ensure_ascii=False)


def _unique_slug(title: str, seen: set[str]) -> str:
    """slugify(title) capped at MAX_SLUG_LENGTH, with -2, -3, ... on collision."""
    base = slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True) or "bai-viet"
    slug, n = base, 1
    while slug in seen:
        n += 1
        suffix = f"-{n}"
        slug = base[: MAX_SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
    seen.add(slug)
    return slug


def format_date(date: datetime) -> str:
    """Full ISO 8601 at +07:00: the portal reads it, and so does Hugo (which refuses
    the editors' short ``2025-01-15 16:17``), so every peer builds the same files."""
    return f"{date:%Y-%m-%dT%H:%M}:00+07:00"


def render_article(
    *,
    title: str,
    date: datetime,
    category: str,
    summary: str,
    author: str,
    tags: list[str],
    related: list[str],
    featured: bool,
    body: str,
    image: str | None = None,
    image_caption: str | None = None,
) -> str:
    """Serialise one article in the front-matter contract (optional keys omitted)."""
    lines = [
        "---",
        f"title: {_quote(title)}",
        f"date: {format_date(date)}",
        f"category: {category}",
        f"summary: {_quote(summary)}",
        f"author: {_quote(author)}",
    ]
    if image:
        lines.append(f"image: {image}")
        if image_caption:
            lines.append(f"image_caption: {_quote(image_caption)}")
    lines.append("tags: [" + ", ".join(_quote(t) for t in tags) + "]")
    if related:
        lines.append("related: [" + ", ".join(related) + "]")
    if featured:
        lines.append("featured: true")
    lines += ["---", "", body]
    return "\n".join(lines)


def _caption(rng: random.Random) -> str:
    """A lead-photo caption with its credit, as editors write them."""
    return f"{_capitalise(_phrase(rng, rng.randint(6, 14)))}. Ảnh: {rng.choice(AUTHOR_NAMES)}"


def write_articles(
    content_dir: Path,
    articles_dir: str,
    n: int,
    seed: int,
    categories: list[Category],
    photos: PhotoPool | None = None,
) -> tuple[int, list[WrittenArticle]]:
    """Write N articles under content_dir/articles_dir/YYYY/MM/, each with its own photo
    file under content_dir/anh/YYYY/MM/ when ``photos`` is given.

    Returns (bytes written, the articles oldest first). Photos and captions draw from
    their own generator, so the articles' text is the same with or without photos.
    """
    rng = random.Random(seed)
    photo_rng = random.Random(f"{seed}-captions")
    dates = _dates(rng, n)
    # Every category appears at least once (when n allows), the rest at random.
    cats = [c.slug for c in categories[:n]]
    cats += [rng.choice(categories).slug for _ in range(n - len(cats))]
    rng.shuffle(cats)

    seen: set[str] = set()
    slugs: list[str] = []
    made_dirs: set[Path] = set()
    written: list[WrittenArticle] = []
    total = 0
    for i in range(n):
        title = _title(rng)
        slug = _unique_slug(title, seen)
        related: list[str] = []
        if i > 0 and rng.random() < 0.10:
            related = rng.sample(slugs, k=min(len(slugs), rng.randint(1, 3)))
        month = f"{dates[i]:%Y}/{dates[i]:%m}"
        photo_rel: str | None = None
        if photos is not None:
            photo_rel = f"{PHOTOS_DIR}/{month}/{slug}.jpg"
        text = render_article(
            title=title,
            date=dates[i],
            category=cats[i],
            summary=_text(rng, rng.randint(25, 50)),
            author=_author(rng),
            tags=rng.sample(TAG_POOL, k=rng.randint(1, 4)),
            related=related,
            featured=rng.random() < 0.01,
            body=_body(rng),
            image=f"/{photo_rel}" if photo_rel else None,
            image_caption=_caption(photo_rng) if photo_rel else None,
        )
        slugs.append(slug)
        article_rel = f"{articles_dir}/{month}/{slug}.md"
        for rel in (article_rel, photo_rel):
            folder = (content_dir / rel).parent if rel else None
            if folder is not None and folder not in made_dirs:
                folder.mkdir(parents=True, exist_ok=True)
                made_dirs.add(folder)
        data = text.encode("utf-8")
        (content_dir / article_rel).write_bytes(data)
        total += len(data)
        if photos is not None and photo_rel:
            (content_dir / photo_rel).write_bytes(photos.get(i))
        written.append(
            WrittenArticle(
                date=dates[i],
                path=f"content/{article_rel}",
                photo=f"content/{photo_rel}" if photo_rel else None,
            )
        )
    return total, written


def history_commits(
    articles: list[WrittenArticle], first_paths: tuple[str, ...]
) -> list[git_history.Commit]:
    """One commit per day of articles (oldest first), dated a minute after the day's last.

    ``first_paths`` (the home page, .gitignore) go into the first commit.
    """
    days: dict[str, list[WrittenArticle]] = {}
    for article in articles:
        days.setdefault(f"{article.date:%Y-%m-%d}", []).append(article)
    commits: list[git_history.Commit] = []
    for number, (day, items) in enumerate(sorted(days.items())):
        paths = [p for a in items for p in (a.path, a.photo) if p]
        if number == 0:
            paths = [*first_paths, *paths]
        when = max(a.date for a in items) + timedelta(minutes=1)
        commits.append(
            git_history.Commit(
                when=when.replace(tzinfo=VIETNAM),
                message=f"Tin ngày {day} ({len(items)} bài)",
                paths=tuple(paths),
            )
        )
    return commits


# ------------------------------------------------------------------ warm edits


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter block with both ``---`` lines, body) of a generated article."""
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end], text[end:]


def rewrite_body(path: Path, seed: int) -> None:
    """Give an article a new body (same front matter): an editor's correction."""
    head, _ = split_front_matter(path.read_text(encoding="utf-8"))
    path.write_text(head + "\n" + _body(random.Random(seed)), encoding="utf-8")


def write_extra_article(
    content_dir: Path,
    articles_dir: str,
    *,
    slug: str,
    date: datetime,
    category: str,
    seed: int,
    photo: bytes | None,
) -> list[Path]:
    """Add one new article (and its photo): what an editor publishes between builds.

    Returns the files written, so the caller can remove them again.
    """
    rng = random.Random(seed)
    month = f"{date:%Y}/{date:%m}"
    photo_rel = f"{PHOTOS_DIR}/{month}/{slug}.jpg" if photo is not None else None
    text = render_article(
        title=_title(rng),
        date=date,
        category=category,
        summary=_text(rng, rng.randint(25, 50)),
        author=_author(rng),
        tags=rng.sample(TAG_POOL, k=rng.randint(1, 4)),
        related=[],
        featured=False,
        body=_body(rng),
        image=f"/{photo_rel}" if photo_rel else None,
        image_caption=_caption(rng) if photo_rel else None,
    )
    article = content_dir / articles_dir / month / f"{slug}.md"
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(text, encoding="utf-8")
    written = [article]
    if photo is not None and photo_rel:
        picture = content_dir / photo_rel
        picture.parent.mkdir(parents=True, exist_ok=True)
        picture.write_bytes(photo)
        written.append(picture)
    return written


# ------------------------------------------------------------------------ configs


def _absolute(value: str, base: Path) -> str:
    """Resolve a config path against the repo config's folder, as MkDocs would."""
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else (base / path).resolve())


def default_portal_config(categories: list[Category]) -> dict[str, Any]:
    """The contract's portal config, used only when the repo has no mkdocs.yml yet."""
    return {
        "site_name": DEFAULT_SITE_NAME,
        "theme": {"name": "material", "language": "vi"},
        "plugins": [
            {
                CONTENT_PLUGIN: {
                    "articles_dir": DEFAULT_ARTICLES_DIR,
                    "categories": [
                        {
                            "slug": c.slug,
                            "name": c.name,
                            "order": i,
                            "description": c.name,
                        }
                        for i, c in enumerate(categories, start=1)
                    ],
                }
            },
            "portal/pages",
            "portal/feeds",
        ],
    }


def portal_config(repo_config: dict[str, Any], repo_dir: Path) -> dict[str, Any]:
    """Re-root the repo config onto the corpus; plugins are kept untouched."""
    cfg = dict(repo_config)
    cfg["docs_dir"] = "content"
    cfg["site_dir"] = SITE_DIR
    cfg.pop("nav", None)
    cfg.setdefault("site_url", DEFAULT_SITE_URL)
    if not cfg.get("site_url"):
        cfg["site_url"] = DEFAULT_SITE_URL
    theme = cfg.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        cfg["theme"] = {
            **theme,
            "custom_dir": _absolute(str(theme["custom_dir"]), repo_dir),
        }
    # Hooks and INHERIT are also resolved against the config file's folder.
    if isinstance(cfg.get("hooks"), list):
        cfg["hooks"] = [_absolute(str(h), repo_dir) for h in cfg["hooks"]]
    if isinstance(cfg.get("INHERIT"), str):
        cfg["INHERIT"] = _absolute(cfg["INHERIT"], repo_dir)
    return cfg


def bare_config(portal: dict[str, Any]) -> dict[str, Any]:
    """Plain MkDocs + Material over the same docs; articles stay out of the nav.

    Listing thousands of pages in the nav makes every page render the whole nav,
    i.e. quadratic work the portal avoids, so the peer would be an unfair strawman.
    """
    return {
        "site_name": portal.get("site_name") or DEFAULT_SITE_NAME,
        "site_url": portal.get("site_url") or DEFAULT_SITE_URL,
        "theme": {"name": "material", "language": "vi"},
        "docs_dir": "content",
        "site_dir": BARE_SITE_DIR,
        "nav": ["index.md"],
        "plugins": [],
    }


def _dump_yaml(data: dict[str, Any], path: Path) -> None:
    """Write YAML readable by MkDocs, keeping Vietnamese text unescaped."""
    path.write_text(
        yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False, default_flow_style=False
        ),
        encoding="utf-8",
    )


def generate(
    out_dir: Path,
    n: int,
    seed: int = 42,
    repo_config_path: Path = REPO_CONFIG,
    *,
    force: bool = False,
    photos: int = DEFAULT_PHOTOS,
    git: bool = False,
) -> CorpusStats:
    """Write articles, photos, index.md and both configs into out_dir; return stats.

    ``photos``: distinct photo drawings (0: no ``image:`` and no photo files).
    ``git``: make out_dir a repository with one commit per day of articles.

    Refuses to write into the repo itself or over an existing content/ tree (unless
    ``force``), because stale articles from a larger run would skew the benchmark;
    ``force`` also drops an old corpus history, whose commits would be stale too.
    """
    started = time.perf_counter()
    if n < 0:
        raise ValueError("n must be >= 0")
    if photos < 0:
        raise ValueError("photos must be >= 0")
    out_dir = out_dir.resolve()
    repo_dir = repo_config_path.resolve().parent
    if out_dir == repo_dir:
        raise ValueError(f"refusing to generate into the repo itself ({out_dir})")

    repo_cfg = load_repo_config(repo_config_path)
    categories = categories_from_config(repo_cfg)
    articles_dir = articles_dir_from_config(repo_cfg)
    if repo_cfg is None:
        print(
            f"gen_corpus: note: {repo_config_path} not found; "
            "writing the contract's default portal config",
            file=sys.stderr,
        )
        portal = portal_config(default_portal_config(categories), repo_dir)
    else:
        portal = portal_config(repo_cfg, repo_dir)

    content_dir = out_dir / "content"
    if content_dir.exists() and any(content_dir.iterdir()):
        if not force:
            raise FileExistsError(
                f"{content_dir} is not empty (use --force to replace it)"
            )
        shutil.rmtree(content_dir)
    if force:
        shutil.rmtree(out_dir / ".git", ignore_errors=True)
    elif git and (out_dir / ".git").exists():
        raise FileExistsError(f"{out_dir / '.git'} exists (use --force to replace it)")
    content_dir.mkdir(parents=True, exist_ok=True)

    pool = PhotoPool(photos, seed) if photos and n else None
    size, written = write_articles(
        content_dir, articles_dir, n, seed, categories, pool
    )
    photo_paths = [a.photo for a in written if a.photo]
    photo_bytes = sum((out_dir / p).stat().st_size for p in photo_paths)
    index = f"# {portal.get('site_name') or DEFAULT_SITE_NAME}\n\nTrang chủ.\n"
    (content_dir / "index.md").write_text(index, encoding="utf-8")
    size += len(index.encode("utf-8"))

    portal_path = out_dir / "mkdocs.yml"
    bare_path = out_dir / "mkdocs-bare.yml"
    _dump_yaml(portal, portal_path)
    _dump_yaml(bare_config(portal), bare_path)

    commits = 0
    if git:
        git_history.init_repo(out_dir, GIT_IGNORED)
        history = history_commits(written, (".gitignore", "content/index.md"))
        commits = git_history.import_history(out_dir, history)
    return CorpusStats(
        out_dir=out_dir,
        articles=n,
        bytes_written=size,
        seconds=time.perf_counter() - started,
        portal_config=portal_path,
        bare_config=bare_path,
        articles_dir=articles_dir,
        categories=tuple(categories),
        photos=len(photo_paths),
        photo_bytes=photo_bytes,
        git_commits=commits,
        site_name=str(portal.get("site_name") or DEFAULT_SITE_NAME),
        site_url=str(portal.get("site_url") or DEFAULT_SITE_URL),
        newest_article=out_dir / written[-1].path if written else None,
    )


def main(argv: list[str] | None = None) -> int:
    """CLI entry point; prints a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="output folder (created if missing)")
    parser.add_argument(
        "-n", type=int, default=1000, help="number of articles (default 1000)"
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--repo-config",
        type=Path,
        default=REPO_CONFIG,
        help=f"repo config to derive the portal config from (default {REPO_CONFIG})",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace an existing content/ (and .git)"
    )
    parser.add_argument(
        "--photos",
        type=int,
        default=DEFAULT_PHOTOS,
        help="distinct lead-photo drawings; every article gets its own file "
        f"(default {DEFAULT_PHOTOS}; 0: no photos)",
    )
    parser.add_argument(
        "--git",
        action="store_true",
        help="make OUT_DIR a git repository, one commit per day of articles",
    )
    args = parser.parse_args(argv)
    try:
        stats = generate(
            args.out_dir,
            args.n,
            args.seed,
            args.repo_config,
            force=args.force,
            photos=args.photos,
            git=args.git,
        )
    except (
        ConfigError,
        FileExistsError,
        ValueError,
        PhotosUnavailable,
        git_history.GitError,
    ) as exc:
        print(f"gen_corpus: error: {exc}", file=sys.stderr)
        return 1
    extras = f", {stats.photos} photos ({stats.photo_bytes / 1e6:.2f} MB)"
    if stats.git_commits:
        extras += f", {stats.git_commits} commits"
    print(
        f"gen_corpus: {stats.articles} articles, {stats.bytes_written / 1e6:.2f} MB "
        f"({stats.bytes_written} bytes){extras} in {stats.seconds:.2f} s "
        f"-> {stats.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
