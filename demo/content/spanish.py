"""The demo's Spanish pages, written for this site in plain Spanish (not machine output): the
home page, the Spinal Tumor Program, spinal metastases and the Conditions A–Z page.

The same fictional reviewers review the Spanish text as bilingual clinicians; the number is the
same new-patient line.
"""

from conditions.blocks import CareLevel
from demo.content.common import (
    PHONE,
    callout,
    cancer,
    care_card,
    heading,
    option,
    page_link,
    paragraph,
    reference,
)

SITE_TEXT = {
    "phone_hours": "De lunes a viernes, de 8 a. m. a 6 p. m., hora del Este",
    "virtual_visits_text": "Pregunte por una cuando llame o se registre.",
    "accreditation": "Aldercrest University Health es un centro oncológico integral reconocido.",
}


def home_fields():
    return {
        "title": "Aldercrest University Health",
        "seo_title": "Aldercrest University Health: atención de la columna y del cáncer",
        "summary": "Atención especializada para los tumores de la columna y los cánceres que "
        "pueden extenderse a ella, desde el diagnóstico hasta la recuperación.",
        "intro": "<p>Equipos especializados en tumores de la columna y en el cáncer, con "
        "enfermeras coordinadoras que le acompañan desde la primera llamada.</p>",
        "body": [
            callout(
                "Aceptamos pacientes nuevos",
                f"<p>No necesita una referencia médica. Llame al {PHONE} y un coordinador de "
                "atención le ayudará a pedir la primera cita. Hablamos español.</p>",
            ),
        ],
    }


def program_fields():
    return {
        "title": "Programa de Tumores de la Columna",
        "slug": "programa-de-tumores-de-la-columna",
        "summary": "Diagnóstico, cirugía, radioterapia y recuperación para los tumores de la "
        "columna y de la médula espinal, planeados por un solo equipo.",
        "show_in_menus": True,
        "intro": "<p>El Programa de Tumores de la Columna trata los tumores que empiezan en la "
        "columna y los que llegan a ella desde otra parte del cuerpo.</p>",
        "approach": [
            heading("Un solo plan, hecho en equipo", "h3"),
            paragraph(
                "<p>Cada paciente nuevo se presenta en nuestra junta semanal de tumores de la "
                "columna. Allí, cirujanos, oncólogos, radiólogos y especialistas en "
                "rehabilitación acuerdan un solo plan. Usted escucha las opciones de un "
                "equipo, no de varias clínicas por separado.</p>"
            ),
        ],
        "team": [],
        "call_to_action": f"<p>Para pedir una primera cita, llame al {PHONE}. Si ya tiene "
        "estudios de imagen, muchas veces podemos revisarlos antes de su primera visita.</p>",
    }


def program_links(metastases):
    return {
        "intro": "<p>El Programa de Tumores de la Columna trata los tumores que empiezan en la "
        "columna y los que llegan a ella desde otra parte del cuerpo, como las "
        f"{page_link(metastases, 'metástasis en la columna')}. Un solo equipo planea su "
        "atención, así que usted no tiene que coordinar a varios especialistas.</p>",
    }


def condition_index_fields():
    return {
        "title": "Enfermedades de la A a la Z",
        "slug": "enfermedades",
        "summary": "Todas las enfermedades que tratan nuestros especialistas, en orden alfabético.",
        "intro": "<p>Elija una enfermedad para leer sobre sus síntomas, cuándo buscar ayuda y "
        "cómo se trata. Uno de nuestros médicos revisa cada página.</p>",
        "show_in_menus": True,
    }


