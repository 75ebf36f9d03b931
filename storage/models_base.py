"""The declarative base every table of the schema derives from.

It lives apart from the tables so the modules holding them can share it
without importing one another.
"""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
