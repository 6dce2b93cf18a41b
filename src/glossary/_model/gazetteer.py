"""Place names every reader knows: the provincial-level divisions, and cities and districts.

Region handling needs to know that 广西 means 广西壮族自治区, that 深圳市 lies in 广东省
and that 福田 is a district of 深圳市, for places the glossary has no sense of as well:
a text about 福田区 must not read 罗湖区's sense as its own. This is a deliberately
small list of settled public facts: all 34 provincial-level divisions; the provincial
capitals and sub-provincial cities; the prefecture-level cities of 广东省; the districts
of 深圳市. Places beyond it are still recognised by the shape of their names
(``_senses/region.py``), but without a parent.
"""

from __future__ import annotations

#: Provincial-level divisions: full name -> the short name texts use.
PROVINCES: dict[str, str] = {
    "北京市": "北京",
    "天津市": "天津",
    "上海市": "上海",
    "重庆市": "重庆",
    "河北省": "河北",
    "山西省": "山西",
    "辽宁省": "辽宁",
    "吉林省": "吉林",
    "黑龙江省": "黑龙江",
    "江苏省": "江苏",
    "浙江省": "浙江",
    "安徽省": "安徽",
    "福建省": "福建",
    "江西省": "江西",
    "山东省": "山东",
    "河南省": "河南",
    "湖北省": "湖北",
    "湖南省": "湖南",
    "广东省": "广东",
    "海南省": "海南",
    "四川省": "四川",
    "贵州省": "贵州",
    "云南省": "云南",
    "陕西省": "陕西",
    "甘肃省": "甘肃",
    "青海省": "青海",
    "台湾省": "台湾",
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}

_CITIES: dict[str, tuple[str, ...]] = {  # province -> cities (full names)
    "河北省": ("石家庄市",),
    "山西省": ("太原市",),
    "辽宁省": ("沈阳市", "大连市"),
    "吉林省": ("长春市",),
    "黑龙江省": ("哈尔滨市",),
    "江苏省": ("南京市",),
    "浙江省": ("杭州市", "宁波市"),
    "安徽省": ("合肥市",),
    "福建省": ("福州市", "厦门市"),
    "江西省": ("南昌市",),
    "山东省": ("济南市", "青岛市"),
    "河南省": ("郑州市",),
    "湖北省": ("武汉市",),
    "湖南省": ("长沙市",),
    "广东省": (
        "广州市",
        "深圳市",
        "珠海市",
        "汕头市",
        "佛山市",
        "韶关市",
        "河源市",
        "梅州市",
        "惠州市",
        "汕尾市",
        "东莞市",
        "中山市",
        "江门市",
        "阳江市",
        "湛江市",
        "茂名市",
        "肇庆市",
        "清远市",
        "潮州市",
        "揭阳市",
        "云浮市",
    ),
    "海南省": ("海口市",),
    "四川省": ("成都市",),
    "贵州省": ("贵阳市",),
    "云南省": ("昆明市",),
    "陕西省": ("西安市",),
    "甘肃省": ("兰州市",),
    "青海省": ("西宁市",),
    "内蒙古自治区": ("呼和浩特市",),
    "广西壮族自治区": ("南宁市",),
    "西藏自治区": ("拉萨市",),
    "宁夏回族自治区": ("银川市",),
    "新疆维吾尔自治区": ("乌鲁木齐市",),
}

#: The districts of 深圳市, where the seed documents come from.
_SHENZHEN = (
    "福田区",
    "罗湖区",
    "南山区",
    "盐田区",
    "宝安区",
    "龙岗区",
    "龙华区",
    "坪山区",
    "光明区",
)

#: Each known place below the provinces -> the place it lies in.
PARENTS: dict[str, str] = {
    **{city: province for province, cities in _CITIES.items() for city in cities},
    **{f"深圳市{district}": "深圳市" for district in _SHENZHEN},
}

#: Every place named here, as a full name; the country as 中国.
PLACES: tuple[str, ...] = ("中国", *PROVINCES, *PARENTS)
