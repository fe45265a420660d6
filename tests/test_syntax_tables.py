"""The keyword tables (argmap/syntax/keywords.py) and the grammar
(grammar/argmap.lark) describe one language: every keyword of the tables is a
terminal of the grammar and the other way round, every attribute is a rule
whose shape is the one the tables declare, the node and source rules take
exactly the tables' attributes, and the scanner's terminals are the grammar's.
Every table keyed by a kind is complete."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.model import STATEMENT_KINDS, ExpectedStatus, Grade, Level, Node, NodeKind, RelationKind, Source
from argmap.syntax import keywords, terminals
from argmap.syntax.keywords import (
    ARGUMENT_ATTRIBUTES,
    ARGUMENT_RELATIONS,
    BLOCK_KEYWORDS,
    HEADER_BLOCKS,
    KEYWORDS,
    NODE_ATTRIBUTES,
    RELATIONS,
    SOURCE_ATTRIBUTES,
    Shape,
    terminal_name,
)
from argmap.syntax.lalr import grammar_text

GRAMMAR = grammar_text()
# rule name -> its body, on one line
RULES = {m.group(1): " ".join(m.group(2).split())
         for m in re.finditer(r"^(\??[a-z_]+): (.*?)(?=^\S|\Z)", GRAMMAR, re.M | re.S)}
TERMINALS = {m.group(1): m.group(2) for m in re.finditer(r"^([A-Z_]+)(?:\.\d)?: /(.*)/s?$", GRAMMAR, re.M)}

# What follows the keyword terminal in an attribute rule, per value shape.
SHAPE_BODY = {
    Shape.TEXT: "STRING",
    Shape.ID: "ID",
    Shape.CREDIBILITY: "(LEVEL | CREDIBILITY_GRADE)",
    Shape.RELIABILITY: "RELIABILITY_GRADE",
    Shape.FLAG: "STRING?",
    Shape.ANSWER: "ID STRING",
    Shape.IDS: "ID (_COMMA ID)*",
    Shape.NAMES: "(ID | STRING) (_COMMA (ID | STRING))*",
    Shape.DATE: "DATE",
    Shape.NUMBER: "NUMBER",
    Shape.LEVEL: "LEVEL",
    Shape.TARGETS: "target (_COMMA target)*",
    Shape.LINK: "ID (_ARROW ID)? (_WEIGHT NUMBER)? INFERRED_MARK?",
    Shape.RATINGS: "rating (_COMMA rating)*",
    Shape.CITATION: "ID (LOCATOR STRING? | STRING STRING?)?",
}


def _body(rule: str) -> str:
    return re.sub(r"\s*//.*", "", RULES[rule]).strip()


def test_every_shape_has_a_grammar_form() -> None:
    assert set(SHAPE_BODY) == set(Shape)


@pytest.mark.parametrize("attribute", NODE_ATTRIBUTES + ARGUMENT_ATTRIBUTES + SOURCE_ATTRIBUTES,
                         ids=lambda a: a.keyword)
def test_attribute_rules_have_the_declared_shape(attribute: keywords.Attribute) -> None:
    assert _body(attribute.keyword) == f"{terminal_name(attribute.keyword)} {SHAPE_BODY[attribute.shape]}"


@pytest.mark.parametrize("relation", RELATIONS, ids=lambda r: r.keyword)
def test_relation_rules_have_the_declared_shape(relation: keywords.RelationSyntax) -> None:
    assert _body(relation.keyword) == f"{terminal_name(relation.keyword)} {SHAPE_BODY[relation.shape]}"


def _alternatives(text: str) -> set[str]:
    return set(re.findall(r"[a-z_]+", text))


def test_the_node_rule_takes_exactly_the_node_attributes_and_relations() -> None:
    body = _body("node")
    assert body.startswith("KIND ID STRING (")
    wanted = {a.keyword for a in NODE_ATTRIBUTES} | {r.keyword for r in RELATIONS}
    assert _alternatives(body[len("KIND ID STRING"):]) == wanted


def test_the_target_rule_takes_a_weight_and_the_inferred_mark() -> None:
    assert _body("target") == "ID (_WEIGHT NUMBER)? INFERRED_MARK?"


def test_the_argument_rule_takes_exactly_the_argument_attributes_and_relations() -> None:
    body = _body("argument")
    assert body.startswith("ARGUMENT ID STRING? (")
    wanted = {a.keyword for a in ARGUMENT_ATTRIBUTES} | {r.keyword for r in ARGUMENT_RELATIONS}
    assert _alternatives(body[len("ARGUMENT ID STRING?"):]) == wanted


def test_the_source_rule_takes_exactly_the_source_attributes() -> None:
    assert _body("source") == "_SOURCE ID STRING _source_attr*"
    assert _alternatives(_body("_source_attr")) == {a.keyword for a in SOURCE_ATTRIBUTES}


def test_the_start_rule_takes_exactly_the_blocks() -> None:
    assert _alternatives(_body("start")) == set(HEADER_BLOCKS) | {"node", "argument"}


def test_every_keyword_is_a_grammar_terminal_and_back() -> None:
    word_terminals = {name: pattern for name, pattern in TERMINALS.items() if re.fullmatch(r"[a-z]+\\b", pattern)}
    declared = {name: pattern[:-2] for name, pattern in word_terminals.items()}
    words = keywords.ATTRIBUTE_KEYWORDS + tuple(HEADER_BLOCKS) + (keywords.ARGUMENT,)
    for word, name in ((w, terminal_name(w)) for w in dict.fromkeys(words)):
        assert declared.get(name) == word, f"the grammar has no terminal {name}: /{word}\\b/"
    for name, word in declared.items():
        assert word in KEYWORDS, f"the grammar's {name} ({word}) is not in argmap/syntax/keywords.py"
    assert set(declared.values()) - set(BLOCK_KEYWORDS) - set(keywords.ATTRIBUTE_KEYWORDS) == {"weight", "under"}


@pytest.mark.parametrize("name", ["KIND", "LEVEL", "GRADE", "STATUS", "SEMANTICS"])
def test_word_terminals_list_the_tables_words(name: str) -> None:
    def words(pattern: str) -> set[str]:
        return set(re.fullmatch(r"\(\?:(.*)\)\\b", pattern).group(1).split("|"))  # type: ignore[union-attr]

    assert words(TERMINALS[name]) == words(getattr(terminals, name))


@pytest.mark.parametrize("name", ["ID", "STRING", "DATE", "NUMBER", "LOCATOR", "CREDIBILITY_GRADE",
                                  "RELIABILITY_GRADE"])
def test_value_terminals_are_the_grammars(name: str) -> None:
    assert getattr(terminals, name) == TERMINALS[name]


def test_kind_keyed_tables_are_complete() -> None:
    assert set(keywords.RELATION_KEYWORD) == set(RelationKind)
    assert tuple(k.value for k in STATEMENT_KINDS) == keywords.NODE_KINDS
    assert set(STATEMENT_KINDS) | {NodeKind.ARGUMENT} == set(NodeKind)
    assert tuple(v.value for v in Level) == keywords.LEVELS
    assert tuple(v.value for v in Grade) == keywords.GRADES
    assert tuple(v.value for v in ExpectedStatus) == keywords.STATUSES


def test_semantics_words_are_the_evaluations() -> None:
    from argmap.evaluate.semantics import SEMANTICS

    assert set(keywords.SEMANTICS_WORDS) <= set(SEMANTICS)


@pytest.mark.parametrize("model, attributes", [(Node, NODE_ATTRIBUTES + ARGUMENT_ATTRIBUTES),
                                               (Source, SOURCE_ATTRIBUTES)])
def test_every_model_field_is_written_by_one_keyword(model: type, attributes: tuple[keywords.Attribute, ...]) -> None:
    """A field the language cannot write (or a keyword filling no field) fails here
    (and at import: argmap/syntax/builder.py builds its drafts from both)."""
    import dataclasses

    fixed = {"id", "kind", "text", "title", "section", "span", "id_span"}
    fields = {f.name for f in dataclasses.fields(model)} - fixed
    written = {a.field for a in attributes} | {a.span_field for a in attributes if a.span_field}
    assert fields == written


def test_docs_language_shows_every_keyword_in_an_example() -> None:
    """docs/language.md has an example of every construct: each keyword of the
    tables appears in one of its `arg` examples (and in its keyword list)."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "language.md").read_text(encoding="utf-8")
    examples = "\n".join(re.findall(r"```arg\n(.*?)```", text, re.S))
    keyword_list = text.split("## Keywords", 1)[1].split("##", 1)[0]
    for word in KEYWORDS:
        assert re.search(rf"(?<![\w.-]){re.escape(word)}\b", examples), f"no example uses '{word}'"
        assert f" {word} " in keyword_list.replace("`", " ").replace("\n", " "), f"'{word}' is not listed"


