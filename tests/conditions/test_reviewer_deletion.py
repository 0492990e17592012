"""A reviewer credited on a page cannot be deleted from under it."""

from conditions.factories import ReviewerFactory
from conditions.models import Reviewer


def delete_url(reviewer):
    return f"/admin/snippets/conditions/reviewer/delete/{reviewer.pk}/"


def test_deleting_a_credited_reviewer_is_refused_with_the_pages_named(
    superuser_client, condition_page, reviewer
):
    response = superuser_client.post(delete_url(reviewer), follow=True)

    assert response.status_code == 200
    assert Reviewer.objects.filter(pk=reviewer.pk).exists()
    body = response.content.decode()
    assert "Not deleted" in body
    assert f"{reviewer.name} ({condition_page.title})" in body
    assert condition_page.reviewers == [reviewer]


def test_an_unused_reviewer_can_be_deleted(superuser_client, condition_page):
    unused = ReviewerFactory(name="Dr. Unused")
    response = superuser_client.post(delete_url(unused))

    assert response.status_code == 302
    assert not Reviewer.objects.filter(pk=unused.pk).exists()
