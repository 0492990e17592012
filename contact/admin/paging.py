"""Pagination that stays flat at 100 000 registrations.

A page deep in the list made PostgreSQL read and skip every earlier row whole (OFFSET), with
its joins (condition title, coordinator): the last page took four times the first. Here the
page's ids are found first from the ordered, filtered ids alone, which the work-order index
(urgent, created_at, id) answers by itself (an index-only scan); then only those 25 rows are
loaded with their columns ("deferred join"). The count is of the ids, without the joins.
"""

from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator


class DeferredJoinPaginator(WagtailPaginator):
    def __init__(self, object_list, per_page, *, keys, **kwargs):
        # `keys`: the same rows in the same order, without the listing's joins and columns.
        super().__init__(object_list, per_page, **kwargs)
        self.keys = keys

    @cached_property
    def count(self):
        return self.keys.count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.keys.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
