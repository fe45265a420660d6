"""argmap.render.facts: a node's facts gathered once for every renderer."""

from __future__ import annotations

from pathlib import Path

from argmap.api import load, loads
from argmap.render.facts import FIELDS, FieldRow, MapFacts, credibility_words, plural
from argmap.render.outline_md import md_escape
from argmap.render.wording import cite_text, header, hover_markdown, relation_phrase, tooltip_lines

SMALL = Path(__file__).parent / "data" / "outline" / "small.arg"


def test_fields_follow_the_table_and_the_evaluation() -> None:
    argmap = load(SMALL)
    facts = MapFacts(argmap, statuses={"ankara": "IN"}, strengths={"ankara": 0.625}).of(argmap.node_by_id["ankara"])
    assert [(f.key, f.value) for f in facts.fields()] == [
        ("status", "IN"), ("strength", "0.62"), ("date", "2016-11"), ("credibility", "medium")]
    assert [f.key for f in facts.fields(evaluation=False)] == ["date", "credibility"]
    assert [f.phrase() for f in facts.fields()] == ["IN", "strength 0.62", "date 2016-11", "credibility medium"]
    assert (facts.kind_label, facts.date, facts.credibility, facts.status, facts.strength) == (
        "evidence", "2016-11", "medium", "IN", 0.625)
    assert facts.section_title == "First: Aleppo, the aim and the end"


def test_a_new_row_slots_in_everywhere_it_is_listed() -> None:
    argmap = loads('thesis t "T"\n  tags a, b\n')
    rows = FIELDS + (FieldRow("tagcount", "Tags", lambda node, _verdicts: str(len(node.tags))),)
    facts = MapFacts(argmap, rows=rows).of(argmap.nodes[0])
    assert [f.phrase() for f in facts.fields()] == ["tags 2"]
    assert header(facts, keys=("tagcount",)) == "thesis \u00b7 tags 2"


def test_header_is_kind_date_credibility() -> None:
    argmap = load(SMALL)
    facts = MapFacts(argmap, statuses={"ankara": "IN"})
    assert header(facts.of(argmap.node_by_id["ankara"])) == "evidence \u00b7 2016-11 \u00b7 credibility medium"
    assert header(facts.of(argmap.node_by_id["conflict"])) == "thesis"


def test_citations_name_the_source_once_when_asked() -> None:
    argmap = load(SMALL)
    (cite,) = MapFacts(argmap).of(argmap.node_by_id["ankara"]).citations
    assert cite_text(cite) == "Iran, Russia and the battle for Aleppo (2016-12), §First: \u201cIran was pressing by all means\u201d"
    assert cite_text(cite, title=False) == "§First: \u201cIran was pressing by all means\u201d"
    assert cite_text(cite, title=False, quote=False) == "§First"
    assert cite_text(cite, escape=str.upper).startswith("IRAN, RUSSIA")
    unknown = loads('thesis t "T"\n  cite nowhere "q"\n')
    missing = MapFacts(unknown).of(unknown.nodes[0])
    assert missing.citations[0].title is None and cite_text(missing.citations[0]) == "nowhere: \u201cq\u201d"


def test_relations_in_and_out_with_undercuts() -> None:
    argmap = load(SMALL)
    facts = MapFacts(argmap)
    hiding = facts.of(argmap.node_by_id["hiding"])
    assert [relation_phrase(r) for r in hiding.outgoing] == ["undercuts shared_stakes -> conflict"]
    stakes = facts.of(argmap.node_by_id["shared_stakes"])
    assert [relation_phrase(r) for r in stakes.outgoing] == ["attacks conflict"]
    assert [relation_phrase(r) for r in stakes.incoming] == ["undercut by hiding (shared_stakes -> conflict)"]
    conflict = facts.of(argmap.node_by_id["conflict"])
    assert "supported by ankara (weight 0.8)" in [relation_phrase(r) for r in conflict.incoming]
    assert "attacked by shared_stakes" in [relation_phrase(r) for r in conflict.incoming]


def test_hover_markdown_escapes_map_text_with_the_given_function() -> None:
    argmap = loads('source s "A *b*"\nthesis t "<b>x</b> [y](z)"\n  cite s §1 "q_1"\n  note "n*"\n'
                   'claim c "C"\n  supports t\n')
    facts = MapFacts(argmap, statuses={"t": "IN"}).of(argmap.node_by_id["t"])
    text = hover_markdown(facts, escape=md_escape)
    assert text.startswith("**thesis** `t`\n\n&lt;b\\>x&lt;/b\\> \\[y\\]\\(z\\)")
    assert "status: IN" in text and "> A \\*b\\*, §1: \u201cq\\_1\u201d" in text
    assert "*note:* n\\*" in text and "**in:** supported by `c`" in text
    assert "<b>" not in text


def test_tooltip_lines_and_plural() -> None:
    argmap = load(SMALL)
    lines = tooltip_lines(MapFacts(argmap, statuses={"ankara": "IN"}).of(argmap.node_by_id["ankara"]))
    assert lines[0] == "evidence ankara" and "date: 2016-11" in lines and "status: IN" not in lines
    assert lines[-1].startswith("cite: Iran, Russia")
    assert plural("thesis", 2) == "theses" and plural("evidence", 3) == "evidence" and plural("claim", 1) == "claim"


V2 = '''source essay "E"
  reliability C
thesis conflict "C."
evidence ankara "A."
  credibility 3
  supports conflict
evidence pause "P."
  credibility 2
argument message "The pause was a message."
  premises pause, ankara
  supports conflict
  scheme sign
  cq alternative "No other reason is reported."
  inferred "The link is ours."
question next "Next?"
claim split "They will part."
  answers next
  inferred
expect conflict supported
'''


def test_the_new_constructs_slot_into_the_table() -> None:
    """Linked arguments, schemes, critical questions, provenance, graded
    credibility and the argument reading's bases: rows of FIELDS, no renderer code."""
    from argmap.render.outline import build_outline, load_verdicts
    from argmap.render.outline_text import render_text

    argmap = loads(V2)
    statuses, strengths, bases = load_verdicts(argmap)
    facts = MapFacts(argmap, statuses=statuses, strengths=strengths, bases=bases)
    message = facts.of(argmap.node_by_id["message"])
    keys = {f.key: f.value for f in message.fields()}
    assert keys["premises"] == "pause, ankara" and keys["scheme"] == "sign"
    assert keys["inferred"] == "The link is ours." and message.critical_answers == (("alternative", "No other reason is reported."),)
    assert {f.key: f.value for f in facts.of(argmap.node_by_id["pause"]).fields()}["credibility"] == "2"
    assert credibility_words("2") == "2 (probably true)" and credibility_words("medium") == "medium"
    assert {f.key: f.value for f in facts.of(argmap.node_by_id["split"]).fields()}["inferred"] == "the analyst's own"
    assert statuses["conflict"] == "IN" and bases["conflict"] == "supported"
    assert [relation_phrase(r) for r in facts.of(argmap.node_by_id["split"]).outgoing] == ["answers next"]
    outline = build_outline(argmap, statuses=statuses, strengths=strengths, bases=bases)
    text = " ".join(render_text(outline, width=200).split())
    assert "conflict [thesis] · IN · supported" in text
    assert "premises pause, ankara · scheme sign" in text and "cq alternative: No other reason is reported." in text
    # the premises are listed under their argument, as premises
    assert "premise: pause [evidence]" in text and "premise: see ankara above" in text
    assert "NOT REACHED FROM ANY THESIS next [question]" in text
