"""Repair plan text copied from Chinese web pages (issue 5), as pure functions.

Pages mangle text in a few recurring ways: traditional characters, pinyin annotations inserted
after characters (``發(fā)展``), a ``?`` where a multi-byte sequence was lost (the opening
parenthesis, or the annotated character with it: ``競?zhēng)``), ``?`` runs for full-width spaces
and quotes, private-use glyphs, control characters, and the site's own navigation lines.
``normalize`` undoes these and leaves clean text alone: legitimate parentheses such as
「（坚定信心 开好局起好步）」 or 「(2023)」 are not pinyin and stay.
"""

import html
import re
import unicodedata
from functools import cache

from .lexicon import char_readings, chars_for_reading, is_syllable, word_frequency

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PY_CHARS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN = rf"[{_PY_CHARS}]{{1,7}}"

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                          *range(0xFF41, 0xFF5B)]}
_FULLWIDTH.update({ord("％"): "%", ord("＋"): "+", ord("\u00a0"): " ", ord("\t"): " "})

# Navigation and page furniture: whole lines that are not part of the plan.
_BOILERPLATE = re.compile(
    r"^(?:"
    r"(?:当前位置|您的位置|你的位置|所在位置)\s*[:：]?.*"
    r"|首页\s*(?:>|＞|»|/|›).*"
    r"|(?:责任编辑|编辑|审核|校对|来源|作者|发布时间|发布日期|浏览次数|点击数|阅读次数)\s*[:：].{0,60}"
    r"|分享(?:到)?\s*[:：]?.{0,30}"
    r"|【?(?:打印|关闭|收藏|返回顶部|关闭窗口|打印本页)】?(?:\s*【?(?:打印|关闭|收藏|返回顶部|关闭窗口"
    r"|打印本页)】?)*"
    r"|(?:【\s*)?字号\s*[:：]?.{0,20}"
    r"|(?:上一篇|下一篇|相关阅读|相关链接|扫一扫)\s*[:：]?.{0,60}"
    r"|(?:有意转载|转载请|未经授权|版权所有|稿件由|(?:本站|本网)所有).{0,60}"
    r")$"
)
_BREADCRUMB = re.compile(r"^[^。；，]{0,80}(?:>>|＞＞|»|›)[^。；，]{0,80}$")


def normalize(text: str) -> str:
    """Return ``text`` repaired; clean simplified text comes back unchanged."""
    text = _realign_gbk(text)
    text = _clean_code_points(text)
    text = _to_simplified(text)
    text = _halfwidth_and_punctuation(text)
    text = _strip_pinyin(text)
    text = _question_marks(text)
    text = _unspun(text)
    return _tidy_lines(text)


# A GBK page whose converter lost one byte (the lead byte of a character, shown as "?") reads
# the rest of the run one byte out of step: 規模化、產(chǎn) becomes 規?；<U+E1D6><U+E769>a(chǎn),
# private-use glyphs and a stray letter (the last character's trail byte) included. The run ends
# at a pinyin annotation, which names the run's last character.
_SHIFTED_RUN = re.compile(
    rf"(?P<before>[{CJK}])\?(?P<run>[\ue000-\uf8ff；;{CJK}]{{1,12}}?[\x21-\x7e]?)"
    rf"(?=[(（](?P<py>{PINYIN})[)）])"
)


def _realign_gbk(text: str) -> str:
    if "?" not in text or not re.search("[\ue000-\uf8ff]", text):
        return text
    return _SHIFTED_RUN.sub(_realigned, text)


def _realigned(m: re.Match) -> str:
    """The run read back in step, with the lost lead byte that best makes words, or as it was.

    Re-encodes the run to GBK bytes, puts each possible lead byte before them and decodes again;
    a reading is kept only when it decodes cleanly, holds no private-use glyph, ends on a
    character the annotation reads, and its first character makes a word with the one before.
    """
    run, before, py = m["run"], m["before"], m["py"]
    if not re.search("[\ue000-\uf8ff]", run):
        return m[0]
    try:
        raw = run.replace(";", "；").encode("gb18030")
    except UnicodeEncodeError:
        return m[0]
    if len(raw) % 2 == 0:
        return m[0]
    best, best_score = "", 0
    for lead in range(0x81, 0xFF):
        try:
            decoded = (bytes([lead]) + raw).decode("gbk")
        except UnicodeDecodeError:
            continue
        if re.search("[\ue000-\uf8ff?]", decoded) or py not in char_readings(
            _to_simplified(decoded[-1])
        ) | char_readings(decoded[-1]):
            continue
        simple = _to_simplified(before + decoded)
        score = word_frequency(simple[:2]) + word_frequency(simple[:3])
        if score > best_score:
            best, best_score = decoded, score
    return before + best if best else m[0]


