"""Importing records read from CSV files: clients, keys, updates, people, all or nothing."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import pytest

from itroad.domain.incoming import ClientKey, Incoming, Place, RowProblem
from itroad.domain.models import (
    Asset,
    Client,
    Contract,
    LifecyclePolicy,
    Person,
    Portfolio,
    Renewal,
)
from itroad.store import (
    ImportProblems,
    RecordImportReport,
    import_portfolio,
    import_records,
    load_client,
    open_database,
)
from itroad.store.record_import import NAMED_AFTER_CODE, NAMED_AFTER_COLUMN

ASSET_FIELDS = frozenset({"tag", "name", "category", "serial", "purchase_cost", "assigned_to"})
COLUMNS = {"tag": "Asset Tag", "name": "Name", "category": "Category", "serial": "Serial",
           "assigned_to": "Checked Out To", "assets": "Assets", "title": "Title"}


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.close()


def _asset(n: int, **fields) -> Asset:
    return Asset(**{"tag": f"LAP-{n:04d}", "name": f"Laptop {n}", "category": "laptop", **fields})


def _item(record, n: int = 1, *, code: str | None = "acme", name: str | None = "Acme Dental",
          given=None, people=(), notices=()) -> Incoming:
    if given is None:
        given = ASSET_FIELDS if isinstance(record, Asset) else frozenset(type(record).model_fields)
    return Incoming(place=Place("inventory.csv", n, n + 1), client=ClientKey(code, name),
                    record=record, given=frozenset(given), people=tuple(people),
                    notices=tuple(notices), columns=COLUMNS)


def _assets(count: int, **options) -> list[Incoming]:
    return [_item(_asset(n), n, **options) for n in range(1, count + 1)]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(db, sql: str, params=()) -> list[tuple]:
    return db.execute(sql, list(params)).fetchall()


def test_a_new_client_by_code_is_named_after_the_company_column(db):
    report = import_records(db, _assets(3))
    [client] = report.clients
    assert (client.code, client.name, client.created) == ("acme", "Acme Dental", True)
    assert client.named_after == NAMED_AFTER_COLUMN
    assert client.tallies["assets"].added == 3
    assert report.records == 3
    assert _rows(db, "SELECT code, name, currency, fiscal_year_start_month FROM clients") == [
        ("acme", "Acme Dental", "USD", 1)]
    assert [a.tag for a in load_client(db, "acme").assets] == ["LAP-0001", "LAP-0002", "LAP-0003"]
    assert "added client acme (Acme Dental, named after the file's Company column)" \
        in report.describe()
    assert _rows(db, "SELECT name FROM temp.sqlite_master") == []


@pytest.mark.parametrize("names", [
    ["Acme Dental", "Acme Dental Group"],  # two names
    ["Acme Dental", None],                  # one record without a name
    [None, None],
])
def test_a_new_client_by_code_is_named_after_its_code_unless_one_name(db, names):
    items = [_item(_asset(n), n, name=name) for n, name in enumerate(names, 1)]
    [client] = import_records(db, items).clients
    assert (client.name, client.named_after) == ("acme", NAMED_AFTER_CODE)
    assert _rows(db, "SELECT name FROM clients") == [("acme",)]


def test_an_existing_client_by_code_keeps_its_name(db):
    import_portfolio(db, Portfolio(clients=[Client(code="acme", name="ACME Ltd")]))
    [client] = import_records(db, _assets(2, name="Something Else")).clients
    assert (client.name, client.created, client.named_after) == ("ACME Ltd", False, None)
    assert _rows(db, "SELECT name FROM clients") == [("ACME Ltd",)]


def test_a_client_by_name_is_matched_case_insensitively_or_created_with_a_free_code(db):
    import_portfolio(db, Portfolio(clients=[
        Client(code="globex", name="Globex Corp"), Client(code="muller-sons-ltd", name="Other")]))
    items = [_item(_asset(1), 1, code=None, name="GLOBEX CORP"),
             _item(_asset(2), 2, code=None, name="Müller & Sons, Ltd."),
             _item(_asset(3), 3, code=None, name="müller & sons, ltd.")]
    report = import_records(db, items)
    globex, muller = report.clients
    assert (globex.code, globex.created) == ("globex", False)
    assert (muller.code, muller.name, muller.created) == (
        "muller-sons-ltd-2", "Müller & Sons, Ltd.", True)
    assert muller.named_after == NAMED_AFTER_COLUMN
    assert muller.tallies["assets"].added == 2
    assert [a.tag for a in load_client(db, "muller-sons-ltd-2").assets] == ["LAP-0002", "LAP-0003"]


def test_an_invalid_client_code_is_a_problem(db):
    with pytest.raises(ImportProblems, match="client's code cannot be used"):
        import_records(db, _assets(1, code="Not A Code"))
    assert _rows(db, "SELECT count(*) FROM clients") == [(0,)]


def test_a_second_import_of_the_same_items_changes_nothing_and_says_so(db_path, db):
    people = [Person(name="Jane Doe", email="jane@acme.example")]
    items = [_item(_asset(n, assigned_to="jane@acme.example"), n, people=people)
             for n in range(1, 4)]
    import_records(db, items)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(db_path)
    versions = _rows(db, "SELECT version FROM assets")
    report = import_records(db, items)
    [client] = report.clients
    assert not client.changed
    assert client.tallies["assets"].unchanged == 3 and client.people_added == 0
    assert report.describe().startswith(
        "unchanged client acme (Acme Dental): nothing in the file differs from the database\n"
        "  3 assets (3 unchanged)")
    assert _rows(db, "SELECT version FROM assets") == versions
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _digest(db_path) == before


def test_a_changed_field_updates_the_record_and_moves_its_version(db):
    import_records(db, _assets(2))
    changed = [_item(_asset(1, serial="SN-NEW"), 1), _item(_asset(2), 2)]
    [client] = import_records(db, changed).clients
    tally = client.tallies["assets"]
    assert (tally.updated, tally.unchanged, tally.added) == (1, 1, 0)
    assert _rows(db, "SELECT tag, serial, version FROM assets ORDER BY tag") == [
        ("LAP-0001", "SN-NEW", 2), ("LAP-0002", None, 1)]
    assert "2 assets (1 updated, 1 unchanged)" in client.describe()


def test_an_update_changes_only_the_fields_the_file_gives(db):
    full = _asset(1, notes="keep me", site="HQ", serial="S1", purchase_date=date(2023, 1, 10))
    import_records(db, [_item(full, given=frozenset(Asset.model_fields))])
    thin = Asset(tag="lap-0001", name="Renamed laptop", category="laptop")
    import_records(db, [_item(thin, given={"tag", "name"})])
    [stored] = load_client(db, "acme").assets
    assert (stored.tag, stored.name) == ("lap-0001", "Renamed laptop")
    assert (stored.notes, stored.site, stored.serial) == ("keep me", "HQ", "S1")
    assert stored.purchase_date == date(2023, 1, 10)


def test_an_update_the_model_refuses_with_the_kept_values_is_a_problem(db):
    import_records(db, [_item(_asset(1, purchase_date=date(2024, 5, 1)),
                              given={"tag", "name", "category", "purchase_date"})])
    later = _item(_asset(1, warranty_end=date(2020, 1, 1)), 4,
                  given={"tag", "warranty_end"})
    later = Incoming(**{**later.__dict__, "columns": {"warranty_end": "Warranty Ends"}})
    with pytest.raises(ImportProblems) as caught:
        import_records(db, [later])
    [problem] = caught.value.problems
    assert problem.column == "Warranty Ends"
    assert "is before purchase_date 2024-05-01" in problem.message
    assert str(problem).startswith('inventory.csv: record 4 (line 5), column "Warranty Ends"')


def test_importing_a_deleted_asset_brings_it_back(db):
    import_records(db, _assets(2))
    db.execute("UPDATE assets SET deleted_at = '2026-01-01T00:00:00' WHERE tag = 'LAP-0001'")
    [client] = import_records(db, _assets(2)).clients
    assert client.tallies["assets"].updated == 1 and client.tallies["assets"].unchanged == 1
    assert _rows(db, "SELECT tag, deleted_at, version FROM assets ORDER BY tag") == [
        ("LAP-0001", None, 2), ("LAP-0002", None, 1)]


def test_records_not_in_the_file_are_kept_and_counted(db):
    import_records(db, _assets(5))
    [client] = import_records(db, _assets(2)).clients
    assert client.tallies["assets"].kept == 3
    assert _rows(db, "SELECT count(*) FROM assets") == [(5,)]
    assert "3 more in the database, not in the file, kept" in client.describe()


def test_a_key_twice_in_the_file_is_a_problem_and_nothing_is_written(db_path, db):
    import_records(db, _assets(2))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(db_path)
    items = [_item(_asset(3), 5), _item(_asset(1, serial="X"), 6), _item(_asset(3), 7),
             _item(Asset(tag="lap-0001", name="Same tag", category="laptop"), 9)]
    with pytest.raises(ImportProblems) as caught:
        import_records(db, items)
    first, second = caught.value.problems  # every problem is found in one go
    assert caught.value.total == 2
    assert str(first) == ('inventory.csv: record 7 (line 8), column "Asset Tag": '
                          'asset tag "LAP-0003" is also record 5 (line 6)')
    assert str(second).startswith("inventory.csv: record 9 (line 10)")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _digest(db_path) == before
    assert _rows(db, "SELECT count(*) FROM assets") == [(2,)]


def test_a_renewal_key_twice_is_a_problem_case_insensitively(db):
    first = Renewal(name="Microsoft 365", vendor="Microsoft", unit_cost="12.50",
                    next_renewal=date(2027, 1, 1))
    again = Renewal(name="MICROSOFT 365", vendor="microsoft", unit_cost="13",
                    next_renewal=date(2027, 1, 1))
    with pytest.raises(ImportProblems, match=r'renewal "MICROSOFT 365" \(vendor "microsoft"\) '
                                             r"is also record 1 \(line 2\)"):
        import_records(db, [_item(first, 1), _item(again, 2)])
    import_records(db, [_item(first, 1)])
    [client] = import_records(db, [_item(again, 1)]).clients
    assert client.tallies["renewals"].updated == 1
    assert _rows(db, "SELECT name, vendor, unit_cost_cents, version FROM renewals") == [
        ("MICROSOFT 365", "microsoft", 1300, 2)]


def test_renewals_of_one_name_and_two_vendors_are_two_records(db):
    items = [_item(Renewal(name="Support", vendor=vendor, unit_cost="1",
                           next_renewal=date(2027, 1, 1)), n)
             for n, vendor in enumerate(["Dell", "HP", None], 1)]
    [client] = import_records(db, items).clients
    assert client.tallies["renewals"].added == 3
    [client] = import_records(db, items).clients
    assert client.tallies["renewals"].unchanged == 3


def test_a_problem_in_the_stream_means_nothing_is_written_and_all_are_counted(db_path, db):
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(db_path)
    items = [*_assets(3),
             RowProblem(Place("inventory.csv", 4, 5), "no such date", "Purchase Date", "2/30/2023"),
             *[_item(_asset(n), n) for n in range(5, 8)],
             *[RowProblem(Place("inventory.csv", n, n + 1), "bad") for n in range(8, 12)]]
    with pytest.raises(ImportProblems) as caught:
        import_records(db, iter(items), max_problems=3)
    assert caught.value.total == 5
    assert len(caught.value.problems) == 3
    assert str(caught.value.problems[0]) == ('inventory.csv: record 4 (line 5), column '
                                             '"Purchase Date", value "2/30/2023": no such date')
    assert "5 problems" in str(caught.value)
    assert _rows(db, "SELECT count(*) FROM clients") == [(0,)]
    assert not db.conn.in_transaction
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _digest(db_path) == before


def test_a_dry_run_lists_what_it_would_do_and_writes_nothing(db):
    import_records(db, _assets(3))
    items = [_item(_asset(1, serial="CHANGED"), 1), *_assets(14)[1:]]
    report = import_records(db, items, dry_run=True)
    assert isinstance(report, RecordImportReport) and report.dry_run
    text = report.describe()
    assert "would update client acme (Acme Dental):" in text
    assert "14 assets (11 new, 1 updated, 2 unchanged)" in text
    assert ("would add LAP-0004, LAP-0005, LAP-0006, LAP-0007, LAP-0008, LAP-0009, LAP-0010, "
            "LAP-0011, LAP-0012, LAP-0013 and 1 more") in text
    assert "would update LAP-0001\n" in text
    assert "would leave alone LAP-0002, LAP-0003" in text
    assert text.endswith("(dry run: nothing was written)")
    assert _rows(db, "SELECT count(*), max(version) FROM assets") == [(3, 1)]


def test_a_dry_run_of_a_new_client_creates_nothing(db):
    report = import_records(db, _assets(2), dry_run=True)
    assert report.describe().startswith(
        "would add client acme (Acme Dental, named after the file's Company column):")
    assert _rows(db, "SELECT count(*) FROM clients") == [(0,)]
    assert _rows(db, "SELECT name FROM temp.sqlite_master") == []


def test_people_are_created_once_and_matched_by_email(db):
    import_portfolio(db, Portfolio(clients=[Client(
        code="acme", name="Acme", people=[Person(name="Jane Doe", email="Jane@Acme.example")])]))
    jane = Person(name="Jane D.", email="jane@acme.example")
    bob = Person(name="Bob Roe", email="bob@acme.example")
    pat = Person(name="Pat Noemail")
    items = [_item(_asset(1, assigned_to="jane@acme.example"), 1, people=[jane]),
             _item(_asset(2, assigned_to="BOB@acme.example"), 2, people=[bob]),
             _item(_asset(3, assigned_to="bob@acme.example"), 3, people=[bob]),
             _item(_asset(4, assigned_to="pat noemail"), 4, people=[pat]),
             _item(_asset(5, assigned_to="Pat Noemail"), 5, people=[pat])]
    [client] = import_records(db, items).clients
    assert client.people_added == 2
    assert "2 people added" in client.describe()
    assert _rows(db, "SELECT name, email FROM people ORDER BY id") == [
        ("Jane Doe", "Jane@Acme.example"), ("Bob Roe", "bob@acme.example"), ("Pat Noemail", None)]
    owners = _rows(db, "SELECT a.tag, p.name FROM assets a JOIN people p ON p.id = a.assigned_to"
                       " ORDER BY a.tag")
    assert [name for _, name in owners] == ["Jane Doe", "Bob Roe", "Bob Roe", "Pat Noemail",
                                            "Pat Noemail"]
    [client] = import_records(db, items).clients
    assert client.people_added == 0 and not client.changed


def test_an_ambiguous_person_name_is_a_problem_naming_the_column(db):
    import_portfolio(db, Portfolio(clients=[Client(code="acme", name="Acme", people=[
        Person(name="Sam Lee", email="sam1@acme.example"),
        Person(name="Sam Lee", email="sam2@acme.example")])]))
    item = _item(_asset(1, assigned_to="Sam Lee"), 1, people=[Person(name="Sam Lee")])
    with pytest.raises(ImportProblems) as caught:
        import_records(db, [item])
    [problem] = caught.value.problems
    assert problem.column == "Checked Out To"
    assert "ambiguous person" in problem.message and "sam2@acme.example" in problem.message


def test_an_update_without_the_person_column_keeps_the_person(db):
    jane = Person(name="Jane Doe", email="jane@acme.example")
    import_records(db, [_item(_asset(1, assigned_to="jane@acme.example"), people=[jane])])
    import_records(db, [_item(_asset(1, serial="S9"), given={"tag", "serial"})])
    [stored] = load_client(db, "acme").assets
    assert (stored.assigned_to, stored.serial) == ("jane@acme.example", "S9")
    import_records(db, [_item(_asset(1, serial="S9"))])  # the column given, empty
    assert load_client(db, "acme").assets[0].assigned_to is None


def test_contract_assets_are_linked_by_tag_and_an_unknown_tag_is_a_problem(db):
    import_records(db, _assets(3))
    contract = Contract(title="Dell ProSupport", vendor="Dell", start=date(2025, 1, 1),
                        amount="1200", assets=["lap-0001", "LAP-0003"])
    [client] = import_records(db, [_item(contract, 1)]).clients
    assert client.tallies["contracts"].added == 1
    assert load_client(db, "acme").contracts[0].assets == ["LAP-0001", "LAP-0003"]

    relinked = contract.model_copy(update={"assets": ["LAP-0002"]})
    [client] = import_records(db, [_item(relinked, 1)]).clients
    assert client.tallies["contracts"].updated == 1
    assert _rows(db, "SELECT version FROM contracts") == [(2,)]
    assert load_client(db, "acme").contracts[0].assets == ["LAP-0002"]

    unlisted = contract.model_copy(update={"assets": []})
    given = set(Contract.model_fields) - {"assets"}
    [client] = import_records(db, [_item(unlisted, 1, given=given)]).clients
    assert client.tallies["contracts"].unchanged == 1
    assert load_client(db, "acme").contracts[0].assets == ["LAP-0002"]

    unknown = contract.model_copy(update={"assets": ["LAP-0002", "NOPE-1"]})
    with pytest.raises(ImportProblems) as caught:
        import_records(db, [_item(unknown, 3)])
    [problem] = caught.value.problems
    assert (problem.column, problem.value) == ("Assets", "NOPE-1")
    assert 'unknown asset "NOPE-1"' in problem.message


def test_replacement_due_follows_the_clients_policy(db):
    import_portfolio(db, Portfolio(clients=[Client(code="acme", name="Acme", policies=[
        LifecyclePolicy(category="laptop", lifecycle_months=36)])]))
    item = _item(_asset(1, purchase_date=date(2023, 1, 31)),
                 given=ASSET_FIELDS | {"purchase_date"})
    import_records(db, [item])
    assert _rows(db, "SELECT replace_due FROM assets") == [("2026-01-31",)]


def test_notices_are_kept_with_their_place_and_the_rest_counted(db):
    items = [_item(_asset(n), n, notices=[f"note {n}"]) for n in range(1, 61)]
    report = import_records(db, items)
    assert report.notices[0] == "inventory.csv: record 1 (line 2): note 1"
    assert len(report.notices) == 50 and report.more_notices == 10
    assert "… and 10 more" in report.describe()


def test_hostile_text_is_stored_exactly(db):
    hostile = "[bold red]x[/] \x1b[31m'; DROP TABLE assets; -- \"q\" ‮ 💥"
    tag = "'; DROP TABLE assets;--"
    record = _asset(1, tag=tag, name=hostile, notes=hostile, serial="=cmd|' /C calc'!A0")
    items = [_item(record, 1, code=None, name=hostile, given=frozenset(Asset.model_fields),
                   people=[Person(name=hostile)])]
    items[0] = Incoming(**{**items[0].__dict__, "record": record.model_copy(
        update={"assigned_to": hostile})})
    [client] = import_records(db, items).clients
    assert client.name == hostile
    [stored] = load_client(db, client.code).assets
    assert (stored.tag, stored.name, stored.notes, stored.serial) == (
        tag, hostile.strip(), hostile.strip(), "=cmd|' /C calc'!A0")
    assert stored.assigned_to == hostile.strip()
    [client] = import_records(db, items).clients
    assert client.tallies["assets"].unchanged == 1


def test_the_report_of_several_kinds_counts_each(db):
    renewal = Renewal(name="AV", unit_cost=Decimal("3"), next_renewal=date(2027, 3, 1))
    items = [*_assets(2), _item(renewal, 3)]
    [client] = import_records(db, items).clients
    assert list(client.tallies) == ["assets", "renewals"]
    assert "1 renewal (1 new)" in client.describe()


def test_a_renewal_owner_is_linked_and_kept_when_the_file_has_no_owner_column(db):
    ann = Person(name="Ann Owner", email="ann@acme.example")
    renewal = Renewal(name="Backup", vendor="Acronis", unit_cost="5", owner="ann@acme.example",
                      next_renewal=date(2027, 2, 1))
    import_records(db, [_item(renewal, people=[ann])])
    cheaper = renewal.model_copy(update={"unit_cost": Decimal("4"), "owner": None})
    import_records(db, [_item(cheaper, given=set(Renewal.model_fields) - {"owner"})])
    [stored] = load_client(db, "acme").renewals
    assert (stored.owner, stored.unit_cost) == ("ann@acme.example", Decimal("4.00"))


def test_a_deleted_renewal_comes_back_rather_than_a_second_one(db):
    renewal = Renewal(name="Backup", vendor="Acronis", unit_cost="5",
                      next_renewal=date(2027, 2, 1))
    import_records(db, [_item(renewal)])
    db.execute("UPDATE renewals SET deleted_at = '2026-01-01T00:00:00'")
    [client] = import_records(db, [_item(renewal)]).clients
    assert client.tallies["renewals"].updated == 1
    assert _rows(db, "SELECT deleted_at, version FROM renewals") == [(None, 2)]


def _asset_indexes(db) -> list[tuple]:
    return _rows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                     "tbl_name = 'assets' ORDER BY name")


def test_a_large_import_builds_the_asset_indexes_once_and_keeps_them(db, monkeypatch):
    from itroad.store import record_import

    monkeypatch.setattr(record_import, "BULK_ASSETS", 5)
    indexes = _asset_indexes(db)
    assert len(indexes) > 10
    import_records(db, _assets(20))
    assert _asset_indexes(db) == indexes
    assert _rows(db, "SELECT count(*) FROM assets INDEXED BY assets_client_name "
                     "WHERE client_id = 1 AND name > ''") == [(20,)]
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_a_large_refused_import_leaves_the_indexes_as_they_were(db, db_path, monkeypatch):
    from itroad.store import record_import

    monkeypatch.setattr(record_import, "BULK_ASSETS", 5)
    import_records(db, _assets(3))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before, indexes = _digest(db_path), _asset_indexes(db)
    items = [*_assets(20), _item(_asset(2), 21)]  # the tag of record 2 again
    with pytest.raises(ImportProblems):
        import_records(db, items)
    with pytest.raises(ImportProblems):
        import_records(db, iter([*_assets(20), RowProblem(None, "broken", file="x.csv")]))
    import_records(db, _assets(30), dry_run=True)
    assert _asset_indexes(db) == indexes
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _digest(db_path) == before


def test_a_filled_field_is_written_only_where_the_database_has_none(db):
    import_records(db, [_item(_asset(1), 1), _item(_asset(2, purchase_date=date(2020, 5, 1)), 2)])
    enrolled = date(2023, 3, 14)
    items = [Incoming(place=Place("devices.csv", n, n + 1), client=ClientKey("acme", None),
                      record=_asset(n, purchase_date=enrolled), given=frozenset({"tag", "name"}),
                      fills=frozenset({"purchase_date"})) for n in (1, 2, 3)]
    [client] = import_records(db, items).clients
    assert client.tallies["assets"].added == 1 and client.tallies["assets"].updated == 1
    assert _rows(db, "SELECT tag, purchase_date FROM assets ORDER BY tag") == [
        ("LAP-0001", "2023-03-14"), ("LAP-0002", "2020-05-01"), ("LAP-0003", "2023-03-14")]
    [again] = import_records(db, items).clients
    assert again.tallies["assets"].unchanged == 3


def test_namesakes_added_by_the_same_import_make_the_name_ambiguous(db):
    sam1, sam2 = (Person(name=name, email=f"sam{n}@acme.example")
                  for n, name in ((1, "Sam Lee"), (2, "SAM LEE")))
    items = [_item(_asset(1, assigned_to="sam1@acme.example"), 1, people=[sam1]),
             _item(_asset(2, assigned_to="Sam Lee"), 2),
             _item(_asset(3, assigned_to="sam2@acme.example"), 3, people=[sam2]),
             _item(_asset(4, assigned_to="sam lee"), 4)]
    with pytest.raises(ImportProblems) as caught:
        import_records(db, items)
    [problem] = caught.value.problems  # record 2 came before the namesake: it was one person
    assert problem.place.record == 4
    assert "ambiguous person" in problem.message and "sam2@acme.example" in problem.message
    [client] = import_records(db, items[:3]).clients
    assert client.people_added == 2
    owners = _rows(db, "SELECT a.tag, p.email FROM assets a JOIN people p ON p.id = a.assigned_to"
                       " ORDER BY a.tag")
    assert owners == [("LAP-0001", "sam1@acme.example"), ("LAP-0002", "sam1@acme.example"),
                      ("LAP-0003", "sam2@acme.example")]


def test_a_new_client_is_told_how_to_set_its_currency(db):
    [client] = import_records(db, _assets(1)).clients
    assert ("a new client counts in USD, its fiscal year from January: to change that, "
            "itroad export toml --client acme, edit, import") in client.describe()
    [again] = import_records(db, _assets(1)).clients
    assert "counts in USD" not in again.describe()
