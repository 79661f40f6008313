"""Hostile input from a pull request: each row is refused by `check` and by `make build` with
its exact place and message, exit status 1 and no traceback, and the site already built
(with a marker file in it) stays byte-identical. The table documents what is refused.

Also here: exports that are safe for the programs that open them, and placeholders that no
prose can collide with."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_errors import GLOSSARY, fill_in, quiz, write_content

from conftest import ROOT, run_check, serve_folder
from srm_build import export

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
    "789c6360000002000001e221bc330000000049454e44ae426082"
)
"""A 1x1 PNG."""
NOT_IMAGE = (
    "its content is {}; only images whose content matches their suffix are published (a "
    "file that is really HTML or SVG could run as a page)"
)
ONLY_FILES = (
    "cannot be published from the content folder: it holds Markdown pages (.md), YAML (.yml) "
    "and images (.png, .jpg, .jpeg, .gif, .webp, .avif) only"
)
SYMLINK = (
    "is a symbolic link; content must be plain files and folders, or the site could publish "
    "files from outside the content folder"
)
UNSAFE = "is not allowed: use an http(s), mailto or relative address"
CSP_IMAGE = (
    "is on another site, which the Content Security Policy (img-src 'self') blocks: save the "
    "image in the content folder and link it relatively"
)
SCHEME_RELATIVE = (
    "starts with '//', so it leads to another site while it reads like a link within this "
    "one; write the full address, "
)
ATTRS = (
    "is not allowed in an attribute list: only an #id and .classes are "
    "(write \\{ for a brace in text)"
)
THEME_ID = (
    "ids starting with '__' belong to the theme's (Material's templates use __config, "
    "__drawer, __search, __toc, __palette_0, __consent, ...)"
)
CLIENT_GLOBAL = (
    "is reserved: the site's scripts look up window.srm, which an element with this id "
    "would replace"
)
NO_ANCHOR = "has no anchor '#{}' (headings, {{: #id }} and the items a page shows make its anchors)"
FRONT = "is not allowed: a page takes title, description, hide, search"
TOOLS = "kind: tools\ntitle: Study\ntools:\n  - {id: exam, type: exam, title: Exam}\n"
"""A tools file: its page shows the study bank, every question of the site."""
FILL_GAP = "- {id: g1, choices: [of, in], accepted: [of]}\n"
"""A gap with choices, for `test_errors.fill_in`."""
FILL_AT = "content/quizzes/fill.yml:10:15: question 'fill-one':"
"""Where a problem of the fill-in question's `text` is reported."""


def intro_with(line: str) -> str:
    """A glossary's title and an intro whose first paragraph ends with `line`."""
    return f"title: Glossary\nintro: |\n  Words.\n  {line}\n"


NAV = """\
nav:
  - Home: index.md
  - Sources: sources.md
  - Glossary: glossary.md
  - Quiz: quizzes/basics.md
"""

LOCATED = re.compile(r"^\S+:\d+:\d+: ")
"""A line of the check's output that reports a problem at its place."""

