"""Evaluating only a node's ancestors gives it the label it has in the whole map."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.api import loads
from argmap.evaluate import grounded_labels
from argmap.evaluate.framework import ancestors_map


def _random_map(seed: int, size: int) -> str:
    rng = random.Random(seed)
    lines = []
    links: list[tuple[int, int]] = []
    for i in range(size):
        lines.append(f'claim n{i} "Node {i}."')
        for _ in range(rng.randrange(3)):
            kind = rng.choice(("supports", "attacks", "attacks", "contradicts"))
            target = rng.randrange(size)
            if target != i:
                lines.append(f"  {kind} n{target}")
                links.append((i, target))
        if links and rng.random() < 0.4:  # undercut a relation written earlier
            a, b = rng.choice(links)
            if i not in (a, b):
                lines.append(f"  undercuts n{a} -> n{b}")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 14), st.data())
def test_ancestors_keep_grounded_labels(seed: int, size: int, data: st.DataObject) -> None:
    argmap = loads(_random_map(seed, size))
    targets = set(data.draw(st.sets(st.sampled_from([n.id for n in argmap.nodes]), min_size=1, max_size=3)))
    full = grounded_labels(argmap)
    part = grounded_labels(ancestors_map(argmap, targets))
    assert {t: part[t] for t in targets} == {t: full[t] for t in targets}


# bipolar() hands the encoding its edges on node indexes (Bipolar.indexed); the
# framework built from them is the one built from the edges alone.
@settings(max_examples=120, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 16))
def test_indexed_links_give_the_same_framework(seed: int, size: int) -> None:
    from argmap.evaluate.encoding import build_framework
    from argmap.evaluate.framework import Bipolar, IndexedLinks, bipolar

    argmap = loads(_random_map(seed, size))
    graph = bipolar(argmap)
    plain = Bipolar(graph.nodes, graph.edges)  # no index: built from the edges
    assert graph.indexed == IndexedLinks.of(graph.nodes, graph.edges)
    fast, slow = build_framework(argmap, graph).af, build_framework(argmap, plain).af
    assert (fast.names, fast.attacks, fast.attackers) == (slow.names, slow.attacks, slow.attackers)


def test_indexed_links_shape() -> None:
    from argmap.evaluate.framework import bipolar

    argmap = loads('claim a "A."\n  supports b\n  supports a\nclaim b "B."\n  contradicts c\n'
                   'claim c "C."\n  undercuts a -> b\n')
    links = bipolar(argmap).indexed
    assert links is not None
    # a=0, b=1, c=2; the self-support of a is left out; c undercuts a -> b
    assert links.supports == [(), [(0, (2,))], ()]
    assert links.first_supported == [1]
    assert links.direct == [(1, 2, ()), (2, 1, ())]
    assert links.attacks == [(), [(2, ())], [(1, ())]]
