"""Rubric coverage self-checks for free text (memos, STAR answers): a study aid, never a grade.

A rubric element names what a strong answer contains and the textual evidence that suggests it
is there (regular expressions). A red flag names a claim the cases teach against, such as
removing the sex column as the fix, and the patterns of a sentence that makes it.
:func:`check_coverage` reports, per element, whether the text appears to cover it and the
sentence that matched, and every red flag the text raises with the sentence that raised it; a
sentence that raises a red flag is no evidence for any element. Keyword evidence is weak
evidence: a memo can match every pattern and still be poor, and a good memo can use other words.
That is why this never produces a score, and why it must not be used to assess people (it would
be an unvalidated selection procedure, and could be an automated employment decision tool under
NYC Local Law 144).

Checked libraries: nbgrader and otter-grader leave free-text answers to manual grading;
no maintained library offers rubric coverage hints, so this small module is written here.
"""

import html
import re
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class RubricElement:
    """One thing a strong answer contains, and the patterns that suggest it is there."""

    id: str
    description: str
    patterns: tuple

    def matches(self, sentence):
        """Whether one of the patterns occurs in ``sentence``."""
        return any(re.search(p, sentence, flags=re.IGNORECASE) for p in self.patterns)

    def find(self, text):
        """The first sentence of ``text`` that matches one of the patterns, or ``""``."""
        return next((s for s in _sentences(text) if self.matches(s)), "")


@dataclass(frozen=True)
class RedFlag:
    """A claim the cases teach against, and the patterns of a sentence that makes it.

    A match is not the writer's claim when the words of its clause just before it deny or report
    it ("we did not simply remove the sex column", "the vendor says"), or when it sits inside
    quotation marks. A sentence that matches still raises no red flag when it, or the sentence
    before or after it, matches one of ``unless`` (a rebuttal such as "because proxies remain", or
    the fairness number that an accuracy figure needs beside it).
    """

    id: str
    text: str
    patterns: tuple
    unless: tuple = ()

    def raised(self, sentences, i):
        """Whether sentence ``i`` of ``sentences`` raises this red flag."""
        claims = (m for p in self.patterns for m in re.finditer(p, sentences[i], flags=re.IGNORECASE))
        if not any(_asserted(sentences[i], m) for m in claims):
            return False
        nearby = " ".join(sentences[max(i - 1, 0) : i + 2])
        return not any(re.search(p, nearby, flags=re.IGNORECASE) for p in self.unless)

    def find(self, text):
        """The first sentence of ``text`` that raises this red flag, or ``""``.

        Examples
        --------
        >>> RED_FLAGS["unawareness"].find("Remove the sex column and then it will be fair.")
        'Remove the sex column and then it will be fair.'
        >>> RED_FLAGS["unawareness"].find("We did not simply remove the sex column, because proxies remain.")
        ''
        """
        sentences = _sentences(text)
        return next((s for i, s in enumerate(sentences) if self.raised(sentences, i)), "")


@dataclass(frozen=True)
class Rubric:
    """A named list of elements, and the red flags an answer to its question can raise."""

    name: str
    elements: tuple
    red_flags: tuple = ()


def _no_red_flags():
    return pd.DataFrame(columns=["text", "sentence"], index=pd.Index([], name="red_flag"))


_WHY = "the cases teach why this does not work"


@dataclass(frozen=True)
class CoverageReport:
    """Which elements a text appears to cover, with evidence, and the red flags it raises.

    ``table`` has a row per element: ``covered``, ``looks_for``, ``evidence`` (the first matching
    sentence that raises no red flag) and ``red_flag`` (when an element matched only sentences that
    raise red flags, their ids). ``red_flags`` has a row per red flag raised: its ``text`` and the
    first ``sentence`` that raised it. ``to_frame()`` gives both in one table.
    """

    rubric: str
    table: pd.DataFrame
    note: str = ""
    red_flags: pd.DataFrame = field(default_factory=_no_red_flags)

    @property
    def missing(self):
        return list(self.table.index[~self.table["covered"]])

    def to_frame(self):
        """The elements, then a row per red flag raised (index ``red flag: <id>``, the sentence as evidence)."""
        if self.red_flags.empty:
            return self.table.copy()
        flags = pd.DataFrame(
            {
                "covered": False,
                "looks_for": "Red flag: " + self.red_flags["text"],
                "evidence": self.red_flags["sentence"],
                "red_flag": self.red_flags.index,
            }
        )
        flags.index = "red flag: " + flags.index
        return pd.concat([self.table, flags])

    def text(self):
        lines = [f"Rubric self-check: {self.rubric} (a study aid, not a grade)"]
        if self.note:
            lines.append(self.note)
        for element, row in self.table.iterrows():
            mark = "✔" if row["covered"] else "·"
            evidence = (
                f' — "{row["evidence"]}"'
                if row["covered"]
                else " — found only in a sentence with a red flag"
                if row["red_flag"]
                else ""
            )
            lines.append(f"{mark} {element}: {row['looks_for']}{evidence}")
        for text, sentence in self.red_flags.itertuples(index=False):
            lines.append(f'⚠ Red flag: {text.rstrip(".")} — {_WHY}: "{sentence}"')
        if self.missing:
            lines.append("Consider adding: " + ", ".join(self.missing))
        return "\n".join(lines)

    __repr__ = text

    def _repr_html_(self):
        def evidence(row):
            voided = row["red_flag"] and not row["covered"]
            return "(found only in a sentence with a red flag)" if voided else row["evidence"]

        rows = "".join(
            f"<tr><td>{'✔' if r['covered'] else '·'}</td><td>{html.escape(e)}</td>"
            f"<td>{html.escape(r['looks_for'])}</td><td><em>{html.escape(evidence(r))}</em></td></tr>"
            for e, r in self.table.iterrows()
        )
        flags = "".join(
            f"<p class='hrfair-red-flag'>⚠ <strong>Red flag:</strong> {html.escape(text.rstrip('.'))} — "
            f"{_WHY}: <em>{html.escape(sentence)}</em></p>"
            for text, sentence in self.red_flags.itertuples(index=False)
        )
        note = f"<p>{html.escape(self.note)}</p>" if self.note else ""
        return (
            f"<div class='hrfair-rubric'><strong>Rubric self-check: {html.escape(self.rubric)}</strong> "
            f"(a study aid, not a grade){note}<table><tr><th></th><th>element</th><th>looks for</th>"
            f"<th>evidence found</th></tr>{rows}</table>{flags}</div>"
        )


