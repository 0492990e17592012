"""Site settings' wording in the site's other languages.

Site settings hold one value per site, in English: the phone hours, the virtual visits line
and the accreditation line. A Spanish page shows the row for Spanish here instead, field by
field (an empty field falls back to the English). Editors find it under Settings → Site text
in other languages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

TRANSLATED_FIELDS = ["phone_hours", "virtual_visits_text", "accreditation"]


def other_languages():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class SiteTextTranslation(models.Model):
    language = models.CharField(
        _("language"),
        max_length=12,
        unique=True,
        help_text=_("The language's code, for example es for Spanish."),
    )
    phone_hours = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("For example: lunes a viernes, de 8 a. m. a 6 p. m."),
    )
    virtual_visits_text = models.CharField(max_length=200, blank=True)
    accreditation = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("site text in another language")
        verbose_name_plural = _("site text in other languages")

    def __str__(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)

    def clean(self):
        if self.language not in dict(other_languages()):
            codes = ", ".join(code for code, _name in other_languages())
            raise ValidationError(
                {
                    "language": _("Choose one of the site's other languages: %(codes)s.")
                    % {"codes": codes}
                }
            )
