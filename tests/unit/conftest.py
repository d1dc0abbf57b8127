"""What the unit tests share: a record of what the extension logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from .helpers import Records


@pytest.fixture
def logged() -> Iterator[list[tuple[str, str, Any, Any, Any]]]:
    # Sphinx's loggers are "sphinx.<module>"; a handler here sees them whether or not
    # a Sphinx application in this process has stopped them propagating to the root.
    logger = logging.getLogger("sphinx.portfolio")
    handler = Records()
    logger.addHandler(handler)
    try:
        yield handler.seen
    finally:
        logger.removeHandler(handler)


@pytest.fixture
def informed(logged: list[tuple[str, str, Any, Any, Any]]) -> Iterator[list[Any]]:
    """:func:`logged`, with what is logged at INFO too."""
    # Without a Sphinx application to lower it, the root's level (WARNING) holds back INFO.
    logger = logging.getLogger("sphinx.portfolio")
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield logged
    finally:
        logger.setLevel(level)
