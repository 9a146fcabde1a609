"""Run a function as an unprivileged user, so permission checks hold even when the tests run as root.

Root reads and writes everything regardless of file modes; a forked child that drops to the
`nobody` user sees the modes as a user would. Without root, the function runs in-process (the
modes apply already).
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable
from typing import Any

NOBODY = 65534


def as_unprivileged(fn: Callable[[], Any]) -> tuple[Any, list[str]]:
    """fn()'s result (or the exception it raised) and the log messages it emitted, as a non-root user."""
    if os.geteuid() != 0:
        return _capture(fn)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop root, run, send the outcome back, exit without running pytest's cleanup
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload = pickle.dumps(_capture(fn))
        except BaseException as exc:  # noqa: BLE001 - everything must reach the parent
            payload = pickle.dumps((RuntimeError(f"{type(exc).__name__}: {exc}"), []))
        with os.fdopen(write, "wb") as fh:
            fh.write(payload)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _capture(fn: Callable[[], Any]) -> tuple[Any, list[str]]:
    handler = _ListHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        try:
            result: Any = fn()
        except Exception as exc:  # noqa: BLE001 - returned to the test to assert on
            result = exc
        return result, handler.messages
    finally:
        root.removeHandler(handler)
