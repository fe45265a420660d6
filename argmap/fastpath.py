"""A fast driver for the Lark LALR parser of valid files.

Lark's own loop pays several Python calls per token (the contextual lexer's
generator, ``next_token``, ``LineCounter.feed``, ``feed_token``). This module
runs the *same* machine in one tight loop: the per-state lexers' compiled
regexes (built by Lark from ``grammar/argmap.lark``, so the grammar stays the
single source of truth), the same terminal order and callbacks, Lark's LALR
parse table, and the same rule callbacks (the transformer). Positions are
computed as Lark computes them.

It never reports errors: at the first character or token that does not fit it
raises :class:`Fallback`, and the caller re-parses with Lark's normal entry
point, which produces the diagnostics (so messages cannot drift).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Fallback", "fast_parse"]


class Fallback(Exception):
    """The fast path met something it does not accept; use Lark's own parse."""


def _tables(lark_obj: Any) -> tuple[Any, ...] | None:
    """Per-state lexer data and a compact parse table, computed once per parser.

    Reductions are pre-compiled: ``(size, mask, goto name, method)`` where
    ``mask`` says per child 0 = drop (a ``_KEYWORD`` terminal), 1 = keep,
    2 = splice (an inlined ``_rule``), and ``method`` is the transformer's
    callback (None for inlined rules, whose value is the list of children).
    This is Lark's child filter for LALR without placeholders. None when the
    grammar uses a feature this loop does not reproduce (then: Lark's path).
    """
    cached: tuple[Any, ...] | bool | None = getattr(lark_obj, "_argmap_fast_tables", False)
    if cached is not False:
        return cached  # type: ignore[return-value]  # a tuple or None once computed
    from lark.parsers.lalr_analysis import Shift

    frontend = lark_obj.parser
    lalr = frontend.parser.parser
    table = lalr.parse_table
    transformer = lark_obj.options.transformer
    result: tuple[Any, ...] | None = None
    reductions: dict[Any, tuple[Any, ...]] = {}
    supported = transformer is not None and not lark_obj.options.maybe_placeholders
    for rule in lalr.callbacks if supported else ():
        if isinstance(rule, str) or rule.options.expand1 or rule.options.keep_all_tokens or rule.alias:
            supported = False
            break
        name = rule.origin.name
        mask = tuple(
            0 if sym.is_term and sym.filter_out else 2 if not sym.is_term and sym.name.startswith("_") else 1
            for sym in rule.expansion
        )
        method = None if name.startswith("_") else getattr(transformer, name, None)
        if not name.startswith("_") and (method is None or hasattr(method, "visit_wrapper")):
            supported = False
            break
        reductions[rule] = (len(rule.expansion), None if all(m == 1 for m in mask) else mask, name, method)
    if supported:
        states: dict[int, dict[str, tuple[bool, Any]]] = {}
        for state, actions in table.states.items():
            states[state] = {
                symbol: (True, arg) if action is Shift else (False, reductions[arg])
                for symbol, (action, arg) in actions.items()
            }
        ignored = set(lark_obj.lexer_conf.ignore)
        if any(_starts_with_blank(t.pattern.to_regexp(), t.name in ignored) for t in lark_obj.terminals):
            _disable(lark_obj)
            return None
        lexinfo = _LexInfo(frontend.lexer.lexers)
        symbols = [sym for rule in reductions for sym in rule.expansion if sym.is_term]
        kept_terms = {sym.name for sym in symbols if not sym.filter_out}
        dropped = frozenset(sym.name for sym in symbols if sym.filter_out and sym.name not in kept_terms)
        result = (lexinfo, states, table.start_states["start"], table.end_states["start"], dropped)
    lark_obj._argmap_fast_tables = result
    return result


class _LexInfo(dict):
    """State -> (regexes, ignored types, multi-line types, lexer callbacks),
    built on first use: a small map visits few states, and building a state's
    scanner (Lark's union regex) is what a cold start would otherwise pay."""

    def __init__(self, lexers: dict[int, Any]) -> None:
        super().__init__()
        self._lexers = lexers
        self._by_lexer: dict[int, tuple[Any, ...]] = {}

    def __missing__(self, state: int) -> tuple[Any, ...]:
        lexer = self._lexers[state]
        info = self._by_lexer.get(id(lexer))
        if info is None:
            info = self._by_lexer[id(lexer)] = _state_lexer(lexer)
        self[state] = info
        return info


