"""The language assistance notice (ACA section 1557) in English and Spanish, with a short line
in each of the top languages, written for this demo (not the federal sample text)."""

from demo.content.common import ORGANISATION, PHONE

TAGLINES = [
    (
        "es",
        "Español",
        f"ATENCIÓN: si habla español, le ofrecemos ayuda gratuita con el idioma. Llame al {PHONE}.",
    ),
    (
        "zh-Hant",
        "繁體中文",
        f"注意：如果您使用繁體中文，您可以免費獲得語言協助服務。請致電 {PHONE}。",
    ),
    (
        "vi",
        "Tiếng Việt",
        f"CHÚ Ý: Nếu bạn nói Tiếng Việt, chúng tôi có dịch vụ hỗ trợ ngôn ngữ "
        f"miễn phí dành cho bạn. Hãy gọi số {PHONE}.",
    ),
    (
        "tl",
        "Tagalog",
        f"PAUNAWA: Kung nagsasalita ka ng Tagalog, may libreng tulong sa wika para "
        f"sa iyo. Tumawag sa {PHONE}.",
    ),
    (
        "ko",
        "한국어",
        f"안내: 한국어를 사용하시는 경우 무료 언어 지원 서비스를 이용하실 수 "
        f"있습니다. {PHONE} 번으로 전화하십시오.",
    ),
    (
        "ru",
        "Русский",
        f"ВНИМАНИЕ: если вы говорите по-русски, вам доступна бесплатная помощь "
        f"переводчика. Звоните по номеру {PHONE}.",
    ),
    (
        "ar",
        "العربية",
        f"تنبيه: إذا كنت تتحدث العربية، تتوفر لك خدمات المساعدة اللغوية مجانًا. "
        f"اتصل على الرقم {PHONE}.",
    ),
    (
        "ht",
        "Kreyòl Ayisyen",
        f"ATANSYON: Si w pale Kreyòl Ayisyen, gen èd gratis pou lang ou "
        f"disponib pou ou. Rele {PHONE}.",
    ),
    (
        "fr",
        "Français",
        f"ATTENTION : si vous parlez français, une aide linguistique gratuite vous "
        f"est proposée. Appelez le {PHONE}.",
    ),
    (
        "pt",
        "Português",
        f"ATENÇÃO: se você fala português, oferecemos ajuda gratuita com o "
        f"idioma. Ligue para {PHONE}.",
    ),
]


def taglines():
    return [
        ("tagline", {"language_code": code, "language_name": name, "text": text})
        for code, name, text in TAGLINES
    ]


def english_fields():
    return {
        "title": "Language assistance",
        "summary": "Free interpreters and translated documents for patients and their families.",
        "notice": f"<p>{ORGANISATION} offers language help free of charge. If you would "
        "rather speak a language other than English, or you are deaf or hard of hearing, we "
        "can give you:</p><ul><li>a trained medical interpreter in person, by phone or by "
        "video, in any language</li><li>a sign language interpreter</li><li>important "
        "documents in your language, in large print or read aloud</li></ul>"
        f"<p>Ask any member of staff, or call {PHONE} (TTY: 711). You do not need to bring "
        "a family member to interpret.</p>",
        "taglines": taglines(),
    }


def spanish_fields():
    return {
        "title": "Ayuda con el idioma",
        "slug": "ayuda-con-el-idioma",
        "summary": "Intérpretes y documentos traducidos sin costo para pacientes y sus familias.",
        "notice": f"<p>{ORGANISATION} ofrece ayuda con el idioma sin costo. Si prefiere "
        "hablar en un idioma que no sea el inglés, o si es sordo o tiene dificultades para "
        "oír, le podemos dar:</p><ul><li>un intérprete médico capacitado en persona, por "
        "teléfono o por video, en cualquier idioma</li><li>un intérprete de lengua de "
        "señas</li><li>documentos importantes en su idioma, en letra grande o leídos en voz "
        f"alta</li></ul><p>Pídalo a cualquier miembro del personal o llame al {PHONE} "
        "(TTY: 711). No necesita traer a un familiar para que le interprete.</p>",
        "taglines": taglines(),
    }