# End punctuation then space splits sentences, except after abbreviations common in HR and legal
# writing ("Art. 5", "e.g. the", "No. 6"), so evidence quotes are whole sentences.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bArt\.)(?<!\bArts\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bNo\.)(?<!\bvs\.)"
    r"(?<!\bcf\.)(?<!\bs\.)\s+"
)


def _sentences(text):
    # Lines inside a paragraph belong to one sentence; blank lines and end punctuation split.
    paragraphs = re.split(r"\n\s*\n", text)
    pieces = [_SENTENCE_END.split(" ".join(p.split())) for p in paragraphs]
    return [s for piece in pieces for s in piece if s]


# A claim is the writer's unless the last words of its clause before it deny it ("we did not
# simply remove", "rather than", "it is a myth that") or report someone else's ("the vendor says"),
# or it sits inside quotation marks. An apostrophe inside a word ("screener's") opens no quote.
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\bbut\b", re.IGNORECASE)
_DENIED = re.compile(
    r"\b(?:not|never|no|nor|neither|nobody|none|without|cannot|rather than|instead of|unlike|refus\w*|"
    r"(?:advis|argu|warn|decid)\w* against|avoid\w*|mistake|wrong|myth|misconception|fallacy)\b|n't\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:says|said|claims|claimed|believes|thinks|argues|argued|assumes|assumed|insists|insisted|"
    r"wants|asks|asked|suggests|tells|told|proposes|concludes|(?<!United )states|promises)\b",
    re.IGNORECASE,
)
_OPENING = re.compile(r"(?:^|(?<=[\s(\[:\u2013\u2014]))['\"\u2018\u201c](?=\S)")
_CLOSING = re.compile(r"(?<=\S)['\"\u2019\u201d](?=$|[\s.,;:!?)\]\u2013\u2014])")


def _asserted(sentence, match):
    before = sentence[: match.start()]
    lead = " ".join(_CLAUSE_BREAK.split(before)[-1].split()[-6:])
    opened, closed = (sum(m.start() < match.start() for m in q.finditer(sentence)) for q in (_OPENING, _CLOSING))
    quoted = opened > closed and not _CLOSING.search(sentence, match.start(), match.end())
    return not (quoted or _DENIED.search(lead) or _REPORTED.search(lead))


