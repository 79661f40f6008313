"""What may sit in the content folder: the files the site is built from and publishes.

The engine publishes every file of `docs_dir` as it is, and follows symbolic links while
doing so: a link to `/etc/passwd` or `/proc/self/environ` would put the host's files in the
built site (and in the artifact CI keeps of every pull request), and a folder that links to
itself never ends. Script and HTML files would be served from the site's own origin, where
the Content Security Policy trusts them. So the content folder is walked without following
links, and anything but the kinds of file below is refused, each with its place.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import filetype

from .errors import Problem
from .limits import MAX_BYTES

YAML_SUFFIXES = (".yml", ".yaml")
PAGE_SUFFIX = ".md"
IMAGE_TYPES = {
    ".png": ("png", "apng"),
    ".jpg": ("jpg",),
    ".jpeg": ("jpg",),
    ".gif": ("gif",),
    ".webp": ("webp",),
    ".avif": ("avif",),
}
"""Suffix -> the types (as the `filetype` library names them) its bytes must be. Raster
images only: an SVG opened on its own runs the scripts it holds, so SVG is refused rather
than cleaned (no sanitiser is sure to keep up with what browsers run)."""
IMAGE_SUFFIXES = tuple(IMAGE_TYPES)

SNIFF_BYTES = 8192
"""How much of a file `filetype` reads to tell its type (its own limit)."""

ALLOWED_SUFFIXES = (PAGE_SUFFIX, *YAML_SUFFIXES, *IMAGE_SUFFIXES)

PUBLISHED_SUFFIXES = frozenset(
    (".html", ".htm", ".js", ".mjs", ".css", ".json", ".xml", ".gz", ".csv", ".txt", ".zip")
) | frozenset(ALLOWED_SUFFIXES)
"""Suffixes of the files a build writes (pages, the theme's assets and search index, the
sitemap, this site's scripts and exports) or takes from the content folder. A folder named
with one could stand where the build writes a file of that name (`questions.json/`), which
no engine checks before it writes."""

LEFTOVERS = (
    "*~",  # backups: Emacs, Vim's 'backup', gedit, nano, Kate (idea.md~)
    "#*#",  # Emacs's auto-save (#idea.md#)
    ".#*",  # Emacs's lock, a symbolic link that leads nowhere (.#idea.md)
    ".*.sw[a-p]",  # Vim's swap files (.idea.md.swp, .swo, ...)
    "*.kate-swp",  # Kate's swap
    ".~lock.*#",  # LibreOffice's lock
    "*___jb_tmp___",  # JetBrains IDEs' safe write
    "*___jb_old___",
    ".goutputstream-*",  # GNOME's gedit, while it saves
    ".DS_Store",  # macOS Finder
    "._*",  # macOS resource forks on foreign disks
    "Thumbs.db",  # Windows Explorer
    "desktop.ini",
)
"""Names of the files editors and operating systems leave beside the files they open, as
shell patterns (`fnmatch`, case-sensitive): the content folder's listing (`scan_content`,
which the check and every engine's build use) skips them, and the engines do not publish
them (`is_leftover`). Any other unknown file is still refused. Vim also writes a file named
`4913` (then 5036, adding 123) to learn whether it may write in a folder (`VIM_PROBE`)."""

VIM_PROBE = (4913, 123)
"""Vim's probe file: the first number, then that plus steps of the second (Vim's
`buf_write`, fileio.c), deleted again at once; a rebuild may list it meanwhile."""


def is_leftover(name: str) -> bool:
    """True if the file `name` (a base name) is an editor's or OS's leftover (`LEFTOVERS`,
    `VIM_PROBE`) that is neither checked nor published."""
    if name.isdigit() and len(name) < 8:
        first, step = VIM_PROBE
        number = int(name)
        if number >= first and (number - first) % step == 0:
            return True
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in LEFTOVERS)


@dataclass
class ContentFiles:
    """The content folder, walked: its pages, YAML files and images, and what is refused."""

    pages: list[Path] = field(default_factory=list)
    yaml: list[Path] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    leftovers: list[Path] = field(default_factory=list)
    """Editors' and operating systems' leftovers, skipped (`is_leftover`)."""

    def relative(self, root: Path) -> set[str]:
        """Every accepted file, as a content-relative path with forward slashes."""
        return {p.relative_to(root).as_posix() for p in (*self.pages, *self.yaml, *self.images)}


def is_hidden(relative: str) -> bool:
    """Hidden files and folders (a leading dot) are never published, by the engine's rule."""
    return any(part.startswith(".") for part in PurePosixPath(relative).parts)


