"""Suppression comments (``# argmap: ignore[...]``) in an open document,
found part by part and kept until the part changes.

A comment on its own line silences the next code line, or the whole block
that starts there; that block may open the next part, so each part is read
together with the one after it. What argmap.suppress finds there for the
part's own comments is what it finds in the whole text.
"""

from __future__ import annotations

from argmap.diagnostics import Diagnostic
from argmap.lsp.chunks import Part
from argmap.model import Map
from argmap.suppress import Suppression, parse_suppression, suppressions

__all__ = ["SuppressionCache"]


def _marked(part: Part) -> bool:
    return any("argmap" in c.text.lower() and parse_suppression(c.text) is not None for c in part.map.comments)


class SuppressionCache:
    def __init__(self, path: str) -> None:
        self.path = path
        self._marked: dict[int, tuple[Part, bool]] = {}
        self._found: dict[tuple[int, int], tuple[Part, Part | None, list[Suppression]]] = {}

    def filter(self, parts: list[Part], found: list[Diagnostic]) -> list[Diagnostic]:
        """``found`` without what the document's suppression comments silence."""
        marked: dict[int, tuple[Part, bool]] = {}
        kept: dict[tuple[int, int], tuple[Part, Part | None, list[Suppression]]] = {}
        active: list[Suppression] = []
        for at, part in enumerate(parts):
            known = self._marked.get(id(part))
            is_marked = known[1] if known is not None and known[0] is part else _marked(part)
            marked[id(part)] = (part, is_marked)
            if not is_marked:
                continue
            following = parts[at + 1] if at + 1 < len(parts) else None
            key = (id(part), id(following))
            cached = self._found.get(key)
            if cached is None or cached[0] is not part or cached[1] is not following:
                cached = (part, following, self._read(part, following))
            kept[key] = cached
            active.extend(cached[2])
        self._marked, self._found = marked, kept
        if not active:
            return found
        return [d for d in found if not any(s.covers(d) for s in active)]

    def _read(self, part: Part, following: Part | None) -> list[Suppression]:
        from argmap.loader import merge_maps

        pieces = [part.map] if following is None else [part.map, following.map]
        argmap: Map = merge_maps(pieces) if len(pieces) > 1 else pieces[0]
        # Lines before the part are blank here: the comments' positions are the file's.
        text = "\n" * (part.first_line - 1) + part.text + (following.text if following is not None else "")
        last = part.first_line + part.text.count("\n")
        return [s for s in suppressions(argmap, {self.path: text}) if s.span.line <= last]
