"""Read a draft plan out of normalised plan prose (issue 5), as pure functions.

The extractor finds key works (headline phrases that open a paragraph) with their measures, the
year's quantitative targets in the forms work reports use (增长6.5%左右, 控制在5.5%以内, 各150个,
倍增, 全覆盖, 与经济增长同步) and past achievements, which become baselines and never targets.
Every item keeps its source sentence and its offsets in the text, so a reviewer sees why.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .numbers import (
    CN_DIGITS,
    MAX_VALUE,
    NUMBER,
    QUANTITY,
    SIZE_UNITS,
    format_decimal,
    parse_number,
    split_chinese_magnitude,
)


@dataclass
class TargetItem:
    metric: str
    comparator: str  # gte | lte | approx | eq
    value: Decimal | None
    unit: str
    commitment: str  # must | strive | plain
    basis: str  # level | growth | multiple | qualitative
    wording: str
    source_sentence: str
    start: int
    end: int
    key_work: int | None = None
    # Why it is a target: the cue words of its sentence (力争、今年、预期目标…).
    reason: str = ""
    # A count of the year's batch of projects (63个新开工重点项目) that in-year progress is
    # measured against: a target even inside a progress clause.
    plan_batch: bool = False
    # Last year's level of the same metric (国内生产总值达到114万亿元 for 增长5.5%左右): the
    # figure a growth target is measured over.
    baseline_value: Decimal | None = None
    baseline_year: int | None = None

    @property
    def is_decline(self) -> bool:
        return self.basis == "growth" and self.value is not None and self.value < 0


@dataclass
class BaselineItem:
    metric: str
    value: Decimal
    unit: str
    year: int | None
    basis: str
    source_sentence: str
    start: int
    end: int
    # baseline: a past result; progress: in-year progress (1—6月完成投资…); other: another
    # period's or place's figure, or a size (总投资, 年均, “十四五”期间, 春节假期).
    kind: str = "baseline"
    # Why it is not a target: the cue that decided it (去年, 1—8月, 2022年, 总投资, 年均…).
    reason: str = ""
    # The metric of the target this past figure is the baseline of, if any.
    target_metric: str = ""


@dataclass
class MeasureItem:
    number: int
    title: str
    text: str


@dataclass
class KeyWorkItem:
    number: int
    title: str
    source_sentence: str
    start: int
    end: int
    measures: list[MeasureItem] = field(default_factory=list)


@dataclass
class Extraction:
    text: str
    year: int | None
    key_works: list[KeyWorkItem]
    targets: list[TargetItem]
    baselines: list[BaselineItem]
    warnings: list[str]


# --- vocabulary (DESIGN.md §3) ---------------------------------------------------------------

MUST = re.compile(r"确保|务必|必须|坚决完成")
# 已争取到位资金2.1亿元 is what was obtained, not a commitment.
STRIVE = re.compile(r"力争|(?<!已)争取|努力|冲刺|力促")
PAST = re.compile(
    r"去年|上年度|过去(?:的)?(?:一|五|三|十|几)?年|近(?:年来|[一二三四五十几]年)|以来|连续\d*[一二三四五六七八九十]*年"
    r"|累计|已经|已(?=[经完实达建投开获争到])|共上报|已上报|(?:增长|下降|达到|完成|实现|突破|提高|新增|降低|减少|超过)了|提前.{1,6}完成"
    r"|回顾|工作回忆|荣获|获评|被评为|刚刚过去|创历史|历史新高|一年来|五年来|这一年|比上年末"
    r"|居全[省国市]第|位居|排名第|排全[省国]第|截至目前|截至\d|截止目前|超计划"
)
# Cues that the paragraph goes on about last year (与去年年初确定的目标差距较大。年初确定的
# 预期性目标为：…): the figures after them are last year's until this year is named again.
LAST_YEAR = re.compile(r"去年|上年(?!同期)|上一年")
# 要 as in 要增长7%, not 主要/重要/需要/纪要; 计划 as in 计划开工, not 超计划 (a result).
FUTURE = re.compile(
    r"确保|力争|争取|今年|明年|全年目标|预期目标|目标是|(?<!超)计划|将(?!近)"
    r"|(?<![主重需只必纪首摘提])要(?!素|求|点)"
)
# Words that name this year or the next, the only ones that lift a review section's past.
NAMED_FUTURE = re.compile(r"今年|明年|新的一年|下一步|全年目标|预期目标|目标是")
# Words of a plan that are not cues of tense on their own, shown to the reviewer as the reason.
PLAN_WORDS = re.compile(r"主要目标|预期性指标|约束性指标|预期|安排|排定|年度")
BULLET = re.compile(r"^(?:[●◆■▪•◇□○]|——|－|-(?!\d))")
# 比去年多93个 compares a figure with last year's; it does not turn the paragraph to last year.
COMPARISON = re.compile(r"比(?:去年|上年)(?:同期)?(?:多|少|增加|增长|提高|减少|下降)")
GROWTH_VERB = r"同比增长|比上年增长|年均增长|增长|增加|提高|提升|上升|上涨|增速|增幅"
DECLINE_VERB = r"下降|降低|减少|压减|缩小|下调"
_DOWN_TO_VERBS = frozenset({"下降到", "降低到", "降至", "减少到"})
LEVEL_VERB = (r"下降到|降低到|降至|减少到|提高到|提升到|增加到|增长到|上升到|提高至|提升至|增至"
              r"|控制在|稳定在|保持在|保持|达到|达(?=$)|突破|超过|不低于|不少于|不超过|低于|高于|完成|实现|实施|新增"
              r"|培育|引进|建成|打造|接待|新建|认定|招引")
# Level verbs first, so 提高到18% is a level (提高到) and not growth (提高) followed by 到.
VERB = re.compile(rf"(?:{LEVEL_VERB}|{GROWTH_VERB}|{DECLINE_VERB})")
LEAD = re.compile(
    r"^(?:其中|同时|并且|并|我们|我市|我省|我县|我区|确保|力争|争取|努力|力促|全年|今年|明年|全市|全省|全县|全区|全州|要|将|进一步"
    r"|主要预期目标是|预期目标是|经济社会发展(?:的)?主要预期目标是|目标是|实现|推动|推进|促进|持续|预计"
    r"|完成|实施|达到|新增(?!就业)|培育|引进|建成|接待|以及|和|及|、|：|，|[●◆■▪•◇□○]|\s)+"
)
HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[是、]|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)"
    r"|第[一二三四五六七八九十]+[，、]|\d+[、.．](?!\d))\s*"
)
SECTION = re.compile(
    r"回顾|过去|目标任务|总体要求|指导思想|主要目标|预期目标|工作安排|形势|基本思路|总体思路"
)
SECTION_PAST = re.compile(r"回顾|回忆|过去|去年|一年来|五年来")
QUOTED = re.compile(r"“[^”]{0,40}”|《[^》]{0,60}》|\"[^\"]{0,40}\"|「[^」]{0,40}」|‘[^’]{0,40}’")
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")

# In-year progress, as key-project bulletins report it: 1—6月完成投资…, 上半年, 为年计划的44%,
# 实际已开工129项, 开工率73%. It carries on through the rest of the paragraph (其中133个续建项目
# 完成投资… follows 1-8月共完成投资…) until a clause speaks of the plan again.
PROGRESS = re.compile(
    r"(?:\d{1,2}|元)\s*月?\s*[—\-－–~至到]\s*\d{1,2}\s*月|(?<![\d年])至\d{1,2}月(?:底|末)|前[一二三四五六七八九十\d]{1,2}个?月|上半年|前三季度"
    r"|[一二三四]季度|截[至止]|为年(?:度)?(?:投资)?计划|占.{0,12}?计划|完成年度(?:投资)?计划|时间进度"
    r"|实际已?开工|实际完成|实现(?:开工|投产|竣工)|(?:开工|竣工|完成|转化|开复工|投产)率"
)
# Figures of another period or of an event, not of this year: “十四五”期间…年均增速, 春节假期….
OTHER_PERIOD = re.compile(
    r"十[一二三四五六]五”?(?:期间|时期|末|规划|规画)|今后五年|未来五年|年均|春节|国庆|黄金周|假期"
    # 预计建成后可实现年总产值150亿元: a capacity once built, not this year's figure.
    r"|(?:建成|投产|达产|达效)后"
    # 人口64万，总面积886平方公里，现辖11镇: facts about the place, not targets.
    r"|(?:总|农业|户籍|常住)?人口\d|(?:土地|国土|总)面积\d|现辖|地处"
    # 大会主会场参会人数达1000人: an event's attendance.
    r"|参会|与会|参展"
    # 增长目标较上年有所上调，分别上调0.7个百分点: how a target moved, not a target.
    r"|(?:有所|略有|分别|目标)[上下]调"
)
# A press piece that turns to other places' figures (记者梳理中部省会城市已公布的数据发现…,
# 其他城市的目标…): from there on its figures are theirs, whatever their tense.
OTHER_PLACES = re.compile(
    r"(?:梳理|盘点|对比|比较)[^。；\n]{0,30}(?:城市|省份|省市|各地|多地)"
    r"|(?:其他|其它|兄弟|周边)(?:城市|省份|省市|地市)(?:的|已|也|均)"
)
# The year's plan named in a sentence (年度计划完成投资, 全年目标), not a project's planned size
# (计划投资总额331654万元 in a progress report).
YEAR_PLAN = re.compile(r"年度计划|年计划|全年|今年|本年|目标|计划(?!投资)")
# 预计全年…增长6%左右 at the head of a sentence or bullet: the estimate of a year just ended,
# as work reports and their summaries give it; a forecast of this year names it (预计今年).
ESTIMATE = re.compile(r"^(?:[●◆■▪•]\s*)?预计(?!今年|明年|本年|下半年)")
# Reported results: 同比增长95.66%, 较去年同期, 据统计预测…增长12.6%: a year-on-year figure or a
# statistic is an outcome, whatever tense the sentence seems to have.
RESULT = re.compile(r"同比|同期|据统计|初步核算|初步测算|据测算|由上年|预计数")
# A project's total investment is its size, not this year's target (项目总投资6960亿元).
SIZE = re.compile(r"总投资|概算投资")
PLANNED_SIZE = re.compile(r"计划投资(?:总额)?")

# A long work report is some 30,000 characters. 500,000 is far above any plan and stays, as UTF-8
# in a multipart form, under Django's default DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).
MAX_CHARS = 500_000


def detect_year(text: str) -> int | None:
    """The plan's year where the text says so (「2023年是…」, 「2023年主要预期目标」)."""
    patterns = [
        r"(\d{4})年是",
        r"(\d{4})年(?:全市|全省|全县|全区)?(?:经济社会发展的?)?主要(?:预期)?目标",
        r"(\d{4})年(?:的)?(?:政府)?(?:重点)?工作(?:安排|任务|要点|重点|目标|部署)",
        r"(\d{4})年(?:全市|全省|全县|全区)?(?:政府)?工作报告",
        r"(\d{4})年(?:目标任务|重点项目|投资计划)",
        r"今年(?:是|为)?.{0,6}?(\d{4})",
    ]
    for pattern in patterns:
        m = re.search(pattern, text[:20000])
        if m and 2000 <= int(m[1]) <= 2100:
            return int(m[1])
    return None


