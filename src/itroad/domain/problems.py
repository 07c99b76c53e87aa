"""Problems the core finds in records, as codes: the sentences are made here, once.

A :class:`Problem` is a small frozen value: what is wrong (``code``), the model
field it concerns (``field``) and the numbers or names the sentence needs
(``params``). Screens and commands decide by the code (the Roadmap's ``no A``
flag); whatever shows a problem as text calls :func:`describe`, so the TUI, the
CLI and the JSON output say the same sentence.

The codes (docs/rules.md, "People and RACI"):

==================== ================================================ ==========
code                 sentence                                         params
==================== ================================================ ==========
``no_accountable``   no one is Accountable
``many_accountable`` 2 people are Accountable (exactly one should be)  ``count``
``no_responsible``   no one is Responsible
==================== ================================================ ==========
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The codes of the problems the core reports (the table above).
ProblemCode = Literal["no_accountable", "many_accountable", "no_responsible"]

_SENTENCES: dict[str, str] = {
    "no_accountable": "no one is Accountable",
    "many_accountable": "{count} people are Accountable (exactly one should be)",
    "no_responsible": "no one is Responsible",
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
