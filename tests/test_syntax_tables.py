"""The keyword tables (argmap/syntax/keywords.py) and the grammar
(grammar/argmap.lark) describe one language: every keyword of the tables is a
terminal of the grammar and the other way round, every attribute is a rule
whose shape is the one the tables declare, the node and source rules take
exactly the tables' attributes, and the scanner's terminals are the grammar's.
Every table keyed by a kind is complete."""

from __future__ import annotations

import re

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