def extract(text: str, *, year: int | None = None) -> Extraction:
    """Key works, targets and baselines of normalised ``text``; ``year`` is a hint."""
    warnings: list[str] = []
    year = year or detect_year(text)
    key_works: list[KeyWorkItem] = []
    targets: list[TargetItem] = []
    baselines: list[BaselineItem] = []

    section_past, section_why = False, ""
    prev_bullet: tuple[str, bool, str] | None = None
    current_work: KeyWorkItem | None = None
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        heading = _heading(line)
        if heading is None and (turn := _year_heading(line, year)) is not None:
            # 2023年铜陵干得怎么样 / 2024年铜陵还要怎么“拼”: a press piece's own headings.
            section_past, section_why, current_work = turn, line.strip()[:40], None
        paragraph_past = section_past
        if heading is not None and heading[0] == "section":
            section_past = bool(SECTION_PAST.search(heading[1]) or _mentions_past_year(
                heading[1], year))
            section_why = heading[1][:40]
            paragraph_past = section_past
            current_work = None
        elif heading is not None and heading[0] == "work" and not section_past:
            title, end = heading[1], heading[2]
            current_work = KeyWorkItem(
                number=len(key_works) + 1, title=title, source_sentence=line[:end].strip(),
                start=line_start, end=line_start + end,
            )
            key_works.append(current_work)
        body_from = heading[2] if heading is not None and heading[0] == "work" else 0

        opening = line[:40]
        paragraph_why = section_why if section_past else ""
        if cue := re.match(r"^(?:过去一年|去年|一年来|五年来|过去五年|近年来|回顾)", opening):
            paragraph_past, paragraph_why = True, cue[0]
        elif _mentions_past_year(opening[:8], year) and not FUTURE.search(line[:30]):
            paragraph_past, paragraph_why = True, _past_year(opening[:8], year)
        elif ESTIMATE.match(opening) and not FUTURE.search(line) and not paragraph_past:
            paragraph_past, paragraph_why = True, ESTIMATE.match(opening)[0].lstrip("●◆■▪• ")
        # A bulleted list is one enumeration: ●2023年…达到13.57万亿元 opens a list of last
        # year's results, and the next ● (广州经济总量突破3万亿元) goes on with it.
        bullet = BULLET.match(line)
        if bullet and prev_bullet and prev_bullet[0] == bullet[0] and prev_bullet[1] and not (
            paragraph_past or FUTURE.search(line)
        ):
            paragraph_past, paragraph_why = True, prev_bullet[2]
        prev_bullet = (bullet[0], paragraph_past, paragraph_why) if bullet else None

        line_state: str | None = None
        for m in SENTENCE.finditer(line):
            if m.end() <= body_from:
                continue
            sentence = m.group().strip()
            if not sentence:
                continue
            start = line_start + m.start()
            if current_work is not None and m.start() >= body_from and not section_past:
                measure = sentence.rstrip("。；！？")
                if len(measure) >= 6:
                    current_work.measures.append(MeasureItem(
                        number=len(current_work.measures) + 1,
                        title=_measure_title(measure), text=measure,
                    ))
            found, past, line_state = _sentence_items(sentence, year, paragraph_past, warnings,
                                                      line_state, paragraph_why, section_past)
            work_number = current_work.number if current_work is not None else None
            for item in found:
                item.start, item.end = start, start + len(m.group())
                item.key_work = work_number
                targets.append(item)
            for item in past:
                item.start, item.end = start, start + len(m.group())
                baselines.append(item)
        if _opens_past_part(line):
            section_past, current_work = True, None
            section_why = re.split(r"[，。；,]", line.rstrip("。；：:，, "))[-1][:40]
    targets = _other_places(text, targets, baselines)
    targets = _without_restatements(targets, baselines)
    _attach_baselines(targets, baselines)
    return Extraction(text=text, year=year, key_works=key_works, targets=targets,
                      baselines=baselines, warnings=warnings)


