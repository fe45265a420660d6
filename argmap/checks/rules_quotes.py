"""Rules about quotations and the local files of sources.

A source's ``file "x.txt"`` is looked for next to the file that declares the
source (for included files, their own folder), then next to the main map,
then in each ``--sources DIR``. A path that leaves the folder it is looked up
in is refused (E115) unless ``--allow-outside`` is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.checks.base import CheckContext, Rule, Scope, register
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Map, Source

if TYPE_CHECKING:
    from argmap.quotes import SourceText

MAX_QUOTE_WORDS = 40


def _folders(source: Source, context: CheckContext) -> list[Path]:
    folders: list[Path] = []
    declared_in = Path(source.span.file)
    if declared_in.is_file():
        folders.append(declared_in.parent)
    if context.map_dir is not None:
        folders.append(context.map_dir)
    folders.extend(context.source_dirs)
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def locate(source: Source, context: CheckContext) -> tuple[Path | None, list[Path], list[Path]]:
    """(the file found or None, the candidates looked at, candidates refused as outside)."""
    assert source.file is not None
    looked: list[Path] = []
    refused: list[Path] = []
    for folder in _folders(source, context):
        candidate = folder / source.file
        try:
            inside = candidate.resolve().is_relative_to(folder.resolve())
            exists = candidate.is_file()
        except (OSError, ValueError):  # a name too long for the system, a NUL byte...
            looked.append(candidate)
            continue
        if not inside and not context.allow_outside:
            refused.append(candidate)
            continue
        looked.append(candidate)
        if exists:
            return candidate, looked, refused
    return None, looked, refused


def _resolved(argmap: Map, context: CheckContext) -> dict[str, tuple[Path | None, list[Path], list[Path]]]:
    """Locate each source's file once per run (shared by the rules below)."""
    cached = context.extra.get("quotes.locations")
    if isinstance(cached, tuple) and cached[0] is argmap:
        return cached[1]
    found = {}
    for source in argmap.sources:
        if source.file is not None and argmap.source_by_id[source.id] is source:
            found[source.id] = locate(source, context)
    context.extra["quotes.locations"] = (argmap, found)
    return found


@register
class QuotationNotFound(Rule):
    """A quotation in ``cite SOURCE "..."`` does not occur in the source's
    local file (``file "..."`` on the source).

    Matching forgives typography: line breaks and runs of spaces, words
    hyphenated across lines, curly or straight quotes, dashes, non-breaking
    spaces, ``…`` for ``...`` and letter case. ``...`` inside a quotation
    stands for omitted words. argmap shows the closest passage it found.

    Fix: copy the words exactly from the source (the hint shows where), or
    mark omissions with ``...``.
    """

    code = "E111"
    scope = Scope.BLOCK
    name = "quotation-not-found"
    summary = "a quotation is not in its source's file"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        from argmap.quotes import closest_passage, find_quote, load_source_text

        located = _resolved(argmap, context)
        texts: dict[str, SourceText | None] = {}
        for node in argmap.nodes:
            for citation in node.citations:
                if not citation.quote or citation.source not in located:
                    continue
                path = located[citation.source][0]
                if path is None:
                    continue  # W205 or E115 says why
                if citation.source not in texts:
                    try:
                        texts[citation.source] = load_source_text(path)
                    except (OSError, ValueError):
                        texts[citation.source] = None
                text, quote = texts[citation.source], citation.quote
                if text is None or quote is None or find_quote(text, quote) is not None:
                    continue
                passage = closest_passage(text, quote)
                if passage is None:
                    hint = f"no passage of {path.name} resembles it; copy the words from the source"
                else:
                    shown = passage.text if len(passage.text) <= 160 else passage.text[:157] + "..."
                    hint = f"closest passage ({path.name}, line {passage.line}): \"{shown}\""
                yield self.diagnostic(
                    f"quotation not found in {path.name} (source '{citation.source}')",
                    citation.quote_span or citation.span,
                    hint=hint,
                )


@register
class SourceFileNotFound(Rule):
    """A source declares a local ``file`` that argmap cannot find, so its
    quotations cannot be verified.

    The file is looked for next to the map file that declares the source,
    next to the main map, then in each folder given with ``--sources DIR``.
    This is a warning, not an error: the quotations may well be right.

    Fix: pass ``--sources DIR`` (the folder that holds the source texts), or
    correct the ``file`` path.
    """

    code = "W205"
    scope = Scope.BLOCK
    name = "source-file-not-found"
    summary = "a source's local file cannot be found"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        quotes: dict[str, int] = {}
        for node in argmap.nodes:
            for citation in node.citations:
                if citation.quote:
                    quotes[citation.source] = quotes.get(citation.source, 0) + 1
        for source_id, (path, looked, refused) in _resolved(argmap, context).items():
            if path is not None or (refused and not looked):
                continue  # found, or refused by E115
            source = argmap.source_by_id[source_id]
            count = quotes.get(source_id, 0)
            unverified = f"; {count} quotation{'s' if count != 1 else ''} cannot be verified" if count else ""
            if looked:
                places = ", ".join(str(p.parent.resolve()) for p in looked)
                hint = f"looked in {places}; pass --sources DIR for the folder that holds it"
            else:
                hint = "the map has no folder (standard input); pass --sources DIR for the folder that holds it"
            yield self.diagnostic(
                f"file '{source.file}' of source '{source_id}' not found{unverified}",
                source.file_span or source.id_span,
                hint=hint,
            )


@register
class PathOutsideMap(Rule):
    """A path leaves the map's folder: an ``include`` (reported while
    loading) or a source's ``file`` such as ``"../../secret.txt"``.

    argmap reads only files inside the map's folder (or inside a
    ``--sources`` folder), so a shared or downloaded map cannot make it read
    files elsewhere on your machine.

    Fix: move the file inside the folder, or run with ``--allow-outside``
    if you trust the map.
    """

    code = "E115"
    scope = Scope.BLOCK
    name = "path-outside-map"
    summary = "an include or source file path leaves the map's folder"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for source_id, (path, looked, refused) in _resolved(argmap, context).items():
            if path is not None or looked or not refused:
                continue
            source = argmap.source_by_id[source_id]
            yield self.diagnostic(
                f"file '{source.file}' of source '{source_id}' is outside the map's folder",
                source.file_span or source.id_span,
                hint="move it inside the map's folder or a --sources folder, or use --allow-outside",
            )


@register
class QuotationTooLong(Rule):
    """A quotation has more than 40 words.

    Quotations in a map are short, checkable anchors, not copies of the
    source; long ones are hard to verify and to read in a rendered map.

    Fix: quote the decisive words only, marking omissions with ``...``.
    """

    code = "W210"
    scope = Scope.BLOCK
    name = "quotation-too-long"
    summary = f"a quotation is longer than {MAX_QUOTE_WORDS} words"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for node in argmap.nodes:
            for citation in node.citations:
                if citation.quote and len(citation.quote.split()) > MAX_QUOTE_WORDS:
                    words = len(citation.quote.split())
                    yield self.diagnostic(
                        f"quotation of {words} words in '{node.id}' (keep quotations under {MAX_QUOTE_WORDS} words)",
                        citation.quote_span or citation.span,
                        hint="quote only the decisive words; mark omissions with ...",
                    )
