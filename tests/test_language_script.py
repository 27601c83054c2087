"""A text's language read from its script where one language owns the script, without loading the model."""

from __future__ import annotations

import pytest

from newsdigest.ingest import language
from newsdigest.ingest.language import identify_language, language_by_script

SAMPLES = {
    "ja": "市議会は火曜日、港に新しい橋を建設する計画を承認した。工事は来年の春に始まる予定だという。",
    "zh": "市议会星期二批准了在港口修建一座新桥的计划。工程预计将于明年春天开工，耗资约两亿元。市长表示，新桥将缓解老城区的交通压力。",
    "ko": "시의회는 화요일 항구에 새 다리를 건설하는 계획을 승인했다. 공사는 내년 봄에 시작될 예정이다. 시장은 새 다리가 구도심의 교통 체증을 줄일 것이라고 말했다.",
    "ru": "Городской совет во вторник одобрил строительство нового моста через гавань. Работы начнутся весной.",
    "ar": "وافق مجلس المدينة يوم الثلاثاء على بناء جسر جديد فوق الميناء. ومن المتوقع أن تبدأ الأعمال في الربيع.",
    "el": "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη την κατασκευή μιας νέας γέφυρας πάνω από το λιμάνι.",
    "he": "מועצת העיר אישרה ביום שלישי את בניית הגשר החדש מעל הנמל. העבודות צפויות להתחיל באביב.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_a_script_one_language_owns_tells_the_language_without_the_model(lang: str) -> None:
    language._identifier.cache_clear()
    assert identify_language(SAMPLES[lang]) == lang
    assert language._identifier.cache_info().currsize == 0  # the half-second model was never loaded


def test_a_script_several_languages_share_is_left_to_the_model() -> None:
    # Ukrainian and Bulgarian write Cyrillic too; Persian writes Arabic letters; Latin is everyone's.
    ukrainian = "Міська рада у вівторок схвалила будівництво нового мосту через гавань. Роботи почнуться навесні."
    bulgarian = "Общинският съвет одобри във вторник изграждането на нов мост над пристанището. Работата започва."
    persian = "شورای شهر روز سه شنبه ساخت یک پل جدید بر روی بندر را تصویب کرد. کار در بهار آغاز می شود."
    english = "The council approved a new bridge over the harbour on Tuesday; work starts in the spring."
    assert [language_by_script(t) for t in (ukrainian, bulgarian, persian, english)] == [None] * 4
    assert identify_language(ukrainian) == "uk"
