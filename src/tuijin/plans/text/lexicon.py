"""Readings and word frequencies for restoring characters a web page lost.

Readings come from pypinyin's character table; word frequencies from the dictionary file that
ships inside jieba (read directly: nothing is downloaded and no cache is written). Both are
loaded on first use only, since most text needs neither.
"""

from functools import cache
from pathlib import Path

# Common characters first: a lost character is far more likely to be one of these.
_CJK_BASIC = range(0x4E00, 0xA000)


@cache
def _pinyin_table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


def char_readings(ch: str) -> frozenset[str]:
    """Tone-marked readings of one character (empty for anything else)."""
    if len(ch) != 1:
        return frozenset()
    return frozenset(_pinyin_table().get(ord(ch), "").split(",")) - {""}


@cache
def _readings_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, readings in _pinyin_table().items():
        if code in _CJK_BASIC:
            for reading in readings.split(","):
                index.setdefault(reading, []).append(chr(code))
    return {reading: tuple(chars) for reading, chars in index.items()}


def chars_for_reading(py: str) -> tuple[str, ...]:
    return _readings_index().get(py, ())


def is_syllable(py: str) -> bool:
    return py in _readings_index()


@cache
def _frequencies() -> dict[str, int]:
    import jieba

    freq: dict[str, int] = {}
    path = Path(jieba.__file__).with_name("dict.txt")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].isdigit():
                freq[parts[0]] = int(parts[1])
    return freq


def word_frequency(word: str) -> int:
    return _frequencies().get(word, 0)
