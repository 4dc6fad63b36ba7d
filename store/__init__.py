"""Persistence: SQLAlchemy models, the session factory and the queries the CLI needs."""
