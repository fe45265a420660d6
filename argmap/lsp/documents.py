"""The open documents, as the editor has them, changed in place.

An edit is applied where it happens: the line it starts on is found from
anchors (the offsets of some line starts, kept across edits), not by
splitting the whole text, so a keystroke in a 5 MB map costs what the
keystroke touches plus one copy of the text. Positions arrive in LSP's terms
(0-based lines, UTF-16 units); a position past a line's end or past the last
line is taken as the end of that line or of the text, as editors expect.
Line ends are ``\\n``, ``\\r\\n`` or a lone ``\\r``, as in LSP.
"""

from __future__ import annotations

import bisect
import re

from argmap.lsp.protocol import codepoint_column

__all__ = ["Document", "Change"]

_BREAK = re.compile(r"\r\n|\r|\n")
_ANCHOR_EVERY = 64  # lines between anchors made while walking

# One change: (start line, start character, end line, end character) in LSP
# units, or None for the whole text; and the new text.
Change = tuple[tuple[int, int, int, int] | None, str]


class Document:
    def __init__(self, uri: str, path: str, version: int | None, text: str) -> None:
        self.uri = uri
        self.path = path
        self.version = version
        self.text = text
        self._lines: list[int] = [0]  # anchors: line numbers (0-based), sorted
        self._offsets: list[int] = [0]  # and the offsets where they start

    # -- reading
    def line_start(self, line: int) -> int | None:
        """The offset where 0-based ``line`` starts (None: past the last line)."""
        at = bisect.bisect_right(self._lines, line) - 1
        known, offset = self._lines[at], self._offsets[at]
        text = self.text
        while known < line:
            found = _BREAK.search(text, offset)
            if found is None:
                return None
            offset = found.end()
            known += 1
            if known % _ANCHOR_EVERY == 0:
                here = bisect.bisect_left(self._lines, known)
                if here == len(self._lines) or self._lines[here] != known:
                    self._lines.insert(here, known)
                    self._offsets.insert(here, offset)
        return offset

    def line(self, line: int) -> str:
        """The text of 0-based ``line`` without its line end ("" past the end)."""
        start = self.line_start(line)
        if start is None:
            return ""
        found = _BREAK.search(self.text, start)
        return self.text[start: found.start() if found else len(self.text)]

    def offset(self, line: int, character: int) -> int:
        """LSP's position -> an offset in the text (clamped to the line and text)."""
        if line < 0:
            return 0
        start = self.line_start(line)
        if start is None:
            return len(self.text)
        return start + codepoint_column(self.line(line), max(character, 0))

    # -- changing
    def apply(self, changes: list[Change], version: int | None) -> None:
        for where, new in changes:
            if where is None:
                self.text = new
                self._lines, self._offsets = [0], [0]
                continue
            start_line, start_char, end_line, end_char = where
            if (end_line, end_char) < (start_line, start_char):
                start_line, start_char, end_line, end_char = end_line, end_char, start_line, start_char
            start = self.offset(start_line, start_char)
            end = max(self.offset(end_line, end_char), start)
            old = self.text
            self.text = old[:start] + new + old[end:]
            self._moved(max(start_line, 0), old, start, end, new)
        self.version = version

    def _moved(self, line: int, old: str, start: int, end: int, new: str) -> None:
        """Keep the anchors up to ``line``; move the ones after the change by
        the lines and characters it added; drop the ones inside it."""
        keep = bisect.bisect_right(self._lines, line)
        lines, offsets = self._lines[:keep], self._offsets[:keep]
        near_cr = "\r" in new or "\r" in old[max(start - 1, 0): end + 1]
        if not near_cr:  # (a lone CR next to the change could pair with a new LF: start afresh)
            removed = len(_BREAK.findall(old, start, end))
            added_lines = len(_BREAK.findall(new)) - removed
            added_chars = len(new) - (end - start)
            for number, offset in zip(self._lines[keep:], self._offsets[keep:]):
                if offset > end:
                    lines.append(number + added_lines)
                    offsets.append(offset + added_chars)
        self._lines, self._offsets = lines, offsets
