"""Tests against real servers (PostgreSQL, Chroma); a package, so its conftest does not shadow tests/conftest."""