# (case, files over the valid base (a str that starts with "->" makes a symbolic link),
#  extra mkdocs.yml text, the exact line expected: the check's only located line, or a
#  tuple of all of them when one input has several places)
CASES = [
    # --- front matter -------------------------------------------------------------------
    (
        "front matter: subtitle printed raw in the navigation",
        {"index.md": '---\nsubtitle: <script src="/evil.js"></script>\n---\n# Home\n'},
        "",
        f"content/index.md:2:1: front matter key 'subtitle' {FRONT}",
    ),
    (
        "front matter: status",
        {"index.md": "---\nstatus: <form action=//evil.example>\n---\n# Home\n"},
        "",
        f"content/index.md:2:1: front matter key 'status' {FRONT}",
    ),
    (
        "front matter: author, MultiMarkdown style",
        {"index.md": "Author: <b>x</b>\n\n# Home\n"},
        "",
        f"content/index.md:1:1: front matter key 'author' {FRONT} (a page's first lines in the "
        "form 'key: value' are read as front matter; start the page with its heading)",
    ),
    (
        "front matter: description of the wrong type",
        {"index.md": "---\ndescription: [a, b]\n---\n# Home\n"},
        "",
        "content/index.md:2:14: front matter: field 'description': expected text, but got a list",
    ),
    (
        "front matter: a search boost that is not a number",
        {"index.md": "---\nsearch:\n  boost: high\n---\n# Home\n"},
        "",
        "content/index.md:3:10: front matter: field 'boost': expected a number, but got the "
        "text 'high'",
    ),
    (
        "a page of '<', which MkDocs' own raw-HTML reading takes ever longer over",
        {"index.md": "# Home\n\n" + "<a\n" * 1001},
        "",
        "content/index.md:1003:1: more than 1,000 '<' in one page, which MkDocs reads ever more "
        "slowly as raw HTML; write '&lt;' for a '<' shown as text",
    ),
    (
        "front matter: a search boost that is not a finite number (JSON has no NaN)",
        {"index.md": "---\nsearch:\n  boost: .nan\n---\n# Home\n"},
        "",
        "content/index.md:3:10: front matter: field 'boost': expected a finite number, but got "
        "nan (JSON has no NaN or infinity)",
    ),
    (
        "front matter: an infinite search boost",
        {"index.md": "---\nsearch:\n  boost: .inf\n---\n# Home\n"},
        "",
        "content/index.md:3:10: front matter: field 'boost': expected a finite number, but got "
        "inf (JSON has no NaN or infinity)",
    ),
    (
        "an item whose anchor is the study bank's heading id",
        {
            "glossary.yml": GLOSSARY + "  - id: bank\n    term: Bank\n    definition: A store.\n"
            "    source: aws-srm\n"
        },
        "",
        "content/glossary.yml:8:9: item 'bank': its anchor 'srm-bank' is reserved: the site's "
        "components use it for the study bank's headings (file-tools-end.html.jinja)",
    ),
    (
        "an item whose anchor is the glossary tooltip's id, which links point at",
        {
            "glossary.yml": GLOSSARY + "  - id: tip\n    term: Tip\n    definition: A hint.\n"
            "    source: aws-srm\n"
        },
        "",
        "content/glossary.yml:8:9: item 'tip': its anchor 'srm-tip' is reserved: the site's "
        "components use it for the glossary's tooltip (srm-tip.js)",
    ),
    (
        "front matter: HTML in the title, which the engine drops",
        {"index.md": '---\ntitle: "Who owns <your> data & why"\n---\n# Home\n'},
        "",
        "content/index.md:2:8: front matter: field 'title': '<your>' reads as an HTML tag, "
        "which the engine drops from titles; write it without '<' before a letter, '/', "
        "'!' or '?'",
    ),
    (
        "front matter: a MultiMarkdown value continued on an indented line",
        {"index.md": "title: Fine\n    <b>gone</b> words\n\n# Home\n"},
        "",
        "content/index.md:1:8: front matter: field 'title': '<b>' reads as an HTML tag, "
        "which the engine drops from titles; write it without '<' before a letter, '/', "
        "'!' or '?'",
    ),
    (
        "front matter: a MultiMarkdown description continued past the limit",
        {"index.md": "description: x\n    " + "w" * 5000 + "\n\n# Home\n"},
        "",
        "content/index.md:1:14: front matter: field 'description': is longer than 300 characters",
    ),
    (
        "front matter: alias bomb",
        {"index.md": f"---\n{BOMB}---\n# Home\n"},
        "",
        "content/index.md:6:1: too many values (over 100,000); are aliases expanding?",
    ),
    (
        "front matter: bidi override in the title",
        {"index.md": "---\ntitle: abc\u202edef\n---\n# Home\n"},
        "",
        "content/index.md:2:11: bidirectional control character U+202E is not allowed: it "
        "changes the order in which text is shown; delete it",
    ),
    (
        "bidi override written as a character reference in prose",
        {"index.md": "# Home\n\nPay &#x202E;gnp.exe\n"},
        "",
        "content/index.md:3:5: character reference '&#x202E;': bidirectional control character "
        "U+202E is not allowed: it changes the order in which text is shown; delete it",
    ),
    (
        "bidi mark written as a named reference in the front matter's title",
        {"index.md": "---\ntitle: A &rlm;B\n---\n# Home\n"},
        "",
        "content/index.md:2:10: character reference '&rlm;': bidirectional control character "
        "U+200F is not allowed: it changes the order in which text is shown; delete it",
    ),
    (
        "control character written as a character reference in YAML",
        {"glossary.yml": GLOSSARY.replace("inside an instance.", "inside &#0; an instance.")},
        "",
        "content/glossary.yml:6:45: character reference '&#0;': control character U+0000 is "
        "not allowed; delete it",
    ),
    # --- files in content/ -------------------------------------------------------------
    (
        "symlink to a host file",
        {"passwd.md": "->/etc/passwd"},
        "",
        f"content/passwd.md:1:1: {SYMLINK}",
    ),
    (
        "symlink named like an asset",
        {"env.png": "->/proc/self/environ"},
        "",
        f"content/env.png:1:1: {SYMLINK}",
    ),
    ("folder that links to itself", {"loop": "->."}, "", f"content/loop:1:1: {SYMLINK}"),
    ("script file", {"evil.js": "alert(1)\n"}, "", f"content/evil.js:1:1: a .js file {ONLY_FILES}"),
    (
        "HTML file",
        {"page.html": "<script>alert(1)</script>\n"},
        "",
        f"content/page.html:1:1: a .html file {ONLY_FILES}",
    ),
    (
        "a folder named like a file the build writes (an export), with an image in it",
        {"questions.json/x.png": PNG},
        "",
        "content/questions.json:1:1: a folder named like a .json file can stand where the build "
        "writes a file of that name (a page's index.html, an export, the search index); rename "
        "the folder",
    ),
    (
        "a folder standing where a page's index.html is written",
        {"index.md": "# Home\n", "index.html/x.png": PNG},
        "",
        "content/index.html:1:1: a folder named like a .html file can stand where the build "
        "writes a file of that name (a page's index.html, an export, the search index); rename "
        "the folder",
    ),
    (
        "image over a megabyte",
        {"img/big.png": PNG + bytes(2_000_000)},
        "",
        f"content/img/big.png:1:1: file is {len(PNG) + 2_000_000:,} bytes; the limit is 1,048,576",
    ),
    (
        "HTML named like an image",
        {"img/x.png": b"<!doctype html><script>alert(1)</script>\n"},
        "",
        "content/img/x.png:1:1: is not a PNG image: "
        + NOT_IMAGE.format("no image type the site publishes"),
    ),
    (
        "SVG with a script named like an image",
        {"x.gif": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n'},
        "",
        "content/x.gif:1:1: is not a GIF image: "
        + NOT_IMAGE.format("no image type the site publishes"),
    ),
    (
        "an image of another type than its suffix",
        {"x.jpg": PNG},
        "",
        "content/x.jpg:1:1: is not a JPEG image: " + NOT_IMAGE.format("image/png data"),
    ),
    (
        "SVG file",
        {"x.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'},
        "",
        f"content/x.svg:1:1: a .svg file {ONLY_FILES}",
    ),
    (
        "x.yml and x.yaml side by side",
        {"glossary.yaml": GLOSSARY.replace("guest-os", "guest-os-2")},
        "",
        "content/glossary.yml:1:1: this file becomes the page glossary.md, as "
        "content/glossary.yaml does; keep one of them",
    ),
    (
        "a page and a folder index at one address",
        {"idea.md": "# Idea\n", "idea/index.md": "# Idea too\n"},
        NAV + "  - Idea: idea.md\n  - Idea too: idea/index.md\n",
        "content/idea/index.md:1:1: this page has the address 'idea/', as content/idea.md "
        "does; one would replace the other: rename or move one of them",
    ),
    (
        "a YAML page and a folder README at one address",
        {"glossary/README.md": "# Terms\n"},
        "",
        "content/glossary/README.md:1:1: this page has the address 'glossary/', as "
        "content/glossary.md does; one would replace the other: rename or move one of them",
    ),
    # --- every link form, in prose and in YAML ---------------------------------------------
    (
        "reference link to javascript:",
        {"index.md": "# Home\n\n[a][r]\n\n[r]: javascript:alert(1)\n"},
        "",
        f"content/index.md:5:6: link 'javascript:alert(1)' {UNSAFE}",
    ),
    (
        "javascript: link whose text holds brackets",
        {"index.md": "# Home\n\n[a [b] c](javascript:alert(1))\n"},
        "",
        f"content/index.md:3:11: link 'javascript:alert(1)' {UNSAFE}",
    ),
    (
        "javascript: with a backslash escape",
        {"index.md": "# Home\n\n[a](javascript\\:alert(1))\n"},
        "",
        f"content/index.md:3:5: link 'javascript\\:alert(1)' {UNSAFE}",
    ),
    (
        "reference definition inside a block quote",
        {"index.md": "# Home\n\n> [a][r]\n>\n> [r]: javascript:alert(1)\n"},
        "",
        f"content/index.md:5:8: link 'javascript:alert(1)' {UNSAFE}",
    ),
    (
        "image through a reference to data:",
        {"index.md": "# Home\n\n![i][d]\n\n[d]: data:image/png,xx\n"},
        "",
        (
            f"content/index.md:3:1: link 'data:image/png,xx' {UNSAFE}",
            f"content/index.md:5:6: link 'data:image/png,xx' {UNSAFE}",
        ),
    ),
    (
        "autolink with another scheme",
        {"index.md": "# Home\n\nSee <ftp://example.org/x>.\n"},
        "",
        f"content/index.md:3:6: link 'ftp://example.org/x' {UNSAFE}",
    ),
    (
        "image on another host",
        {"index.md": "# Home\n\n![x](https://example.org/x.png)\n"},
        "",
        f"content/index.md:3:6: image 'https://example.org/x.png' {CSP_IMAGE}",
    ),
    (
        "scheme-relative link, which leads to another site (published without rel)",
        {"index.md": "# Home\n\nSee [x](//evil.example/x).\n"},
        "",
        f"content/index.md:3:9: link '//evil.example/x' {SCHEME_RELATIVE}'https://evil.example/x'",
    ),
    (
        "scheme-relative reference definition",
        {"index.md": "# Home\n\n[a][r]\n\n[r]: //evil.example/x\n"},
        "",
        f"content/index.md:5:6: link '//evil.example/x' {SCHEME_RELATIVE}'https://evil.example/x'",
    ),
    (
        "scheme-relative link written with character references",
        {"index.md": "# Home\n\nSee [x](&#47;&#47;evil.example/x).\n"},
        "",
        "content/index.md:3:9: link '&#47;&#47;evil.example/x' "
        f"{SCHEME_RELATIVE}'https://evil.example/x'",
    ),
    (
        "scheme-relative link with a backslash, which browsers read as '/'",
        {"index.md": "# Home\n\nSee [x](\\/evil.example/x).\n"},
        "",
        f"content/index.md:3:9: link '\\/evil.example/x' {SCHEME_RELATIVE}'https://evil.example/x'",
    ),
    (
        "an href in an attribute list (scheme-relative)",
        {"index.md": '# Home\n\nText.\n{: href="//evil.example/x" }\n'},
        "",
        f"content/index.md:4:1: 'href=\"//evil.example/x\"' {ATTRS}",
    ),
    (
        "YAML: scheme-relative link",
        {"glossary.yml": GLOSSARY.replace("inside an instance.", "inside [x](//evil.example/x).")},
        "",
        "content/glossary.yml:6:49: term 'guest-os': link '//evil.example/x' "
        f"{SCHEME_RELATIVE}'https://evil.example/x'",
    ),
    (
        "YAML: scheme-relative reference definition",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                "definition: |-\n      See [the page][p].\n\n      [p]: //evil.example/x",
            )
        },
        "",
        "content/glossary.yml:9:12: term 'guest-os': link '//evil.example/x' "
        f"{SCHEME_RELATIVE}'https://evil.example/x'",
    ),
    (
        "YAML: scheme-relative image",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.", "inside ![x](//evil.example/x.png)."
            )
        },
        "",
        f"content/glossary.yml:6:50: term 'guest-os': image '//evil.example/x.png' {CSP_IMAGE}",
    ),
    (
        "prose link to a missing page",
        {"index.md": "# Home\n\nSee [x](nope.md).\n"},
        "",
        "content/index.md:3:9: link 'nope.md' leads to no page (no nope.md in the content)",
    ),
    (
        "YAML: reference link to a missing page",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                "definition: |-\n      See [the page][p].\n\n      [p]: nope.md",
            )
        },
        "",
        "content/glossary.yml:9:12: term 'guest-os': link 'nope.md' leads to no page (no "
        "nope.md in the content)",
    ),
    (
        "YAML: autolink with another scheme",
        {"glossary.yml": GLOSSARY.replace("inside an instance.", "inside <ftp://example.org/x>.")},
        "",
        f"content/glossary.yml:6:46: term 'guest-os': link 'ftp://example.org/x' {UNSAFE}",
    ),
    (
        "YAML: image on another host",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.", "inside ![x](https://example.org/x.png)."
            )
        },
        "",
        f"content/glossary.yml:6:50: term 'guest-os': image 'https://example.org/x.png' "
        f"{CSP_IMAGE}",
    ),
    # --- anchors as the engines compare them, places and messages that show the cause ---
    (
        "percent-encoded anchor on the same page (MkDocs compares anchors as written)",
        {"index.md": "# Home\n\n## SRM in practice\n\nSee [x](#%73rm-in-practice).\n"},
        "",
        "content/index.md:5:9: link '#%73rm-in-practice': the anchor '#%73rm-in-practice' is "
        "percent-encoded, and the build compares anchors as they are written (MkDocs does not "
        "decode them); write '#srm-in-practice'",
    ),
    (
        "percent-encoded item anchor on another page",
        {"index.md": "# Home\n\nSee [x](glossary.md#%73rm-guest-os).\n"},
        "",
        "content/index.md:3:9: link 'glossary.md#%73rm-guest-os': the anchor '#%73rm-guest-os' "
        "is percent-encoded, and the build compares anchors as they are written (MkDocs does "
        "not decode them); write '#srm-guest-os'",
    ),
    (
        "YAML: percent-encoded anchor",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.", "inside an instance; see [it](index.md#%68ome)."
            )
        },
        "",
        "content/glossary.yml:6:67: term 'guest-os': link 'index.md#%68ome': the anchor '#%68ome' "
        "is percent-encoded, and the build compares anchors as they are written (MkDocs does "
        "not decode them); write '#home'",
    ),
    (
        "YAML: a link in a folded block is located at the link",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                "definition: >-\n      The operating system,\n      see [it](nope.md).",
            )
        },
        "",
        "content/glossary.yml:8:16: term 'guest-os': link 'nope.md' leads to no page (no "
        "nope.md in the content)",
    ),
    (
        "YAML: a link in a plain text over several lines is located at the link",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                "definition: The operating system\n\n        inside, see [it](nope.md).",
            )
        },
        "",
        "content/glossary.yml:8:26: term 'guest-os': link 'nope.md' leads to no page (no "
        "nope.md in the content)",
    ),
    (
        "YAML: a link in a single-quoted text with a quote is located at the link",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                "definition: 'The instance''s\n      operating system, see [it](nope.md).'",
            )
        },
        "",
        "content/glossary.yml:7:34: term 'guest-os': link 'nope.md' leads to no page (no "
        "nope.md in the content)",
    ),
    (
        "YAML: a link in a double-quoted text over several lines is located at the link",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                'definition: "The AWS side,\n      see [it](nope.md)."',
            )
        },
        "",
        "content/glossary.yml:7:16: term 'guest-os': link 'nope.md' leads to no page (no "
        "nope.md in the content)",
    ),
    (
        "control character written as an entity in a link (the parser decodes it)",
        {"index.md": "# Home\n\nSee [x](java&#x09;script:alert(1)).\n"},
        "",
        f"content/index.md:3:9: link 'java&#x09;script:alert(1)' {UNSAFE}",
    ),
    (
        "address in angle brackets, read as one link (not also an autolink)",
        {"index.md": "# Home\n\nSee [x](<javascript:alert(1)>).\n"},
        "",
        f"content/index.md:3:10: link 'javascript:alert(1)' {UNSAFE}",
    ),
    (
        "a line break in a link is shown escaped in the message",
        {"index.md": "# Home\n\nSee [x](java%0Ascript:alert(1)).\n"},
        "",
        "content/index.md:3:9: link 'java%0Ascript:alert(1)' leads to no file (no "
        "java\\nscript:alert(1) in the content)",
    ),
    (
        "an invisible character in a link is shown escaped in the message",
        {"index.md": "# Home\n\nSee [x](/\u200b/evil.example).\n"},
        "",
        "content/index.md:3:9: link '/\\u200b/evil.example' starts with '/', which breaks when "
        "the site is served from a sub-path; write it relative to this file",
    ),
    # Addresses are read as Python-Markdown reads them: balanced parentheses, the `<...>`
    # form and a title; a pattern of the check's own stopped at the first ')'.
    (
        "an address with parentheses is shown whole",
        {"index.md": "# Home\n\nSee [x](notes_(draft).md).\n"},
        "",
        "content/index.md:3:9: link 'notes_(draft).md' leads to no page (no notes_(draft).md in "
        "the content)",
    ),
    (
        "an address in angle brackets with parentheses, a space and a title",
        {"index.md": '# Home\n\nSee [x](<my notes (draft).md> "Draft (old)").\n'},
        "",
        "content/index.md:3:10: link 'my notes (draft).md' leads to no page (no my notes "
        "(draft).md in the content)",
    ),
    (
        "YAML: an address with parentheses, located at the link",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                "definition: >-\n      The operating system,\n      see [it](os_(guest).md).",
            )
        },
        "",
        "content/glossary.yml:8:16: term 'guest-os': link 'os_(guest).md' leads to no page (no "
        "os_(guest).md in the content)",
    ),
    (
        "a long address that leads to no file is shortened, in the link and the file it names",
        {"index.md": "# Home\n\nSee [x](x/" + "c" * 150 + ").\n"},
        "",
        "content/index.md:3:9: link 'x/" + "c" * 58 + "...' (152 characters) leads to no file "
        "(no x/" + "c" * 58 + "... (152 characters) in the content)",
    ),
    (
        "a long anchor a page lacks is shortened",
        {"index.md": "# Home\n\nSee [x](#" + "b" * 200 + ").\n"},
        "",
        "content/index.md:3:9: link '#" + "b" * 59 + "...' (201 characters): this page has no "
        "anchor '#" + "b" * 59 + "...' (201 characters) (headings, {: #id } and the items a page "
        "shows make its anchors)",
    ),
    (
        "a YAML file's page that names the wrong file",
        {"glossary.md": "# Glossary\n\n```srm\nglosary.yml\n```\n"},
        "",
        "content/glossary.md:4:1: shows unknown file 'glosary.yml'; this page is the one beside "
        "glossary.yml, which it must show: name 'glossary.yml' here",
    ),
    (
        "a YAML file's page that names another YAML file",
        {"glossary.md": "# Glossary\n\n```srm\nsources.yml\n```\n"},
        "",
        "content/glossary.md:4:1: shows 'sources.yml', which is shown on its own page, "
        "sources.md; this page is the one beside glossary.yml, which it must show: name "
        "'glossary.yml' here",
    ),
    (
        "prose link to a YAML file, which is not published",
        {"index.md": "# Home\n\nSee [x](quizzes/basics.yml).\n\n```srm\nec2-patching\n```\n"},
        "",
        "content/index.md:3:9: link 'quizzes/basics.yml' leads to a YAML file, which is data for "
        "pages and is not published; link to a page that shows its items: quizzes/basics.md, "
        "index.md",
    ),
    (
        "a file named like Vim's probe but not one",
        {"4914": "x"},
        "",
        f"content/4914:1:1: a file without a suffix {ONLY_FILES}",
    ),
    (
        "a backup suffix no editor leaves behind",
        {"idea.md.bak": "x"},
        "",
        f"content/idea.md.bak:1:1: a .bak file {ONLY_FILES}",
    ),
    (
        "a link named like Emacs's lock that leads to a file",
        {".#idea.md": "->/etc/passwd"},
        "",
        f"content/.#idea.md:1:1: {SYMLINK}",
    ),
    # --- attribute lists ------------------------------------------------------------------
    (
        "attribute list with an href",
        {"index.md": '# Home\n\npara\n{: href="javascript:x" }\n'},
        "",
        f"content/index.md:4:1: 'href=\"javascript:x\"' {ATTRS}",
    ),
    (
        "attribute list with a handler and a style",
        {"index.md": '# Home\n\npara\n{: onclick="x" style="position:fixed;inset:0" }\n'},
        "",
        f"content/index.md:4:1: 'onclick=\"x\"' {ATTRS}",
    ),
    # Attribute lists are read as the attr_list extension reads them (its own scanner):
    # a quoted value with spaces is one value, and escapes are undone as Markdown undoes
    # them before the extension sees the list; messages quote what the author wrote.
    (
        "attribute list with a quoted value holding spaces",
        {"index.md": '# Home\n\npara\n{: .note title="a b" }\n'},
        "",
        f"content/index.md:4:1: 'title=\"a b\"' {ATTRS}",
    ),
    (
        "attribute list with a single-quoted value holding spaces after a class",
        {"index.md": "# Home\n\npara\n{: .x title='x y' }\n"},
        "",
        f"content/index.md:4:1: \"title='x y'\" {ATTRS}",
    ),
    (
        "attribute list with an escaped id, quoted as written",
        {"index.md": "# Home\n\npara\n{: #a\\.b }\n"},
        "",
        "content/index.md:4:1: '#a\\.b' is not a plain id: use letters, digits, '-' and '_'",
    ),
    (
        "attribute list with a theme's id written with escapes (the page gets '__config')",
        {"index.md": "# Home\n\n## Two {: #\\_\\_config }\n"},
        "",
        f"content/index.md:3:1: the id '__config' is reserved: {THEME_ID}",
    ),
    (
        "attribute list with an id the client looks up",
        {"index.md": "# Home\n\n## Study {: #srm }\n"},
        "",
        f"content/index.md:3:1: the id 'srm' {CLIENT_GLOBAL}",
    ),
    (
        "fenced code with an id the client looks up",
        {"index.md": "# Home\n\n- item\n\n    ```{.text #srm}\n    x\n    ```\n"},
        "",
        f"content/index.md:5:1: the id 'srm' {CLIENT_GLOBAL}",
    ),
    (
        "attribute list with an item's anchor",
        {"index.md": "# Home\n\npara\n{: #srm-guest-os }\n"},
        "",
        "content/index.md:4:1: the id 'srm-guest-os' is reserved: it is the anchor of the item "
        "'guest-os' (links to '#srm-<id>' lead to items)",
    ),
    (
        "attribute list with the id of an item's part",
        {"index.md": "# Home\n\npara\n{: #srm-ec2-patching--a }\n"},
        "",
        "content/index.md:4:1: the id 'srm-ec2-patching--a' is reserved: the site's components "
        "use it for the parts of an item (srm-<id>--<option or row>, in the templates)",
    ),
    (
        "fenced code with the theme's id, in a YAML block field",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                "definition: |-\n      Inside.\n\n      ```{.text #__config}\n      x\n      ```",
            )
        },
        "",
        f"content/glossary.yml:9:7: term 'guest-os': the id '__config' is reserved: {THEME_ID}",
    ),
    (
        "fenced code with an event handler",
        {"index.md": '# Home\n\n```{.text onclick="x"}\nx\n```\n'},
        "",
        "content/index.md:3:1: 'onclick=\"x\"' is not allowed on fenced code: only an #id, "
        ".classes and hl_lines, linenums, title are",
    ),
    (
        "an escaped backslash in an address: a path from the root, as a browser reads it",
        {"index.md": "# Home\n\n[z](\\\\evil.example)\n"},
        "",
        "content/index.md:3:5: link '\\\\evil.example' starts with '/', which breaks when the "
        "site is served from a sub-path; write it relative to this file",
    ),
    (
        "fenced code with a quoted value holding spaces",
        {"index.md": '# Home\n\n```{.text title="a b" data-x="c d"}\nx\n```\n'},
        "",
        "content/index.md:3:1: 'data-x=\"c d\"' is not allowed on fenced code: only an #id, "
        ".classes and hl_lines, linenums, title are",
    ),
    (
        "attribute list with the theme's id",
        {"index.md": "# Home\n\npara\n{: #__config }\n"},
        "",
        f"content/index.md:4:1: the id '__config' is reserved: {THEME_ID}",
    ),
    # --- check clean means the build succeeds ------------------------------------------------
    (
        "page left out of the nav",
        {"orphan.md": "# Orphan\n"},
        NAV,
        "content/orphan.md:1:1: the page orphan.md is not in the nav of mkdocs.yml; add it "
        "there (the strict build fails on a page left out)",
    ),
    (
        "nav entry that names no page",
        {},
        NAV + "  - Gone: gone.md\n",
        "mkdocs.yml:13:11: nav names 'gone.md', which no content makes",
    ),
    (
        "embed id inside front matter's lines is not an embed",
        {"index.md": "---\ntitle: Home\n---\n# Home\n\n```srm\nquiz-basic\n```\n"},
        "",
        "content/index.md:7:1: embeds unknown item 'quiz-basic'; did you mean 'quiz-basics'?",
    ),
    (
        "unknown embed id in a list item",
        {"index.md": "# Home\n\n- item\n\n    ```srm\n    quiz-basic\n    ```\n"},
        "",
        "content/index.md:6:5: embeds unknown item 'quiz-basic'; did you mean 'quiz-basics'?",
    ),
    (
        "unknown embed id in an admonition",
        {"index.md": "# Home\n\n!!! note\n\n    ```srm\n    quiz-basic\n    ```\n"},
        "",
        "content/index.md:6:5: embeds unknown item 'quiz-basic'; did you mean 'quiz-basics'?",
    ),
    (
        "unknown embed id in a block quote",
        {"index.md": "# Home\n\n> ```srm\n> quiz-basic\n> ```\n"},
        "",
        "content/index.md:4:3: embeds unknown item 'quiz-basic'; did you mean 'quiz-basics'?",
    ),
    (
        "unknown embed id in a content tab",
        {"index.md": '# Home\n\n=== "A"\n\n    ```srm\n    quiz-basic\n    ```\n'},
        "",
        "content/index.md:6:5: embeds unknown item 'quiz-basic'; did you mean 'quiz-basics'?",
    ),
    (
        "unknown embed id in a fence written with braces",
        {"index.md": "# Home\n\n```{.srm}\nquiz-basic\n```\n"},
        "",
        "content/index.md:4:1: embeds unknown item 'quiz-basic'; did you mean 'quiz-basics'?",
    ),
    (
        "link to an item anchor the page does not have",
        {
            "index.md": "# Home\n\nSee [it](glossary.md#srm-guest-os) and "
            "[x](glossary.md#srm-nope).\n"
        },
        "",
        "content/index.md:3:44: link 'glossary.md#srm-nope': glossary.md shows no item 'nope' "
        "(anchors '#srm-<id>' lead to the items a page shows)",
    ),
    (
        "prose link to a missing heading anchor on another page",
        {
            "idea.md": "# The idea\n\n## Who owns what\n",
            "index.md": "# Home\n\nSee [x](idea.md#nope).\n",
        },
        NAV + "  - Idea: idea.md\n",
        f"content/index.md:3:9: link 'idea.md#nope': idea.md {NO_ANCHOR.format('nope')}",
    ),
    (
        "prose link to a missing heading anchor on the same page",
        {"index.md": "# Home\n\n## Part one\n\nSee [x](#part-one) and [y](#part-two).\n"},
        "",
        f"content/index.md:5:28: link '#part-two': this page {NO_ANCHOR.format('part-two')}",
    ),
    (
        "reference link to a missing heading anchor",
        {"idea.md": "# The idea\n", "index.md": "# Home\n\nSee [x][r].\n\n[r]: idea.md#nope\n"},
        NAV + "  - Idea: idea.md\n",
        f"content/index.md:5:6: link 'idea.md#nope': idea.md {NO_ANCHOR.format('nope')}",
    ),
    (
        "YAML: link to a missing heading anchor",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.", "inside an instance; see [home](index.md#nope)."
            )
        },
        "",
        f"content/glossary.yml:6:69: term 'guest-os': link 'index.md#nope': index.md "
        f"{NO_ANCHOR.format('nope')}",
    ),
    (
        "heading anchor that is an embedded item's id",
        {"index.md": "# Home\n\n## SRM ec2 patching\n\n```srm\nquiz-basics\n```\n"},
        "",
        "content/index.md:3:4: the heading anchor '#srm-ec2-patching' is also the id of an "
        "embedded item's element; give the heading another anchor",
    ),
    (
        "setext heading whose anchor is an embedded item's id (seen on the element tree)",
        {"index.md": "# Home\n\nSRM ec2 patching\n----------------\n\n```srm\nquiz-basics\n```\n"},
        "",
        "content/index.md:3:1: the heading anchor '#srm-ec2-patching' is also the id of an "
        "embedded item's element; give the heading another anchor",
    ),
    (
        "heading in an admonition whose anchor is an embedded item's id",
        {"index.md": "# Home\n\n!!! note\n\n    ## SRM ec2 patching\n\n```srm\nquiz-basics\n```\n"},
        "",
        "content/index.md:5:8: the heading anchor '#srm-ec2-patching' is also the id of an "
        "embedded item's element; give the heading another anchor",
    ),
    (
        "link to a part an item does not have",
        {
            "index.md": "# Home\n\nSee [a](quizzes/basics.md#srm-ec2-patching--a) and "
            "[z](quizzes/basics.md#srm-ec2-patching--z).\n"
        },
        "",
        "content/index.md:3:56: link 'quizzes/basics.md#srm-ec2-patching--z': the item "
        "'ec2-patching' has no part 'z' (anchors '#srm-<id>--<part>' lead to an item's options, "
        "sort items and table rows)",
    ),
    (
        "YAML: link to a part an item does not have",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.",
                "inside an instance; see [it](quizzes/basics.md#srm-ec2-patching--true).",
            )
        },
        "",
        "content/glossary.yml:6:67: term 'guest-os': link "
        "'quizzes/basics.md#srm-ec2-patching--true': the item 'ec2-patching' has no part 'true' "
        "(anchors '#srm-<id>--<part>' lead to an item's options, sort items and table rows)",
    ),
    (
        "YAML: '#x' alone names an anchor of the file's own page, which has none",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.", "inside an instance; see [below](#nope)."
            ),
            "index.md": "# Home\n\n```srm\nguest-os\n```\n",
        },
        "",
        "content/glossary.yml:6:70: term 'guest-os': link '#nope': glossary.md, this file's "
        f"page, {NO_ANCHOR.format('nope')}",
    ),
    (
        "YAML: '#srm-x' alone names an item the file's own page does not show",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.", "inside an instance; see [it](#srm-ec2-patching)."
            ),
        },
        "",
        "content/glossary.yml:6:67: term 'guest-os': link '#srm-ec2-patching': glossary.md "
        "shows no item 'ec2-patching' (anchors '#srm-<id>' lead to the items a page shows)",
    ),
    (
        "link to a heading a YAML file's intro does not have",
        {
            "glossary.yml": GLOSSARY.replace(
                "title: Glossary\n", "title: Glossary\nintro: |\n  ## Why terms\n\n  Words.\n"
            ),
            "index.md": "# Home\n\nSee [x](glossary.md#why-terms) and [y](glossary.md#why-not).\n",
        },
        "",
        "content/index.md:3:40: link 'glossary.md#why-not': glossary.md "
        + NO_ANCHOR.format("why-not"),
    ),
    (
        "heading in a YAML file's intro whose anchor is a component's id",
        {
            "glossary.yml": GLOSSARY.replace(
                "title: Glossary\n", "title: Glossary\nintro: |\n  ## SRM bank\n\n  Words.\n"
            ),
        },
        "",
        "content/glossary.yml:4:6: the heading anchor 'srm-bank' is reserved: the site's "
        "components use it for the study bank's headings (file-tools-end.html.jinja); reword the "
        "heading or give it an anchor with {: #id }",
    ),
    # A YAML file's intro is rendered with the prose pages' extensions (attr_list too),
    # and its attribute lists are judged by their rules. Without attr_list, the page never
    # had the ids the check counted: a link to one failed the strict build.
    (
        "reserved id given in a YAML file's intro",
        {"glossary.yml": GLOSSARY.replace("title: Glossary\n", intro_with("## X {: #srm }"))},
        "",
        f"content/glossary.yml:5:3: the id 'srm' {CLIENT_GLOBAL}",
    ),
    (
        "event handler in an attribute list of a YAML file's intro",
        {
            "glossary.yml": GLOSSARY.replace(
                "title: Glossary\n", intro_with("{: onclick=alert(1) }")
            )
        },
        "",
        f"content/glossary.yml:5:3: 'onclick=alert(1)' {ATTRS}",
    ),
    (
        "style in an attribute list of a YAML file's intro",
        {
            "glossary.yml": GLOSSARY.replace(
                "title: Glossary\n", intro_with('{: style="position:fixed;inset:0" }')
            )
        },
        "",
        f"content/glossary.yml:5:3: 'style=\"position:fixed;inset:0\"' {ATTRS}",
    ),
    (
        "an attribute list deep in a YAML file's intro is located where it stands",
        {
            "glossary.yml": GLOSSARY.replace(
                "title: Glossary\n",
                "title: Glossary\nintro: |\n  Words.\n\n  ## Why\n\n  More words,\n"
                '  and more.\n  {: .note title="a b" }\n',
            )
        },
        "",
        f"content/glossary.yml:10:3: 'title=\"a b\"' {ATTRS}",
    ),
    (
        "an item's anchor given in a YAML file's intro",
        {"glossary.yml": GLOSSARY.replace("title: Glossary\n", intro_with("{: #srm-guest-os }"))},
        "",
        "content/glossary.yml:5:3: the id 'srm-guest-os' is reserved: it is the anchor of the "
        "item 'guest-os' (links to '#srm-<id>' lead to items)",
    ),
    (
        "YAML: a list nested 500 deep on one line (1 KB; the parser's recursion limit)",
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.",
                "definition: |\n      The operating system.\n\n      " + "- " * 500 + "x",
            )
        },
        "",
        "content/glossary.yml:6:17: term 'guest-os': a line starts with more than 200 spaces, "
        "list and quote markers, which the Markdown parser nests past Python's recursion limit; "
        "nest less",
    ),
    (
        "prose: a list nested 500 deep on one line",
        {"index.md": "# Home\n\n" + "- " * 500 + "x\n"},
        "",
        "content/index.md:3:1: a line starts with more than 200 spaces, list and quote markers, "
        "which the Markdown parser nests past Python's recursion limit; nest less",
    ),
    (
        "heading whose anchor is the theme's settings script",
        {"index.md": "# Home\n\n## __config\n"},
        "",
        f"content/index.md:3:4: the heading anchor '__config' is reserved: {THEME_ID}; reword "
        "the heading or give it an anchor with {: #id }",
    ),
    (
        "one id given to two elements",
        {"index.md": "# Home\n\nOne.\n{: #dup }\n\n## Two {: #dup }\n"},
        "",
        "content/index.md:6:11: the id 'dup' is given to more than one element of this page; an "
        "id names one element (a link to it leads to the first): give each its own",
    ),
    (
        "an attribute list in an intro with an indentation indicator (|2), at its line",
        {
            "glossary.yml": GLOSSARY.replace(
                "title: Glossary\n",
                "title: Glossary\nintro: |2\n    Para.\n    {: .md-x }\n",
            ),
        },
        "",
        "content/glossary.yml:5:5: the class 'md-x' belongs to the theme or the components",
    ),
    (
        "one id given to two elements of a YAML file's intro",
        {
            "glossary.yml": GLOSSARY.replace(
                "title: Glossary\n",
                "title: Glossary\nintro: |\n  One.\n  {: #dup }\n\n  Two.\n  {: #dup }\n",
            ),
        },
        "",
        "content/glossary.yml:8:6: the id 'dup' is given to more than one element of this page; "
        "an id names one element (a link to it leads to the first): give each its own",
    ),
    (
        "heading with emphasis whose anchor is a component's id (located at the heading)",
        {"index.md": "# Home\n\nText.\n\n## *SRM* bank\n"},
        "",
        "content/index.md:5:4: the heading anchor 'srm-bank' is reserved: the site's components "
        "use it for the study bank's headings (file-tools-end.html.jinja); reword the heading "
        "or give it an anchor with {: #id }",
    ),
    (
        "heading with code in a YAML file's intro whose anchor is a component's id",
        {
            "glossary.yml": GLOSSARY.replace(
                "title: Glossary\n",
                "title: Glossary\nintro: |\n  Words.\n\n  ## `srm` bank\n",
            ),
        },
        "",
        "content/glossary.yml:6:6: the heading anchor 'srm-bank' is reserved: the site's "
        "components use it for the study bank's headings (file-tools-end.html.jinja); reword the "
        "heading or give it an anchor with {: #id }",
    ),
    (
        "heading whose anchor is a component's id",
        {"index.md": "# Home\n\n## SRM bank\n"},
        "",
        "content/index.md:3:4: the heading anchor 'srm-bank' is reserved: the site's components "
        "use it for the study bank's headings (file-tools-end.html.jinja); reword the heading "
        "or give it an anchor with {: #id }",
    ),
    (
        "heading whose anchor is an item's, on a page that does not show it",
        {"index.md": "# Home\n\n## SRM guest OS\n"},
        "",
        "content/index.md:3:4: the heading anchor 'srm-guest-os' is reserved: it is the anchor "
        "of the item 'guest-os' (links to '#srm-<id>' lead to items); reword the heading or "
        "give it an anchor with {: #id }",
    ),
    # --- limits ---------------------------------------------------------------------------
    (
        "block sequence 500 deep",
        {
            "glossary.yml": GLOSSARY
            + "    aliases:\n"
            + "".join("      " + "  " * i + "-\n" for i in range(500))
        },
        "",
        "content/glossary.yml:27:43: nested more than 20 levels deep; content needs far fewer",
    ),
    (
        "18 KB of nested brackets",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.", '"' + "[" * 9000 + "]" * 9000 + '"'
            )
        },
        "",
        "content/glossary.yml:6:17: term 'guest-os': more than 500 '[' in one text; split it up",
    ),
    (
        "brackets nested deep in prose",
        {"index.md": "# Home\n\n" + "[" * 20 + "x" + "]" * 20 + "\n"},
        "",
        "content/index.md:3:9: brackets '[' nested more than 8 deep; write them as \\[ if they "
        "are text",
    ),
    (
        "NUL written as a YAML escape",
        {"glossary.yml": GLOSSARY.replace("term: Guest OS", 'term: "Guest\\0OS"')},
        "",
        "content/glossary.yml:5:11: control character U+0000 is not allowed; delete it",
    ),
    (
        "backspace in YAML",
        {"glossary.yml": GLOSSARY.replace("term: Guest OS", "term: Guest\bOS")},
        "",
        "content/glossary.yml:5:16: control character U+0008 is not allowed; delete it",
    ),
    (
        "prose page over a megabyte",
        {"index.md": "# Home\n\n" + "word " * 210_000},
        "",
        "content/index.md:1:1: file is 1,050,008 bytes; the limit is 1,048,576",
    ),
    (
        "control character in prose",
        {"index.md": "# Home\n\nA \x07 bell.\n"},
        "",
        "content/index.md:3:3: control character U+0007 is not allowed; delete it",
    ),
    (
        "900 KB invalid id",
        {"glossary.yml": GLOSSARY.replace("id: guest-os", "id: " + "X" * 900_000)},
        "",
        "content/glossary.yml:4:9: term '" + "X" * 60 + "...' (900,000 characters): field "
        "'id': is longer than 80 characters",
    ),
    (
        "admonition in a field shown inline",
        {
            "quizzes/basics.yml": quiz().replace(
                "text: AWS, feedback:", 'text: "!!! note\\n    AWS", feedback:'
            )
        },
        "",
        "content/quizzes/basics.yml:12:27: option 'a': 'text' is shown inline, so it cannot "
        "hold an admonition; write one paragraph, or move the block to a feedback or explanation",
    ),
    (
        "fenced code in a field shown inline",
        {
            "quizzes/basics.yml": quiz().replace(
                "prompt: Who patches the guest OS of an EC2 instance?",
                "prompt: |-\n          Who?\n\n          ```sh\n          ls\n          ```",
            )
        },
        "",
        "content/quizzes/basics.yml:10:17: question 'ec2-patching': 'prompt' is shown inline, so "
        "it cannot hold fenced code; write one paragraph, or move the block to a feedback or "
        "explanation",
    ),
    # --- what the rendered page holds, wherever the source hides it ------------------
    # Python-Markdown, not a pattern, decides what is code, a heading or an attribute list.
    (
        "a line superfences does not take for a fence hides nothing: reserved id",
        {"index.md": "# Home\n\n``` a: b\n\nText\n{: #srm }\n"},
        "",
        f"content/index.md:6:4: the id 'srm' {CLIENT_GLOBAL}",
    ),
    (
        "a line superfences does not take for a fence hides nothing: missing page",
        {"index.md": "# Home\n\n``` a: b\n\n[x](missing.md)\n"},
        "",
        "content/index.md:5:5: link 'missing.md' leads to no page (no missing.md in the content)",
    ),
    (
        "a line superfences does not take for a fence hides nothing: #__config on a heading",
        {"index.md": "# Home\n\n``` a: b\n\n## Hi {: #__config }\n"},
        "",
        f"content/index.md:5:10: the id '__config' is reserved: {THEME_ID}",
    ),
    (
        "backticks in two paragraphs are no code span: heading",
        {"index.md": "# Home\n\nA ` tick.\n\n## __search\n\nAnother ` tick.\n"},
        "",
        f"content/index.md:5:4: the heading anchor '__search' is reserved: {THEME_ID}; "
        "reword the heading or give it an anchor with {: #id }",
    ),
    (
        "backticks in two paragraphs are no code span: attribute",
        {"index.md": "# Home\n\na ` b\n\nPara\n{: data-md-state=x }\n\nc ` d\n"},
        "",
        f"content/index.md:6:4: 'data-md-state=x' {ATTRS}",
    ),
    (
        "backticks in two paragraphs are no code span: anchor",
        {"index.md": "# Home\n\na ` b\n\n[x](#nowhere)\n\nc ` d\n"},
        "",
        "content/index.md:5:5: link '#nowhere': this page " + NO_ANCHOR.format("nowhere"),
    ),
    (
        "escaped backticks",
        {
            "index.md": "# Home\n\nA \\` tick.\n\nPara\n{: data-md-component=x }\n\n"
            "Another \\` tick.\n"
        },
        "",
        f"content/index.md:6:4: 'data-md-component=x' {ATTRS}",
    ),
    (
        "heading without a space",
        {"index.md": "# Home\n\n#__search\n"},
        "",
        f"content/index.md:3:2: the heading anchor '__search' is reserved: {THEME_ID}; "
        "reword the heading or give it an anchor with {: #id }",
    ),
    (
        "setext heading",
        {"index.md": "# Home\n\nSRM tip\n-------\n"},
        "",
        "content/index.md:3:1: the heading anchor 'srm-tip' is reserved: the site's components "
        "use it for the glossary's tooltip (srm-tip.js); reword the heading or give it an anchor "
        "with {: #id }",
    ),
    (
        "heading in a block quote",
        {"index.md": "# Home\n\n> ## __drawer\n"},
        "",
        f"content/index.md:3:6: the heading anchor '__drawer' is reserved: {THEME_ID}; "
        "reword the heading or give it an anchor with {: #id }",
    ),
    (
        "heading in a list item",
        {"index.md": "# Home\n\n- ## SRM reset title\n"},
        "",
        "content/index.md:3:6: the heading anchor 'srm-reset-title' is reserved: the site's "
        "components use it for the progress bar's reset dialog (progress.html.jinja); reword "
        "the heading or give it an anchor with {: #id }",
    ),
    (
        "heading in an admonition",
        {"index.md": "# Home\n\n!!! note\n\n    ## __consent\n"},
        "",
        f"content/index.md:5:8: the heading anchor '__consent' is reserved: {THEME_ID}; "
        "reword the heading or give it an anchor with {: #id }",
    ),
    # --- what would exhaust or stall the Markdown parser (limits.py) --------------------
    (
        "emphasis marks deep enough for a RecursionError",
        {"index.md": "# Home\n\n" + "*" * 2000 + "a" + "*" * 2000 + "\n"},
        "",
        "content/index.md:3:1: 2,000 '*' in a row; Markdown needs at most 100 (longer runs "
        "exhaust the parser); shorten the run",
    ),
    (
        "braces in a heading, one over the limit (20,000 took 12 s)",
        {"index.md": "# Home\n\n## a " + "{ " * 101 + "\n"},
        "",
        "content/index.md:3:206: more than 100 '{' on one line, which the Markdown parser "
        "takes too long on; split the line",
    ),
    (
        "emphasis marks deep enough for a RecursionError, in YAML",
        {
            "glossary.yml": GLOSSARY.replace(
                "inside an instance.", '"' + "*" * 2000 + "a" + "*" * 2000 + '"'
            )
        },
        "",
        "content/glossary.yml:6:17: term 'guest-os': 2,000 '*' in a row; Markdown needs at "
        "most 100 (longer runs exhaust the parser); shorten the run",
    ),
    (
        "backslashes in a paragraph, one over the limit (300,000 took 62 s)",
        {"index.md": "# Home\n\n" + "\\" * 1001 + "\n"},
        "",
        "content/index.md:3:1001: more than 1,000 backslashes in one paragraph, which the "
        "Markdown parser takes too long on; split it up",
    ),
    # --- an item shown twice on one page repeats its element ids ------------------------
    # An item is shown by its own embed, its quiz's, its file's block and, on a tools
    # file's page, the study bank; the second on a page is refused where it is written.
    (
        "an item embedded on a page that embeds its quiz",
        {"index.md": "# Home\n\n```srm\nquiz-basics\n```\n\n```srm\nec2-patching\n```\n"},
        "",
        "content/index.md:8:1: question 'ec2-patching' is already shown on this page by quiz "
        "'quiz-basics' (line 4)",
    ),
    (
        "a quiz embedded on a page that embeds one of its questions",
        {
            "index.md": "# Home\n\n```srm\nec2-patching\n```\n\n- x\n\n"
            "    ```srm\n    quiz-basics\n    ```\n"
        },
        "",
        "content/index.md:10:5: quiz 'quiz-basics' shows question 'ec2-patching', which is "
        "already shown on this page by its own embed (line 4)",
    ),
    (
        "a quiz embedded twice on one page",
        {"index.md": "# Home\n\n```srm\nquiz-basics\n```\n\n```srm\nquiz-basics\n```\n"},
        "",
        "content/index.md:8:1: embeds 'quiz-basics' twice on one page",
    ),
    (
        "an item embedded on the page that shows its file",
        {"quizzes/basics.md": "```srm\nbasics.yml\n```\n\n```srm\nec2-patching\n```\n"},
        "",
        "content/quizzes/basics.md:6:1: question 'ec2-patching' is already shown on this page by "
        "the file 'basics.yml' (line 2)",
    ),
    (
        "a quiz embedded on the study page, whose bank shows every question",
        {"study.yml": TOOLS, "study.md": "```srm\nstudy.yml\n```\n\n```srm\nquiz-basics\n```\n"},
        "",
        "content/study.md:6:1: quiz 'quiz-basics' shows question 'ec2-patching', which is already "
        "shown on this page by the study bank of 'study.yml' (line 2)",
    ),
    (
        "the study bank after a question embedded on its page",
        {"study.yml": TOOLS, "study.md": "```srm\nec2-patching\n```\n\n```srm\nstudy.yml\n```\n"},
        "",
        "content/study.md:6:1: the file 'study.yml' shows question 'ec2-patching', which is "
        "already shown on this page by its own embed (line 2)",
    ),
    # --- a fill-in's sentence is read and rendered whole --------------------------------
    # It was rendered piece by piece between its gaps, so a code span opened before a gap
    # and closed after it hid from the check what the page then showed live.
    (
        "fill-in: a code span across a gap hid a javascript: link and an off-site image",
        fill_in(
            "'`x [[g1]] [evil](javascript:alert(1)) ![i](https://evil.example/x.png) y`'",
            FILL_GAP,
        ),
        "",
        f"{FILL_AT} gap 'g1' stands in a code span (code is shown as written), where no gap "
        "can go; put '[[g1]]' in the sentence's running text",
    ),
    (
        "fill-in: links on both sides of a gap are checked as the page renders them",
        fill_in("'[a](https://aws.amazon.com/) [[g1]] ![i](https://evil.example/x.png)'", FILL_GAP),
        "",
        f"{FILL_AT} image 'https://evil.example/x.png' {CSP_IMAGE}",
    ),
    (
        "fill-in: an image the marker's brackets hid from the pattern, rendered whole",
        fill_in('"See ![a][[g1]]\\n\\n[a]: https://evil.example/x.png"', FILL_GAP),
        "",
        f"{FILL_AT} image 'https://evil.example/x.png' {CSP_IMAGE}",
    ),
    (
        "fill-in: a gap in a link's text",
        fill_in("'Read [the model [[g1]] AWS](https://aws.amazon.com/).'", FILL_GAP),
        "",
        f"{FILL_AT} gap 'g1' stands in a link's text (a control inside a link cannot be "
        "used), where no gap can go; put '[[g1]]' in the sentence's running text",
    ),
    (
        "fill-in: a gap in an image's address",
        fill_in("'Security [[g2]] ![i](x[[g1]].png)'", FILL_GAP + FILL_GAP.replace("g1", "g2")),
        "",
        f"{FILL_AT} gap 'g1' stands in a link's or an image's address or text, where no gap "
        "can go; put '[[g1]]' in the sentence's running text",
    ),
]


