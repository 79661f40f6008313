"""Put a freshly built site in place of the old one in one step: `python -m srm_build.publish
NEW SITE`.

`make build` and the deploy workflow build into a new folder, and only a build that
succeeded is swapped in: a failed or interrupted build (Ctrl-C, SIGTERM from CI) leaves the
previous site whole. On Linux the two folders are exchanged by one `renameat2` call with
`RENAME_EXCHANGE` (atomic: a reader sees the old site or the new, never neither); elsewhere
the old site is moved aside and the new one renamed in, with SIGINT and SIGTERM held off
between the two renames. The standard library has no exchange, hence `ctypes`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import sys
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def publish(new: Path, site: Path) -> None:
    """Replace the folder `site` by the folder `new`; `new` is gone afterwards.

    Raises FileNotFoundError if `new` does not exist (the build wrote nothing)."""
    if not new.is_dir():
        raise FileNotFoundError(f"{new} is not a built site")
    if not site.exists():
        new.rename(site)
        return
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        if _exchange(new, site):
            new.rename(old)
        else:
            site.rename(old)
            new.rename(site)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m srm_build.publish NEW_SITE_DIR SITE_DIR", file=sys.stderr)
        return 2
    try:
        publish(Path(args[0]), Path(args[1]))
    except OSError as exc:
        print(f"cannot put the new site in place: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
