"""factory-boy factories shared by all tests."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from django.db.models import F
from factory.django import DjangoModelFactory

from accounts.models import User
from theories.markdown import render_markdown
from theories.models import Chapter, Series, Tag, Theory

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))
        if create:
            self.save()


class SeriesFactory(DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"series-{n}")
    title = factory.Sequence(lambda n: f"Series {n}")
    source_title = "The Webtoon"


class ChapterFactory(DjangoModelFactory):
    class Meta:
        model = Chapter
        django_get_or_create = ("series", "number")

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: n + 1)


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("series", "slug")

    series = factory.SubFactory(SeriesFactory)
    kind = Tag.Kind.CHARACTER
    name = factory.Sequence(lambda n: f"Character {n}")
    slug = factory.LazyAttribute(lambda tag: tag.name.lower().replace(" ", "-"))


class TheoryFactory(DjangoModelFactory):
    class Meta:
        model = Theory
        skip_postgeneration_save = True

    series = factory.SubFactory(SeriesFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Theory number {n} about the outbreak")
    body = "The *virus* came from the science lab."
    body_html = factory.LazyAttribute(lambda theory: render_markdown(theory.body))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if not create:
            return
        self.tags.set(extracted or [TagFactory(series=self.series)])


# --- moderation and notifications (appended) ---------------------------------------------------------


def _now():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.now()


def _days(days: int):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    return timedelta(days=days)


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = "theories.Comment"

    theory = factory.SubFactory(TheoryFactory)
    author = factory.SubFactory(UserFactory)
    body = "Nam-ra *knew* before anyone else."
    body_html = factory.LazyAttribute(lambda comment: render_markdown(comment.body))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Count the comment on its theory as comment_create does, so counters match rows."""
        comment = super()._create(model_class, *args, **kwargs)
        if not (comment.is_deleted or comment.is_hidden):
            type(comment.theory).objects.filter(pk=comment.theory_id).update(comment_count=F("comment_count") + 1)
        return comment


class OfficialNewsFactory(DjangoModelFactory):
    class Meta:
        model = "moderation.OfficialNews"
        skip_postgeneration_save = True

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Netflix announces season {n + 2}")
    url = factory.Sequence(lambda n: f"https://about.netflix.com/en/news/announcement-{n}")
    publisher = "Netflix"
    published_at = factory.LazyFunction(_now)
    summary = ""
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.tags.set(extracted)


class FlagFactory(DjangoModelFactory):
    class Meta:
        model = "moderation.Flag"

    reporter = factory.SubFactory(UserFactory)
    target_type = "theory"
    target_id = factory.LazyFunction(lambda: TheoryFactory().pk)
    reason = "spam"
    text = ""


class SuspensionFactory(DjangoModelFactory):
    class Meta:
        model = "moderation.Suspension"

    user = factory.SubFactory(UserFactory)
    moderator = factory.SubFactory(UserFactory)
    reason = "Repeated unmarked spoilers."
    starts_at = factory.LazyFunction(_now)
    ends_at = factory.LazyAttribute(lambda suspension: suspension.starts_at + _days(7))
