"""Seeded generator of large, realistic argument maps, written twice: as ``.arg``
and as the same map in Argdown (``.argdown``), for side-by-side benchmarks.

    python bench/gen_map.py --nodes 20000 --out /tmp/maps      # -> map_20000.arg / .argdown

The map has sections, every node kind, multi-line texts, tags, actors, dates,
credibility, notes, citations of sources, supports / attacks / undercuts /
contradicts with weights, ACH ratings and expectations: about 1.35 relations per
node, so 20,000 nodes give about 27,000 relations (about 5 MB of ``.arg``).
Supports point only at earlier nodes, so the map has no support cycle; every
reference names an existing node, so the map checks without errors. The same
seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GenNode", "generate", "to_arg", "to_argdown", "write_pair"]

WORDS = ["the", "russian", "iranian", "regime", "forces", "aleppo", "ankara", "talks", "truce", "eastern", "city", "militia", "airstrikes", "negotiations", "coordination", "objectives", "conflicting", "interests", "assad", "survival", "influence", "region", "strategy", "diplomacy", "ceasefire", "humanitarian", "corridor", "rebels", "opposition", "moscow", "tehran", "damascus", "turkey", "united", "states", "western", "pressure", "economic", "sanctions", "oil", "gas", "pipeline", "military", "bases", "naval", "port", "latakia", "hezbollah", "proxies", "advisers", "ground", "troops", "air", "power", "reconstruction", "contracts", "elections", "constitution", "refugees", "return", "sovereignty", "federalism", "kurdish", "autonomy", "border", "security", "intelligence", "reports", "analysts", "suggest", "evidence", "indicates", "sources", "claim", "officials", "deny", "statement", "published", "interview"]
KINDS = ("thesis", "claim", "evidence", "counter", "hypothesis", "assumption", "question")
KIND_WEIGHTS = (2, 30, 30, 18, 3, 10, 7)
TAGS = ("russia", "iran", "syria", "turkey", "usa", "military", "diplomacy", "economy", "aleppo")
ACTORS = ("Russia", "Iran", "Turkey", "Assad", "Hezbollah", "USA", "UN")
LEVELS = ("low", "medium", "high")
GRADES = ("CC", "C", "N", "I", "II", "NA")


@dataclass
class GenNode:
    """One generated node with its outgoing relations (targets by id)."""

    id: str
    kind: str
    text: str
    section: int
    tags: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    date: str | None = None
    credibility: str | None = None
    note: str | None = None
    cites: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    supports: list[tuple[str, float | None]] = field(default_factory=list)
    attacks: list[tuple[str, float | None]] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)
    undercuts: list[tuple[str, str]] = field(default_factory=list)
    rates: list[tuple[str, str]] = field(default_factory=list)
    about: list[str] = field(default_factory=list)  # questions it bears on


@dataclass
class GenMap:
    title: str
    sections: list[str]
    sources: list[tuple[str, str, str, str]]  # id, title, author, date
    nodes: list[GenNode]
    hypotheses: list[str]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return (" ".join(words)).capitalize() + "."


def generate(nodes: int, seed: int = 1) -> GenMap:
    """A map of ``nodes`` nodes; deterministic for a given seed."""
    rng = random.Random(seed)
    n_sections = max(1, nodes // 200)
    sections = [_sentence(rng, 3, 6).rstrip(".") for _ in range(n_sections)]
    sources = [
        (f"src{i}", _sentence(rng, 4, 9).rstrip("."), rng.choice(("Ali Hashem", "Anna Borshchevskaya", "Reuters")),
         f"{rng.randint(2011, 2020)}-{rng.randint(1, 12):02d}")
        for i in range(max(1, nodes // 100))
    ]
    out: list[GenNode] = []
    hypotheses: list[str] = []
    support_edges: list[tuple[str, str]] = []
    for i in range(nodes):
        kind = "thesis" if i == 0 else rng.choices(KINDS, KIND_WEIGHTS)[0]
        text = _sentence(rng, 7, 19)
        if rng.random() < 0.3:  # a multi-line text
            text = text + "\n" + _sentence(rng, 6, 14)
        node = GenNode(f"{rng.choice(WORDS)}_{i}", kind, text, section=min(n_sections - 1, i * n_sections // nodes))
        if kind == "hypothesis":
            hypotheses.append(node.id)
        if rng.random() < 0.5:
            node.tags = rng.sample(TAGS, rng.randint(1, 3))
        if rng.random() < 0.3:
            node.actors = rng.sample(ACTORS, rng.randint(1, 2))
        if kind == "evidence" or rng.random() < 0.2:
            node.date = f"{rng.randint(2011, 2020)}-{rng.randint(1, 12):02d}"
        if kind == "evidence":
            node.credibility = rng.choice(LEVELS)
            source = rng.choice(sources)[0]
            quote = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))
            node.cites.append((source, f"p.{rng.randint(1, 300)}" if rng.random() < 0.5 else None, quote))
            if hypotheses and rng.random() < 0.5:
                node.rates = [(h, rng.choice(GRADES)) for h in rng.sample(hypotheses, min(2, len(hypotheses)))]
        if rng.random() < 0.1:
            node.note = _sentence(rng, 5, 12)
        if i > 0:
            roll = rng.random()
            target = out[rng.randrange(max(0, i - 500), i)]
            earlier = target.id
            if kind == "question":  # a question is no reason: nothing goes out of it
                out.append(node)
                continue
            if target.kind == "question":  # and it is answered, not supported or attacked
                node.about.append(earlier)
            elif kind == "counter" or roll < 0.15:
                node.attacks.append((earlier, round(rng.random(), 2) if rng.random() < 0.3 else None))
            else:
                node.supports.append((earlier, round(rng.random(), 2) if rng.random() < 0.3 else None))
                support_edges.append((node.id, earlier))
            extra = rng.random()
            other_node = out[rng.randrange(max(0, i - 500), i)] if i > 2 else target
            other = other_node.id
            if other_node.kind == "question":
                pass
            elif extra < 0.2 and i > 2:
                if other != earlier:
                    node.supports.append((other, None))
                    support_edges.append((node.id, other))
            elif extra < 0.27 and i > 2:
                if other != earlier:
                    node.attacks.append((other, None))
            elif extra < 0.31 and i > 2:
                if other != earlier:
                    node.contradicts.append(other)
            elif extra < 0.35 and len(support_edges) > 1:
                src, dst = support_edges[rng.randrange(max(0, len(support_edges) - 500), len(support_edges) - 1)]
                if node.id not in (src, dst):
                    node.undercuts.append((src, dst))
        out.append(node)
    return GenMap(_sentence(rng, 4, 8).rstrip("."), sections, sources, out, hypotheses)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_arg(gen: GenMap) -> str:
    """The map in the .arg language."""
    lines = [f"title {_q(gen.title)}", ""]
    for sid, title, author, date in gen.sources:
        lines += [f"source {sid} {_q(title)}", f"  author {_q(author)}", f"  date {date}", ""]
    section = -1
    for node in gen.nodes:
        if node.section != section:
            section = node.section
            lines += [f"section s{section} {_q(gen.sections[section])}", ""]
        text = node.text.replace("\n", "\n    ")
        lines.append(f"{node.kind} {node.id} {_q(text)}")
        if node.tags:
            lines.append("  tags " + ", ".join(node.tags))
        if node.actors:
            lines.append("  actors " + ", ".join(node.actors))
        if node.date:
            lines.append(f"  date {node.date}")
        if node.credibility:
            lines.append(f"  credibility {node.credibility}")
        if node.note:
            lines.append(f"  note {_q(node.note)}")
        for source, locator, quote in node.cites:
            lines.append("  cite " + " ".join(x for x in (source, locator, _q(quote) if quote else None) if x))
        for verb, items in (("supports", node.supports), ("attacks", node.attacks)):
            if items:
                lines.append(f"  {verb} " + ", ".join(t if w is None else f"{t} weight {w}" for t, w in items))
        if node.contradicts:
            lines.append("  contradicts " + ", ".join(node.contradicts))
        for src, dst in node.undercuts:
            lines.append(f"  undercuts {src} -> {dst}")
        if node.about:
            lines.append("  about " + ", ".join(node.about))
        if node.rates:
            lines.append("  rates " + ", ".join(f"{h} {g}" for h, g in node.rates))
        lines.append("")
    for hyp in gen.hypotheses[:3]:
        lines.append(f"expect {hyp} undecided")
    lines.append(f"expect {gen.nodes[0].id} accepted under grounded")
    return "\n".join(lines) + "\n"


def to_argdown(gen: GenMap) -> str:
    """The same map in Argdown: evidence and counters are arguments ``<id>``, the
    other nodes statements ``[id]``; relations are written under their source."""
    is_argument = {n.id: n.kind in ("evidence", "counter") for n in gen.nodes}

    def ref(node_id: str) -> str:
        return f"<{node_id}>" if is_argument[node_id] else f"[{node_id}]"

    lines = ["===", f"title: {gen.title}", "===", ""]
    section = -1
    for node in gen.nodes:
        if node.section != section:
            section = node.section
            lines += [f"# {gen.sections[section]}", ""]
        text = node.text.replace("\n", " ")
        tags = "".join(f" #{t}" for t in node.tags)
        data = []
        if node.date:
            data.append(f'date: "{node.date}"')
        if node.credibility:
            data.append(f"credibility: {node.credibility}")
        meta = " {" + ", ".join(data) + "}" if data else ""
        lines.append(f"{ref(node.id)}: {text}{tags}{meta}")
        for target, _ in node.supports:
            lines.append(f"  +> {ref(target)}")
        for target, _ in node.attacks:
            lines.append(f"  -> {ref(target)}")
        for target in node.contradicts:
            # Argdown contradictions join statements only; otherwise an attack.
            both = not is_argument[node.id] and not is_argument[target]
            lines.append(f"  {'><' if both else '->'} {ref(target)}")
        for _src, dst in node.undercuts:
            # Argdown undercuts arguments only; an attack on the link's target is the nearest equivalent.
            lines.append(f"  {'_>' if is_argument[dst] else '->'} {ref(dst)}")
        lines.append("")
    return "\n".join(lines) + "\n"


def write_pair(nodes: int, out: Path, seed: int = 1) -> tuple[Path, Path]:
    """Write ``map_<nodes>.arg`` and ``map_<nodes>.argdown`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    gen = generate(nodes, seed)
    arg, argdown = out / f"map_{nodes}.arg", out / f"map_{nodes}.argdown"
    arg.write_text(to_arg(gen), encoding="utf-8")
    argdown.write_text(to_argdown(gen), encoding="utf-8")
    return arg, argdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[20000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/argmap-bench"))
    args = parser.parse_args()
    for n in args.nodes:
        arg, argdown = write_pair(n, args.out, args.seed)
        print(f"{arg} ({arg.stat().st_size / 1e6:.2f} MB)  {argdown} ({argdown.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
