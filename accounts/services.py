"""Every write to accounts."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from core.exceptions import ApplicationError, PermissionDenied


def ensure_can_post(*, user: User) -> None:
    """Refuse writes from accounts that cannot take part (inactive now; suspensions extend this)."""
    if not user.is_active:
        raise PermissionDenied("This account is inactive.", code="account_inactive")


@transaction.atomic
def user_register(*, username: str, email: str, password: str) -> User:
    """Create a fan account after validating the password with the configured validators."""
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(
            code="username_taken",
            message="That username is taken.",
            fields={"username": ["That username is taken."]},
            status=400,
        )
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(
            code="email_taken",
            message="That email is already registered.",
            fields={"email": ["That email is already registered."]},
            status=400,
        )
    user = User(username=username, email=email)
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ApplicationError(
            code="invalid", message="The password is too weak.", fields={"password": list(exc.messages)}
        ) from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
