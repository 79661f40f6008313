"""Options of the `srm` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SrmConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (for example, for a quick prose-only preview)."""

    custom_templates = c.Optional(c.Dir(exists=True))
    """A folder searched before the package's templates, to override one of them."""