def _clean_code_points(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text and re.search(r"&(?:[a-z]{2,8}|#\d{2,6});", text):
        text = html.unescape(text)
    if "<" in text:
        text = re.sub(r"</?(?:p|br|div|span|strong|b|font|a)(?:\s[^<>]{0,200})?/?>", "", text,
                      flags=re.IGNORECASE)
    text = text.translate(_ZERO_WIDTH).replace("\ufffd", "?")
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category in ("Co", "Cs", "Cn") and ord(ch) > 0x7F:
            continue
        if category == "Cc" and ch != "\t":
            continue
        out.append(ch)
    return "".join(out)


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    # OpenCC's t2s leaves simplified text as it is, so it is safe on mixed or clean input.
    return _converter().convert(text)


def _halfwidth_and_punctuation(text: str) -> str:
    text = text.translate(_FULLWIDTH)
    text = re.sub(r"(?<=\d)．(?=\d)", ".", text)
    # A number a page split with spaces (6 . 5%, 6. 5%, 6 .5%, 6.5 %) is read whole: left
    # split, 6 . 5% was read as 5%.
    text = re.sub(r"(?<=\d) *[.．] +(?=\d)|(?<=\d) +[.．] *(?=\d)", ".", text)
    text = re.sub(r"(?<=\d) +(?=%)", "", text)
    # A decimal point a page turned into a full stop (增加3。3%, 2。35万亿元, 672。885公里):
    # a sentence never ends on a figure with the next one opening on a figure and its unit.
    text = re.sub(r"(?<=\d)。(?=\d{1,3}(?:%|[万亿千百]|个|公里|元|吨|人))", ".", text)
    text = re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", text)
    text = text.replace("\u3000", " ")
    # Half-width commas and semicolons between Chinese characters are a page's typing, not the
    # author's: the extractor splits clauses on the full-width forms.
    # After a figure too (增长5.2%;第二产业…, 6.5%左右,;), but never inside one (1,234).
    # Doubled punctuation a page's converter left (增长6.5%左右,;  一,、  指出,,2018年): the
    # second mark is the author's, the first an artefact. No number holds two marks in a row;
    # two full-width marks are left alone, as an author may have typed them.
    text = re.sub(r",\s*(?=[,，;；。、：:])|，(?=[,;:])", "", text)
    for half, full in ((",", "，"), (";", "；"), (":", "：")):
        text = re.sub(rf"(?<=[{CJK}%）)])\{half}\s*(?=[{CJK}“（(\d])", full, text)
    return text


_PINYIN_MARK = re.compile(
    rf"(?P<ch>[{CJK}])\s?[(（](?P<annotated>{PINYIN})[)）]"  # 發(fā): annotation intact
    rf"|\?[(（](?P<lost_char>{PINYIN})[)）]"  # ?(zhēng): the character was lost
    rf"|\?(?P<lost_paren>{PINYIN})[)）]"  # ?zhēng): the "(" was lost, perhaps the character too
)
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")


def _strip_pinyin(text: str) -> str:
    if not re.search(rf"[{_PY_CHARS}][)）]", text):
        return text
    out, tail, pos = [], "", 0
    for m in _PINYIN_MARK.finditer(text):
        out.append(text[pos:m.start()])
        tail = (tail + text[pos:m.start()])[-4:]
        pos = m.end()
        after = text[m.end():m.end() + 3]
        if m["annotated"]:
            py = m["annotated"]
            if py in char_readings(m["ch"]) or (_TONE.search(py) and is_syllable(py)):
                piece = m["ch"]
            else:
                piece = m[0]
        else:
            py = m["lost_char"] or m["lost_paren"]
            if not is_syllable(py):
                piece = m[0]
            elif m["lost_paren"] and tail and py in char_readings(tail[-1]):
                piece = ""  # only the "(" was lost; the annotated character is still there
            else:
                piece = restore_character(tail, after, py)
        out.append(piece)
        tail = (tail + piece)[-4:]
    out.append(text[pos:])
    return "".join(out)


def restore_character(before: str, after: str, py: str) -> str:
    """The character read ``py`` that best makes a word with ``before`` and ``after``.

    Scores each candidate by the frequency (jieba's dictionary) of the words it would form with
    one or two neighbours on either side; returns "" when none forms a word, so a stray
    annotation is dropped rather than guessed.
    """
    best, best_score = "", 0
    for ch in chars_for_reading(py):
        score = 0
        for word in (before[-1:] + ch, before[-2:] + ch, ch + after[:1], ch + after[:2],
                     before[-1:] + ch + after[:1]):
            if len(word) >= 2:
                score += word_frequency(word)
        if score > best_score:
            best, best_score = ch, score
    return best


def _question_marks(text: str) -> str:
    if "?" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^[?\s]+", "", line)
        # A trailing "?" ends an English question; after Chinese it stood for a lost character.
        line = re.sub(r"(?<=[^a-zA-Z])\?+\s*$|\?{2,}\s*$|\s+$", "", line)
        line = re.sub(r"\?{2,}", " ", line)
        # A pair of lone "?" around a short phrase stood for quotation marks.
        line = re.sub(rf"(?<![a-zA-Z])\?([{CJK}\d][^?\s。；，！、]{{0,23}}?)\?", r"“\1”", line)
        line = re.sub(rf"(?<=[{CJK}\d%”])\?(?=[{CJK}\d“])", "", line)
        lines.append(line)
    return "\n".join(lines)


# Spun copies (伪原创): a site's tool swaps words for "synonyms" to pass as original. The swaps
# below are the ones that hide a plan's cue words (左右, 预计, 全年, 基本同步, 人民);
# each is one no plan text uses in its own sense where it is replaced.
_SPUN = (
    (re.compile(r"(?<=[\d%])旁边"), "左右"),  # 增长6%旁边
    (re.compile(r"估量(?=整年|全年|全市|全省|全县|全区)"), "预计"),  # 估量整年
    (re.compile(r"整年(?=[，,]?(?:全市|全省|全县|全区|新|[\u4e00-\u9fff]{0,6}\d))"), "全年"),
    (re.compile(r"平易近"), "民"),  # 人平易近, 居平易近收入
    (re.compile(r"根基同步"), "基本同步"),
)


def _unspun(text: str) -> str:
    for pattern, word in _SPUN:
        text = pattern.sub(word, text)
    return text


def _tidy_lines(text: str) -> str:
    lines, blank = [], False
    for raw in text.split("\n"):
        line = raw.strip()
        if line and (_BOILERPLATE.match(line) or _BREADCRUMB.match(line)):
            continue
        if not line:
            blank = bool(lines)
            continue
        if blank:
            lines.append("")
            blank = False
        lines.append(line)
    return "\n".join(lines)