# One value of every shape, as written after its keyword, and as the model holds it.
SHAPE_SAMPLES = {
    Shape.TEXT: ('"a text"', "a text"),
    Shape.ID: ("sign", "sign"),
    Shape.IDS: ("a, b", ("a", "b")),
    Shape.NAMES: ('Russia, "Assad regime"', ("Russia", "Assad regime")),
    Shape.DATE: ("2016-11", "2016-11"),
    Shape.NUMBER: ("0.8", 0.8),
    Shape.LEVEL: ("high", "high"),
    Shape.CREDIBILITY: ("2", "2"),
    Shape.RELIABILITY: ("C", "C"),
}


@pytest.mark.parametrize("shape", list(SHAPE_SAMPLES), ids=lambda s: s.value)
def test_every_simple_shape_is_read_written_and_carried_in_json(shape: Shape) -> None:
    """The scanner, the writer and the JSON codec know every value shape (the
    compound ones, citations, ratings, targets, links, flags and answers, are
    exercised by the attributes that use them)."""
    from argmap.interop.json_fields import _decode_one, _encode_one, _one_schema
    from argmap.syntax.builder import DocumentBuilder
    from argmap.syntax.keywords import Attribute, Repeat
    from argmap.syntax.scanner import Scanner
    from argmap.syntax.transform import MapTransformer
    from argmap.syntax.write import _value

    written, expected = SHAPE_SAMPLES[shape]
    attribute = Attribute("sample", shape, "notes", Repeat.ONCE, 0, "a sample")
    reader = Scanner(f"sample {written}\n", "m.arg", DocumentBuilder("m.arg"), MapTransformer())
    end, _, _, value, _ = reader._value(attribute, len("sample"), 1, 0)
    assert end == len(f"sample {written}")
    shown = value.value if hasattr(value, "value") else value.text if hasattr(value, "text") else value
    assert (tuple(shown) if isinstance(shown, list) else shown) == expected
    assert _value(shape, value) == written
    assert _decode_one(shape, _encode_one(shape, value)) == (tuple(value) if isinstance(value, list) else value)
    assert _one_schema(shape)


