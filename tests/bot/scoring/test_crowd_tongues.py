"""News told by workers in their own language: Polish, Turkish, Spanish, Portuguese,
Vietnamese, German, French and Hinglish posts about a pay cut, layoffs, sign-ups shut or a
hiring drive. The crowd writes in many languages and a local forum is often first with the
news, so the rules alone must read them (the model is left out so a rule is what these
tests check)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("Appen obniża stawkę dla oceniających w Polsce",
     "Wszyscy w projekcie dostali maila, od grudnia stawka spada z 14 do 11 USD.", "pay_cut"),
    ("TELUS: stawka godzinowa spadła z 50 do 38 zł",
     "Cały zespół oceniających dostał tę samą wiadomość.", "pay_cut"),
    ("Toloka ödemeleri düşürüldü",
     "Bu hafta tüm kullanıcılar için görev ücretleri %30 indirildi.", "pay_cut"),
    ("Appen baja la tarifa del proyecto de búsqueda",
     "Desde el lunes pagan 9 dólares por hora a todos los evaluadores.", "pay_cut"),
    ("TELUS: zwolnienia grupowe w zespole moderatorów",
     "Dziś oficjalnie: zwolnienia grupowe, około 120 osób do końca miesiąca.", "layoff"),
    ("Projeto da Appen acaba em outubro",
     "Recebemos o e-mail hoje: todos os avaliadores serão desligados no dia 31.", "layoff"),
    ("Toloka fechou o cadastro de novos usuários no Chile",
     "O suporte disse que as inscrições estão suspensas sem prazo.", "hiring_freeze"),
    ("Appen tuyển 300 cộng tác viên tiếng Việt",
     "Dự án đánh giá tìm kiếm, làm từ xa. Trang tuyển dụng ghi họ cần 300 người bản ngữ.",
     "hiring_expansion"),
    ("Toloka : les inscriptions restent fermées pour les nouveaux",
     "Mon cousin attend depuis un mois sur la liste d'attente, le support dit que c'est pour "
     "tous les pays.", "hiring_freeze"),
    ("Clickworker will zwölftausend neue Crowdworker für Bildaufgaben gewinnen",
     "Die Plattform sucht bis Juni 12.000 zusätzliche Crowdworker, alles von zu Hause.",
     "hiring_expansion"),
    ("Appen mein Tamil speakers ki badi bharti",
     "Appen 3000 logon ko hire kar rahe hain voice recording ke liye, ghar se kaam hai.",
     "hiring_expansion"),
])
def test_news_in_the_crowds_language_is_read(title: str, body: str, kind: str) -> None:
    d = rules(title, body, source="reddit")
    assert d.is_signal and d.event_type == kind, d


@pytest.mark.parametrize(("title", "body"), [
    ("Nowa stawka VAT od stycznia", "Księgowa mówi, że nic się nie zmienia dla freelancerów."),
    ("Sunucular gece kapatıldı", "Bakım bitti, her şey normal."),
    ("Os servidores foram desligados à noite", "Manutenção programada, voltou tudo às 6h."),
    ("Inscrições abertas até sexta", "Curso gratuito de Python para iniciantes."),
    ("Mình cần 2 người đi cùng Đà Lạt", "Ai rảnh cuối tuần này không?"),
    ("Dreitausend neue Follower in einer Woche", "Danke an alle, die meinem Kanal folgen!"),
    ("Bharti ka form bhar diya", "Police bharti ka result kab aayega, kisi ko pata hai?"),
])
def test_everyday_posts_in_those_languages_stay_quiet(title: str, body: str) -> None:
    assert not rules(title, body, source="reddit").is_signal
