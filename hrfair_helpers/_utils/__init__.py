"""Private code shared by every package of hrfair_helpers; the only private module others may import.

- :mod:`.validation`: argument checks (seeds, random states, fractions, probabilities, 0/1
  outcomes, row counts) with messages that say what is wrong and how to fix it.
- :mod:`.grouping`: group columns: resolving column names against data, framing and encoding
  (intersectional) groups, notes about small, empty and unknown groups.
- :mod:`.resources`: the data files shipped in the package: one reader, checked against SHA-256
  where a hash is recorded, and one exception, :class:`~.resources.DataIntegrityError`.
- :mod:`.render`: result objects as Markdown tables, HTML blocks and plain text.
- :mod:`.style`: the look of the figures (colour-blind-safe palette, reference colours, bar charts).
- :mod:`.stats`: significance tests of each group's 2x2 table against a reference group.

Nothing is imported here, so that each user pays only for the module it needs: :mod:`.resources`
and :mod:`.style` import only the standard library, the others numpy and pandas (scipy and
matplotlib are imported when a test runs or a figure is drawn).
"""
