"""Insert many rows, and their django-simple-history records, without the ORM's per-value work.

``bulk_create`` prepares every value through its field (about 5 µs a value: a 30,000-row sheet
spends seconds there) and simple_history's ``bulk_create_with_history`` doubles that. Import rows
are already typed and validated (Decimal quantised to 万元, dates, ids), so they go to the
database as they are; the history table gets one "+" record per row with the same values,
exactly what ``bulk_history_create`` would write. The trade-off: no model ``save()`` and no
signals run — nothing in tuijin listens to them for projects, reports or organisations.

Its users: the spreadsheet import (``projects.spreadsheets``) and the demo loader
(``tuijin.demo.loader``). It lives beside the models it writes rather than in either of them,
so neither has to reach into the other.
"""

from django.db import connection

# Keep each statement under SQLite's limit of 32,766 bound variables.
MAX_VARIABLES = 30_000


def _convert(model, columns: list[str], rows: list) -> list:
    """The rows with their date and datetime values adapted for the database, each distinct
    value once; a column at a time (as tuples), or ``rows`` itself when there is none."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    ops = connection.ops
    converters = {}
    for i, column in enumerate(columns):
        kind = fields[column].get_internal_type()
        if kind == "DateTimeField":
            converters[i] = ops.adapt_datetimefield_value
        elif kind == "DateField":
            converters[i] = ops.adapt_datefield_value
    if not converters or not rows:
        return rows
    by_column = list(zip(*rows, strict=True))
    for i, convert in converters.items():
        values = by_column[i]
        adapted = {value: convert(value) for value in set(values) if value is not None}
        adapted[None] = None
        by_column[i] = [adapted[value] for value in values]
    return list(zip(*by_column, strict=True))


def insert(model, columns: list[str], rows: list[list], *, returning: bool = False,
           adapted: bool = False) -> list[int]:
    """INSERT ``rows`` (lists of values in the order of ``columns``, attnames) into ``model``'s
    table; with ``returning``, the new primary keys in the order of ``rows``. Dates are adapted
    for the database, unless ``adapted`` says they already are."""
    if not rows:
        return []
    if not adapted:
        rows = _convert(model, columns, rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _copy(cursor, model, columns, rows, returning=returning)
        if not returning:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES {placeholder}", rows)
            return ids
        pk = quote(model._meta.pk.column)
        if connection.vendor == "sqlite":
            # executemany is several times faster than multi-row VALUES in SQLite. Our first
            # INSERT took the database's write lock, held until commit, and Django's SQLite
            # primary keys are AUTOINCREMENT: the rows just written are the last ids, in order.
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES {placeholder}", rows)
            cursor.execute(f"SELECT {pk} FROM {table} ORDER BY {pk} DESC LIMIT %s", [len(rows)])
            ids = [row[0] for row in cursor.fetchall()]
            ids.reverse()
            return ids
        batch = max(1, MAX_VARIABLES // len(columns))
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            sql = (f"INSERT INTO {table} ({names}) VALUES "
                   f"{', '.join([placeholder] * len(chunk))} RETURNING {pk}")
            cursor.execute(sql, [value for row in chunk for value in row])
            # Other databases return a multi-row VALUES in order, as bulk_create relies on.
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _copy(cursor, model, columns: list[str], rows: list[list], *, returning: bool) -> list[int]:
    """PostgreSQL: COPY, many times faster than INSERT. The ids are drawn from the table's
    sequence first, so they are ours even while others insert."""
    quote = connection.ops.quote_name
    table = model._meta.db_table
    names = [quote(model._meta.get_field(c).column) for c in columns]
    ids: list[int] = []
    if returning:
        pk = model._meta.pk.column
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                       "FROM generate_series(1, %s)", [quote(table), pk, len(rows)])
        ids = [row[0] for row in cursor.fetchall()]
        names.append(quote(pk))
        rows = [[*row, pk_value] for row, pk_value in zip(rows, ids, strict=True)]
    with cursor.cursor.copy(f"COPY {quote(table)} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    return ids


def insert_with_history(model, columns: list[str], rows: list[list], *, now,
                        user_id: int | None, reason: str, adapted: bool = False) -> list[int]:
    """Insert ``rows`` and one creation ("+") record each into the model's history table;
    ``adapted`` as for ``insert``."""
    ids = insert(model, columns, rows, returning=True, adapted=adapted)
    _history_copy(model, ids, now=now, user_id=user_id, reason=reason, kind="+")
    return ids


def update_with_history(model, objs: list, fields: list[str], *, now, user_id: int | None,
                        reason: str) -> None:
    """UPDATE ``fields`` (attnames) of ``objs`` by primary key, one statement per row run by
    executemany (an ORM ``bulk_update`` builds CASE expressions and takes ~20 s for 30,000
    rows), then one change ("~") record each into the history table."""
    if not objs:
        return
    quote = connection.ops.quote_name
    rows = [[getattr(obj, f) for f in fields] + [obj.pk] for obj in objs]
    rows = _convert(model, [*fields, model._meta.pk.attname], rows)
    assignments = ", ".join(f"{quote(model._meta.get_field(f).column)} = %s" for f in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
            f"WHERE {quote(model._meta.pk.column)} = %s", rows)
    _history_copy(model, [obj.pk for obj in objs], now=now, user_id=user_id, reason=reason,
                  kind="~")


def history_record(model, ids: list[int], *, now, user_id: int | None, reason: str,
                   kind: str) -> None:
    """One history record ("+" created, "~" changed) for each of the rows ``ids`` as they are
    now, for rows an ORM bulk write left without one."""
    _history_copy(model, ids, now=now, user_id=user_id, reason=reason, kind=kind)


def _history_copy(model, ids: list[int], *, now, user_id: int | None, reason: str,
                  kind: str) -> None:
    """Copy the rows ``ids`` into the model's history table, as simple_history records them
    ("+" created, "~" changed), by an INSERT … SELECT: the database copies the very values it
    holds and nothing is sent twice."""
    if not ids:
        return
    quote = connection.ops.quote_name
    history = model.history.model
    pk = model._meta.pk
    # The history model's own fields: some (kept by triggers) are not recorded.
    recorded = {f.attname for f in history._meta.concrete_fields}
    fields = [f for f in model._meta.concrete_fields
              if not f.primary_key and f.attname in recorded]
    names = [quote(f.column) for f in fields]
    history_names = [quote(history._meta.get_field(f.attname).column) for f in fields]
    extra = [quote(c) for c in ("history_date", "history_change_reason", "history_type",
                                "history_user_id")]
    insert_sql = (
        f"INSERT INTO {quote(history._meta.db_table)} "
        f"({', '.join(history_names)}, {quote('id')}, {', '.join(extra)}) "
        f"SELECT {', '.join(names)}, {quote(pk.column)}, %s, %s, %s, %s "
        f"FROM {quote(model._meta.db_table)} WHERE "
    )
    head = [connection.ops.adapt_datetimefield_value(now), reason, kind, user_id]
    first, last = min(ids), max(ids)
    with connection.cursor() as cursor:
        if last - first + 1 == len(ids) == len(set(ids)):
            # The ids are exactly first..last (new rows usually are): a range scan is cheaper
            # than matching a list of ids.
            cursor.execute(insert_sql + f"{quote(pk.column)} BETWEEN %s AND %s",
                           [*head, first, last])
            return
        if connection.vendor == "postgresql":
            cursor.execute(insert_sql + f"{quote(pk.column)} = ANY(%s)", [*head, list(ids)])
            return
        batch = MAX_VARIABLES - len(head)
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            cursor.execute(insert_sql + f"{quote(pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                           [*head, *chunk])