def scan_content(root: Path, shown_as: str) -> ContentFiles:
    """Walk `root` without following links; sort what is found, refuse what may not be there.

    `shown_as` is how `root` is written in messages. Problems are located at line 1,
    column 1 of the offending file or folder. Images are held to the size limit here and
    must be what their suffix says (`IMAGE_TYPES`); pages and YAML when they are read."""
    found = ContentFiles()
    prefix = PurePosixPath(shown_as)
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            shown = str(prefix / Path(folder).relative_to(root).as_posix())
            found.problems.append(Problem(shown, 1, 1, f"cannot read folder: {exc.strerror}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            relative = path.relative_to(root).as_posix()
            shown = str(prefix / relative)
            # A link is a leftover only where it leads nowhere (Emacs's lock): one that
            # leads to a file or folder could be followed and published.
            if (
                is_leftover(entry.name)
                and not entry.is_dir(follow_symlinks=False)
                and (not entry.is_symlink() or not path.exists())
            ):
                found.leftovers.append(path)
                continue
            # A hidden file is not published, but the engine still walks hidden folders,
            # following links: links are refused there too.
            hidden = is_hidden(relative)
            if hidden and not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                continue
            if entry.is_symlink():
                found.problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        "is a symbolic link; content must be plain files and folders, or the "
                        "site could publish files from outside the content folder",
                    )
                )
            elif entry.is_dir(follow_symlinks=False):
                if path.suffix.lower() in PUBLISHED_SUFFIXES:
                    found.problems.append(
                        Problem(
                            shown,
                            1,
                            1,
                            f"a folder named like a {path.suffix} file can stand where the build "
                            "writes a file of that name (a page's index.html, an export, the "
                            "search index); rename the folder",
                        )
                    )
                else:
                    pending.append(path)
            elif not entry.is_file(follow_symlinks=False):
                found.problems.append(
                    Problem(shown, 1, 1, "is not a plain file (a device, socket or pipe)")
                )
            elif path.suffix == PAGE_SUFFIX:
                found.pages.append(path)
            elif path.suffix in YAML_SUFFIXES:
                found.yaml.append(path)
            elif path.suffix in IMAGE_SUFFIXES:
                problem = _image_problem(path, shown, entry.stat(follow_symlinks=False).st_size)
                if problem is None:
                    found.images.append(path)
                else:
                    found.problems.append(problem)
            else:
                kind = f"a {path.suffix} file" if path.suffix else "a file without a suffix"
                found.problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        f"{kind} cannot be published from the content folder: it holds "
                        f"Markdown pages (.md), YAML (.yml) and images "
                        f"({', '.join(IMAGE_SUFFIXES)}) only",
                    )
                )
    for group in (found.pages, found.yaml, found.images):
        group.sort(key=lambda p: p.relative_to(root).as_posix())
    return found


def _image_problem(path: Path, shown: str, size: int) -> Problem | None:
    """Why the image at `path` may not be published, or None: over `MAX_BYTES`, or bytes
    that are not the type its suffix names. A browser that is sent a `.png` that is really
    HTML or SVG may run it (GitHub Pages sends no `X-Content-Type-Options: nosniff`), so
    the content is read, by the `filetype` library's magic numbers, not trusted by name."""
    if size > MAX_BYTES:
        return Problem(shown, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
    try:
        with path.open("rb") as file:
            head = file.read(SNIFF_BYTES)
    except OSError as exc:
        return Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")
    kind = filetype.guess(head)
    expected = IMAGE_TYPES[path.suffix]
    if kind is not None and kind.extension in expected:
        return None
    name = expected[0].upper().replace("JPG", "JPEG")
    found = f"{kind.mime} data" if kind is not None else "no image type the site publishes"
    return Problem(
        shown,
        1,
        1,
        f"is not a {name} image: its content is {found}; only images whose content matches "
        f"their suffix are published (a file that is really HTML or SVG could run as a page)",
    )