def spinal_metastases_fields():
    return {
        "title": "Metástasis en la columna",
        "slug": "metastasis-en-la-columna",
        "summary": "Las metástasis en la columna son tumores que crecen en la columna a partir "
        "de células de un cáncer que empezó en otra parte del cuerpo y se extendió.",
        "other_names": [
            ("name", "Tumores secundarios de la columna"),
            ("name", "Tumores metastásicos de la columna"),
        ],
        "overview": "<p>En un adulto con cáncer, la mayoría de los tumores que aparecen en la "
        "columna empezaron en otro lugar. Encontrar uno no quiere decir que ya no haya "
        "tratamiento: muchas personas con metástasis en la columna reciben un tratamiento "
        "eficaz y siguen haciendo lo que es importante para ellas.</p>",
        "causes": "<p>Las metástasis en la columna se forman cuando algunas células se separan "
        "del primer cáncer (el cáncer primario), viajan por el cuerpo y empiezan a crecer en "
        "la columna o cerca de ella.</p>",
        "primary_cancers_intro": "Los cánceres que con más frecuencia se extienden a la "
        "columna son:",
        "primary_cancers": [
            cancer("Melanoma"),
            cancer("Cáncer de próstata"),
            cancer("Cáncer de mama"),
            cancer("Cáncer de pulmón"),
            cancer("Cáncer de riñón"),
        ],
        "how_it_develops": "<p>Las células del cáncer suelen llegar a la columna por la "
        "sangre y se instalan en las vértebras, los huesos en forma de anillo que forman la "
        "columna. Con menos frecuencia, el tumor crece dentro de la médula espinal o en la "
        "duramadre, la capa resistente que protege la médula.</p>",
        "symptoms_intro": "Algunas personas no tienen síntomas y el tumor se encuentra en un "
        "estudio de imagen hecho por otro motivo. Cuando hay síntomas, dependen de la parte "
        "de la columna afectada y de los nervios que estén comprometidos.",
        "symptoms": [
            (
                "Dolor profundo y sordo en el cuello o la espalda",
                "Suele empeorar de noche o al acostarse.",
            ),
            (
                "Dolor punzante en uno o ambos brazos o piernas",
                "Un dolor que sigue el camino de un nervio.",
            ),
            ("Dolor al moverse o al presionar el cuello o la espalda", ""),
            (
                "Debilidad en los músculos",
                "Los brazos o las piernas pueden sentirse pesados o fallar.",
            ),
            ("Pérdida de coordinación o de equilibrio", ""),
            (
                "Entumecimiento u hormigueo",
                "Muchas veces en las manos, los pies, las piernas o la ingle.",
            ),
            (
                "Pérdida del control de la vejiga o del intestino",
                "Junto con debilidad o "
                "entumecimiento, puede ser una compresión de la médula espinal: una "
                "emergencia.",
            ),
        ],
        "when_to_get_help": [
            care_card(
                CareLevel.EMERGENCY,
                "Llame al 911 o vaya ahora a la sala de emergencias más cercana",
                [
                    "Debilidad nueva en uno o ambos brazos o piernas",
                    "Entumecimiento nuevo, sobre todo en las piernas, la ingle o los glúteos",
                    "Pérdida nueva de coordinación, o dificultad para caminar",
                    "Pérdida del control de la vejiga o del intestino",
                ],
                "<p>Estas señales pueden querer decir que el tumor está presionando la médula "
                "espinal (compresión de la médula). Recibir tratamiento en pocas horas da la "
                "mejor oportunidad de conservar el movimiento y la sensibilidad. Diga al "
                "equipo de emergencias que tiene, o puede tener, un tumor en la columna.</p>",
            ),
            care_card(
                CareLevel.URGENT,
                "Llame hoy a su equipo de atención",
                [
                    "Dolor nuevo de espalda o cuello, o un dolor que sigue empeorando",
                    "Dolor que le despierta de noche o empeora al acostarse",
                    "Dolor que ya no se alivia con su medicina de siempre",
                ],
                "<p>Si no puede comunicarse con su equipo, llame a nuestra línea para "
                "pacientes nuevos o vaya a un centro de atención urgente. No espere a su "
                "próxima cita.</p>",
            ),
            care_card(
                CareLevel.NON_URGENT,
                "Coméntelo en su próxima cita",
                [
                    "Molestias que no han empeorado",
                    "Preguntas sobre sus medicinas o sus efectos secundarios",
                    "Cansancio, mal sueño o ánimo bajo",
                ],
                "<p>Anótelos cuando ocurran para no olvidar nada en su visita.</p>",
            ),
        ],
        "treatment": [
            heading("Cómo planeamos su tratamiento", "h3"),
            paragraph(
                "<p>Las personas con uno o pocos tumores pequeños en la columna suelen tener "
                "más opciones de tratamiento. Su plan depende del tipo de cáncer, de dónde "
                "están los tumores, de qué tan estable está su columna, y de su salud y sus "
                "deseos.</p>"
            ),
            heading("Opciones de tratamiento", "h4"),
            option(
                "Quimioterapia y otras medicinas",
                "Medicinas que tratan el cáncer en todo el cuerpo, como la terapia hormonal, "
                "la terapia dirigida y la inmunoterapia para algunos cánceres.",
            ),
            option(
                "Radioterapia",
                "Rayos de alta energía dirigidos al tumor para reducirlo y aliviar el dolor, "
                "casi siempre en unas pocas sesiones cortas.",
            ),
            option(
                "Cirugía",
                "Una operación para quitar la presión sobre la médula y los nervios, sacar "
                "parte del tumor y dar estabilidad a la columna con tornillos y barras.",
            ),
        ],
        "our_approach": [
            paragraph(
                "<p>Aldercrest University Health es un centro oncológico integral: une la "
                "atención de pacientes con la investigación y la enseñanza.</p>"
            ),
        ],
        "diagnosis": "<p>Para saber si hay un tumor en la columna y de qué tipo es, su médico "
        "le examina y pide estudios de imagen, casi siempre una resonancia magnética. A "
        "veces hace falta una biopsia, que saca una muestra pequeña del tumor.</p>",
        "outlook": "<p>Muchas personas con metástasis en la columna viven bien durante años "
        "con tratamiento. Su equipo le explicará qué puede esperar en su caso.</p>",
        "questions_to_ask": [
            ("question", "¿Qué tipo de cáncer es y de dónde viene?"),
            ("question", "¿Qué opciones de tratamiento tengo?"),
            ("question", "¿A quién llamo si mis síntomas empeoran?"),
        ],
        "supportive_care": "<p>Los cuidados de apoyo (también llamados cuidados paliativos) "
        "son para cualquier persona con una enfermedad grave, en cualquier etapa. Nuestro "
        "equipo ayuda con el dolor, la falta de aire, el sueño, el ánimo y la parte práctica "
        "del tratamiento.</p>",
        "references": [
            reference(
                "National Institute for Health and Care Excellence. Spinal metastases and "
                "metastatic spinal cord compression (NICE guideline NG234). 2023.",
                "https://www.nice.org.uk/guidance/ng234",
            ),
        ],
    }


