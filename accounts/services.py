"""Every write to accounts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import ReadingProgress, User
from core.exceptions import ApplicationError, PermissionDenied
from theories.models import Series


def ensure_can_post(*, user: User) -> None:
    """Refuse writes (posting, commenting, voting, flagging) from inactive or suspended accounts."""
    if not user.is_active:
        raise PermissionDenied("This account is inactive.", code="account_inactive")
    from moderation.selectors import active_suspension

    suspension = active_suspension(user=user)
    if suspension is not None:
        until = suspension.ends_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        error = PermissionDenied(f"Your account is suspended until {until}: {suspension.reason}", code="suspended")
        error.fields = {"suspended_until": [suspension.ends_at.isoformat()], "reason": [suspension.reason]}
        raise error


@transaction.atomic
def user_register(*, username: str, email: str, password: str) -> User:
    """Create a fan account after validating the password with the configured validators.

    Usernames and emails are unique regardless of case; two sign-ups racing for the same one
    get the same clear refusal from the database's unique constraints. A taken username is
    said plainly (choosing a name needs that answer), but a registered email is not: its refusal
    is the generic `email_unavailable`, and the password is hashed before the email is looked up,
    so the answer costs the same time as a successful sign-up (docs/security.md).
    """
    email = User.objects.normalize_email(email)
    if User.objects.filter(username__iexact=username).exists():
        raise _taken("username")
    user = User(username=username, email=email)
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ApplicationError(
            code="invalid", message="The password is too weak.", fields={"password": list(exc.messages)}
        ) from exc
    user.set_password(password)
    if User.objects.filter(email__iexact=email).exists():
        raise _taken("email")
    user.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise _taken("email" if "email" in str(exc) else "username") from exc
    return user


EMAIL_UNAVAILABLE_MESSAGE = "This email address cannot be used to create an account. If you already have one, sign in."


def _taken(field: str) -> ApplicationError:
    if field == "username":
        message = "That username is taken."
        return ApplicationError(code="username_taken", message=message, fields={field: [message]}, status=400)
    message = EMAIL_UNAVAILABLE_MESSAGE
    return ApplicationError(code="email_unavailable", message=message, fields={field: [message]}, status=400)


@transaction.atomic
def user_get_or_create(
    *,
    username: str,
    email: str,
    password: str | None = None,
    groups: Sequence[str] = (),
    date_joined: datetime | None = None,
) -> tuple[User, bool]:
    """Return the account with this username (any case), creating it when missing; add it to `groups`.

    A new account gets `password` after the configured validators accept it, or an unusable
    password when none is given (it can sign in only after a reset), and `date_joined` when given.
    An existing account keeps its password, email and join date.
    """
    user = User.objects.filter(username__iexact=username).first()
    created = user is None
    if user is None:
        user = User(username=username, email=email)
        if date_joined is not None:
            user.date_joined = date_joined
        if password is None:
            user.set_unusable_password()
        else:
            try:
                validate_password(password, user=user)
            except ValidationError as exc:
                raise ApplicationError(
                    code="invalid", message="The password is too weak.", fields={"password": list(exc.messages)}
                ) from exc
            user.set_password(password)
        user.full_clean()
        user.save()
    for name in groups:
        group, _ = Group.objects.get_or_create(name=name)
        user.groups.add(group)
    return user, created


def token_for(*, user: User) -> str:
    """The user's API token, created on first request."""
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    return token.key


@transaction.atomic
def reading_progress_set(*, user: User, series: Series, chapter: int) -> ReadingProgress:
    """Save the last chapter of a series the reader has read: 0 (none yet) to the series' last chapter.

    One row per reader and series, written with one INSERT ... ON CONFLICT UPDATE, so two
    concurrent saves cannot collide. Theories citing later chapters become spoilers for them.
    """
    last = series.last_chapter
    if not 0 <= chapter <= last:
        message = f"{series.title} has chapters 1 to {last}; progress is 0 to {last}."
        raise ApplicationError(code="invalid", message=message, fields={"chapter": [message]})
    progress = ReadingProgress(user=user, series=series, chapter=chapter)
    progress.full_clean(exclude=["user", "series"], validate_unique=False, validate_constraints=False)
    (saved,) = ReadingProgress.objects.bulk_create(
        [progress], update_conflicts=True, unique_fields=["user", "series"], update_fields=["chapter", "updated_at"]
    )
    return saved
