"""The Conditions A–Z: every condition under its title's letter, and every other name under
its own letter as "Metastatic spinal tumors — see Spinal metastases"."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AZEntry:
    name: str  # what is listed: the title, or an other name
    page: object  # the condition page the entry links to
    is_other_name: bool = False

    @property
    def letter(self):
        first = self.name[:1].upper()
        return first if first.isalpha() else "#"


def letter_groups(pages):
    """[(letter, [entries sorted by name]), ...] sorted by letter, '#' (digits, symbols) first.
    An other name that is the same as a title on the list is left out."""
    pages = list(pages)
    entries = [AZEntry(page.title, page) for page in pages]
    titles = {page.title.casefold() for page in pages}
    for page in pages:
        for name in page.get_other_names():
            if name.strip() and name.casefold() not in titles:
                entries.append(AZEntry(name.strip(), page, is_other_name=True))
    groups = {}
    for entry in sorted(entries, key=lambda entry: (entry.name.casefold(), entry.is_other_name)):
        groups.setdefault(entry.letter, []).append(entry)
    return sorted(groups.items())