# Tables keyed by a kind or a role that cover only some on purpose, and why.
PARTIAL_TABLES = {
    "argmap.interop.argdown_data.KINDS_OF_RELATION": "Argdown's three relation arrows; the others are drawn as data",
    "argmap.interop.argdown_export.KINDS_OF_RELATION": "the same table, imported",
    "argmap.interop.aif_export._DEFAULT": "AIF's default schemes: questions have no AIF relation",
}


def _kind_keyed_tables() -> list[tuple[str, type, set[object]]]:
    """(module.name, enum, keys) for every module-level dict of the package
    whose keys are all members of NodeKind, RelationKind or RelationRole."""
    import importlib
    import pkgutil

    import argmap
    from argmap.model import RelationRole

    enums = (NodeKind, RelationKind, RelationRole)
    found = []
    for info in pkgutil.walk_packages(argmap.__path__, "argmap."):
        if info.name.startswith(("argmap.lsp", "argmap.__main__")):
            try:
                module = importlib.import_module(info.name)
            except ImportError:  # the language server's optional dependency
                continue
        else:
            module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if not isinstance(value, dict) or len(value) < 2 or getattr(value, "__module__", None):
                continue
            for enum in enums:
                if all(type(key) is enum for key in value):
                    found.append((f"{info.name}.{name}", enum, set(value)))
    return found


def test_every_table_keyed_by_a_kind_is_complete() -> None:
    """A kind or role added to the model fails here until every table keyed by
    it says what to do with it (or is listed above as partial, with why)."""
    tables = _kind_keyed_tables()
    assert len(tables) >= 8  # the styles, legend words, passive words, child order, ...
    for name, enum, keys in tables:
        if name in PARTIAL_TABLES:
            continue
        assert keys == set(enum), f"{name} lacks {sorted(str(k) for k in set(enum) - keys)}"


# The modules that spell the relation keywords: the model's enum and the syntax tables.
RELATION_WORD_OWNERS = {"argmap/model.py", "argmap/syntax/keywords.py"}


def _code_strings(path: Path) -> Iterator[tuple[int, str]]:
    """The string constants of a module that are not docstrings (f-strings' literal parts included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def _writes_a_relation(text: str, words: set[str]) -> bool:
    """Whether a string is a relation keyword or a piece of map syntax that starts
    with one (``"supports"``, ``"add 'undercuts "``); English prose about
    relations ("nothing undercuts it") is not."""
    stripped = text.strip(" '\"")
    return stripped in words or any(re.search(rf"'{re.escape(w)}\s", text) for w in words)


def test_relation_words_are_spelled_in_two_modules_only() -> None:
    """A relation keyword is spelled by the model and the syntax tables; every other
    module asks them (RelationKind, RELATION_KEYWORD, relation_line, coverage.relations),
    so renaming or adding a keyword does not leave stale copies behind."""
    root = Path(__file__).resolve().parents[1]
    words = {kind.value for kind in RelationKind}
    spelled: dict[str, list[str]] = {}
    for path in sorted((root / "argmap").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        for line, text in _code_strings(path):
            if _writes_a_relation(text, words):
                spelled.setdefault(name, []).append(f"{line}: {text!r}")
    assert set(spelled) >= RELATION_WORD_OWNERS  # the scan sees the owners' spellings
    strays = {name: found for name, found in spelled.items() if name not in RELATION_WORD_OWNERS}
    assert not strays, f"relation keywords spelled outside {sorted(RELATION_WORD_OWNERS)}: {strays}"