def _year_heading(line: str, year: int | None) -> bool | None:
    """A short line of its own naming a year (2023年铜陵干得怎么样, 锚定挺进前列2024铜陵这样拼):
    True when the year is before the plan's (what follows reviews it), False when it is the
    plan's or later, None when the line is no such heading."""
    stripped = line.strip().lstrip("■●◆▪• ")
    if year is None or len(stripped) > 30 or re.search(r"[。；，,：:！!]", stripped) \
            or QUANTITY.search(re.sub(r"(?:19|20)\d\d年?", "", stripped)):
        return None
    named = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", stripped)]
    if not named:
        return None
    return max(named) < year


def _other_places(text: str, targets: list[TargetItem], baselines: list[BaselineItem]
                   ) -> list[TargetItem]:
    """The figures after a press piece turns to other places (``OTHER_PLACES``) are theirs:
    each becomes an ``other`` figure with the cue as its reason."""
    cue = OTHER_PLACES.search(text)
    if cue is None:
        return targets
    kept = []
    for item in targets:
        if item.start < cue.start() or item.value is None:
            kept.append(item)
            continue
        baselines.append(BaselineItem(
            metric=item.metric, value=item.value, unit=item.unit, year=None, basis=item.basis,
            source_sentence=item.source_sentence, start=item.start, end=item.end, kind="other",
            reason=cue[0][:20]))
    return kept


def _without_restatements(targets: list[TargetItem], baselines: list[BaselineItem]
                          ) -> list[TargetItem]:
    """Drop a target that only restates another: a headline or lead sentence (中国2024年经济增长
    预期目标设定为5%左右, 预期地区生产总值增长5%, 梅州力争GDP增长6%) or a later explanation
    (经济增长预期目标为5%左右) saying again what the list of targets says.

    Two targets are one when their figure, comparator and basis agree and their metrics name the
    same thing once place names and cue words are set aside, or one of them names the target
    itself (…目标…). The one kept is the one whose sentence lists more targets: the list, not
    the headline; on a tie, the one that does not name the target, else the later one.
    """
    per_sentence: dict[str, int] = {}
    for item in targets:
        per_sentence[item.source_sentence] = per_sentence.get(item.source_sentence, 0) + 1
    dropped: set[int] = set()
    for i, item in enumerate(targets):
        if item.value is None or i in dropped:
            continue
        for j in range(i + 1, len(targets)):
            other = targets[j]
            if j in dropped or other.source_sentence == item.source_sentence or (
                (other.value, other.unit, other.basis, other.comparator)
                != (item.value, item.unit, item.basis, item.comparator)
            ):
                continue
            if not ("目标" in item.metric or "目标" in other.metric
                    or _same_metric(item.metric, other.metric)):
                continue
            # The list's sentence holds more targets; on a tie, the one that names the target
            # itself is the restatement, else the first (a headline or a lead before the list).
            mine, theirs = per_sentence[item.source_sentence], per_sentence[other.source_sentence]
            if mine != theirs:
                loser = j if mine > theirs else i
            elif ("目标" in item.metric) != ("目标" in other.metric):
                loser = i if "目标" in item.metric else j
            else:
                loser = i
            dropped.add(loser)
            gone = targets[loser]
            baselines.append(BaselineItem(
                metric=gone.metric, value=gone.value, unit=gone.unit, year=None,
                basis=gone.basis, source_sentence=gone.source_sentence, start=gone.start,
                end=gone.end, kind="other",
                reason=_("restates target: %(metric)s") % {
                    "metric": targets[i if loser == j else j].metric},
            ))
            if loser == i:
                break
    return [item for i, item in enumerate(targets) if i not in dropped]


