"""SQLite table rebuilds that keep the database's hand-written triggers (and views).

SQLite cannot alter most columns in place, so Django rebuilds the table: create
``new__<table>``, copy the rows, drop the old table, rename the new one. Two things then go
wrong with triggers such as those that keep ``MonthlyReport.completion`` and
``Project.reported_months`` (projects migrations 0005, 0009-0011):

- the triggers ON the old table are dropped with it, silently, and the rebuilt table has none;
- the rename re-checks every trigger and view in the schema, and one on another table that
  reads the dropped table stops it: "error in trigger project_reported_months: no such table".

So around each rebuild this editor saves every trigger and view whose SQL names the table,
drops them, lets Django rebuild, and creates them again from the saved SQL: the versions
installed at that point of the migration history, whichever migration installed them. Then
it compiles (EXPLAIN, nothing runs) an insert, an update of every column and a delete on each
table that carries one of them, so a trigger the change broke (it reads a removed or renamed
column) stops the migration with a clear message instead of failing the first write after it.
See docs/reference/derived-columns.md.
"""

from django.db.backends.sqlite3 import schema
from django.db.utils import OperationalError


class DatabaseSchemaEditor(schema.DatabaseSchemaEditor):
    def _remake_table(self, model, create_field=None, delete_field=None, alter_fields=None):
        table = model._meta.db_table
        saved = self._schema_objects_naming(table)
        # Triggers may read views and INSTEAD OF triggers sit on views: triggers go first,
        # views come back first.
        for kind, name, _on, _sql in saved:
            self.execute(f"DROP {kind.upper()} IF EXISTS {self.quote_name(name)}")
        super()._remake_table(model, create_field=create_field, delete_field=delete_field,
                              alter_fields=alter_fields)
        for _kind, _name, _on, sql in reversed(saved):
            self.execute(sql)
        self._check_still_compile(table, saved)

    def _schema_objects_naming(self, table: str) -> list[tuple[str, str, str, str]]:
        """(type, name, table it is on, SQL) of each trigger, then each view, whose SQL names
        ``table`` (or that is on it). A name that merely contains the table's name is kept too:
        dropping and recreating an unrelated trigger unchanged costs nothing."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master "
                "WHERE type IN ('trigger', 'view') AND sql IS NOT NULL "
                "AND (tbl_name = %s OR instr(lower(sql), lower(%s)) > 0) "
                "ORDER BY type = 'view', name",
                [table, table],
            )
            return [tuple(row) for row in cursor.fetchall()]

    def _check_still_compile(self, table: str, saved) -> None:
        introspection = self.connection.introspection
        with self.connection.cursor() as cursor:
            views = {name for kind, name, _on, _sql in saved if kind == "view"}
            for name in sorted(views):
                self._explain(cursor, table, saved, f"SELECT * FROM {self.quote_name(name)}")
            carriers = {on for kind, _name, on, _sql in saved if kind == "trigger"} - views
            for on in sorted(carriers):
                quoted = self.quote_name(on)
                columns = [info.name for info in introspection.get_table_description(cursor, on)]
                assignments = ", ".join(f"{self.quote_name(c)} = {self.quote_name(c)}"
                                        for c in columns)
                for statement in (f"INSERT INTO {quoted} DEFAULT VALUES",
                                  f"UPDATE {quoted} SET {assignments}",
                                  f"DELETE FROM {quoted}"):
                    self._explain(cursor, table, saved, statement)

    @staticmethod
    def _explain(cursor, table: str, saved, statement: str) -> None:
        try:
            cursor.execute(f"EXPLAIN {statement}")
        except OperationalError as exc:
            names = ", ".join(name for _kind, name, _on, _sql in saved)
            raise OperationalError(
                f"After rebuilding {table}, the trigger or view SQL kept across the rebuild "
                f"({names}) no longer compiles: {exc}. A migration that removes or renames a "
                f"column these read must first drop or replace them (docs/reference/"
                f"derived-columns.md)."
            ) from exc
