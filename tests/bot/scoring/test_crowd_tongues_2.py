"""News told in more of the crowd's languages and scripts: Russian, Greek, Arabic, Urdu,
Hindi, Japanese, Korean, Chinese, Italian, Romanian, Dutch, Malay and Kiswahili. Japanese
and Chinese write no spaces and Korean attaches its particles, so these posts also check
that cue words and platform names are found inside a run of text (the model is left out so
a rule is what these tests check)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("Толока снизила расценки на задания по разметке",
     "У всех в чате то же самое: за страницу теперь платят на треть меньше.", "pay_cut"),
    ("Appen набирает 400 асессоров для нового проекта",
     "Удалённо, обучение оплачивается, берут всех с английским.",
     "hiring_expansion"),
    ("Η Appen μείωσε τις αμοιβές των αξιολογητών", "Από τον Μάρτιο η ωριαία αμοιβή πέφτει.",
     "pay_cut"),
    ("أبين أوقفت مشروع تقييم البحث", "المشروع متوقف لكل المقيمين لحد إشعار آخر.",
     "project_pause"),
    ("Appen کمپنی نے دو سو لیبلرز کو نوکری سے نکال دیا",
     "سب کو ایک ہی ای میل آئی، سب ٹاسکرز فارغ۔", "layoff"),
    ("Appen報酬を引き下げ、全員に通知", "来月から単価が下がるとのこと。", "pay_cut"),
    ("Outlier에서 수학 전문가 500명 모집",
     "원격 근무, 시급제라고 합니다. 모두에게 같은 메일이 왔어요.", "hiring_expansion"),
    ("Toloka暂停新用户注册", "所有新人都收到了同样的邮件。", "hiring_freeze"),
    ("Appen ha tagliato le tariffe del progetto", "Vale per tutti i revisori italiani.",
     "pay_cut"),
    ("Clickworker: înscrierile sunt suspendate pentru utilizatorii noi",
     "Suportul spune că e valabil pentru toți, nu știe până când.", "hiring_freeze"),
    ("Sama inafunga ofisi ya Gulu",
     "Wafanyakazi wote wameambiwa jana kwamba kazi inaisha.", "shutdown"),
    ("Appen tengah cari 200 orang penilai carian",
     "Kerja dari rumah, terbuka kepada semua orang, perlu lulus ujian.",
     "hiring_expansion"),
])
def test_news_in_more_of_the_crowds_languages_is_read(title: str, body: str, kind: str) -> None:
    d = rules(title, body, source="reddit")
    assert d.is_signal and d.event_type == kind, d


@pytest.mark.parametrize(("title", "body"), [
    ("Цены на бензин упали", "Хорошая новость для водителей."),
    ("プロジェクト管理のコツ", "タスクを小さく分けると進めやすいです。"),
    ("Appen 가입 방법 질문", "시험은 어렵나요?"),
    ("数据标注入门指南", "先读指南，再做测试。别信收押金的招聘。"),
    ("Tahadhari: matapeli wanajifanya Appen", "Wanaomba pesa za usajili kuajiri watu 300."),
    ("Il negozio chiude alle 8", "Ci vediamo domani."),
    ("Macam mana nak daftar Appen?", "Ada sesiapa pernah cuba?"),
])
def test_everyday_posts_in_those_languages_stay_quiet(title: str, body: str) -> None:
    assert not rules(title, body, source="reddit").is_signal


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("Labelstart-up Pixelbos stopt ermee", "Alle freelancers krijgen na juni geen opdrachten meer.",
     "shutdown"),
    ("Syarikat anotasi data Tandakan buka 300 jawatan di Ipoh",
     "Temu duga terbuka kepada semua orang minggu depan.", "hiring_expansion"),
    ("Lahore ki ڈیٹا لیبلنگ کمپنی Markwise نے سو لیبلرز کو فارغ کر دیا",
     "سب کو ایک ہی دن بتایا گیا۔", "layoff"),
])
def test_an_annotation_company_outside_the_list_is_named_in_those_languages(
        title: str, body: str, kind: str) -> None:
    d = rules(title, body, source="reddit")
    assert d.is_signal and d.event_type == kind and d.platforms == ("other",), d


@pytest.mark.parametrize(("title", "body", "tier"), [
    ("Η Appen μείωσε τις αμοιβές για τους γλωσσολόγους", "Το email ήρθε σε όλους μας χθες.",
     "expert"),
    ("Toloka набирает 500 асессоров", "Оценка поисковой выдачи, без опыта, для всех регионов.",
     "generalist"),
    ("OneForma招聘800名标注员", "远程工作，按小时结算。", "generalist"),
])
def test_whom_the_news_hits_is_read_in_those_languages(title: str, body: str, tier: str) -> None:
    d = rules(title, body, source="reddit")
    assert d.is_signal and d.tier == tier, d