def _attach_baselines(targets: list[TargetItem], baselines: list[BaselineItem]) -> None:
    """Past results of a target's metric become its baselines (去年增长4.1% and 地区生产总值
    417亿元 for 地区生产总值增长6%左右). The latest level in a unit that is not a rate becomes
    the target's ``baseline_value``: the level a growth target grows from, or last year's level
    of a level target in the same unit."""
    for target in targets:
        for past in baselines:
            if past.kind != "baseline" or past.target_metric or not _same_metric(
                past.metric, target.metric
            ):
                continue
            past.target_metric = target.metric
            level = past.basis == "level" and past.unit not in _RATE_UNITS and (
                target.basis in ("growth", "multiple") or past.unit == target.unit
            )
            if level and target.basis != "qualitative":
                target.baseline_value, target.baseline_year = past.value, past.year


def _same_metric(a: str, b: str) -> bool:
    """预期地区生产总值 and 地区生产总值, 梅州力争GDP and 主要目标是力争GDP: one thing."""
    def core(metric: str) -> str:
        return re.sub(r"^.*(?:力争|确保|争取|冲刺|力促|努力|预期|目标是|目标为|定下|提出|全年)", "",
                      metric)
    a, b = core(a), core(b)
    return bool(a and b) and (a.endswith(b) or b.endswith(a)) and min(len(a), len(b)) >= 2


def _opens_past_part(line: str) -> bool:
    """A line that ends on a figureless clause about last year (…推进乡村振兴战略去年重大工程
    建设成绩单, 过去一年主要成绩如下：) introduces last year's figures in the lines after it,
    as a review heading would."""
    last = re.split(r"[，。；,]", line.rstrip("。；：:，, "))[-1]
    return bool(
        len(last) <= 30 and not QUANTITY.search(last)
        and re.search(r"(?:去年|上年|过去一年|一年来).{0,16}"
                      r"(?:成绩单|成绩|成效|回顾|情况)(?:如下)?$"
                      r"|(?:主要成绩|工作回顾)(?:如下)?$", last)
    )


def _mentions_past_year(text: str, year: int | None) -> bool:
    if year is None:
        return False
    return any(2000 <= int(y) < year for y in re.findall(r"(\d{4})年", text))


def _heading(line: str):
    """("section", title) or ("work", title, end) when the line opens with a heading."""
    numbered = HEADING_NUMBER.match(line)
    rest = line[numbered.end():] if numbered else line
    first = re.match(r"[^。！？；\n]*[。！？；]?", rest)[0]
    title = first.rstrip("。！？；").strip()
    end = (numbered.end() if numbered else 0) + len(first)
    if title and len(title) <= 40 and end == len(line.rstrip()) and re.search(
        r"(?:工作|发展)回顾$|回顾与(?:展望|总结)$", title
    ):
        return ("section", title)  # 20XX年工作回顾, 解读要点之一：2022年工作回顾
    if not title or len(title) > 30 or (re.search(r"\d", title.replace("“", "")) and not numbered):
        if numbered and re.match(r"^[一二三四五六七八九十]+、", line) and len(title) <= 30:
            return ("section", title)
        return None
    if SECTION.search(title) and (numbered or end == len(line)):
        return ("section", title)
    if numbered and re.match(r"^[一二三四五六七八九十]+、", line) and end == len(line.rstrip()):
        return ("section", title)
    if QUANTITY.search(title) or "倍增" in title or "全覆盖" in title:
        return None
    parts = re.split(r"[，,]", title)
    headline = len(parts) == 2 and all(2 <= len(p) <= 12 for p in parts) and len(title) <= 20
    if numbered and (len(title) <= 24 or headline):
        return ("work", title, end)
    if headline and (end < len(line.rstrip()) or first.endswith("。")):
        return ("work", title, end)
    return None


def _measure_title(sentence: str) -> str:
    sentence = re.sub(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）)", "", sentence)
    title = re.split(r"[，：]", sentence, maxsplit=1)[0]
    return title[:60]


def _commitment(text: str) -> str | None:
    must, strive = MUST.search(text), STRIVE.search(text)
    if must and (not strive or must.start() > strive.start()):
        return "must"
    if strive:
        return "strive"
    return None


