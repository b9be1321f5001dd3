"""Alembic environment: twoway runs migrations itself, on the connection it opened.

``twoway.store.engine.migrate`` passes the connection in ``config.attributes["connection"]``;
there is no ``alembic.ini`` and no offline mode.
"""

from __future__ import annotations

from alembic import context

from twoway.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables instead
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
