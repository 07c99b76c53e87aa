"""Errors have one root with a field; problems are codes, and their sentences are made once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from itroad.domain.errors import InvalidValue, ItroadError, error_field
from itroad.domain.models import (
    Asset,
    Assignment,
    Client,
    Contract,
    Initiative,
    Portfolio,
    Renewal,
    reference_problems,
    role_problems,
)
from itroad.domain.money import MoneyError, to_cents
from itroad.domain.parse import ParseError, parse_money
from itroad.domain.problems import Problem, describe, describe_all


def test_the_core_errors_share_one_root_and_stay_value_errors():
    with pytest.raises(ParseError) as parsed:
        parse_money("1,249.50")
    assert isinstance(parsed.value, ItroadError) and isinstance(parsed.value, ValueError)
    assert parsed.value.field is None  # the caller knows where the value came from
    with pytest.raises(MoneyError) as money:
        to_cents(Decimal("1.001"))
    assert isinstance(money.value, ItroadError) and isinstance(money.value, ValueError)


@pytest.mark.parametrize(("model", "values", "field", "sentence"), [
    (Asset, {"tag": "A-1", "name": "PC", "category": "laptop", "purchase_date": "2026-06-01",
             "warranty_end": "2026-01-01"},
     "warranty_end", "warranty_end 2026-01-01 is before purchase_date 2026-06-01"),
    (Renewal, {"name": "M365", "unit_cost": "1.00", "next_renewal": "2027-06-01", "end_date": "2027-01-01"},
     "end_date", "end_date 2027-01-01 is before next_renewal 2027-06-01"),
    (Contract, {"title": "Lease", "start": "2027-06-01", "end": "2027-01-01", "amount": "1.00"},
     "end", "end 2027-01-01 is before start 2027-06-01"),
    (Initiative, {"title": "Wi-Fi", "category": "infrastructure", "start": "2027-06-01", "end": "2027-01-01"},
     "end", "end 2027-01-01 is before start 2027-06-01"),
    (Assignment, {"role": "vCIO", "person": "jane", "asset": "A-1", "contract": "Lease"},
     "asset", "an assignment is for the client or for one record, not asset and contract"),
])
def test_a_whole_record_rule_says_which_field_it_concerns(model, values, field, sentence):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(values)
    (error,) = caught.value.errors()
    assert error["loc"] == ()
    raised = error["ctx"]["error"]
    assert isinstance(raised, InvalidValue) and isinstance(raised, ValueError)
    assert (raised.field, str(raised)) == (field, sentence)
    assert error_field(error) == field


def test_error_field_of_a_located_error_is_its_first_name():
    with pytest.raises(ValidationError) as caught:
        Client.model_validate({"code": "acme", "name": "Acme", "renewals": [
            {"name": "M365", "unit_cost": "1.00", "next_renewal": "2027-06-01", "end_date": "2027-01-01"}]})
    (error,) = caught.value.errors()
    assert error["loc"] == ("renewals", 0) and error_field(error) == "renewals"
    with pytest.raises(ValidationError) as caught:
        Asset.model_validate({"tag": "A-1", "name": "PC", "category": "laptop", "lifecycle_months": 0})
    assert [error_field(e) for e in caught.value.errors()] == ["lifecycle_months"]


def _initiative(*roles: tuple[str, str], status: str = "approved") -> Initiative:
    return Initiative(title="x", category="security", start="2027-01-01", status=status,
                      roles=[{"person": p, "raci": r} for p, r in roles])


def test_raci_problems_are_codes_about_the_roles():
    assert _initiative(("a", "A"), ("b", "R")).raci_problems() == ()
    assert _initiative(("a", "A"), ("a", "R")).raci_problems() == ()
    assert _initiative(("a", "C")).raci_problems() == (
        Problem("no_accountable", "roles"), Problem("no_responsible", "roles"))
    (many,) = _initiative(("a", "A"), ("b", "A"), ("c", "A"), ("d", "R")).raci_problems()
    assert (many.code, many.field, many.param("count")) == ("many_accountable", "roles", 3)
    assert _initiative(("a", "C"), status="cancelled").raci_problems() == ()


def test_problems_become_sentences_in_one_place():
    assert describe(Problem.of("no_accountable")) == "no one is Accountable"
    assert describe(Problem.of("no_responsible")) == "no one is Responsible"
    assert describe(Problem.of("many_accountable", count=2)) == "2 people are Accountable (exactly one should be)"
    initiative = _initiative(("a", "A"), ("b", "A"))
    assert initiative.raci_warnings() == list(describe_all(initiative.raci_problems())) == [
        "2 people are Accountable (exactly one should be)", "no one is Responsible"]


def test_reference_problems_are_codes_with_the_record_field():
    client = Client(
        code="acme", name="Acme",
        people=[{"name": "Sam", "email": "s1@acme.example"}, {"name": "Sam", "email": "s2@acme.example"}],
        assets=[{"tag": "A-1", "name": "PC", "category": "laptop", "assigned_to": "nobody {x}"},
                {"tag": "a-1", "name": "PC", "category": "laptop", "assigned_to": "Sam"}],
        contracts=[{"title": "Lease", "start": "2027-01-01", "amount": "1.00", "assets": ["A-1", "NOPE"]}],
        assignments=[{"role": "vCIO", "person": "s1@acme.example", "renewal": "M365"}],
    )
    found = [(loc, p.code, p.field, describe(p)) for loc, p in reference_problems(client)]
    assert found == [
        (("assets", 0, "assigned_to"), "unknown_person", "assigned_to",
         'unknown person "nobody {x}" (not in this client\'s people)'),
        (("assets", 1, "tag"), "duplicate_tag", "tag", 'duplicate asset tag "a-1" (also assets[0])'),
        (("assets", 1, "assigned_to"), "ambiguous_person", "assigned_to",
         'ambiguous person "Sam": 2 people have that name (s1@acme.example, s2@acme.example); use the email'),
        (("contracts", 0, "assets", 1), "unknown_asset", "assets",
         'unknown asset "NOPE" (not in this client\'s assets)'),
        (("assignments", 0, "renewal"), "unknown_target", "renewal",
         'unknown renewal "M365" (not in this client\'s renewals)'),
    ]
    (role,) = role_problems(Portfolio(clients=[Client(code="acme", name="Acme", assignments=[
        {"role": "Owner", "person": "x"}])]))
    assert (role[0], role[1].code, role[1].field) == (("clients", 0, "assignments", 0, "role"), "unknown_role", "role")
    assert describe(role[1]).startswith('unknown role "Owner" (add it to roles = [...] at the top of the file')