def _sentence_items(sentence: str, year: int | None, paragraph_past: bool, warnings: list[str],
                    state: str | None = None, context: str = "", in_review: bool = False):
    """Targets and baselines in one sentence, clause by clause, and the paragraph's state.

    ``state`` is what the paragraph has been speaking of so far when it is not this year's plan
    ("progress", "other" or "baseline"); it carries on to the next clause and sentence until a
    clause speaks of the plan again (今年, 计划, 力争, 确保, 目标是…). ``context`` names why the
    paragraph is in the past (a review heading), for the reviewer. Under a review heading
    (``in_review``) only words naming this year or the next lift the past: there 争取上级资金
    20.2亿元 is what was secured, not a goal. Every item gets a ``reason``:
    the cue words that made it a target or not.
    """
    targets: list[TargetItem] = []
    baselines: list[BaselineItem] = []
    # A quoted name (“8232”投资计划) holds no target, but a quoted figure does: press pieces
    # quote the report's own words (地区生产总值要“增长7%左右”).
    quoted = [m.span() for m in QUOTED.finditer(sentence) if not VERB.match(m.group()[1:])]
    # A parenthesis is an aside to the figure before it (444项(打包项目拆分后共569项)): its own
    # figures are breakdowns, not further targets.
    clauses = list(re.finditer(
        r"[(（][^()（）]*?\d[^()（）]*[)）]?|(?:[^，：,(（]|[(（](?![^()（）]*?\d))+[，：,]?",
        sentence))
    commitment = "plain"
    last_metric = dangling = ""
    earlier: list[str] = []
    past_cue = PAST.search(sentence)
    sentence_past = bool(past_cue) and not (
        FUTURE.search(sentence) and not PAST.search(sentence[:12])
    )
    sentence_why = past_cue[0] if sentence_past else ""
    if not sentence_past and _mentions_past_year(sentence[:10], year):
        sentence_past, sentence_why = True, _past_year(sentence[:10], year)
    if not sentence_past and (cue := ESTIMATE.match(sentence)) and not FUTURE.search(sentence):
        sentence_past, sentence_why = True, cue[0].lstrip("●◆■▪• ")
    if paragraph_past and not FUTURE.search(sentence) and not sentence_past:
        sentence_past, sentence_why = True, context or _("the paragraph speaks of the past")
    plan_cue, progress_cue = YEAR_PLAN.search(sentence), PROGRESS.search(sentence)
    if state == "progress" and plan_cue and (
            progress_cue is None or plan_cue.start() < progress_cue.start()):
        # 其中亿元以上项目46个，总投资…，年度计划完成投资…，1-6月份…: a sentence that speaks of
        # the plan before any progress lists the year's batch again.
        state = None
    # 续建项目完成投资191.1亿元，完成年度计划的81.75%: the amount is the progress the share is of.
    share_of_plan = re.search(r"(?:完成|占)(?:年度|全年|年)(?:投资)?计划(?:投资)?的", sentence)
    committed = bool(MUST.search(sentence) or STRIVE.search(sentence))
    sentence_kind = None
    if not committed and (cue := OTHER_PERIOD.search(sentence)):
        sentence_kind, sentence_kind_why = "other", cue[0]
    elif not committed and (cue := RESULT.search(sentence)):
        sentence_kind, sentence_kind_why = "baseline", cue[0]
    for clause_match in clauses:
        clause = clause_match.group()
        clause_commitment = _commitment(clause)
        item_commitment = commitment
        if clause_commitment:
            cue = MUST.search(clause) if clause_commitment == "must" else STRIVE.search(clause)
            if _clean_metric(clause[:cue.start()]) and VERB.match(clause, cue.end()):
                # 进出口总额力争增长8%左右，城镇新增就业100万人: a 力争 between its metric and the
                # verb is that item's; one before a metric (力争GDP增长6%，固定资产投资增长11%)
                # governs the list that follows.
                item_commitment = clause_commitment
            else:
                commitment = item_commitment = clause_commitment
        kind, why = "baseline", ""
        progress = PROGRESS.search(clause)
        if in_review and not NAMED_FUTURE.search(sentence):
            past, why = True, context or _("a review section")
        elif clause[0] in "(（":
            # (扣除2022年灾后重建支出外): an aside's year speaks of the aside alone.
            past, kind, why = True, "other", _("an aside in parentheses")
        elif (cue := re.search(r"年均", clause)) and not NAMED_FUTURE.search(clause):
            # 地区生产总值年均增速4.5%至5%、努力争取更好结果: a plan period's average.
            past, kind, why = True, "other", cue[0]
        elif progress and commitment == "plain" and (
                QUANTITY.search(clause) or not progress[0].endswith("率")):
            # 确保…，亿元以上项目开工率不低于90%: under a 确保 a rate is still a target. A rate
            # named without a figure (开工率、纳统率保持全省前列) reports no progress.
            past, kind, state, why = True, "progress", "progress", progress[0]
        elif share_of_plan and not clause_commitment and re.search(r"完成", clause) and not (
                re.search(r"计划", clause)):
            past, kind, why = True, "progress", share_of_plan[0]
        elif _mentions_past_year(clause, year) and not clause_commitment:
            past, state, why = True, "baseline", _past_year(clause, year)
        elif sentence_kind:
            past, kind, why = True, sentence_kind, sentence_kind_why
            if sentence_kind == "baseline" and state is None:
                state = "baseline"  # 初步测算，…同比增长5.0%。其中：第一产业…: results go on
        elif SIZE.search(clause) and not clause_commitment and not re.search(
            r"[、，]", clause.rstrip("，：,")
        ):
            past, kind, why = True, "other", SIZE.search(clause)[0]
        elif (cue := PAST.search(clause)) and not MUST.search(clause) and not STRIVE.search(
            clause
        ):
            past, why = True, cue[0]
            if state == "progress":
                kind = "progress"  # 1—8月份，累计完成投资…: 累计 within a progress report
            elif LAST_YEAR.search(clause) and not COMPARISON.search(clause):
                state = "baseline"
        elif state == "progress" and PLANNED_SIZE.search(clause) and not clause_commitment and not (
            NAMED_FUTURE.search(clause) or re.search(r"(?:年度|年|本年)计划", clause)
        ):
            # 1—6月…签约项目13个，计划投资94801万元: the planned size of the projects in a
            # progress report, not the year's plan.
            past, kind, why = True, "other", PLANNED_SIZE.search(clause)[0]
        elif _mentions_later_year(clause, year) and not clause_commitment:
            # 2020年生产总值达到120亿元 in a 2016 text: a goal for a later year.
            past, kind, why = True, "other", _later_year(clause, year)
        elif FUTURE.search(clause) or clause_commitment or (
                year is not None and state == "baseline" and f"{year}年" in clause):
            # 报告定下2023年泉州发展目标：after last year's figures, the plan's year turns it.
            past, state = _mentions_past_year(clause, year), None
            if not past and year is not None and f"{year}年" in clause and "目标" in clause:
                sentence_past = False  # the rest of the sentence lists this year's targets
            why = _past_year(clause, year) if past else ""
        elif state:
            past, kind = True, state
            why = {"progress": _("in-year progress before it in the paragraph"),
                   "baseline": _("last year's figures before it in the paragraph"),
                   "other": _("another period's figures before it in the paragraph")}.get(
                       state, "")
        else:
            past, why = sentence_past, sentence_why
            if past and _time_word_after(sentence, clause_match.end()):
                # …安排正式项目12项，…推进乡村振兴战略去年重大工程建设成绩单: a time word (去年)
                # speaks of what follows it, not of a figure before it; a result phrase
                # (粮食产量1.37万亿斤，创历史新高) does reach back.
                past, why = False, ""
        items = _clause_items(clause, clause_match.start(), quoted, item_commitment, sentence,
                              warnings)
        if not items and clause[0] not in "(（":
            # 一般公共预算支出(扣除…外)增长3%以上: the metric waits before the aside.
            dangling = _clean_metric(clause) if clause[-1:] not in "，：," else ""
        elif items:
            for item in items:
                if not item.metric and dangling:
                    item.metric = dangling
            dangling = ""
        unnamed = [item for item in items if not item.metric]
        if len(unnamed) > 1 and len(earlier) >= len(unnamed):
            for item, metric in zip(unnamed, earlier[-len(unnamed):], strict=True):
                item.metric = metric
        for item in items:
            if not item.metric:
                item.metric = last_metric or item.wording[:20]
            last_metric = item.metric
            earlier.append(item.metric)
            if not past and SIZE.search(item.metric) and not clause_commitment:
                # 在建项目126个、总投资211亿元、年计划投资60亿元: only the total is a size.
                baselines.append(BaselineItem(
                    metric=item.metric, value=item.value, unit=item.unit,
                    year=_baseline_year(sentence, year), basis=item.basis,
                    source_sentence=sentence, start=0, end=0, kind="other",
                    reason=SIZE.search(item.metric)[0],
                ))
                continue
            if past and kind == "progress" and item.plan_batch:
                # 全市63个新开工重点项目共有47个项目实现开工: 63 is the year's batch that the
                # progress is measured against, a target.
                item.reason = _target_cues(sentence) or _("the year's batch of projects")
                targets.append(item)
            elif past:
                if item.value is not None:
                    baselines.append(BaselineItem(
                        metric=item.metric, value=item.value, unit=item.unit,
                        year=_baseline_year(sentence, year), basis=item.basis,
                        source_sentence=sentence, start=0, end=0, kind=kind, reason=why,
                    ))
            else:
                item.reason = _target_cues(sentence)
                targets.append(item)
    return targets, baselines, state


