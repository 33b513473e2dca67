"""A small content-addressed cache on disk, shared by the slow stages.

Entries are keyed by a hash of everything that decides their value (input text and
tool versions), so an entry is never stale: it is either found or not. Writes are
atomic (temporary file + rename), so concurrent runs and killed runs cannot leave a
torn entry. A cache that cannot be written is simply not used.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@functools.cache
def tool_version(name: str) -> str:
    """The installed version of the distribution `name`, for cache keys: read from the
    name of its `.dist-info` folder on `sys.path` (importlib.metadata's lookup, the
    fallback, imports the email package: a tenth of a warm run's time)."""
    wanted = re.sub(r"[-_.]+", "_", name).lower()
    for entry in sys.path:
        try:
            folders = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in folders:
            distribution, _, found = folder.removesuffix(".dist-info").partition("-")
            if folder.endswith(".dist-info") and re.sub(r"[-_.]+", "_", distribution).lower() == wanted:
                return found
    from importlib.metadata import version

    return version(name)


class Cache:
    def __init__(self, root: Path | None) -> None:
        self.root = root

    def _path(self, namespace: str, key: str) -> Path:
        assert self.root is not None
        return self.root / namespace / key[:2] / key[2:]

    def get(self, namespace: str, key: str) -> bytes | None:
        if self.root is None:
            return None
        try:
            return self._path(namespace, key).read_bytes()
        except OSError:
            return None

    def put(self, namespace: str, key: str, value: bytes) -> None:
        if self.root is None:
            return
        path = self._path(namespace, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(value)
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only or full cache location only costs speed