def check_coverage(text, rubric):
    """Show which rubric elements a free-text answer appears to cover, and the red flags it raises.

    A sentence that raises a red flag is no evidence: an element found only in such sentences is
    not covered. Nothing is scored or counted into a grade.

    Parameters
    ----------
    text : str
        The learner's answer. Anything else (including the ``...`` placeholder) is reported as
        covering nothing, never an error.
    rubric : Rubric

    Returns
    -------
    CoverageReport

    Examples
    --------
    >>> r = Rubric("demo", (RubricElement("numbers", "a quantified result", (r"\\d+(\\.\\d+)?\\s*%",)),))
    >>> check_coverage("We cut the gap by 40%.", r).missing
    []
    >>> check_coverage(..., r).missing
    ['numbers']
    >>> report = check_coverage("We should remove the sex column and then it will be fair.", RECOMMENDATION)
    >>> "recommendation" in report.missing, list(report.red_flags.index)
    (True, ['unawareness'])
    """
    body = text if isinstance(text, str) else ""
    note = (
        ""
        if body.strip()
        else (
            'No answer yet: write your answer as a string, e.g. answer = """...""".'
            if text is ... or text is None or isinstance(text, str)
            else f"Write your answer as a string; got {type(text).__name__}."
        )
    )
    sentences = _sentences(body)
    flags_at = [[flag for flag in rubric.red_flags if flag.raised(sentences, i)] for i in range(len(sentences))]
    rows = {}
    for element in rubric.elements:
        matching = [i for i, s in enumerate(sentences) if element.matches(s)]
        clean = [i for i in matching if not flags_at[i]]
        rows[element.id] = {
            "covered": bool(clean),
            "looks_for": element.description,
            "evidence": sentences[clean[0]][:160] if clean else "",
            "red_flag": "" if clean else ", ".join(dict.fromkeys(f.id for i in matching for f in flags_at[i])),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "element"
    raised = {}
    for i, flags in enumerate(flags_at):
        for flag in flags:
            raised.setdefault(flag.id, (flag.text, sentences[i]))
    red_flags = (
        _no_red_flags()
        if not raised
        else pd.DataFrame.from_dict(raised, orient="index", columns=["text", "sentence"]).rename_axis("red_flag")
    )
    return CoverageReport(rubric.name, table, note, red_flags)


# Shared patterns: a number that reads as a result, named fairness metrics, stakeholders.
NUMBER = r"\b\d+(\.\d+)?\s*(%|(percent|points?|pp)\b)|\b0\.\d+\b|\b\d+(\.\d+)?x\b"
METRICS = r"impact ratio|selection rate|equal opportunity|true positive rate|\bTPR\b|false negative|\bFNR\b|equalized odds|demographic parity|precision|calibrat"
# The fairness side of an accuracy figure: a fairness measure, or the people the model fails.
FAIRNESS = (
    r"impact ratio|selection rates?|equal opportunity|true positive rates?|\bTPR\b|"
    r"false (?:negative|positive) rates?|\bFNR\b|\bFPR\b|equali[sz]ed odds|demographic parity|calibrat\w*|"
    r"four-fifths|word error rate|\bWER\b|\bgap\b|disparit\w*"
)
HARMS = (
    r"\b(?:qualified (?:women|men|candidates|applicants|people|employees|speakers)|turned away|rejected|"
    r"screened out|passed over|left behind|misse[sd]|false negatives?)\b"
)
# A model's performance, not an employee's ("performance ratings").
PERFORMANCE = (
    r"\b(?:accuracy|precision|AUC|recall|F1|performance(?![ -](?:ratings?|reviews?|bands?|scores?|data|"
    r"records?|management|appraisals?)))\b"
)
# A trade-off names its price, or sets performance beside fairness: accuracy alone is half of one.
TRADE_OFF = (
    r"\b(?:trade-?offs?|costs?|price|workload)\b",
    rf"{PERFORMANCE}.*(?:{FAIRNESS}|{HARMS})",
    rf"(?:{FAIRNESS}|{HARMS}).*{PERFORMANCE}",
)

# Red-flag building blocks. The parts of a claim are joined by _GAP, which holds no negation
# ("removing the sex column will not make it fair" is no claim); _CLAUSE also stops at "but", a
# semicolon or a colon, for parts that must sit in one clause. Both are bounded: a claim's parts sit
# close together, and a long run-on text must not make the search slow.
_NEG = r"\b(?:not|never|no|nor|cannot|without)\b|n't\b"
_GAP = rf"(?:(?!{_NEG}).){{0,150}}?"
_CLAUSE = rf"(?:(?!{_NEG}|\bbut\b|[;:]).){{0,150}}?"
# The protected attribute itself, not the bias about it ("remove gender bias" is no unawareness).
_ATTR = (
    r"\b(?:sex|gender|race|ethnicity|religion|disability|age|(?:protected|sensitive) (?:attribute|feature|"
    r"characteristic|variable|field|column|data|information|categor(?:y|ie))s?)(?:[ -](?:columns?|features?|"
    r"fields?|variables?|attributes?|data|information|inputs?|flags?|labels?))?\b(?![ -](?:bias|gap|disparit|"
    r"discriminat|pay|parity|balance|equit|differen|effect|penalt|skew|condition|coded|based|neutral))"
)
_DET = (
    r"(?:(?:the|our|its|their|any|all|every)\s+)?(?:\w+(?:'s|s')\s+)?"
    r"(?:(?:mentions?|references?|information|data)\s+(?:of|to|on|about)\s+)?"
)
_REMOVE = r"(?:remov|drop|delet|exclud|strip|omit|hid|mask|scrub|redact)\w*"
_UNSEEN = (
    rf"(?:{_REMOVE}\s+(?:out\s+)?{_DET}{_ATTR}|\b(?:leav|left|tak|took)\w*\s+{_DET}{_ATTR}\s+out\b"
    rf"|{_ATTR}\s+(?:is|was|are|were|has been|have been|gets|got)\s+(?:removed|dropped|excluded|deleted|"
    r"left out|taken out|hidden|masked|not (?:used|an input|included|seen|a feature))"
    rf"|\b(?:do|does|did|will|would|can)(?:n't|\s+not|\s+never)\s+(?:use|see|consider|include|know|look at)\s+"
    rf"{_DET}{_ATTR}|\bnever\s+(?:uses|sees|considers|includes|knows)\s+{_DET}{_ATTR}"
    rf"|\bwithout\s+{_DET}{_ATTR})"
)
_BLIND = (
    rf"(?:\bblind\s+to\s+{_DET}{_ATTR}|\b(?:sex|gender|race|colou?r)[- ]blind\b|\bunaware\s+of\s+{_DET}{_ATTR}"
    r"|fairness through unawareness)"
)
# What the anti-patterns conclude: that the tool is fair or fixed, or safe to use.
_FAIR = (
    r"\b(?:fair|unbiased|bias-free|non-?discriminatory|free (?:of|from) (?:bias|discrimination)"
    r"|(?:no|zero) (?:longer )?(?:bias|discrimination|disparity|adverse impact)"
    r"|(?:fix|solv|remov|eliminat)\w* (?:the |any |all |our )?(?:bias|problem|disparity|issue|discrimination)"
    r"|(?:can(?:no|')t|won't|will not|does not|doesn't) (?:discriminate|be biased)"
    r"|(?:is|it's|are|be|been|call(?:ed)? it|consider(?:ed)? it|declare[sd]? it) (?:now |then |all )?"
    r"(?:fixed|solved|resolved|sorted|done|fine|safe))\b"
)
_SAFE = (
    r"\b(?:(?:we\s+)?(?:can|could|may)\s+(?:safely\s+)?(?:deploy|launch|sign|buy|go (?:ahead|live)|"
    r"roll (?:it )?out|(?:use|trust)\s+(?:it|this|the (?:tool|model|system)))|(?:safe|ok|okay|fine|good)\s+to\s+"
    r"(?:use|deploy|go|launch|sign))\b"
)
_BECAUSE = r"\b(?:because|since|as|given that|now that)\b"
_PROXY_REBUTTAL = (
    r"prox(?:y|ies)|stand-?ins?|correlat\w*|reconstruct\w*|predicts? (?:sex|gender|race)|"
    r"carr(?:y|ies|ied) (?:the same|much|most|it)|re-?measur\w*|re-?audit\w*|re-?test\w*|barely|"
    r"(?:did|does|do|could|would|will|wo)(?:n't|\s+not) (?:help|work|fix|close|move|change|make|keep|"
    r"remove|solve)|not enough|not (?:a|the) fix|\bfails?\b|\bmyth\b|illusion"
)
_CUTOFF = r"(?:cut-?offs?|cut-?off scores?|thresholds?|pass marks?|passing scores?|cut scores?|bars?)"
_GROUPS = (
    r"(?:women|men|female|male|Black|Hispanic|Latin[oax]\w*|Asian|white|minorit(?:y|ies)|older|younger|"
    r"non-native|each (?:group|sex|gender|race))\b"
)
_LL144 = r"(?:\bLL ?144|Local Law 144|\bNYC(?:'s)? (?:AEDT |bias[- ]audit )?law|the New York City (?:AEDT )?law)"
_FOUR_FIFTHS = r"(?:(?<![\d.])0?\.80?(?!\d)|\b80 ?%|\b80 percent|four[- ]fifths|\b4/5\b)"
_BAN = (
    r"(?:\bArt(?:icle)?\.?\s*5\b(?:\s*\(\d\)(?:\s*\([a-h]\))?)?|\b(?:emotion(?:[- ]recognition)?\s+|workplace\s+)?"
    r"(?:ban|prohibitions?)\b|\bprohibited practices)"
)
_POSTPONED = r"(?:postponed|delayed|deferred|pushed back|suspended|paused|put on hold|moved)\b"

RED_FLAGS = {
    flag.id: flag
    for flag in (
        RedFlag(
            "unawareness",
            "removing or ignoring the protected attribute as the fix (fairness through unawareness): proxies carry it "
            "back in",
            (
                rf"{_UNSEEN}{_GAP}{_FAIR}",
                rf"{_FAIR}{_GAP}{_BECAUSE}{_GAP}(?:{_UNSEEN}|{_BLIND})",
                _BLIND,
                # What I did or what we should do: "I removed the sensitive feature", "drop gender".
                rf"\b(?:I|we)\s+(?:(?:have|had|then|just|simply|also|first)\s+)*(?:removed|dropped|deleted|excluded|"
                rf"stripped|omitted|masked|hid|took out|left out)\s+{_DET}{_ATTR}",
                rf"(?:^|[:;]\s*|\b(?:should|will|would|could|can|must|to|just|simply|then|let's|let us|I'll|we'll|I'd|"
                rf"we'd)\s+)(?:remove|drop|delete|exclude|strip|hide|mask|omit)\s+{_DET}{_ATTR}",
            ),
            (_PROXY_REBUTTAL,),
        ),
        RedFlag(
            "masking_as_fix",
            "deleting gendered words and calling the model fixed, without measuring again",
            (
                rf"(?:{_REMOVE}|filter\w*|replac\w*|neutrali[sz]\w*)\s+(?:out\s+)?(?:(?:every|all|any|the)\s+)?"
                rf"(?:gendered|gender-coded|female-associated|feminine|women's)\s+(?:words?|terms?|language|phrases?|"
                rf"keywords?){_GAP}{_FAIR}",
            ),
            (_PROXY_REBUTTAL,),
        ),
        RedFlag(
            "accuracy_alone",
            "accuracy alone as the trade-off, or as proof the tool works: a fairness number or the people it fails "
            "belongs beside it",
            (
                rf"{PERFORMANCE}{_CLAUSE}\b(?:(?:is|was|were|stayed|stays|remained|remains|held|holds|looked|looks|seemed)"
                r"\s+(?:still\s+|basically\s+|about\s+)?(?:fine|ok|okay|good|great|unchanged|the same|stable|intact|"
                r"unaffected|similar)|(?:barely|hardly|scarcely)\s+(?:changed|moved|dropped|fell|suffered|budged)|held up|"
                r"did(?:n't|\s+not)\s+(?:drop|change|fall|suffer|move|budge|go down)|(?:is|was)(?:n't|\s+not)\s+"
                r"(?:affected|hurt|harmed))\b",
                rf"\b(?:no|little|negligible|minimal|zero|without(?: any)?)\s+(?:loss|drop|cost|hit|penalty|change)\s+"
                rf"(?:of|in|to|on)\s+(?:the\s+)?(?:model's\s+)?{PERFORMANCE}",
                rf"\b(?:did|does|do|will|would)(?:n't|\s+not)\s+(?:hurt|harm|affect|reduce|lower|cost|change)\s+"
                rf"(?:the\s+|our\s+)?(?:model's\s+)?{PERFORMANCE}",
                # "85% accurate, so it is fit for hiring"
                rf"(?:\b\d+(?:\.\d+)?\s*(?:%|percent)\s+accurate|\baccuracy of \d+|\bhighly accurate){_GAP}"
                rf"\b(?:so|therefore|means|proves|shows)\b{_GAP}(?:\bfit\b|\bvalid\b|\bready\b|\bsafe\b|good enough|"
                r"(?:can|should) (?:sign|buy|deploy|use|trust))",
            ),
            (FAIRNESS, HARMS),
        ),
        RedFlag(
            "compliance_as_proof",
            "a certificate, a passed audit or the vendor's word as proof the tool is fair",
            (
                rf"(?:\b(?:certified|certification|certificate|compliant|accredited|audited)\b|\bpasse[sd]?\s+(?:the\s+|"
                rf"its\s+|an?\s+|our\s+|their\s+)?(?:\w+\s+)?(?:bias\s+)?audit|\b(?:vendor|supplier|provider)s?(?:'s?)?\s+"
                rf"(?:guarantee|assure|promise|certif|confirm|warrant|state|say|claim|told)\w*){_GAP}(?:{_FAIR}|{_SAFE})",
                rf"(?:{_FAIR}|{_SAFE}){_GAP}{_BECAUSE}{_GAP}(?:\b(?:certified|compliant|accredited|audited)\b|"
                rf"\bpasse[sd]\s+(?:\w+\s+){{0,3}}?audit|\b(?:vendor|supplier|provider)s?(?:'s?)?\s+"
                rf"(?:guarantee|assure|promise|say)\w*)",
            ),
            (
                r"\bnot (?:proof|evidence|enough|a guarantee|the same)|\bno (?:proof|evidence|pass mark)|"
                r"(?:does|do|did)(?:n't|\s+not) (?:mean|prove|show|make|guarantee|establish)|\b(?:is|are)(?:n't|\s+not) "
                r"(?:proof|evidence)|verif\w*|our own|ask\w* (?:for|to see|the vendor)|\bcheck\w*|"
                r"\btest\w* (?:it|whether|on)",
            ),
        ),
        RedFlag(
            "group_cutoffs",
            "different cut-offs or score adjustments by sex or race: Title VII s. 703(l) forbids them in US hiring",
            (
                rf"\b(?:group|sex|gender|race)[- ](?:specific|based|dependent)\s+{_CUTOFF}",
                rf"\b(?:lower|different|separate|adjusted|distinct|reduced|softer|easier)\s+{_CUTOFF}\s+(?:(?:for|between)"
                rf"\s+(?:the\s+)?(?:\w+\s+)?{_GROUPS}|(?:by|per)\s+(?:sex|gender|race|group))",
                rf"\b(?:lower|reduc|adjust|chang|relax|loosen|drop)\w*\s+(?:the\s+)?(?:\w+(?:'s)?\s+)?{_CUTOFF}\s+"
                rf"(?:for|of)\s+(?:the\s+)?{_GROUPS}",
                rf"\b(?:adjust|boost|rais|bump)\w*\s+(?:the\s+)?(?:\w+(?:'s)?\s+)?scores?\s+"
                rf"(?:of|for|by|on the basis of)\s+(?:the\s+)?(?:{_GROUPS}|sex|gender|race)",
                r"\b(?:race|gender|sex)[- ]norm\w*|\bwithin-group (?:norm\w*|percentiles?|scoring)",
            ),
            (
                r"unlawful|illegal|forbid\w*|prohibit\w*|\bnot (?:lawful|legal|allowed|permitted|open)|"
                r"legal (?:problem|risk)|off the table|exclud\w*|\brul(?:e|es|ed|ing) out|\b(?:was|is) out\b",
            ),
        ),
        RedFlag(
            "all_at_once",
            "promising every fairness definition at once: with different base rates they conflict",
            (
                r"\b(?:satisf\w*|meets?|meeting|achiev\w*|hit|equali[sz]\w*|deliver\w*|guarantee\w*)\s+(?:all|every|each)"
                r"\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?(?:\w+\s+)?(?:fairness\s+)?(?:definitions?|metrics?|criteria|"
                r"measures?)\b",
                r"\bfair\s+(?:on|by|under|across|in)\s+(?:all|every)\s+(?:\w+\s+)?(?:definitions?|metrics?|measures?|"
                r"criteria)\b",
                rf"\b(?:all|every)\s+(?:\w+\s+){{0,3}}?(?:definitions|metrics|criteria){_CLAUSE}"
                r"(?:at once|at the same time|simultaneously)",
            ),
            (r"impossib\w*|incompatib\w*|Kleinberg|Chouldechova|conflict\w*|mathemati\w*",),
        ),
        RedFlag(
            "past_decisions_as_truth",
            "past decisions as the ground truth of who was qualified or ready: they carry the bias being measured",
            (
                rf"\b(?:past|historical|previous|prior|earlier|old|recruiters'?|managers'?|committee(?:'s)?)\s+"
                rf"(?:hiring\s+|promotion\s+|recruiter\s+|recruiting\s+|committee\s+|screening\s+)?(?:decisions|outcomes|"
                rf"labels|promotions|hires|choices){_CLAUSE}\b(?:are|were|is|as|serve as|give us|provide)\s+"
                r"(?:the\s+|a\s+|our\s+)?(?:reliable\s+|objective\s+)?(?:ground[- ]truth|truth|gold standard|"
                r"correct answers?|right answers?|true (?:labels?|measure)|reliable labels?|"
                r"measure of (?:merit|quality|readiness))",
            ),
            (r"bias\w*|suspect|flaw\w*|question\w*|encod\w*|unfair\w*|not (?:the )?(?:ground )?truth",),
        ),
        RedFlag(
            "overall_hides_subgroups",
            "an overall ratio as proof that every subgroup is treated fairly",
            (
                rf"\b(?:overall|aggregate|headline|average|pooled)\s+(?:impact\s+)?(?:ratio|figure|number|result|rate)\b"
                rf"{_GAP}\b(?:so|therefore|means|shows|proves)\b{_GAP}(?:\b(?:every|all|each|no)\s+(?:sub)?"
                r"(?:groups?|intersections?)\b|\bproblem\s+(?:is|was|has been)\s+(?:\w+\s+)?solved|"
                r"\b(?:we|it)(?:'re|'s|\s+are|\s+is)\s+(?:fair|fine|done))",
            ),
            (r"intersection\w*|hid(?:e|es|ing)\b|not sufficient|necessary but",),
        ),
        RedFlag(
            "blame",
            "blaming people (candidates, recruiters, an engineer) instead of the system and the decisions that "
            "shaped it",
            (
                r"\b(?:candidates?|applicants?|speakers?)(?:'s?|s')?\s+(?:own\s+)?(?:poor|bad|weak|broken|limited)\s+"
                r"(?:English|speech|pronunciation|language|accents?)",
                r"\b(?:was|were|is|are)\s+(?:all\s+|entirely\s+|really\s+|simply\s+)?(?:the\s+)?(?:\w+(?:'s|s')\s+)?"
                r"fault\b",
                r"\b(?:is|are|was|were)\s+to blame\b",
                r"\b(?:blam\w*|fault)\s+(?:lies\s+|rests\s+)?(?:with|on)\s+(?:the\s+)?(?:recruiters?|candidates?|"
                r"applicants?|vendor|journalist|engineers?|developers?|team|intern|analysts?|managers?)\b",
                r"\bblam\w*\s+(?:the\s+)?(?:recruiters?|candidates?|applicants?|vendor|journalist|engineers?|developers?|"
                r"intern|analysts?|managers?)\b",
                r"\b(?:careless|sloppy|lazy|incompetent|negligent)\s+(?:recruiters?|engineers?|developers?|analysts?|"
                r"intern|managers?|vendor|team)\b",
                r"\bhuman error\b",
            ),
        ),
        RedFlag(
            "delete_logs",
            "deleting or overwriting logs and recordings while the incident is investigated",
            (
                r"\b(?:delet|wip|purg|overwrit|eras|destroy|shred)\w*\s+(?:all\s+|the\s+|old\s+|those\s+|our\s+|any\s+)?"
                r"(?:\w+\s+)?(?:logs?|recordings?|transcripts?|evidence|chat histor(?:y|ies))\b",
                r"\bclean\w*\s+up\s+(?:the\s+|all\s+|our\s+)?(?:\w+\s+)?(?:logs?|recordings?|evidence)\b",
            ),
            (r"retention|preserv\w*|legal hold|\bfroze\b|freez\w*|after the (?:investigation|review)",),
        ),
        RedFlag(
            "fixed_too_soon",
            "declaring the incident fixed once the offensive replies are gone, with the scoring gap still there",
            (
                rf"\b(?:remov|delet|switch\w*\s+off|disabl|turn\w*\s+off|rewr[io]t|replac|pull)\w*\s+(?:the\s+|those\s+|"
                rf"all\s+|its\s+)?(?:offensive\s+|demeaning\s+|rude\s+|insulting\s+|accent\s+)?(?:replies|messages|"
                rf"templates|responses){_GAP}(?:\b(?:issue|problem|incident|it|bot|chatbot|matter)\s+(?:is|was|has been|"
                r"will be|can be)\s+(?:now\s+)?(?:fixed|resolved|solved|closed|over|done|sorted|behind us)\b|"
                r"\b(?:that|this)\s+(?:fixes|fixed|solves|solved|resolves|resolved|ends|closes)\b)",
            ),
            (r"\bgap\b|\bscor\w*|pass rates?|impact ratio|\bWER\b|word error|recogni[sz]\w*|fluency|root cause",),
        ),
        RedFlag(
            "no_evidence_of_bias",
            "saying there is no evidence of bias while the investigation is days old and the early numbers say "
            "otherwise",
            (
                r"\bno\s+(?:evidence|sign|indication|proof)s?\s+(?:of|for|that)\s+(?:any\s+)?(?:\w+\s+)?(?:bias|"
                r"discriminat\w*|unfair\w*|disparit\w*)",
                r"\b(?:is|was|are|were)\s+not\s+(?:biased|discriminatory)\b|\b(?:does|do|did)(?:n't|\s+not)\s+"
                r"discriminate\b",
                r"\b(?:found|find|see|saw)\s+no\s+(?:bias|discrimination)\b",
            ),
        ),
        RedFlag(
            "ll144_pass_mark",
            "0.8 as the pass mark of a Local Law 144 bias audit: the law sets none (four-fifths is a Title VII "
            "benchmark)",
            (
                rf"{_LL144}{_CLAUSE}\b(?:pass(?:es|ed|ing)?|fail(?:s|ed|ing)?|threshold|minimum|cut-?off|requires?|"
                rf"required|requirement|mandat\w*|must|needs? to|at least|sets?)\b{_CLAUSE}{_FOUR_FIFTHS}",
                rf"{_LL144}{_CLAUSE}{_FOUR_FIFTHS}{_CLAUSE}\b(?:fails?|failed|failing|pass(?:es|ed)?|passing)\b",
                rf"{_LL144}{_CLAUSE}\b(?:pass(?:ing)?[ -](?:mark|threshold|score|bar|rate)\b|pass/fail)",
            ),
        ),
        RedFlag(
            "unknowns_dropped",
            "dropping candidates whose race or sex is unknown without reporting how many",
            (
                r"\b(?:drop|exclud|remov|ignor|discard|delet|filter)\w*\s+(?:out\s+)?(?:the\s+|all\s+|any\s+)?"
                r"(?:candidates|applicants|people|records|rows|cases)\s+(?:with|whose|who)\s+(?:an?\s+)?(?:\w+\s+){0,3}?"
                r"(?:unknown|missing|undisclosed)",
            ),
            (r"report\w*|\bcount\w*|how many|\bnumber of\b",),
        ),
        RedFlag(
            "ban_postponed",
            "the AI Act's Art. 5 bans as postponed or not yet in force: they apply already, and the amendment that "
            "moved dates moved the high-risk duties",
            (
                rf"{_BAN}{_CLAUSE}\b(?:(?:was|were|has been|have been|is|are|got|been|being)\s+)?{_POSTPONED}",
                rf"\b(?:postpon|delay|defer|suspend|paus)\w*\s+(?:(?!{_NEG})\w+\s+){{0,3}}?{_BAN}",
                rf"{_BAN}{_CLAUSE}(?:\b(?:has|have|does|do|did|is|are|was)(?:n't|\s+not)\s+(?:yet\s+)?(?:started|start|"
                r"begun|begin|taken effect|take effect|come into (?:force|effect)|been in force|in force|effective)\b|"
                r"\b(?:does|do|did)(?:n't|\s+not)\s+(?:yet\s+)?apply\s+(?:yet|until|before)\b|"
                r"\bnot\s+yet\s+(?:in\s+force|appl\w*|effective|start\w*))",
            ),
        ),
        RedFlag(
            "consent_makes_lawful",
            "employees' or candidates' consent as what makes emotion recognition at work lawful in the EU: Art. 5 "
            "bans it whatever the consent",
            (
                rf"\bconsent\w*{_GAP}\b(?:makes?|made|making|renders?)\s+(?:it|this|the (?:tool|feature|practice|system))"
                r"\s+(?:perfectly\s+|fully\s+)?(?:lawful|legal|allowed|permitted|permissible|fine|ok|okay|compliant|"
                r"acceptable)\b",
                r"\b(?:with|if|once|after|given)\s+(?:(?:their|the|employees'?|candidates'?|explicit|written|"
                r"informed)\s+)*consent\w*,?\s+(?:it|this|the (?:tool|feature|practice)|we)\s+"
                r"(?:is|are|becomes?|can|could|may)\s+(?:\w+\s+)?(?:lawful|legal|allowed|permitted|fine|ok|okay|use|"
                r"deploy|run|go ahead)\b",
            ),
            # Consent matters where the ban does not reach: Illinois, the rest of the US.
            (
                r"even with|not (?:enough|sufficient|valid|a (?:legal )?basis)|(?:does|do)(?:n't|\s+not) "
                r"(?:make|lift|change|cure)|Illinois|(?-i:\bUS\b)|United States|outside the EU|New York",
            ),
        ),
        RedFlag(
            "vendor_owns_compliance",
            "the vendor as the one responsible for compliance: the employer keeps its own duties as deployer and "
            "under discrimination law",
            (
                r"\b(?:vendors?|suppliers?|providers?)(?:'s?|s')?\s+(?:is|are|will be|would be|remains?|takes?|bears?|"
                r"carr(?:y|ies)|holds?)\s+(?:\w+\s+)?(?:responsib\w*|liab\w*|accountab\w*)\b",
                r"\b(?:compliance|the (?:bias )?audit|fairness|bias|it|that)\s+(?:is|was)\s+(?:the\s+)?(?:vendors?|"
                r"suppliers?|providers?)(?:'s?|s')?\s+(?:problem|job|responsibility|concern|duty|liability)\b",
                r"\b(?:we|the employer|employers|HR)\s+(?:have|has|bear|bears|carry|carries)\s+no\s+(?:\w+\s+)?(?:duties|"
                r"duty|obligations?|responsibilit\w*|liability)\b",
            ),
            (
                r"\b(?:we|employers?|deployers?|the employer)\s+(?:also\s+|still\s+)?(?:remain|are|stay|keep|have|bear|"
                r"carry)\b(?!\s+no\b)[^.]*?(?:responsib|accountab|liab|duties|obligations)|\bdeployers?\b|Art\.?\s*26|"
                r"\bas well\b|\bshared\b|\bjointly\b",
            ),
        ),
        RedFlag(
            "permission_to_wait",
            "the postponement of the EU high-risk duties as permission to wait",
            (
                rf"(?:high-risk|Annex III|AI Act){_GAP}\b(?:postpon|delay|defer|moved|pushed)\w*{_GAP}(?:\b(?:we\s+)?"
                r"(?:can|could|may)\s+(?:safely\s+|just\s+)?(?:wait|hold off|relax|pause|delay|postpone|leave it|"
                r"start later)\b|\b(?:no|little)\s+(?:need|rush|hurry|urgency)\b|\bnothing (?:to do|is needed|needed)\b|"
                r"\btime to spare\b)",
                rf"\b(?:we\s+)?(?:can|could|may)\s+(?:safely\s+|just\s+)?(?:wait|hold off|relax){_GAP}{_BECAUSE}{_GAP}"
                r"(?:high-risk|Annex III|AI Act|deadlines?|duties|obligations)[^.]*?\b(?:postpon|delay|defer|moved|"
                r"pushed)\w*",
            ),
        ),
        RedFlag(
            "hide_from_legal",
            "keeping an adjustment from Legal or the auditors",
            (
                r"\b(?:hid|conceal|keep|kept)\w*\s+(?:it|this|that|the (?:adjustment|change|cut-?off|fix|threshold|"
                r"numbers?))\s+(?:quiet\s+|secret\s+|hidden\s+)?(?:from|away from)\s+(?:Legal|the audit\w*|auditors?|"
                r"regulators?|compliance|the works council)\b",
                r"\b(?:don't|do not|no need to|needn't|need not|won't|will not|shouldn't|should not)\s+(?:need to\s+)?"
                r"(?:tell|inform|involve|loop in|bother)\s+(?:Legal|the auditors?|regulators?|compliance)\b",
                r"\b(?:quietly|silently|discreetly)\s+(?:lower|adjust|change|drop|move|tweak)\w*|\boff the books\b|"
                r"\bunder the radar\b|\bkeep (?:it|this) quiet\b",
            ),
        ),
        RedFlag(
            "no_notice",
            "employees or candidates not told that a model is used",
            (
                rf"\b(?:employees|candidates|applicants|staff|workers|people|they)\s+(?:do not|don't|need not|needn't|"
                rf"shouldn't|should not)\s+(?:need\s+to\s+)?(?:know|be told|be informed|hear)\b{_GAP}"
                r"\b(?:model|algorithm|AI|tool|system|automat\w*)",
                r"\bkeep\s+(?:the\s+)?(?:use\s+of\s+(?:the\s+)?)?(?:model|algorithm|AI|tool)\s+(?:secret|hidden|"
                r"confidential)\s+from\s+(?:employees|candidates|applicants|staff|workers)\b",
            ),
        ),
        RedFlag(
            "confidence_as_fluency",
            "the speech recognizer's confidence as a measure of the candidate's fluency: it measures how well the "
            "recognizer heard",
            (
                r"\bconfidence(?:\s+scores?)?\s+(?:as|is|=|measures|reflects|shows|tells us|indicates)\s+(?:a\s+|an\s+|"
                r"the\s+|how\s+)?(?:(?:good|fair|reasonable|valid|useful)\s+)?(?:(?:measure|proxy|sign|signal|gauge|"
                r"indicator)\s+(?:of|for)\s+)?(?:the\s+)?(?:candidate'?s'?\s+|their\s+|applicants'?\s+)?(?:fluen\w*|"
                r"English|language (?:skills?|ability))",
            ),
        ),
    )
}
"""Every red flag the self-checks detect, by id; each rubric and interview question carries its own."""


def _flags(*ids):
    return tuple(RED_FLAGS[i] for i in ids)


MITIGATION_MEMO = Rubric(
    "mitigation memo",
    (
        RubricElement(
            "problem", "states the problem and who is harmed", (r"\b(problem|issue|harm|women|female|candidates?)\b",)
        ),
        RubricElement("evidence", "quantified evidence with a named metric", (METRICS,)),
        RubricElement("numbers", "numbers, not adjectives", (NUMBER,)),
        RubricElement("options", "compares options", (r"\b(option|alternative|compared|versus|vs\.?)\b",)),
        RubricElement("recommendation", "a clear recommendation", (r"\b(recommend|propose|we should|decision)\b",)),
        RubricElement("risks", "risks and trade-offs", (r"\b(risk|trade-?off|cost|downside|limitation)\b",)),
        RubricElement(
            "monitoring",
            "a monitoring plan with a trigger",
            (r"\b(monitor|dashboard|alert|trigger)\w*", r"\baudit\w*\b.*\b(monthly|quarterly|weekly|annual|every)\b"),
        ),
        RubricElement("timeline", "a timeline", (r"\b(week|month|quarter|day|Q[1-4]|by \w+ \d{4}|timeline)s?\b",)),
        RubricElement(
            "legal",
            "the legal context",
            (r"\b(law|legal|Title VII|LL ?144|Local Law|EU AI Act|four-fifths|2000e|compliance)\b",),
        ),
    ),
    _flags(
        "unawareness",
        "masking_as_fix",
        "accuracy_alone",
        "compliance_as_proof",
        "group_cutoffs",
        "past_decisions_as_truth",
        "blame",
    ),
)

STAR_ANSWER = Rubric(
    "STAR answer",
    (
        RubricElement(
            "situation",
            "the situation: model, decision, who was affected",
            (r"\b(situation|screener|model|tool|algorithm)\b",),
        ),
        RubricElement("task", "your task or responsibility", (r"\b(task|asked to|responsib|my role|I had to|goal)\b",)),
        RubricElement(
            "action",
            "what you did, in the first person",
            (r"\bI (audited|compared|ran|built|measured|found|set|trained|proposed|used|led)\b",),
        ),
        RubricElement("metrics", "named fairness metrics", (METRICS,)),
        RubricElement(
            "isolation",
            "how the problem was isolated",
            (r"counterfactual|attribution|slice|proxy|root cause|ablation|intersection",),
        ),
        RubricElement(
            "tools",
            "the tools used",
            (r"fairlearn|aif360|aequitas|scikit-learn|sklearn|what-if|hrfair|jiwer|statsmodels",),
        ),
        RubricElement("result", "the result in numbers", (r"\b(result|cut|reduced|raised|improved|fell|rose)\b.*\d",)),
        RubricElement("trade_off", "the trade-off or cost, with fairness beside any accuracy figure", TRADE_OFF),
    ),
    _flags(
        "unawareness",
        "masking_as_fix",
        "accuracy_alone",
        "compliance_as_proof",
        "group_cutoffs",
        "past_decisions_as_truth",
        "blame",
    ),
)

RECOMMENDATION = Rubric(
    "recommendation to a decision owner",
    (
        RubricElement(
            "recommendation", "a clear recommendation", (r"\b(recommend|should not|should|propose|do not)\b",)
        ),
        RubricElement("evidence", "the evidence, with a named metric", (METRICS,)),
        RubricElement("numbers", "numbers, not adjectives", (NUMBER,)),
        RubricElement("cause", "why it happens", (r"\b(because|label|proxy|proxies|trained|historical)\b",)),
        RubricElement(
            "next_step",
            "what happens next, or the condition to revisit",
            (r"\b(if|re-?audit|pilot|retrain|review|next)\b",),
        ),
    ),
    _flags(
        "unawareness",
        "accuracy_alone",
        "compliance_as_proof",
        "group_cutoffs",
        "all_at_once",
        "past_decisions_as_truth",
    ),
)

MITIGATION_PLAN = Rubric(
    "mitigation plan for a decision process",
    (
        RubricElement(
            "process_fix",
            "fixes the process the bias came from (who gets projects, nominations, rating calibration)",
            (r"\b(allocat\w*|nominat\w*|calibrat\w*)\b",),
        ),
        RubricElement(
            "model_change",
            "the model change, and why",
            (r"\b(retrain\w*|remov\w*|drop\w*|replac\w*|inputs?|features?)\b",),
        ),
        RubricElement(
            "oversight", "human oversight of each recommendation", (r"\b(human|reviews?|committee|override|appeal)\b",)
        ),
        RubricElement("metric", "a named metric to monitor", (METRICS,)),
        RubricElement(
            "trigger",
            "the threshold that triggers a review",
            (r"\b(below|above|under|exceeds?|falls?|drops?)\b[^.]*\d",),
        ),
        RubricElement(
            "cadence",
            "how often it is checked",
            (r"\b(weekly|monthly|quarterly|annual(ly)?|every (promotion )?cycle|each cycle|per cycle)\b",),
        ),
        RubricElement("intersectional", "an intersectional check", (r"intersection\w*|caregiv\w*|\bage\b|subgroups?",)),
        RubricElement(
            "owners",
            "who owns each action",
            (r"\b(owners?|owns|accountable|HR business partners?|people analytics|HRBP)\b",),
        ),
    ),
    _flags(
        "unawareness",
        "accuracy_alone",
        "compliance_as_proof",
        "group_cutoffs",
        "past_decisions_as_truth",
        "overall_hides_subgroups",
    ),
)

HOLDING_STATEMENT = Rubric(
    "holding statement for the press",
    (
        RubricElement(
            "acknowledge", "acknowledges what was reported", (r"\b(aware|reported|report|article|concerns?)\b",)
        ),
        RubricElement(
            "facts",
            "states what is known so far, as facts",
            (r"\b(we (have )?(found|confirmed|know)|(review|logs?)\b[^.]*\b(shows?|found|confirmed))\b",),
        ),
        RubricElement(
            "action",
            "what has been done already",
            (r"\b(paused|suspended|switched off|stopped|removed|disabled|routed)\b",),
        ),
        RubricElement("people", "the candidates affected and what they can do", (r"\b(candidates?|applicants?)\b",)),
        RubricElement("next", "what comes next, and when", (r"\b(will|next|review|independent|update)\b",)),
        RubricElement("contact", "how to reach the company", (r"\b(contact|email|write to|reach)\b|@",)),
    ),
    _flags("no_evidence_of_bias", "blame", "fixed_too_soon", "compliance_as_proof"),
)

POST_MORTEM = Rubric(
    "blameless post-mortem",
    (
        RubricElement(
            "timeline", "a timeline with dates or days", (r"\b(day \d+|\d{1,2} \w+ \d{4}|timeline|\d{1,2}:\d{2})\b",)
        ),
        RubricElement("detection", "how it was detected", (r"\b(detected|found|reported by|noticed|alerted)\b",)),
        RubricElement("impact", "impact in numbers, on people", (NUMBER,)),
        RubricElement("root_cause", "the root cause", (r"\b(root cause|because|caused by)\b",)),
        RubricElement("contributing", "contributing factors", (r"\b(contribut\w*|also|in addition)\b",)),
        RubricElement("actions", "corrective actions", (r"\b(action|fix|gate|monitor\w*|retrain\w*|remove\w*)\b",)),
        RubricElement("owners", "an owner for each action", (r"\b(owners?|owned by|responsible)\b",)),
        RubricElement(
            "blameless",
            "blameless: systems and decisions, not people",
            (r"\b(blameless|no individual|system|process)\b",),
        ),
    ),
    _flags("blame", "fixed_too_soon", "delete_logs", "confidence_as_fluency"),
)

RISK_COMMUNICATION = Rubric(
    "pushing back on a risky deployment",
    (
        RubricElement(
            "goal",
            "acknowledges the business goal behind the request",
            (r"\b(goal|wants?|need|time-to-hire|faster|understand)\b",),
        ),
        RubricElement(
            "risk",
            "names the specific risk, legal and human",
            (r"\b(prohibit\w*|Art\.? ?5|unlawful|illegal|adverse impact|discriminat\w*|harm)\b",),
        ),
        RubricElement(
            "source",
            "cites the rule or the evidence",
            (r"\b(AI Act|LL ?144|Local Law|GDPR|Title VII|four-fifths|2024/1689|audit|validity)\b",),
        ),
        RubricElement("numbers", "quantifies the exposure or the evidence", (NUMBER, r"(€|EUR|\$)\s?\d")),
        RubricElement(
            "alternative",
            "proposes an alternative that meets the goal",
            (r"\b(instead|alternative|propose|pilot|structured interview|without)\b",),
        ),
        # The CHRO and the vendor are in the question itself, so they are no evidence.
        RubricElement(
            "stakeholders",
            "brings in the right people",
            (
                r"\b(Legal|works councils?|DPO|data protection|procurement|employee representatives|Talent Acquisition)\b",
            ),
        ),
        RubricElement(
            "decision",
            "asks for a decision or sets a condition",
            (r"\b(decision|sign(s|ed)?[- ]?off|approv\w*|condition|until|unless|gate)\b",),
        ),
        RubricElement(
            "follow_up",
            "follows up: monitoring or a date to revisit",
            (r"\b(monitor\w*|revisit|report back|quarterly|monthly|within \d+|re-?audit)\b",),
        ),
    ),
    _flags(
        "compliance_as_proof",
        "accuracy_alone",
        "ll144_pass_mark",
        "ban_postponed",
        "consent_makes_lawful",
        "vendor_owns_compliance",
        "permission_to_wait",
    ),
)


#: Scenario 7: the memo to the CHRO and the works council on the burnout-risk model.
WELLBEING_MEMO = Rubric(
    "memo to the CHRO and the works council",
    (
        RubricElement("recommendation", "a clear recommendation", (r"\b(recommend\w*|propose|we should|decision)\b",)),
        RubricElement(
            "missed",
            "who the score misses, with a named metric",
            (r"false[- ]negative|\bFNR\b|\bmiss(es|ed)?\b",),
        ),
        RubricElement("numbers", "numbers, not adjectives", (NUMBER,)),
        RubricElement(
            "cause",
            "why they are missed",
            (r"\b(because|non-?respon\w*|did not answer|unrecorded|not recorded)\b",),
        ),
        RubricElement(
            "law",
            "the legal position: special-category data, the AI Act tier, the DPIA",
            (r"Art(icle)?\.?\s*9|special[- ]category|health data|AI Act|Annex III|\bDPIA\b",),
        ),
        RubricElement(
            "publication",
            "what may be published, and how small groups are protected",
            (r"suppress\w*|small cells?|minimum cell|k-anonym\w*|differential(ly)? priva\w*|\bepsilon\b",),
        ),
        RubricElement(
            "alternative",
            "the redesign: what is kept and what changes",
            (r"\b(redesign\w*|instead|alternative|opt[- ]in|aggregate\w*)\b",),
        ),
        RubricElement(
            "consultation", "the works council's part", (r"works council|employee representatives|consult\w*",)
        ),
        RubricElement(
            "monitoring",
            "monitoring, and when to revisit",
            (r"\b(monitor\w*|re-?audit\w*|quarterly|every quarter|revisit\w*)\b",),
        ),
    ),
    _flags(
        "unawareness",
        "accuracy_alone",
        "compliance_as_proof",
        "overall_hides_subgroups",
        "consent_makes_lawful",
        "vendor_owns_compliance",
    ),
)