def _time_word_after(sentence: str, clause_end: int) -> bool:
    """The sentence's only past cue is a time word (去年, 上年) after this clause."""
    before = sentence[:clause_end]
    cues = list(PAST.finditer(sentence))
    return bool(cues) and not PAST.search(before) and all(
        c.start() >= clause_end and LAST_YEAR.fullmatch(c[0]) for c in cues
    )


def _mentions_later_year(text: str, year: int | None) -> bool:
    return bool(_later_year(text, year))


def _later_year(text: str, year: int | None) -> str:
    """A year after the plan's named in ``text`` (到2025年, 2020年生产总值…), as the reason."""
    for y in re.findall(r"(\d{4})年", text):
        if year is not None and year < int(y) <= 2100:
            return f"{y}年"
    return ""


def _past_year(text: str, year: int | None) -> str:
    """The first year before the plan's named in ``text`` (2022年), as the reason."""
    for y in re.findall(r"(\d{4})年", text):
        if year is not None and 2000 <= int(y) < year:
            return f"{y}年"
    return ""


def _target_cues(sentence: str) -> str:
    """The words that make a sentence this year's plan (力争, 今年, 预期目标…), in order."""
    cues: list[str] = []
    for pattern in (MUST, STRIVE, FUTURE, PLAN_WORDS):
        for m in pattern.finditer(sentence):
            if m[0] not in cues:
                cues.append(m[0])
    return "、".join(cues[:6])


def _baseline_year(sentence: str, year: int | None) -> int | None:
    m = re.search(r"(\d{4})年", sentence)
    if m and 2000 <= int(m[1]) <= 2100:
        return int(m[1])
    return year - 1 if year else None