def _check_and_build_pass(root: Path) -> None:
    """`check` and `make build` both succeed on the project `root` (it then has its site)."""
    check = run_check(root)
    assert check.returncode == 0, check.stderr[-3000:]
    build = make_build(root)
    assert build.returncode == 0, build.stderr[-3000:]


def _project(
    root: Path, files: dict[str, str | None], config: str, extensions: str = "[attr_list]"
) -> Path:
    """A site project in `root`: the valid base content, `files` over it, a built site/."""
    links = {
        name: text
        for name, text in files.items()
        if isinstance(text, str) and text.startswith("->")
    }
    write_content(
        root, {"index.md": "# Home\n", **{k: v for k, v in files.items() if k not in links}}
    )
    for name, text in links.items():
        os.symlink(text[2:], root / "content" / name)
    (root / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: https://example.org/\ndocs_dir: content\n"
        f"theme: {{name: material, font: false, custom_dir: {ROOT / 'overrides'}}}\n"
        f"plugins: [search, srm]\nmarkdown_extensions: {extensions}\n"
        "validation: {omitted_files: warn, unrecognized_links: warn, anchors: warn}\n" + config
    )
    # `make build` needs its install stamp, newer than pyproject.toml, to skip installing.
    (root / "pyproject.toml").write_text("")
    (root / ".stamp").write_text("")
    os.utime(root / "pyproject.toml", (0, 0))
    site = root / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text("<p>the site that was there</p>\n")
    (site / "sub" / "marker.txt").write_bytes(b"marker \x00\xff")
    return root


