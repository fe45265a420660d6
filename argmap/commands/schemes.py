"""argmap schemes [SCHEME]: the argumentation schemes argmap knows, with their
critical questions (the ids that `cq` lines answer)."""

from __future__ import annotations

import click

from argmap.cli import EXIT_ERROR, EXIT_OK


@click.command("schemes")
@click.argument("scheme_id", metavar="SCHEME", required=False)
def command(scheme_id: str | None) -> int:
    """List the argumentation schemes, or show one with its critical questions.

    An argument names its scheme with `scheme ID` and answers a question with
    `cq QUESTION "answer"`; `argmap check --select W216` reports questions
    left open."""
    from argmap.schemes import SCHEMES

    if scheme_id is None:
        width = max(len(s) for s in SCHEMES)
        for each in SCHEMES.values():
            click.echo(f"{each.id:<{width}}  {each.title} ({len(each.questions)} critical questions)")
        return EXIT_OK
    found = SCHEMES.get(scheme_id)
    if found is None:
        import difflib

        close = difflib.get_close_matches(scheme_id, list(SCHEMES), n=1)
        click.echo(f"argmap: error: no scheme '{scheme_id}'"
                   + (f"; did you mean '{close[0]}'?" if close else "; argmap schemes lists them"), err=True)
        return EXIT_ERROR
    click.echo(f"{found.id}: {found.title}\n  {found.pattern}\n\ncritical questions (cq ID \"answer\"):")
    width = max(len(q.id) for q in found.questions)
    for question in found.questions:
        click.echo(f"  {question.id:<{width}}  {question.text}")
    return EXIT_OK
