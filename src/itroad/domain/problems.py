"""Problems the core finds in records, as codes: the sentences are made here, once.

A :class:`Problem` is a small frozen value: what is wrong (``code``), the model
field it concerns (``field``) and the numbers or names the sentence needs
(``params``). Screens and commands decide by the code (the Roadmap's ``no A``
flag); whatever shows a problem as text calls :func:`describe`, so the TUI, the
CLI and the JSON output say the same sentence.

The codes of an initiative's RACI (docs/rules.md, "People and RACI";
:meth:`~itroad.domain.models.Initiative.raci_problems`), warnings:

==================== ================================================ ==========
code                 sentence                                         params
==================== ================================================ ==========
``no_accountable``   no one is Accountable
``many_accountable`` 2 people are Accountable (exactly one should be)  ``count``
``no_responsible``   no one is Responsible
==================== ================================================ ==========

The codes of what a single record cannot see (duplicates and dangling
references: :func:`~itroad.domain.models.reference_problems`, ``role_problems``),
refusals of a portfolio file: ``duplicate_person``, ``unknown_person``,
``ambiguous_person``, ``duplicate_tag``, ``unknown_asset``, ``asset_twice``,
``duplicate_policy``, ``raci_twice``, ``unknown_target``, ``ambiguous_target``,
``unknown_role``, and of goals and actual payments (:mod:`itroad.domain.strategy`)
``duplicate_goal``, ``unknown_goal``, ``goal_twice``, ``ambiguous_payment`` (their
sentences and params are in ``_SENTENCES`` below).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The codes of the problems the core reports (the tables above).
ProblemCode = Literal[
    "no_accountable", "many_accountable", "no_responsible",
    "duplicate_person", "unknown_person", "ambiguous_person", "duplicate_tag", "unknown_asset",
    "asset_twice", "duplicate_policy", "raci_twice", "unknown_target", "ambiguous_target",
    "unknown_role", "duplicate_goal", "unknown_goal", "goal_twice", "ambiguous_payment",
]

_SENTENCES: dict[str, str] = {
    "no_accountable": "no one is Accountable",
    "many_accountable": "{count} people are Accountable (exactly one should be)",
    "no_responsible": "no one is Responsible",
    "duplicate_person": 'duplicate person "{email}"',
    "unknown_person": 'unknown person "{ref}" (not in this client\'s people)',
    "ambiguous_person": 'ambiguous person "{ref}": {count} people have that name ({candidates}); use the email',
    "duplicate_tag": 'duplicate asset tag "{tag}" (also assets[{first}])',
    "unknown_asset": 'unknown asset "{tag}" (not in this client\'s assets)',
    "asset_twice": 'asset "{tag}" is listed twice',
    "duplicate_policy": 'duplicate policy for category "{category}"',
    "raci_twice": '"{person}" is {raci} twice on this initiative',
    "unknown_target": 'unknown {scope} "{target}" (not in this client\'s {scope}s)',
    "ambiguous_target": '{count} {scope}s are called "{target}": rename one to assign it',
    "duplicate_goal": 'duplicate goal "{title}" (also goals[{first}])',
    "unknown_goal": 'unknown goal "{title}" (not in this client\'s goals)',
    "goal_twice": 'goal "{title}" is listed twice',
    "ambiguous_payment": ('{count} {scope}s are called "{target}": rename one to say which '
                          "this payment is for"),
    "unknown_role": ('unknown role "{role}" (add it to roles = [...] at the top of the file, '
                     "or use one of: {roles})"),
}


@dataclass(frozen=True)
class Problem:
    """One problem of a record: ``code``, the ``field`` it concerns, and ``params``
    (name, value) pairs for its sentence (:func:`describe`)."""

    code: ProblemCode
    field: str | None = None
    params: tuple[tuple[str, str | int], ...] = ()

    @classmethod
    def of(cls, code: ProblemCode, field: str | None = None,
           **params: str | int) -> Problem:
        return cls(code, field, tuple(sorted(params.items())))

    def param(self, name: str) -> str | int | None:
        return dict(self.params).get(name)


def describe(problem: Problem) -> str:
    """The sentence of a problem: the one place problems become text."""
    return _SENTENCES[problem.code].format(**dict(problem.params))


def describe_all(problems: tuple[Problem, ...] | list[Problem]) -> tuple[str, ...]:
    """The sentences of several problems, in their order."""
    return tuple(describe(problem) for problem in problems)