def make_build(
    root: Path, engine: str = "mkdocs", **kwargs
) -> subprocess.Popen | subprocess.CompletedProcess:
    """`make build ENGINE=engine` of the repository's Makefile, run in the project `root`."""
    command = [
        "make",
        "--no-print-directory",
        "-f",
        str(ROOT / "Makefile"),
        "-C",
        str(root),
        "build",
        f"ENGINE={engine}",
        f"BIN={Path(sys.executable).parent}",
        "STAMP=.stamp",
        "ENGINE_STAMP=.stamp",
    ]
    if kwargs.pop("background", False):
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("files", "config", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_hostile_input_is_refused_with_its_place(tmp_path: Path, files, config, expected) -> None:
    root = _project(tmp_path, files, config)
    before = snapshot(root / "site")
    check = run_check(root)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "Traceback" not in check.stderr
    lines = [expected] if isinstance(expected, str) else list(expected)
    # Each problem once, at its own place: no copy of it elsewhere (at 1:1, or twice).
    located = [line for line in check.stderr.splitlines() if LOCATED.match(line)]
    assert located == lines, check.stderr[-3000:]
    build = make_build(root)
    assert build.returncode != 0
    assert "Traceback" not in build.stderr + build.stdout
    assert set(lines) <= set(build.stderr.splitlines()), build.stderr[-3000:]
    assert snapshot(root / "site") == before
    assert not (root / ".site.new" / "index.html").exists()


def test_yaml_text_is_mapped_to_its_columns_where_its_style_tells_them() -> None:
    """`loader.text_place` maps a character of a YAML text to its line and column for every
    scalar style (the table's rows show it in messages), and gives None, so the message
    falls back to the field's place, for a double-quoted text with an escape, where
    lengths and joins in the value tell no column."""
    import yaml

    from srm_build.loader import text_place

    text = (
        "a: |\n  one\n    [x](u)\nb: >-\n  one\n  two [x](u)\nc: plain\n  [x](u)\n"
        "d: 'it''s [x](u)'\ne: \"two\n  [x](u)\"\nf: \"\\u0041 [x](u)\"\n"
    )
    root = yaml.compose(text)
    places = {
        key.value: text_place(text, node, node.value.index("[x]")) for key, node in root.value
    }
    assert places == {
        "a": (3, 5),
        "b": (6, 7),
        "c": (8, 3),
        "d": (9, 11),
        "e": (11, 3),
        "f": None,
    }


LEFTOVERS = {
    "idea.md~": "# Idea, as it was\n",
    "#idea.md#": "# Idea, auto-saved\n",
    "4913": "",
    "5036": "",
    ".idea.md.swp": "b0VIM 9.0",
    ".#idea.md": "->user@host.4242:1700000000",
    ".DS_Store": "\0\0\0\1Bud1",
    "quizzes/basics.yml~": "kind: nothing\n",
    "quizzes/Thumbs.db": "x",
}
"""What Emacs, Vim, macOS and Windows leave in a folder they work in (`files.LEFTOVERS`);
`.#idea.md` is Emacs's lock, a symbolic link that leads nowhere."""


def test_editor_leftovers_are_neither_checked_nor_published(tmp_path: Path) -> None:
    """Editors' backup, swap and lock files in content/ stop neither `check` nor the build
    (nor `make serve`, which builds the same way), and none is published. Files of any
    other unknown type are still refused (rows of the table: `4914`, `idea.md.bak`, a
    link named like Emacs's lock that leads to a file)."""
    root = _project(tmp_path, LEFTOVERS, "")
    _check_and_build_pass(root)
    published = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*")}
    assert "index.html" in published
    assert not published & set(LEFTOVERS)


def test_a_nested_embed_is_a_link_target(tmp_path: Path) -> None:
    """An item embedded inside a list is on its page: a link to its `#srm-<id>` anchor is
    no problem, and its id is checked like a top-level one."""
    root = _project(
        tmp_path,
        {
            "index.md": "# Home\n\n- item\n\n    ```srm\n    quiz-basics\n    ```\n",
            "about.md": "# About\n\nSee [the quiz](index.md#srm-quiz-basics).\n",
        },
        "",
    )
    check = run_check(root)
    assert check.returncode == 0, check.stderr[-3000:]


def test_an_item_may_be_shown_once_on_each_of_several_pages(tmp_path: Path) -> None:
    """The rule is one showing per page, not per site: a quiz on one page, one of its
    questions on another and on its file's page, all of them in the study bank's page,
    pass the check and the strict build, and no built page repeats an id."""
    root = _project(
        tmp_path,
        {
            "index.md": "# Home\n\n```srm\nquiz-basics\n```\n",
            "about.md": "# About\n\n```srm\nec2-patching\nguest-os\n```\n",
            "study.yml": TOOLS,
        },
        "",
    )
    _check_and_build_pass(root)
    pages = list((root / "site").rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        ids = [el["id"] for el in BeautifulSoup(page.read_text(), "html.parser").select("[id]")]
        assert len(ids) == len(set(ids)), (page, sorted({i for i in ids if ids.count(i) > 1}))
    study = (root / "site" / "study" / "index.html").read_text()
    assert study.count('id="srm-ec2-patching"') == 1


def test_a_heading_that_starts_with_srm_is_free(tmp_path: Path) -> None:
    """Only the ids the components use are reserved: "SRM in practice" keeps its anchor,
    which a link may lead to, and the site builds."""
    root = _project(
        tmp_path,
        {"index.md": "# Home\n\n## SRM in practice\n\nSee [it](#srm-in-practice).\n"},
        "",
    )
    _check_and_build_pass(root)
    page = BeautifulSoup((root / "site" / "index.html").read_text(), "html.parser")
    assert page.select_one("article h2#srm-in-practice") is not None


def test_links_to_every_anchor_the_build_makes_pass(tmp_path: Path) -> None:
    """What the check counts as a page's anchors is what the strict build does: headings
    (a repeated one gets `_1`, one in an admonition too), `{: #id }`, item anchors and
    their parts, a YAML page's title; both accept the links."""
    root = _project(
        tmp_path,
        {
            "index.md": "# Home\n\n## Part\n\n## Part\n\n!!! note\n\n    ### Inside\n\n"
            "Para.\n{: #mine }\n\n```srm\nquiz-basics\n```\n\n"
            "[a](#part) [b](#part_1) [c](#inside) [d](#mine) [e](#srm-quiz-basics) "
            "[f](#srm-ec2-patching--a) [g](glossary.md#glossary) [h](glossary.md#srm-guest-os)\n",
        },
        "",
        extensions="[attr_list, admonition]",
    )
    _check_and_build_pass(root)


def test_an_escaped_address_is_judged_as_the_page_gets_it(tmp_path: Path) -> None:
    """Markdown undoes backslash escapes in addresses: `[x](\\./glossary.md)` leads to
    ./glossary.md, and `\\#` is the anchor's `#`. The check refused both (the first as
    'starts with /', the second as no file), and its pass over the parsed page quoted
    Markdown's placeholder for the escape, at 1:1."""
    links = "[x](\\./glossary.md) [y](glossary.md\\#srm-guest-os)"
    root = _project(tmp_path, {"index.md": f"# Home\n\n{links}\n"}, "")
    _check_and_build_pass(root)
    page = (root / "site" / "index.html").read_text()
    assert 'href="glossary/"' in page
    assert 'href="glossary/#srm-guest-os"' in page


def test_an_escaped_id_is_judged_as_the_page_gets_it(tmp_path: Path) -> None:
    """`{: #a\\_b }` gives the element the id `a_b` (Markdown undoes the escape before
    the page is written), a plain id: both the check and the build accept it. The check
    read the list by splitting it itself, refused `#a\\_b` as not plain, and showed
    Markdown's placeholder for the escape in a second message. (MkDocs collects anchors
    before the escape is undone, so its strict build, and the check with it, refuse a link
    to `#a_b`.)"""
    root = _project(tmp_path, {"index.md": "# Home\n\nPara.\n{: #a\\_b .note }\n"}, "")
    _check_and_build_pass(root)
    assert '<p class="note" id="a_b">' in (root / "site" / "index.html").read_text()


def test_a_fences_quoted_values_are_read_whole(tmp_path: Path) -> None:
    """A fence's `title="..."` may hold spaces and words like `data-x=y`: superfences reads
    it as one value, and so does the check (it split the braces at spaces, and refused the
    'data-x=y"' it then found)."""
    fence = '```{.text title="Step 1 data-x=y" hl_lines="1 2"}\na\nb\n```'
    root = _project(tmp_path, {"index.md": f"# Home\n\n{fence}\n"}, "")
    _check_and_build_pass(root)
    assert (
        '<span class="filename">Step 1 data-x=y</span>'
        in (root / "site" / "index.html").read_text()
    )


def test_anchors_follow_the_sites_toc_settings(tmp_path: Path) -> None:
    """Heading ids come from the `toc` settings in mkdocs.yml: with pymdownx.slugs, "Café"
    keeps its "é", so `#café` is the anchor and `#cafe` (the default slug) is not."""
    toc = "{toc: {slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}}}"
    root = _project(
        tmp_path,
        {"index.md": "# Home\n\n## Café\n\nSee [it](#café).\n"},
        "",
        extensions=f"[attr_list, {toc}]",
    )
    _check_and_build_pass(root)
    (root / "content" / "index.md").write_text("# Home\n\n## Café\n\nSee [it](#cafe).\n")
    check = run_check(root)
    assert check.returncode == 1
    assert (
        f"content/index.md:5:10: link '#cafe': this page {NO_ANCHOR.format('cafe')}"
        in check.stderr.splitlines()
    ), check.stderr


INTRO = "title: Glossary\nintro: |\n  ## Why terms\n\n  Words.\n"


def test_a_yaml_files_intro_headings_are_link_targets(tmp_path: Path) -> None:
    """The headings of a YAML file's intro get ids on its page, as a prose page's headings
    do: a link to one passes the check and the strict build, and leads to the heading. (A
    link to a heading the intro lacks is a row of the table above.)"""
    glossary = GLOSSARY.replace("title: Glossary\n", INTRO)
    root = _project(
        tmp_path,
        {"glossary.yml": glossary, "index.md": "# Home\n\nSee [x](glossary.md#why-terms).\n"},
        "",
    )
    _check_and_build_pass(root)
    page = BeautifulSoup((root / "site" / "glossary" / "index.html").read_text(), "html.parser")
    assert page.select_one("article .srm-intro h2#why-terms") is not None
    home = BeautifulSoup((root / "site" / "index.html").read_text(), "html.parser")
    assert home.select_one("article a")["href"] == "glossary/#why-terms"


def test_an_id_given_in_a_yaml_files_intro_is_a_link_target(tmp_path: Path) -> None:
    """`{: #id }` and `{: .class }` in a YAML file's intro reach its page, as in prose: a
    link to the id passes the check and the strict build (which failed when the intro's
    parser had no attr_list and the page lacked the id the check counted)."""
    glossary = GLOSSARY.replace(
        "title: Glossary\n", intro_with("{: #custom .note }") + "  ## Why {: #why }\n"
    )
    root = _project(
        tmp_path,
        {
            "glossary.yml": glossary,
            "index.md": "# Home\n\nSee [x](glossary.md#custom) and [y](glossary.md#why).\n",
        },
        "",
    )
    _check_and_build_pass(root)
    page = BeautifulSoup((root / "site" / "glossary" / "index.html").read_text(), "html.parser")
    assert page.select_one("article .srm-intro p#custom.note").get_text() == "Words."
    assert page.select_one("article .srm-intro h2#why").get_text() == "Why"
    home = BeautifulSoup((root / "site" / "index.html").read_text(), "html.parser")
    hrefs = [a["href"] for a in home.select("article a")]
    assert hrefs == ["glossary/#custom", "glossary/#why"]


def test_a_fragment_alone_in_yaml_leads_to_the_files_page(tmp_path: Path) -> None:
    """`#x` alone in YAML text names an anchor of the YAML file's own page, as every
    relative link there is relative to the file: the check judges it there, and a page
    that embeds the text links back to that page."""
    glossary = GLOSSARY.replace("title: Glossary\n", INTRO).replace(
        "inside an instance.", "inside an instance; see [why](#why-terms)."
    )
    root = _project(
        tmp_path, {"glossary.yml": glossary, "index.md": "# Home\n\n```srm\nguest-os\n```\n"}, ""
    )
    _check_and_build_pass(root)
    links = {}
    for src, path in (("glossary.md", "glossary/index.html"), ("index.md", "index.html")):
        page = BeautifulSoup((root / "site" / path).read_text(), "html.parser")
        links[src] = [a["href"] for a in page.select("article a") if a.text == "why"]
    assert links == {"glossary.md": ["#why-terms"], "index.md": ["glossary/#why-terms"]}


@pytest.mark.parametrize("which", ["fixture_site", "real_site"])
def test_part_anchors_are_the_ids_the_templates_write(which: str, request) -> None:
    """The check's `#srm-<id>--<part>` anchors (`part_ids`) are the part ids each item's
    template writes on its page, for every item of the fixture site and of the real one
    (which has every question type: a match's choices, for one, get no anchor)."""
    from conftest import FIXTURE_SITE
    from srm_build.models import page_path
    from srm_build.pipeline import load_content
    from srm_build.references import part_ids
    from srm_build.urls import url_of

    fixture_site = request.getfixturevalue(which)
    content = load_content((FIXTURE_SITE if which == "fixture_site" else ROOT) / "content")
    written: dict[str, set[str]] = {}
    checked: dict[str, set[str]] = {}
    for path, file in content.files.items():
        url = url_of(page_path(path), True)
        html = (fixture_site.root / url / "index.html").read_text(encoding="utf-8")
        for item in file.items():
            for one in item.addressable():
                found = re.findall(rf'id="srm-{re.escape(one.id)}--([^"]+)"', html)
                written[one.id] = set(found)
                checked[one.id] = set(part_ids(one))
    assert any(written.values())
    assert checked == written


@pytest.mark.parametrize("which", ["fixture_site", "real_site"])
def test_every_item_a_page_shows_is_on_it_once(which: str, request) -> None:
    """What the check holds a page to show (`items_on_pages`, and on a tools file's page
    its study bank, `file_shows`) is what the built page has: each such item's anchor
    `srm-<id>` once, and no other item's. With the check refusing an item shown twice (its
    own embed, its quiz's, its file's block, the study bank), no page repeats an item's
    ids; `test_element_ids_are_unique_on_every_page` (test_site.py, test_html.py) checks
    every id of every page besides."""
    from conftest import FIXTURE_SITE
    from srm_build.models import page_path
    from srm_build.pipeline import load_content
    from srm_build.references import file_shows, items_on_pages
    from srm_build.urls import url_of

    site = request.getfixturevalue(which)
    content = load_content((FIXTURE_SITE if which == "fixture_site" else ROOT) / "content")
    expected = {  # less the names of whole files, which a page's blocks name too
        src: {i for i in ids if i in content.by_id} for src, ids in items_on_pages(content).items()
    }
    for path, file in content.files.items():
        expected[page_path(path)].update(one.id for one in file_shows(content, file)[1])
    anchor = re.compile(r'\bid="srm-([^"]+)"')
    pages = 0
    for src in content.pages:
        html = (site.root / url_of(src, True) / "index.html").read_text(encoding="utf-8")
        found = [i for i in anchor.findall(html) if i in content.by_id]
        assert sorted(found) == sorted(expected[src]), src
        pages += bool(found)
    assert pages >= 5
    studied = {i for i, item in content.by_id.items() if item.study == "exam"}
    assert any(ids >= studied for ids in expected.values())  # the study bank's page


PHRASING_ONLY = ("p", "span", "label", "legend", "strong", "em", "code", "summary", "option")
"""Elements whose content is phrasing content (HTML Living Standard; a legend's also
headings, which no field may make either): the containers the templates put fields shown
inline in (`md_inline`)."""
BLOCKS = (
    "p, div, ul, ol, dl, li, blockquote, pre, table, h1, h2, h3, h4, h5, h6, hr, details, "
    "figure, fieldset, form, section"
)


@pytest.mark.parametrize("which", ["fixture_site", "real_site"])
def test_no_block_stands_in_an_element_shown_inline(which: str, request) -> None:
    """No built page nests a block (a paragraph, a list, a heading...) in phrasing content:
    the check refuses fields shown inline that Markdown makes more than one paragraph of
    (`markup.block_in_inline`), and the templates put blocks only where blocks may go.
    Browsers would move such a block out of its label or legend."""
    site = request.getfixturevalue(which)
    # What an option of two paragraphs made before the check refused it:
    assert _blocks_in_phrasing('<div class="md-content"><label><p>a</p><p>b</p></label></div>')
    pages = site.pages()
    found = [
        f"{path}: {where}"
        for path in pages
        for where in _blocks_in_phrasing((site.root / path).read_text(encoding="utf-8"))
    ]
    assert len(pages) > 10
    assert found == []


def test_every_field_the_templates_show_inline_is_checked_as_such() -> None:
    """Each field a unit's template passes through `md_inline` is one the check holds to
    one paragraph (`references.INLINE_FIELDS`); a table's `aws`, `customer` and `shared`
    entries reach it as `entry` (`row[column]`, `references.INLINE_ENTRIES`), and an answer
    key's `part.markdown` is a fill-in sentence."""
    from srm_build.references import INLINE_ENTRIES, INLINE_FIELDS

    shown = set()
    for template in (ROOT / "srm_build").rglob("*.jinja"):
        shown |= set(re.findall(r"(\w+) \| md_inline", template.read_text(encoding="utf-8")))
    assert {"prompt", "statement", "text"} <= shown
    assert shown - {"entry", "markdown"} <= INLINE_FIELDS
    assert {"aws", "customer", "shared"} == INLINE_ENTRIES


def _blocks_in_phrasing(html: str) -> list[str]:
    """Each block element inside a `PHRASING_ONLY` one in the page's content."""
    article = BeautifulSoup(html, "html.parser").select_one(".md-content")
    if article is None:
        return []
    return [
        f"<{inner.name}> in <{outer.name} {outer.attrs}>"
        for outer in article.select(", ".join(PHRASING_ONLY))
        for inner in outer.select(BLOCKS)
    ]


def test_markdown_too_deep_for_the_parser_is_a_located_build_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A text the Markdown parser gives up on (Python's recursion limit) stops the build
    with its place and no traceback, also when the check's limits let it through
    (bypassed here): the renderer's `RecursionError` becomes a located problem."""
    from mkdocs.exceptions import Abort

    from conftest import build_site
    from srm_build import limits, references
    from srm_build.anchors import PageIds
    from srm_build.errors import ContentError
    from srm_build.markup import render_inline
    from srm_build.pages import SitePages
    from srm_build.pipeline import load_content
    from srm_build.render import Renderer

    monkeypatch.setattr(references, "markdown_problem", lambda text: None)
    monkeypatch.setattr(limits, "_NESTING", re.compile("(?!)"))
    deep = "definition: |\n      The operating system.\n\n      " + "- " * 500 + "x"
    root = _project(
        tmp_path,
        {
            "glossary.yml": GLOSSARY.replace(
                "definition: The operating system inside an instance.", deep
            ),
            "index.md": "# Home\n\n```srm\nguest-os\n```\n",
        },
        "",
    )
    expected = (
        "content/glossary.yml:6:17: term 'guest-os': this text nests too deep for the "
        "Markdown parser (Python's recursion limit); write fewer nested lists, quotes or "
        "emphasis marks"
    )
    content = load_content(root / "content", shown_as="content")
    pages = SitePages(content, Renderer(content))
    with pytest.raises(ContentError) as raised:
        pages.embed_html("index.md", ["guest-os"])
    assert [str(problem) for problem in raised.value.problems] == [expected]
    with pytest.raises(ContentError) as raised:
        pages.file_markdown("glossary.yml", lambda html: "")
    assert [str(problem) for problem in raised.value.problems] == [expected]
    with pytest.raises(Abort):
        build_site(root / "mkdocs.yml", root / "built")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(expected in message.splitlines() for message in errors), errors
    assert not any("Traceback" in message or "RecursionError" in message for message in errors)
    # A parse cut short leaves no state behind: the next text renders as it should.
    assert render_inline("Just *one*") == "Just <em>one</em>"
    ids = PageIds()
    assert ids.inspect("# Deep\n\n" + "- " * 500 + "x\n").error is not None
    assert ids("# Home\n\n## Part\n\nJust a paragraph.\n") == {"home", "part"}


def test_the_checks_markdown_has_the_sites_block_extensions() -> None:
    """The check finds anchors with the extensions mkdocs.yml lists, but for the `srm`
    blocks' own (which render as nothing there): a block kind it did not know would hide
    headings, or make some the build does not."""
    import yaml

    from srm_build.anchors import EXTENSIONS

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    names = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    assert names - {"srm_build.markdown"} <= set(EXTENSIONS)


def test_every_id_the_components_write_is_reserved() -> None:
    """The reserved ids (srm_build.links) cover each id the templates and the client
    scripts give an element, and each name the scripts look up on `window`."""
    from srm_build.links import reserved_id_problem

    package = ROOT / "srm_build"
    written: set[str] = set()
    # Units that are package folders keep their templates and scripts beside them.
    templates = [*(package / "templates").glob("*.jinja"), *(package / "items").rglob("*.jinja")]
    for template in templates:
        text = template.read_text()
        # An id may be a variable the template sets first (`{% set control = "srm-" ~
        # item.id ~ "--" ~ entry.id %}`): its string parts, and x1 for each expression.
        names = {
            name: "".join(part.strip('"') if part.startswith('"') else "x1" for part in parts)
            for name, value in re.findall(r"\{% set (\w+) = (.*?) %\}", text)
            for parts in [[p.strip() for p in value.split("~")]]
        }
        for value in re.findall(r'(?<![\w-])id="([^"]+)"', text):
            for name, literal in names.items():
                value = value.replace("{{ " + name + " }}", literal)
            written.add(re.sub(r"\{\{.*?\}\}", "x1", value))
    files = [*(package / "assets").glob("*.js"), *(package / "items").glob("*/*.js")]
    scripts = "".join(p.read_text() for p in files)
    written.update(m + "1" for m in re.findall(r'\.id = "([^"]+)" \+', scripts))
    written.update(re.findall(r'\.id = "([^"]+)";', scripts))
    written.update(p + "x1" for p in re.findall(r'copy\(.*?"(srm-[a-z-]+)"\);', scripts))
    written.update(re.findall(r"window\.(srm[A-Za-z]*)", scripts))
    expected = {
        "srm-x1",
        "srm-x1--x1",
        "srm-bank",
        "srm-tip",
        "srm-exam-x1",
        "srm-review-x1",
        "srm",
        "srmBanks",
    }
    assert expected <= written
    free = {ident for ident in written if reserved_id_problem(ident, items={"x1"}) is None}
    assert not free, f"ids the components write that authors could also give: {free}"
    assert reserved_id_problem("srm-in-practice", items={"x1"}) is None


def test_make_build_replaces_the_site_only_when_it_succeeds(tmp_path: Path) -> None:
    root = _project(tmp_path, {}, "")
    result = make_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert (site / "index.html").read_text() != "<p>the site that was there</p>\n"
    assert not (site / "sub" / "marker.txt").exists()  # the old site is gone, not merged
    assert (site / "glossary" / "index.html").is_file()
    assert not (root / ".site.new").exists() and not (root / ".site.old").exists()


def test_a_paragraph_reading_like_a_placeholder_stays_text(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {"index.md": "# Home\n\nsrmfragment0\n\n```srm\nquiz-basics\n```\n\nsrmfragment1\n"},
        "",
    )
    assert make_build(root).returncode == 0
    html = (root / "site" / "index.html").read_text()
    assert html.count('id="srm-quiz-basics"') == 1
    assert "<p>srmfragment0</p>" in html and "<p>srmfragment1</p>" in html


def test_front_matter_title_and_description_are_escaped(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            "index.md": '---\ntitle: "A <3 \\"bold\\" & co"\n'
            'description: \'"><meta http-equiv="refresh" content="0;url=//evil.example">\'\n'
            "---\n# Home\n"
        },
        "",
    )
    result = make_build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "index.html").read_text()
    assert '<meta http-equiv="refresh"' not in html
    assert "&#34;&gt;&lt;meta http-equiv=&#34;refresh&#34;" in html
    assert "A &lt;3 &#34;bold&#34; &amp; co" in html


# --- exports ---------------------------------------------------------------------------------

HOSTILE_BANK = [
    {
        "id": "q1",
        "quiz": "quiz",
        "type": "sort",
        "prompt": '=HYPERLINK("http://evil.example") <script>x</script>',
        "source": "s",
        "buckets": ["aws", "customer"],
        "items": [
            {"id": "a", "text": "Keys -> vault", "owner": "aws", "explanation": "@SUM(1)"},
            {"id": "b", "text": "<b>Data</b> ]]> &amp;", "owner": "customer", "explanation": "-1"},
        ],
    },
    {
        "id": "q2",
        "quiz": "quiz",
        "type": "single",
        "prompt": "+1 & <img src=x onerror=alert(1)>",
        "source": "s",
        "options": [
            {"id": "a", "text": "-cmd|' /C calc'!A0", "feedback": "=1+1", "misconception": None},
            {"id": "b", "text": "B", "feedback": "<i>fine</i>", "misconception": None},
        ],
        "answer": ["a"],
        "explanation": "@x",
    },
]


def test_anki_cells_cannot_start_a_formula_nor_carry_html() -> None:
    rows = list(csv.reader(io.StringIO(export.to_anki_csv(HOSTILE_BANK))))[1:]
    for row in rows:
        for cell in row[:2]:
            assert not cell.startswith(("=", "+", "-", "@")), cell
            assert "<" not in cell and ">" not in cell, cell
    assert rows[0][0].startswith("'=HYPERLINK")
    assert "&lt;script&gt;" in rows[0][0]


def test_gift_keeps_sort_items_and_html_as_text() -> None:
    gift = export.to_gift(HOSTILE_BANK)
    assert "=Keys -&gt; vault -> AWS" in gift
    assert "<script>" not in gift and "<img" not in gift and "<b>" not in gift
    # Every matching line has exactly one separator.
    for line in gift.splitlines():
        if line.startswith("\t=") and "->" in line:
            assert line.count("->") == 1, line


def test_qti_items_are_well_formed_xml() -> None:
    package = zipfile.ZipFile(io.BytesIO(export.to_qti(HOSTILE_BANK)))
    for name in package.namelist():
        ET.fromstring(package.read(name))  # raises on malformed XML
    assert "items/q1.xml" in package.namelist()


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_publish_swaps_in_one_step(tmp_path: Path, monkeypatch, exchange: bool) -> None:
    from srm_build import publish as module
    from srm_build.publish import publish

    if not exchange:
        monkeypatch.setattr(module, "_exchange", lambda a, b: False)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.txt").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text("new")
    publish(tmp_path / "new", tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert not (tmp_path / "new").exists() and not (tmp_path / ".site.old").exists()
    shutil.rmtree(tmp_path / "site")


# --- in the browser --------------------------------------------------------------------------


@pytest.mark.browser
def test_front_matter_payload_never_runs_and_breaks_no_policy(page, tmp_path: Path) -> None:
    payload = "<script>window.__xss=1</script><img src=x onerror=window.__xss=2>"
    root = _project(
        tmp_path,
        {
            "index.md": "---\ntitle: 'Home \"> & <3'\ndescription: '\"><script>window.__xss=3"
            f"</script>'\n---\n# Home {payload}\n\nText.\n",
            "other.md": f"---\ntitle: 'Other \"> & <3'\n---\n# Other {payload}\n",
        },
        "",
    )
    result = make_build(root)
    assert result.returncode == 0, result.stderr
    server, url = serve_folder(root / "site")
    try:
        page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        for path in ("", "other/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("[data-md-component=search]").count() == 1
            assert page.evaluate("typeof window.__xss") == "undefined", path
            assert page.evaluate("window.__violations") == [], path
        assert page.title().startswith('Other "> & <3')  # shown as written
        assert page.locator("[onerror], nav img, header img").count() == 0
        assert "__xss" not in " ".join(
            page.locator("script").evaluate_all("list => list.map(s => s.text)")
        )
    finally:
        server.shutdown()


@pytest.mark.browser
def test_an_interrupted_make_build_leaves_the_previous_site_whole(page, tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "pyproject.toml").write_text("")
    (root / ".stamp").write_text("")
    os.utime(root / "pyproject.toml", (0, 0))
    assert make_build(root).returncode == 0
    before = snapshot(root / "site")
    assert "index.html" in before
    for sig in (signal.SIGINT, signal.SIGTERM):
        build = make_build(root, background=True)
        # Readiness, not time: the new build has started writing its own folder.
        while build.poll() is None and not any((root / ".site.new").glob("*.html")):
            time.sleep(0.01)  # a poll interval, not a wait for anything to happen
        assert build.poll() is None, "the build ended before it could be interrupted"
        os.killpg(build.pid, sig)
        assert build.wait(timeout=120) != 0
        assert snapshot(root / "site") == before, sig
    server, url = serve_folder(root / "site")
    try:
        page.goto(url)
        assert page.locator("article h1").first.inner_text() != ""
        page.goto(url + "data/glossary/")
        assert page.locator("article .srm-term, article dl, article h2").count() > 0
    finally:
        server.shutdown()


def test_an_image_from_the_content_folder_shows_in_yaml_text(tmp_path: Path) -> None:
    png = PNG
    root = _project(
        tmp_path,
        {"glossary.yml": GLOSSARY.replace("inside an instance.", "inside ![a box](img/box.png).")},
        "",
    )
    (root / "content" / "img").mkdir()
    (root / "content" / "img" / "box.png").write_bytes(png)
    assert make_build(root).returncode == 0
    page = root / "site" / "glossary" / "index.html"
    html = page.read_text()
    assert 'src="../img/box.png"' in html
    assert (page.parent / "../img/box.png").resolve().read_bytes() == png


def test_fenced_code_in_yaml_text_renders_as_in_prose(tmp_path: Path) -> None:
    fence = "```python\nprint('<b>')\n```"
    feedback = "Like this:\n\n" + fence + "\n\n!!! note\n    A <b>note</b>."
    root = _project(
        tmp_path,
        {
            "index.md": f"# Home\n\n{fence}\n",
            "quizzes/basics.yml": quiz().replace(
                "feedback: AWS stops at the hypervisor.",
                f"feedback: {json.dumps(feedback)}",
            ),
        },
        "",
        extensions="[attr_list, pymdownx.superfences]",
    )
    result = make_build(root)
    assert result.returncode == 0, result.stderr
    prose = BeautifulSoup((root / "site" / "index.html").read_text(), "html.parser")
    quiz_page = BeautifulSoup(
        (root / "site" / "quizzes" / "basics" / "index.html").read_text(), "html.parser"
    )
    in_prose = prose.select_one("article div.highlight")
    in_feedback = quiz_page.select_one("form#srm-ec2-patching div.highlight")
    assert in_prose is not None and in_feedback is not None
    assert str(in_feedback) == str(in_prose)
    assert in_feedback.get_text() == "print('<b>')\n"
    note = quiz_page.select_one("form#srm-ec2-patching div.admonition.note")
    assert note is not None and note.select_one("p:not(.admonition-title)").get_text() == (
        "A <b>note</b>."
    )


@pytest.mark.parametrize(
    "page",
    [
        "title: Fine\n    <b>gone</b> words\n\n# Home\n",
        "Title: a\n\tmore\ntitle: b\n    c: d\nx\n\n# Home\n",
        "---\ntitle: a\ndescription: b\n---\n# Home\n",
        "# Home\ntitle: x\n",
    ],
)
def test_front_matter_is_read_as_the_engine_reads_it(page: str) -> None:
    from mkdocs.utils.meta import get_data

    from srm_build import frontmatter
    from srm_build.loader import load_text

    meta = frontmatter.split(page)
    data = {} if meta.yaml is None else load_text(meta.yaml, "x.md").data
    assert data == get_data(page)[1]


def test_a_page_too_deep_for_the_parser_is_an_error_not_a_traceback() -> None:
    """Beyond the limits, the check's renderer turns a RecursionError into a message."""
    from srm_build.anchors import RECURSION, PageIds

    tree = PageIds().inspect("*" * 2000 + "a" + "*" * 2000)
    assert tree.error == RECURSION
    assert PageIds().inspect("**a**").error is None


def test_a_fill_in_sentence_is_rendered_whole(tmp_path: Path) -> None:
    """A fill-in's sentence is rendered as one text, as the check reads it: emphasis around
    a gap holds the gap's control, a code span and a link beside gaps stay what they are,
    and the link and image the check let through (to an item's anchor, from the content
    folder) are on the page as it judged them; the answer key's sentence is the same HTML
    with the answers in the gaps. (Piece by piece, the emphasis was two literal `*`.)"""
    text = (
        "'*Security [[g1]] the cloud* is AWS''s; `a*b` is code; see "
        "[the term](../glossary.md#srm-guest-os) and ![a box](../img/box.png) [[g2]].'"
    )
    gaps = FILL_GAP + "- {id: g2, accepted: [here]}\n"
    root = _project(tmp_path, fill_in(text, gaps), "")
    (root / "content" / "img").mkdir()
    (root / "content" / "img" / "box.png").write_bytes(PNG)
    _check_and_build_pass(root)
    html = (root / "site" / "quizzes" / "fill" / "index.html").read_text()
    page = BeautifulSoup(html, "html.parser")
    sentence = page.select_one("form#srm-fill-one .srm-fillin-text")
    assert sentence.select_one("em > select#srm-fill-one--g1") is not None
    emphasis = sentence.select_one("em").get_text(" ", strip=True)
    assert emphasis.startswith("Security Choose an answer")
    assert [c.get_text() for c in sentence.select("code")] == ["a*b"]
    assert sentence.select_one("a")["href"] == "../../glossary/#srm-guest-os"
    assert sentence.select_one("img")["src"] == "../../img/box.png"
    assert sentence.select_one("input#srm-fill-one--g2") is not None
    key = page.select_one("form#srm-fill-one .srm-key-sentence")
    assert key.select_one("em").get_text() == "Security of the cloud"
    assert " ".join(key.get_text().split()) == (
        "Security of the cloud is AWS's; a*b is code; see the term and here."
    )


def test_an_image_a_gap_hid_reaches_no_output(tmp_path: Path) -> None:
    """The off-site image a code span across a gap hid from the old check reached the
    page, the study bank's script and the exports. Now the check refuses the sentence,
    the build stops before writing any of them, and the renderer itself refuses to cut a
    sentence at a gap inside code (the last line, should a build skip the check)."""
    from srm_build.items.fillin import FillIn
    from srm_build.markup import render_slotted

    text = "'`x [[g1]] ![i](https://evil.example/x.png) y`'"
    root = _project(tmp_path, {**fill_in(text, FILL_GAP), "study.yml": TOOLS}, "")
    assert run_check(root).returncode == 1
    build = make_build(root)
    assert build.returncode != 0 and "Traceback" not in build.stderr + build.stdout
    assert f"{FILL_AT} gap 'g1' stands in a code span" in build.stderr, build.stderr[-3000:]
    written = [p for p in root.rglob("*") if p.is_file() and "content" not in p.parts]
    assert written and not [p for p in written if b"evil.example" in p.read_bytes()]
    question = FillIn.model_validate(
        {"id": "q", "type": "fill-in", "text": text[1:-1], "gaps": [{"id": "g1"}]}
    )
    with pytest.raises(ValueError, match="slots not in running text"):
        render_slotted(question.sentence(), 1)


def test_answers_in_the_answer_keys_sentence_are_text(tmp_path: Path) -> None:
    """The answer key's sentence puts each answer, as text, into the sentence rendered
    whole. It used to render the filled sentence as Markdown, so an answer could finish a
    construct the sentence began: `![i [[g1]]` with the answer `](https://evil...)` made an
    off-site image that no check saw (each text alone holds no image)."""
    text = "'See ![i [[g1]]'"
    answer = "'](https://evil.example/x.png)'"
    gaps = f"- {{id: g1, choices: [x, {answer}], accepted: [{answer}]}}\n"
    root = _project(tmp_path, fill_in(text, gaps), "")
    _check_and_build_pass(root)
    html = (root / "site" / "quizzes" / "fill" / "index.html").read_text()
    key = BeautifulSoup(html, "html.parser").select_one("form#srm-fill-one .srm-key-sentence")
    assert key.select("img") == [] and "<img" not in html
    assert key.get_text() == "See ![i ](https://evil.example/x.png)"
