"""tuijin's SQLite schema editor (core/db/sqlite3/schema.py): a table rebuild keeps the
triggers and views that name the table, as they were, and refuses to keep one it broke.

These run on a SQLite database of their own whatever the test run's database is: the editor is
SQLite's, and PostgreSQL alters tables in place."""

import pytest
from django.db import connections, models
from django.db.utils import ConnectionHandler, OperationalError
from django.test.utils import isolate_apps

from tuijin.core.db.sqlite3.schema import DatabaseSchemaEditor

ALIAS = "rebuild_check"


@pytest.fixture
def sqlite(tmp_path, django_db_blocker):
    """A connection of its own, registered under its own alias: the schema editor's
    transaction is opened through ``connections[alias]``."""
    configured = ConnectionHandler({"default": {"ENGINE": "tuijin.core.db.sqlite3",
                                                "NAME": str(tmp_path / "rebuild.sqlite3")}})
    connections.settings[ALIAS] = configured.settings["default"]
    with django_db_blocker.unblock():
        yield connections[ALIAS]
        connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


@pytest.fixture
def tables(sqlite):
    """An account and its entries; a trigger on the entries keeps the account's balance, one
    on the account reads the entries, and a view reads both."""
    with isolate_apps("tuijin.core"):
        class Account(models.Model):  # noqa: DJ008 (never shown)
            name = models.CharField(max_length=20)
            balance = models.IntegerField(default=0)

            class Meta:
                app_label = "core"
                db_table = "rebuild_account"

        class Entry(models.Model):  # noqa: DJ008 (never shown)
            account = models.ForeignKey(Account, models.CASCADE)
            amount = models.IntegerField()

            class Meta:
                app_label = "core"
                db_table = "rebuild_entry"

        with sqlite.schema_editor() as editor:
            editor.create_model(Account)
            editor.create_model(Entry)
            for sql in SCHEMA_OBJECTS:
                editor.execute(sql)
        yield Account, Entry


SCHEMA_OBJECTS = [
    """CREATE TRIGGER entry_added AFTER INSERT ON rebuild_entry BEGIN
        UPDATE rebuild_account SET balance = balance + NEW.amount WHERE id = NEW.account_id;
    END""",
    """CREATE TRIGGER account_renamed AFTER UPDATE OF name ON rebuild_account BEGIN
        UPDATE rebuild_account SET balance = (SELECT COALESCE(SUM(amount), 0)
            FROM rebuild_entry WHERE account_id = NEW.id) WHERE id = NEW.id;
    END""",
    """CREATE VIEW rebuild_balances AS SELECT a.name, SUM(e.amount) AS total
        FROM rebuild_account a JOIN rebuild_entry e ON e.account_id = a.id GROUP BY a.name""",
]


def schema_sql(connection) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')")
        return dict(cursor.fetchall())


def new_field(field: models.Field, name: str, model) -> models.Field:
    field.set_attributes_from_name(name)
    field.model = model
    return field


def test_rebuilding_either_table_keeps_every_trigger_and_view_as_it_was(sqlite, tables):
    Account, Entry = tables
    before = schema_sql(sqlite)
    with sqlite.schema_editor() as editor:
        # NOT NULL with a default: SQLite cannot add it in place, Django rebuilds the table.
        editor.add_field(Entry, new_field(models.CharField(max_length=8, default="ok",
                                                           db_default="ok"), "state", Entry))
        editor.add_field(Account, new_field(models.IntegerField(default=1, db_default=1),
                                            "round", Account))
    assert schema_sql(sqlite) == before
    with sqlite.cursor() as cursor:
        cursor.execute("INSERT INTO rebuild_account (name, balance) VALUES ('a', 0)")
        cursor.execute("INSERT INTO rebuild_entry (account_id, amount) VALUES (1, 5), (1, 7)")
        cursor.execute("UPDATE rebuild_account SET name = 'b', balance = 0")
        cursor.execute("SELECT balance FROM rebuild_account")
        assert cursor.fetchone() == (12,)
        cursor.execute("SELECT * FROM rebuild_balances")
        assert cursor.fetchall() == [("b", 12)]


def test_a_rebuild_that_breaks_a_trigger_stops_and_changes_nothing(sqlite, tables):
    """A column a trigger reads, renamed by a change SQLite makes by rebuilding (the type
    changes too), must come with a new trigger; without one the migration stops, rolled back,
    rather than the first write after it failing."""
    _account, Entry = tables
    before = schema_sql(sqlite)
    renamed = new_field(models.BigIntegerField(db_column="sum"), "amount", Entry)
    with (pytest.raises(OperationalError, match=r"rebuild_entry.*no longer compiles.*amount"),
          sqlite.schema_editor() as editor):
        editor.alter_field(Entry, Entry._meta.get_field("amount"), renamed)
    assert schema_sql(sqlite) == before
    columns = [c.name for c in sqlite.introspection.get_table_description(
        sqlite.cursor(), "rebuild_entry")]
    assert "amount" in columns


def test_the_settings_select_this_editor_for_sqlite():
    from django.db import connection

    if connection.vendor == "sqlite":
        assert connection.SchemaEditorClass is DatabaseSchemaEditor
    else:
        assert connection.vendor == "postgresql"
