"""'Tin cùng chuyên mục': the editor's picks first, then the nearest in time.

Each category list is sorted once (newest first) and each article knows its
position in it, so filling one list costs O(k): walk outwards from the
article's position, taking whichever neighbour (newer or older) is closer in
time. Total cost: O(n log n) for the sort plus O(n·k).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from portal.model.entities import Article


def same_category_related(
    articles: Sequence[Article],
    by_category: Mapping[str, Sequence[Article]],
    by_slug: Mapping[str, Article],
    count: int,
) -> dict[str, list[Article]]:
    """Compute every published article's related list.

    Args:
        articles: all published articles.
        by_category: category slug → published articles, newest first.
        by_slug: published articles by slug (editor picks are looked up here).
        count: how many items a list holds (editor picks beyond it are kept).

    Returns:
        slug → list: editor picks in the editor's order (only published ones,
        never the article itself, no duplicates), then same-category articles
        nearest in time, the filled part shown newest first.
    """
    position = {a.slug: i for members in by_category.values() for i, a in enumerate(members)}
    result: dict[str, list[Article]] = {}
    for article in articles:
        picked: list[Article] = []
        seen = {article.slug}
        for slug in article.related_slugs:
            target = by_slug.get(slug)
            if target is not None and slug not in seen:
                picked.append(target)
                seen.add(slug)
        fill = nearest_in_time(by_category[article.category], position[article.slug], count - len(picked), seen)
        fill.sort(key=lambda a: a.sort_key)
        result[article.slug] = picked + fill
    return result


def nearest_in_time(members: Sequence[Article], at: int, wanted: int, skip: set[str]) -> list[Article]:
    """Up to ``wanted`` members nearest in time to ``members[at]``, skipping slugs in ``skip``.

    ``members`` is newest first, so lower positions are newer. On equal
    distance the newer article wins, which keeps the choice deterministic.
    """
    chosen: list[Article] = []
    if wanted <= 0:
        return chosen
    centre = members[at].date
    newer, older = at - 1, at + 1
    while len(chosen) < wanted and (newer >= 0 or older < len(members)):
        take_newer = older >= len(members) or (
            newer >= 0 and (members[newer].date - centre) <= (centre - members[older].date)
        )
        if take_newer:
            candidate = members[newer]
            newer -= 1
        else:
            candidate = members[older]
            older += 1
        if candidate.slug not in skip:
            chosen.append(candidate)
    return chosen