def _in_spans(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


def _clause_items(clause: str, clause_at: int, quoted, commitment: str, sentence: str,
                  warnings: list[str]) -> list[TargetItem]:
    items: list[TargetItem] = []
    qualified: list[bool] = []  # whether each item's figure had its own 左右/以上…
    segment_from = 0
    last_verb = ""
    for m in QUANTITY.finditer(clause):
        number, unit = split_chinese_magnitude(m["number"], m["unit"])
        before = clause[m.start() - 1] if m.start() else ""
        after = clause[m.end():m.end() + 1]
        if (before.isascii() and before.isalpha()) or before == "第" or (
            after.isascii() and after.isalnum()
        ):
            continue
        if _in_spans(clause_at + m.start(), quoted):
            continue
        if re.search(r"(?:时速|速度|排量|功率|载重|电压|容量)$", clause[:m.start()]):
            continue  # 时速200公里以上…动车组: a specification inside a product's name
        qualifier = re.match(r"以上|以下|以内|左右|上下|多", clause[m.end():])
        q_end = m.end() + (qualifier.end() if qualifier else 0)
        tail = clause[q_end:]
        if unit in SIZE_UNITS and re.match(
            rf"(?:、{NUMBER}[亿万]?元(?:以上)?)*(?:的|级)?[^，。；\d]{{0,6}}?(?:项目|企业)", tail
        ):
            continue  # 亿元以上项目, 营收超100亿元、50亿元的企业: size thresholds, not targets
        if unit == "个" and re.match(r"月|季度|小时|工作日|方面|百分点", tail):
            continue
        if number[0] in CN_DIGITS and (
            len(number) == 1 and number in "一两" and unit in ("个", "项", "批", "家", "条")
        ):
            continue  # 一个/两个: ordinary words, not figures
        value = parse_number(number)
        if value is None:
            continue
        segment = clause[segment_from:m.start()]
        segment_from = q_end
        if items and re.fullmatch(r"\s*[-—~～至到]\s*", segment):
            continue  # 增长4.5%-5%: the range's upper bound, not a second target
        if last_verb and re.fullmatch(r"\s*(?:和|、|及|与|以及)?\s*", segment):
            segment = last_verb  # 分别增长20%和25%: the verb governs both figures
        verbs = VERB.findall(segment)
        last_verb = verbs[-1] if verbs else ""
        counted = "" if qualifier or verbs else _counted_projects(segment, unit, tail)
        if counted:
            # 今年全市共有280个重点建设项目, 63个新开工重点项目共有47个…: the metric follows the
            # count. A batch named as the year's plan (新开工, 计划投产) is a target even in a
            # progress report.
            if abs(value) < MAX_VALUE:
                items.append(TargetItem(
                    metric=counted, comparator="gte", value=value, unit=unit,
                    commitment=commitment, basis="level", wording=clause.rstrip("，：,")[:300],
                    source_sentence=sentence, start=0, end=0,
                    plan_batch=bool(re.match(r"(?:计划|新开工|年度计划)", counted) and re.match(
                        rf"{re.escape(counted)}[^，。；]*?\d+[个项宗]", tail)),
                ))
                qualified.append(False)
            continue
        plan_amount = bool(re.search(r"(?:年度|全年|年)(?:投资)?计划$", segment)
                           and tail.startswith("的"))
        if not (qualifier or plan_amount or VERB.search(segment) or re.search(r"各|均|约$", segment)
                ) and (tail and not re.match(r"[，。；、：,)）]|$", tail)):
            continue  # 聚焦8个领域谋划…: a figure inside a description, not a target
        if abs(value) >= MAX_VALUE:
            warnings.append(_("The number %(number)s is too large to be a target; it was left out "
                              "(in: %(sentence)s).")
                            % {"number": _shorten(m.group(), 24),
                               "sentence": _shorten(sentence, 80)})
            continue
        found = _targets_from(segment, value, unit, qualifier[0] if qualifier else "",
                              tail, commitment, clause, sentence)
        if plan_amount:
            # 占年度计划15.3亿元的44.8%: the year's plan that the progress is measured against.
            for item in found:
                item.plan_batch = True
        items.extend(found)
        qualified.extend([bool(qualifier)] * len(found))
    # A clause of thousands of characters is not prose (a pasted table, junk): the
    # number-free forms are skipped there, which also bounds the time spent on it.
    if not items and len(clause) <= 500:
        items.extend(_unnumbered_targets(clause, commitment, sentence))
    respectively = re.search("分别", clause)
    if respectively and items:
        # A、B分别增长8%和10% names its metrics; 游客…，收入…，分别增长20%和25% leaves them to
        # the caller, which takes the metrics of the figures before it in the sentence.
        names = [_clean_metric(n) for n in re.split(r"、|和|及|与", clause[:respectively.start()])]
        names = [n for n in names if n]
        if len(names) == 1 and len(items) == 2 and names[0].startswith("城乡"):
            # 城乡居民人均可支配收入分别增长7%、8%: the towns' figure first, then the country's.
            names = ["城镇" + names[0][2:], "农村" + names[0][2:]]
        elif len(names) == 2 and len(names[0]) == 1 and len(names[1]) > 2:
            # 城、乡居民人均可支配收入分别增长8%、9%: the single characters share the noun.
            names = [names[0] + names[1][1:], names[1]]
        for index, item in enumerate(items):
            item.metric = names[index] if len(names) == len(items) else ""
        if len(qualified) == len(items) and qualified[-1] and not any(qualified[:-1]):
            # 分别增长7%、8%左右: the last figure's 左右 qualifies the whole list.
            for item in items[:-1]:
                item.comparator = items[-1].comparator
    return items


def _counted_projects(segment: str, unit: str, tail: str) -> str:
    """The projects a count names after it (共有280个重点建设项目), or ""."""
    if unit not in ("个", "项", "宗"):
        return ""
    lead = _clean_metric(segment)
    if lead and not re.search(r"(?:共有|共安排|共|有|安排|排定|确定|列入|纳入|筛选出|选出|梳理出)$",
                              lead):
        return ""
    noun = re.match(r"([^，。；、：,\d（(]{0,16}?(?:项目|工程))", tail)
    return noun[1] if noun else ""


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _split_metrics(metric: str, marker: str) -> list[str]:
    parts = [p for p in re.split(r"、|和|及|与|以及", metric) if p]
    if len(parts) < 2:
        return [metric]
    others, last = parts[:-1], parts[-1]
    width = len(others[0])
    if marker == "各" and all(len(p) == width for p in others) and len(last) > width and all(
        p[0] == last[0] for p in others
    ):
        tail = last[width:]
        parts = [p + tail for p in others] + [last]
    return parts


def _clean_metric(text: str) -> str:
    text = LEAD.sub("", text.strip())
    text = re.sub(r"(?:的|，|、|：|“|要|将|在|为|由|从|力争|确保|争取|努力|实现)+$", "", text)
    return text.strip()


_PRE_WORDS = "不低于|不少于|超过|突破|高于|不超过|低于|约"
_VERBS_IN_METRIC = {"完成", "实现", "实施", "新增", "接待", "达到", "引进", "培育", "建成"}
_BOUND_VERBS = {
    "不低于", "不少于", "超过", "突破", "高于", "不超过", "低于", "控制在", "稳定在", "保持在",
}
_RATE_UNITS = ("%", "个百分点", "百分点")


def _targets_from(segment: str, value: Decimal, unit: str, qualifier: str, tail: str,
                  commitment: str, clause: str, sentence: str) -> list[TargetItem]:
    # 各150个 / 均增长30%: one value shared by the listed metrics before the marker.
    shared = re.search(rf"(各|均|都)({VERB.pattern})?(?:{_PRE_WORDS}|达到|达)?$", segment)
    if shared:
        verb_text, marker = shared[2] or "", shared[1]
        metric_part, between = segment[:shared.start()], ""
    else:
        verbs = list(VERB.finditer(segment))
        verb = verbs[-1] if verbs else None
        verb_text = verb[0] if verb else ""
        metric_part = segment[:verb.start()] if verb else segment
        between = segment[verb.end():] if verb else ""
        marker = ""
    if between and not re.fullmatch(rf"(?:{_PRE_WORDS}|了)*", between):
        # 完成年度投资3000亿元: the metric sits between the verb and the figure.
        kept_verb = verb_text if verb_text in _VERBS_IN_METRIC else ""
        metric_part = metric_part + kept_verb + between

    if verb_text in ("完成", "达到", "实现", "控制在") and unit == "%" and (
            grown := re.search(rf"(?:{GROWTH_VERB})$", metric_part)):
        # 固定资产投资增长完成10%以上, 居民消费价格上涨控制在3%左右: the growth is what is to
        # be completed or kept down.
        verb_text, metric_part = grown[0], metric_part[:grown.start()]
    is_growth = bool(re.fullmatch(GROWTH_VERB, verb_text)) and unit in (*_RATE_UNITS, "倍")
    is_decline = bool(re.fullmatch(DECLINE_VERB, verb_text)) and unit in _RATE_UNITS

    metric = _clean_metric(metric_part)
    if not metric:
        noun = re.match(r"[^\d，。；、]{1,12}?(?=$|，|。|；|、|和)", tail.strip())
        noun_text = noun[0] if noun else ""
        # Without a noun the metric is elliptical (今年力争突破8000万人次): the caller fills in
        # the metric of the figure before it in the sentence.
        metric = re.sub(r"^(?:达到|达)", "", verb_text + noun_text) if noun_text else ""

    # 居民消费价格涨幅3%左右 / 涨幅控制在3%: the metric is itself a rate of change.
    if re.search(r"(?:涨幅|增幅|增速|增长率)$", metric) and unit == "%" and not is_decline and (
        not verb_text or verb_text in _BOUND_VERBS or verb_text in ("达到", "达", "保持")
    ):
        is_growth = True
    basis = "growth" if (is_growth or is_decline) else "level"
    if unit == "倍" and verb_text in ("增长", "增加"):
        basis, value, unit = "multiple", value + 1, "倍"
    elif unit == "倍":
        basis = "multiple"
    if is_decline:
        value = -value

    pre = re.search(rf"({_PRE_WORDS})$", segment)
    pre_word = pre[1] if pre else (verb_text if verb_text in _BOUND_VERBS else "")
    if qualifier in ("左右", "上下") or pre_word == "约":
        comparator = "approx"
    elif is_decline:
        comparator = "gte" if qualifier in ("以内", "以下") else "lte"
    elif (qualifier in ("以内", "以下") or pre_word in ("不超过", "低于", "控制在")
          # 下降到38微克: a level to get down to is a ceiling.
          or verb_text in _DOWN_TO_VERBS):
        comparator = "lte"
    else:
        comparator = "gte"

    metrics = _split_metrics(metric, marker) if marker in ("各", "均", "都") else [metric]
    wording = clause.rstrip("，：,")
    return [
        TargetItem(metric=name[:200], comparator=comparator, value=value, unit=unit,
                   commitment=commitment, basis=basis, wording=wording[:300],
                   source_sentence=sentence, start=0, end=0)
        for name in metrics if name or len(metrics) == 1
    ]


def _unnumbered_targets(clause: str, commitment: str, sentence: str) -> list[TargetItem]:
    """倍增 (×2), 翻一番, 全覆盖 (100 %) and 与经济增长同步 (qualitative)."""
    wording = clause.rstrip("，：,")
    metric = r"(?P<metric>[^，。；]{2,30}?)"
    forms = [
        (metric + r"(?:数量|总量|规模)?(?:实现)?倍增", "multiple", "2", "倍", "gte"),
        (metric + r"(?:实现)?翻一番", "multiple", "2", "倍", "gte"),
        (metric + r"(?:实现)?翻两番", "multiple", "4", "倍", "gte"),
        (metric + r"(?:实现|达到)?全覆盖", "level", "100", "%", "gte"),
        (metric + r"(?:与|和|同)(?:经济增长|经济增加|经济增速|经济发展|经济)(?:保持)?(?:基本)?同步",
         "qualitative", None, "", "eq"),
        (metric + r"(?:增长)?(?:高于|快于)(?:经济增长|经济发展|经济)(?:水平|速度)?",
         "qualitative", None, "", "eq"),
        # GDP增速高于全市平均水平: faster than the region it belongs to.
        (metric + r"(?:增速|增幅|增长)(?:高于|快于)(?:全[国省市州])(?:平均)?(?:水平|增速)",
         "qualitative", None, "", "eq"),
        (metric + r"(?:保持|实现)(?:稳定|平稳|较快|稳步|合理)增长[。；！]?$",
         "qualitative", None, "", "eq"),
    ]
    for pattern, basis, value, unit, comparator in forms:
        m = re.search(pattern, wording)
        if not m:
            continue
        metric = _clean_metric(m["metric"])
        metric = re.sub(r"^(?:实现|推动|推进|加快|确保|力争|基本|逐步)+", "", metric)
        if len(metric) < 2 or PAST.search(clause):
            continue
        return [TargetItem(
            metric=metric, comparator=comparator,
            value=Decimal(value) if value is not None else None, unit=unit,
            commitment=commitment, basis=basis, wording=wording[:300],
            source_sentence=sentence, start=0, end=0,
        )]
    return []


def value_text(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)
