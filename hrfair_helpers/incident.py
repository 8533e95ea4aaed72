"""The first 24 hours of an AI incident in hiring: the triage checklist as data.

Each candidate action says whether it belongs in the first 24 hours and why. The chatbot case
asks learners to pick the actions; the reasons are the feedback. The actions follow common
incident-response practice: contain the harm first, preserve evidence (a legal hold is likely
once a journalist and lawyers are involved), involve the people who own each risk, and make no
untested changes or public claims before the facts are known.
"""

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class TriageAction:
    id: str
    action: str
    first_24_hours: bool
    why: str


TRIAGE_ACTIONS = (
    TriageAction(
        "pause_auto_reject",
        "Pause automatic rejections; route every rejection to a human reviewer.",
        True,
        "Containment: no more candidates are rejected by the disputed score while it is investigated.",
    ),
    TriageAction(
        "disable_fallback_replies",
        "Switch off the low-confidence fallback replies (the v2.4 templates).",
        True,
        "Containment: the demeaning lines stop today. A configuration switch, not a model change.",
    ),
    TriageAction(
        "preserve_evidence",
        "Preserve logs, audio, transcripts, scores, replies and the deployed model "
        "and configuration versions (legal hold).",
        True,
        "Evidence for the investigation, the regulator and any claim; deleting it would be spoliation.",
    ),
    TriageAction(
        "convene_owners",
        "Convene Legal, Communications/PR, HR and Talent Acquisition leadership, the "
        "data protection officer and the vendor.",
        True,
        "Each owns part of the risk; Legal directs privilege and notification duties.",
    ),
    TriageAction(
        "holding_statement",
        "Agree a short factual holding statement with PR and Legal.",
        True,
        "The journalist will publish; silence or speculation both do harm.",
    ),
    TriageAction(
        "delete_offending_logs",
        "Delete the sessions with the offensive replies.",
        False,
        "Destroys evidence and the record of who was harmed; never do this.",
    ),
    TriageAction(
        "retrain_tonight",
        "Retrain the scoring model overnight and redeploy it.",
        False,
        "An untested change during an incident; fix after the root cause is known, behind a release gate.",
    ),
    TriageAction(
        "blame_vendor_publicly",
        "Tell the journalist the vendor is responsible.",
        False,
        "The deployer is accountable for the tool it uses; speculation in public before the facts.",
    ),
    TriageAction(
        "contact_candidates_now",
        "Email every rejected candidate that the bot was biased.",
        False,
        "Premature: the facts and the remedy (re-screening) are not yet known; plan it with Legal this week.",
    ),
)


def triage_checklist(reveal=False):
    """The candidate actions as a table; ``reveal=True`` adds whether each belongs and why.

    Examples
    --------
    >>> triage_checklist().columns.tolist()
    ['action']
    >>> int(triage_checklist(reveal=True)["first_24_hours"].sum())
    5
    """
    frame = pd.DataFrame([a.__dict__ for a in TRIAGE_ACTIONS]).set_index("id")
    return frame if reveal else frame[["action"]]


def first_24_hours():
    """Ids of the actions that belong in the first 24 hours."""
    return sorted(a.id for a in TRIAGE_ACTIONS if a.first_24_hours)