def registration_fields():
    """The Spanish registration page: its title and every step's help, as a reader sees them."""
    return {
        "title": "Regístrese como paciente nuevo",
        "slug": "registrarse",
        "summary": "Cuéntenos sobre usted o sobre la persona que cuida, y un coordinador de "
        "atención le llamará para pedir la primera cita.",
        "intro": "<p>Registrarse toma unos diez minutos. No necesita una referencia médica y "
        "puede registrar a otra persona. Si lo prefiere, llámenos al "
        f"{PHONE}. Hablamos español.</p>",
        "show_in_menus": True,
        "response_time_promise": "Un coordinador le llamará en un plazo de un día hábil.",
        "who_help": "Puede registrarse usted mismo o registrar a una persona que cuida.",
        "patient_help": "Use el nombre legal que aparece en la tarjeta del seguro médico o en "
        "la identificación con foto.",
        "sex_reason": "Preguntamos porque algunas afecciones y tratamientos afectan de forma "
        "distinta a cada persona. No tiene que responder.",
        "contact_help": "Un coordinador de atención usará estos datos para pedir la primera cita.",
        "medical_help": "Responda lo mejor que pueda. Está bien decir que no está seguro.",
        "visit_help": "Elija el tipo de primera cita que le convenga más.",
        "check_help": "Revise sus respuestas antes de enviarlas. Puede cambiar cualquier "
        "respuesta.",
    }
