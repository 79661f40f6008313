"""Hrefs of pre-filled "report a problem" issues, one per item shown on a page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus

from .models import Item
from .urls import anchor_of, url_of

ReportHref = Callable[[Item], str]
"""Turns an item into the href of a pre-filled issue about it."""


@dataclass(frozen=True)
class ReportHrefs:
    """Pre-filled "report a problem" issues on the project's GitHub repository."""

    repo_url: str
    site_url: str
    directory_urls: bool

    def for_page(self, src: str) -> ReportHref:
        """Issue hrefs for the items on page `src`: each names the item, its YAML file and
        its place on the published page."""
        page = self.site_url.rstrip("/") + "/" + url_of(src, self.directory_urls)

        def report(item: Item) -> str:
            ident = item.id
            title = f"Problem with {item.report_noun} '{ident}'"
            body = (
                f"Item: `{ident}`\nFile: `{item.where.doc.path}`\n"
                f"Page: {page}#{anchor_of(ident)}\n\n"
                "What is wrong, and which source supports the correction?\n"
            )
            # What urlencode() writes, without quoting the constant names for every item.
            query = f"title={quote_plus(title)}&body={quote_plus(body)}&labels=content"
            return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

        return report
