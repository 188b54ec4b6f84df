"""Numbers and units as plans write them: 2000个, 3,000亿元, 6.5%, 一百五十个, 三千亿元."""

import re
from decimal import Decimal, InvalidOperation

from tuijin.core.money import EXACT_LIMIT

# Target.value keeps four places, exactly up to core.money's bound: refused from here up.
MAX_VALUE = EXACT_LIMIT

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?)"

# Longest first, so 万人次 wins over 人次 and 个百分点 over 个.
UNITS = sorted(
    [
        "个百分点", "百分点", "%", "‰", "微克/立方米", "μg/m3", "μg/m³", "万亿元", "亿元", "万元",
        "元", "亿美元",
        "万美元", "亿人次", "万人次", "人次", "万人", "人", "万户", "户", "个", "项", "家", "所",
        "座", "条", "处", "台", "套", "辆", "万辆", "件", "倍", "万吨", "吨", "万亿斤", "亿斤",
        "万斤", "斤",
        "亿亩", "万亩", "亩", "平方公里", "万平方米", "平方米", "公里", "千米", "万千瓦", "千瓦",
        "兆瓦", "亿千瓦时", "万千瓦时", "天", "张", "名", "只", "栋", "间", "份", "批",
        # Counts in ten thousands: 新增学位2.4万个, 改造老旧小区1.2万户.
        "万个", "万家", "万套", "万张", "万件", "万名", "万台", "场次", "万场次",
        # 宗: projects as Guangdong's and Guangxi's bulletins count them (重点项目91宗).
        "宗",
        # A bare 万 (新增就业目标1200万): the longer units above win where they apply.
        "万",
    ],
    key=len, reverse=True,
)
UNIT = "(?:" + "|".join(map(re.escape, UNITS)) + ")"

# Units of size or money: a figure in them followed by 以上项目 is a threshold, not a target.
SIZE_UNITS = {
    "亿元", "万元", "元", "亿美元", "万美元", "万吨", "吨", "万亩", "亩",
    "平方米", "万平方米", "千瓦", "万千瓦", "兆瓦", "万亿斤", "亿斤", "万斤",
}

QUANTITY = re.compile(rf"(?P<number>{NUMBER})(?P<unit>{UNIT})")


def parse_number(text: str) -> Decimal | None:
    """Decimal value of an Arabic or Chinese numeral, or None when it is not one."""
    text = text.replace(",", "")
    if not text:
        return None
    if text[0].isdigit():
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    try:
        import cn2an

        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    # cn2an returns float for 六点五: go through str so 6.5 stays 6.5, not its binary neighbour.
    return Decimal(str(value)).normalize() if isinstance(value, float) else Decimal(value)


def split_chinese_magnitude(number: str, unit: str) -> tuple[str, str]:
    """三千亿 + 元 → 三千 + 亿元: keep 万/亿 in the unit, as plans state money (DESIGN.md §3)."""
    if number and number[0] not in "0123456789" and number[-1] in "万亿" and len(number) > 1:
        merged = number[-1] + unit
        if merged in UNITS:
            return number[:-1], merged
    return number, unit


def format_decimal(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
