"""One load at a time per database file.

A load commits every few articles, so SQLite's own write lock is free between
its commits, and a second load could slip its articles in between: it would
group stories without the first load's articles, and put back the search
triggers the first load set aside. So a load holds an advisory lock on the
database file (flock, which the kernel drops when the process ends, however it
ends) from before it opens the file until it has closed it. SQLite locks the
same file with fcntl locks; on Linux and the BSDs the two kinds never meet.
"""

from __future__ import annotations

import errno
import fcntl
import os
from contextlib import contextmanager


UNSUPPORTED = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS)


class DatabaseBusy(Exception):
    """Another load is writing the database, and we were asked not to wait."""


@contextmanager
def exclusive_load(path, wait: bool = True, on_wait=None):
    """Hold the database file at `path` for one load (created empty if missing,
    which SQLite takes for a new database). When another load holds it: wait for
    it, calling `on_wait()` once first, or raise DatabaseBusy when `wait` is
    false.

    The caller closes its own connection to the database before leaving: closing
    any descriptor of a file drops every fcntl lock the process holds on it,
    SQLite's included, so ours stays open until SQLite is done."""
    descriptor = os.open(os.fspath(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise DatabaseBusy(f"another load is writing {os.fspath(path)}") from None
            if on_wait:
                on_wait()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError as error:
            if error.errno not in UNSUPPORTED:
                raise
            # A file system without flock: SQLite's own locks are all there is.
            yield
            return
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
