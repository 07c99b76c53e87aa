"""A problem's line: where, the column, the value (cut short when long), what is wrong."""

from __future__ import annotations

from itroad.domain.incoming import SHOWN_VALUE, Place, RowProblem


def test_a_problem_names_the_place_column_and_value() -> None:
    problem = RowProblem(Place("a.csv", 12, 14), "no such date", "Purchase Date", "2/30/2023")
    assert str(problem) == 'a.csv: record 12 (line 14), column "Purchase Date", value "2/30/2023": no such date'


def test_a_long_value_is_shown_cut_short_and_kept_whole() -> None:
    long = "x" * 40_000
    problem = RowProblem(Place("a.csv", 1, 2), "is too long", "Notes", long)
    line = str(problem)
    assert f'value "{"x" * SHOWN_VALUE}…": is too long' in line
    assert len(line) < 200
    assert problem.value == long


def test_a_value_of_exactly_the_limit_is_shown_whole() -> None:
    value = "y" * SHOWN_VALUE
    assert f'value "{value}":' in str(RowProblem(None, "bad", None, value, file="a.csv"))
