"""What the seed documents list, word for word, for tests about the seed record."""

# The soundtrack as the forum thread's opening post lists it.
SOUNDTRACK = [
    "첼로는 아버지, 바이올린은 아들... Duo",
    "Main Theme",
    "따뜻하다",
    "쏟아지는 별, 얼어가는 아이",
    "모래이불",
    "너무 늦게오다",
    "조그마한 꿈",
    "渡江(도강)",
    "시간은 가고",
    "出棺(출관)",
    "꽃제비의 비닐이불",
    "행복한 그들",
    "하얀 개, 비극의 시작",
    "대사관 진입",
    "첫통화",
    "Crossing",
    "노동하다",
    "미선이의 꽃신",
    "공기감",
    "아들 목소리",
    "까마귀 노래",
    "E Minor로 쌓아 올리다",
]
