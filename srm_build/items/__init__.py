"""One unit per item kind: each module (or package folder, such as `order/`) holds a
kind's model, its own checks, the name of its template (beside it), its export mapping, its
client component and the names of its client files (beside it too, in a package folder).
Every unit with a client component is a package folder (`choice/`, `sort/`, `flashcards/`,
`quiz/`, `exam/`, `review/`, `progress/`, `service/`, `term/`, `order/`, `match/`,
`fillin/`); what several share stays in srm_build/assets (the core `srm.js`, the shared
stylesheet `srm.css`, the exam's and review's `srm-study.js`, the page progress bar's
`srm-progress.js`, the theme's boot scripts).

`base.py` is what they share; `srm_build/registry.py` lists them, and the content union,
the schemas, the exports and the client files derive from that list."""
