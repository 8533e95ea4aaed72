"""Governance of HR AI tools: the regulation registry and classification, RACI, documentation
builders (model cards, datasheets), an algorithmic impact assessment and the NIST AI RMF map.

Legal content is a teaching summary, not legal advice: every entry names its primary source and
the date it describes ("as of").
"""
