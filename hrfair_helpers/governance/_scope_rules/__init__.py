"""The scope tests of :func:`~hrfair_helpers.governance.registry.classify`, one module per region.

Each rule reads the facts of a :class:`~hrfair_helpers.governance.profile.ToolProfile` and returns
rows (instrument id, whether it applies, tier, reason, and the conditions that switch obligations
on); ``classify`` then dates each row's obligations for the day asked about. Where the answer
depends on facts the profile does not hold, a rule answers ``"check"``.

- :mod:`.rows`: the row, and what every rule uses (hiring purposes, conditions, dates in reasons,
  the head-count test);
- :mod:`.europe`: the EU (AI Act, GDPR Art. 22, platform work, pay transparency) and the UK;
- :mod:`.us`: NYC Local Law 144, federal anti-discrimination law and the states;
- :mod:`.canada`: Ontario and Quebec;
- :mod:`.asia`: Korea, China, Singapore and Japan.
"""
