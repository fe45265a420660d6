"""What importers need to write a map: unique, valid ids made from titles or
texts (``make_id``, ``IdMaker``), and the writer of .arg text
(``write_map``, from :mod:`argmap.syntax.write`, the parser's inverse)."""

from __future__ import annotations

import re
import unicodedata

from argmap.model import Relation, is_valid_id
from argmap.syntax.keywords import KEYWORDS
from argmap.syntax.write import format_number, write_map

__all__ = ["write_map", "make_id", "IdMaker", "is_valid_id", "format_number", "place_relations"]


def place_relations(relations: list[Relation], placed: list[tuple[int, Relation]]) -> list[Relation]:
    """``relations`` (each source's in written order) with ``placed`` ones put
    back at their position ``at`` among their source's relations: formats that
    keep some relations aside (data, extension objects) give back the order
    of the block they came from."""
    by_source: dict[str, list[Relation]] = {}
    for rel in relations:
        by_source.setdefault(rel.source, []).append(rel)
    for at, rel in sorted(placed, key=lambda p: p[0]):
        block = by_source.setdefault(rel.source, [])
        block.insert(min(max(at, 0), len(block)), rel)
    return [rel for block in by_source.values() for rel in block]


def make_id(text: str, max_words: int = 4, fallback: str = "n") -> str:
    """A readable id from a title or text: ``"Iran derails talks"`` -> ``iran_derails_talks``."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = re.findall(r"[^\W_]+", folded)
    slug = "_".join(words[:max_words]) or fallback
    if slug[0].isdigit():
        slug = f"{fallback}{slug}" if not fallback[-1].isdigit() else f"{fallback}_{slug}"
    return slug if is_valid_id(slug) else fallback


class IdMaker:
    """Unique ids: ``make`` adds ``_2``, ``_3``... on collisions."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def keep(self, text: str) -> str | None:
        """``text`` itself when it already is a valid, unused, lower-case id (an export's ids
        survive; a title such as ``Leakage`` still becomes ``leakage``)."""
        if is_valid_id(text) and text == text.lower() and text not in self.used and text not in KEYWORDS:
            self.used.add(text)
            return text
        return None

    def make(self, text: str, fallback: str = "n") -> str:
        base = make_id(text, fallback=fallback)
        candidate, n = base, 2
        while candidate in self.used or candidate in KEYWORDS:
            candidate, n = f"{base}_{n}", n + 1
        self.used.add(candidate)
        return candidate
