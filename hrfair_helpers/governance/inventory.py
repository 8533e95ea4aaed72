"""The AI inventory of a fictional multinational employer, for the governance scenario.

Norvane Group (fictional) employs about 40,000 people in North America, Europe and Asia and uses
eight AI tools in HR. :func:`example_inventory` returns their :class:`~.profile.ToolProfile`
objects; :data:`TOOL_NOTES` says in plain words what each tool does and who supplies it;
:func:`describe_inventory` turns any inventory into a table to read before classifying it.

The facts were chosen so that the inventory exercises every branch a governance lead meets: a
tool prohibited in the EU (emotion recognition from video and voice), NYC automated employment
decision tools, a solely automated decision under GDPR Art. 22, text-only sentiment inference
(not emotion *recognition* under the AI Act), and assistive tools that still carry
disparate-impact exposure.

>>> tools = example_inventory()
>>> len(tools), tools[0].name
(8, 'resume-screener')
>>> describe_inventory(tools).loc["video-interview-analyzer", "decision_role"]
'substantial'
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .profile import ToolProfile

#: The employer's head count (every law with a size threshold is met).
EMPLOYEES = 40_000

#: What each tool does, in plain words, and who supplies it.
TOOL_NOTES = {
    "resume-screener": (
        "Ranks applications to advertised jobs from the CV text and rejects the lowest-ranked "
        "automatically; recruiters see only the top of the list. Built in-house (scenario 2).",
        "in-house",
    ),
    "video-interview-analyzer": (
        "Scores recorded video interviews, including 'enthusiasm' and 'stress' read from facial "
        "expressions and tone of voice; recruiters invite the top scorers.",
        "vendor",
    ),
    "promotion-recommender": (
        "Recommends employees for promotion from performance reviews and project data; the "
        "promotion committee starts from its list and rarely departs from it (scenario 3).",
        "in-house",
    ),
    "shift-scheduler": (
        "Assigns warehouse shifts from demand forecasts, contract hours and stated availability; "
        "the schedule is published without review. It does not score people's behaviour or traits.",
        "vendor",
    ),
    "hiring-chatbot": (
        "Answers applicants' questions and books interviews in a typed chat; reads the sentiment of "
        "messages to hand frustrated applicants to a recruiter. It does not screen anyone out.",
        "vendor",
    ),
    "internal-mobility-matcher": (
        "Suggests open internal roles to employees and candidates to hiring managers from skills "
        "profiles; managers decide whom to approach.",
        "vendor",
    ),
    "attrition-predictor": (
        "Flags employees at risk of leaving from tenure, pay history, performance and engagement "
        "survey data, for HR business partners' retention conversations.",
        "in-house",
    ),
    "pay-equity-analyzer": (
        "Models pay on job, level, location and experience and lists unexplained gaps by sex and "
        "race/ethnicity for the yearly pay review; compensation teams decide adjustments.",
        "vendor",
    ),
}


def example_inventory() -> list[ToolProfile]:
    """Norvane Group's eight HR AI tools as :class:`~.profile.ToolProfile` objects.

    Returns
    -------
    list of ToolProfile
        In the order of :data:`TOOL_NOTES`; a new list (and new profiles) on every call.
    """
    common = {"employees": EMPLOYEES}
    return [
        ToolProfile(
            name="resume-screener",
            purpose="selection",
            decision_role="substantial",
            locations={"US-NYC", "US-IL", "US-CA", "CA-ON", "EU", "UK"},
            data={"cv_text"},
            uses_for_public_job_posting=True,
            **common,
        ),
        ToolProfile(
            name="video-interview-analyzer",
            purpose="selection",
            decision_role="substantial",
            locations={"US-NYC", "US-IL", "EU", "KR"},
            data={"video", "voice", "emotion_inference"},
            uses_for_public_job_posting=True,
            **common,
        ),
        ToolProfile(
            name="promotion-recommender",
            purpose="promotion",
            decision_role="substantial",
            locations={"US-NYC", "EU", "SG"},
            data={"performance_data"},
            **common,
        ),
        ToolProfile(
            name="shift-scheduler",
            purpose="task_allocation",
            decision_role="sole",
            locations={"EU", "US", "JP"},
            profiles_people=False,
            **common,
        ),
        ToolProfile(
            name="hiring-chatbot",
            purpose="candidate_communication",
            decision_role="assistive",
            locations={"US-NYC", "EU", "SG", "CN"},
            data={"communications", "emotion_inference"},
            **common,
        ),
        ToolProfile(
            name="internal-mobility-matcher",
            purpose="internal_mobility",
            decision_role="assistive",
            locations={"EU", "US-CO", "CN", "KR"},
            data={"performance_data"},
            **common,
        ),
        ToolProfile(
            name="attrition-predictor",
            purpose="attrition_prediction",
            decision_role="assistive",
            locations={"US", "EU", "CN"},
            data={"performance_data", "communications"},
            **common,
        ),
        # It models pay across groups rather than evaluating individual behaviour or traits.
        ToolProfile(
            name="pay-equity-analyzer",
            purpose="pay",
            decision_role="assistive",
            locations={"US-CA", "EU", "CA-ON", "UK"},
            profiles_people=False,
            **common,
        ),
    ]


def describe_inventory(inventory: Iterable[ToolProfile]) -> pd.DataFrame:
    """One row per tool: what it does (when known), its profile facts, in inventory order.

    Parameters
    ----------
    inventory : iterable of ToolProfile

    Returns
    -------
    pandas.DataFrame
        Indexed by tool name, with ``what_it_does`` and ``supplier`` (from :data:`TOOL_NOTES`,
        empty for other tools), ``purpose``, ``decision_role``, ``locations`` and ``data``
        (sorted, comma-separated) and ``deployer_type``.

    Raises
    ------
    ValueError
        If an item is not a ToolProfile.
    """
    rows = []
    for i, tool in enumerate(inventory):
        if not isinstance(tool, ToolProfile):
            raise ValueError(f"inventory item {i} is a {type(tool).__name__}, not a ToolProfile")
        what, supplier = TOOL_NOTES.get(tool.name, ("", ""))
        rows.append(
            {
                "tool": tool.name,
                "what_it_does": what,
                "supplier": supplier,
                "purpose": tool.purpose.replace("_", " "),
                "decision_role": tool.decision_role,
                "locations": ", ".join(sorted(tool.locations)),
                "data": ", ".join(sorted(tool.data)),
                "deployer_type": tool.deployer_type.replace("_", " "),
            }
        )
    return pd.DataFrame(rows).set_index("tool")
