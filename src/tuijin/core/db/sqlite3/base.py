"""Django's SQLite backend, with a schema editor that keeps triggers across table rebuilds.

Selected by ``settings.DATABASES`` whenever the database URL is SQLite; everything but the
schema editor is Django's own (``connection.vendor`` is still ``"sqlite"``).
"""

from django.db.backends.sqlite3 import base

from tuijin.core.db.sqlite3.schema import DatabaseSchemaEditor


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor
