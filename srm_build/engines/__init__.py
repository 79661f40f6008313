"""Engine adapters: what each static site engine needs around the engine-neutral core.

- `mkdocs`: MkDocs and ProperDocs (the `srm` plugin, through their plugin events).
- `zensical`: Zensical runs no third-party plugins; its build command runs
  `python -m srm_build check` before and `python -m srm_build publish` after it.

Nothing in the core imports this package.
"""
