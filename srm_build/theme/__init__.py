"""The package's theme folder: partials that load the theme's boot scripts from files, so
pages need no inline script under the Content Security Policy.

MkDocs and ProperDocs get it from the `srm` plugin, right after the site's `custom_dir`.
Zensical runs no plugin: it finds it as the theme `srm` (entry point `mkdocs.themes`),
which a site's `custom_dir` extends in its `mkdocs_theme.yml`; this folder's own
`mkdocs_theme.yml` extends the Material theme (Zensical's built-in one)."""
