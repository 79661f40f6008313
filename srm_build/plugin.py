"""Where the `srm` plugin lived before the engine adapters had their own package; kept so
an installation whose entry point still names it goes on working."""

from .engines.mkdocs import SrmPlugin

__all__ = ["SrmPlugin"]