def _state_lexer(lexer: Any) -> tuple[Any, ...]:
    """One state's lexer as Lark builds it (same terminals, order, callbacks),
    as a single regex that also skips the blanks and line breaks before a
    token (they cannot start any terminal but the ignored one): one match
    per token, and Lark's own copy of the regex is never compiled."""
    from lark.lexer import _create_unless

    terminals, callbacks = _create_unless(lexer.terminals, lexer.g_regex_flags, lexer.re, lexer.use_bytes)
    if len(terminals) > 90 or any(name in callbacks for name in lexer.user_callbacks):
        scanner = lexer.scanner  # Lark's general route (several regexes, chained callbacks)
        patterns, callbacks = [m.pattern for m in scanner._mres], dict(lexer.callback)
    else:
        callbacks.update(lexer.user_callbacks)
        patterns = ["|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)]
    mres = tuple(re.compile(f"[ \\t\\r\\n]*+(?:{p})", lexer.g_regex_flags) for p in patterns)
    return (mres, lexer.ignore_types, lexer.newline_types, callbacks)


_BLANKS = re.compile(r"[ \t\r\n]*")


def _starts_with_blank(pattern: str, ignored: bool) -> bool:
    """Whether a (not ignored) terminal's regex can match at a blank or line
    break: then skipping white space before matching would change the tokens,
    and the fast loop is not used for such a grammar."""
    if ignored:
        return False
    compiled = re.compile(pattern)
    return any(compiled.match(blank + tail) for blank in " \t\r\n" for tail in ("", "a", "0", '"', " ", "#"))


def _disable(lark_obj: Any) -> None:
    lark_obj._argmap_fast_tables = None
    return


def _reduce(stack: list[int], values: list[Any], states: Any, reduction: tuple[Any, ...]) -> None:
    size, mask, name, method = reduction
    if size == 1 and mask is None:  # a one-child rule, e.g. `_node_attr: tags`
        value = [values[-1]]
        values[-1] = value if method is None else method(value)
        stack[-1] = states[stack[-2]][name][1]
        return
    if size:
        children = values[-size:]
        del stack[-size:]
        del values[-size:]
        if mask is not None:
            kept: list[Any] | None = None
            for keep, child in zip(mask, children):
                if keep == 1:
                    if kept is None:
                        kept = [child]
                    else:
                        kept.append(child)
                elif keep == 2:
                    if kept is None:
                        kept = child  # left recursion (a star rule): grow the list in place
                    else:
                        kept.extend(child)
            children = kept if kept is not None else []
    else:
        children = []
    values.append(children if method is None else method(children))
    stack.append(states[stack[-1]][name][1])


def fast_parse(lark_obj: Any, text: str) -> Any:
    """Parse ``text`` with ``lark_obj``'s tables and callbacks; raise Fallback
    at the first problem. Returns what the start rule's callback returns.
    (The caller, argmap.parser.parse_text, pauses the garbage collector.)"""
    return _parse(lark_obj, text)


def _parse(lark_obj: Any, text: str) -> Any:
    from lark import Token

    tables = _tables(lark_obj)
    if tables is None:
        raise Fallback
    lexinfo, states, start, end_state, dropped = tables
    new_str = str.__new__
    stack = [start]
    values: list[Any] = []
    pos, line, line_start, size = 0, 1, 0, len(text)
    while pos < size:
        mres, ignore, newline, lexer_callbacks = lexinfo[stack[-1]]
        for mre in mres:
            m = mre.match(text, pos)
            if m is not None:
                break
        else:
            if _BLANKS.fullmatch(text, pos):  # trailing blanks: the end
                break
            raise Fallback
        type_ = m.lastgroup
        end = m.end()
        begin = m.start(type_)
        if begin != pos:
            newlines = text.count("\n", pos, begin)
            if newlines:
                line += newlines
                line_start = text.rindex("\n", pos, begin) + 1
            pos = begin
        if type_ in ignore:
            if type_ in lexer_callbacks:  # comments are collected by a lexer callback
                value = m.group(type_)
                token = Token(type_, value, pos, line, pos - line_start + 1)
                if type_ in newline and "\n" in value:
                    line += value.count("\n")
                    line_start = pos + value.rindex("\n") + 1
                token.end_line, token.end_column, token.end_pos = line, end - line_start + 1, end
                lexer_callbacks[type_](token)
            elif type_ in newline:
                newlines = text.count("\n", pos, end)
                if newlines:
                    line += newlines
                    line_start = text.rindex("\n", pos, end) + 1
            pos = end
            continue
        if type_ in dropped and type_ not in lexer_callbacks and type_ not in newline:
            token = None  # type: ignore[assignment]  # a keyword or comma: the rules drop it, so no Token is made
        else:
            value = m.group(type_)
            token = new_str(Token, value)
            token.type = type_
            token.value = value
            token.start_pos = pos
            token.line = line
            token.column = pos - line_start + 1
            if type_ in newline and "\n" in value:
                line += value.count("\n")
                line_start = pos + value.rindex("\n") + 1
            token.end_line = line
            token.end_column = end - line_start + 1
            token.end_pos = end
            if type_ in lexer_callbacks:
                token = lexer_callbacks[type_](token)
                type_ = token.type
        pos = end
        while True:
            try:
                shift, arg = states[stack[-1]][type_]
            except KeyError:
                raise Fallback from None
            if shift:
                stack.append(arg)
                values.append(token)
                break
            if arg[0] == 1 and arg[1] is None:  # one-child rule (e.g. `target: ID`), in place
                method = arg[3]
                values[-1] = [values[-1]] if method is None else method([values[-1]])
                stack[-1] = states[stack[-2]][arg[2]][1]
            else:
                _reduce(stack, values, states, arg)
    while True:
        try:
            shift, arg = states[stack[-1]]["$END"]
        except KeyError:
            raise Fallback from None
        if shift:  # pragma: no cover - $END is never shifted
            raise Fallback
        _reduce(stack, values, states, arg)
        if stack[-1] == end_state:
            return values[-1]
