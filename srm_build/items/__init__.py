"""One unit per item kind: each module holds a kind's model, its own checks, the name of
its template (beside it), its export mapping and the names of its client files.

`base.py` is what they share; `srm_build/registry.py` lists them, and the content union,
the schemas, the exports and the client files derive from that list."""
