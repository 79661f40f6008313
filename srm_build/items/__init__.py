"""One unit per item kind: each module (or package folder, such as `order/`) holds a
kind's model, its own checks, the name of its template (beside it), its export mapping, its
client component and the names of its client files (beside it too, in a package folder).

`base.py` is what they share; `srm_build/registry.py` lists them, and the content union,
the schemas, the exports and the client files derive from that list."""
