"""Sign-up, API tokens and reading progress over REST."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.models import ReadingProgress
from core.api import error_responses
from core.exceptions import ApplicationError
from core.ratelimit import client_address, rate_limit
from theories.models import Series


class RegisterInputSerializer(serializers.Serializer):
    username = serializers.RegexField(
        r"^[\w.@+-]+\Z",
        min_length=3,
        max_length=30,
        error_messages={"invalid": "Use only letters, digits and @ . + - _ characters."},
    )
    email = serializers.EmailField(max_length=254)
    # Strength is judged by AUTH_PASSWORD_VALIDATORS in the service, so the rules live in one place.
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)


class UserOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.ChoiceField(choices=["fan", "moderator", "writer"])
    date_joined = serializers.DateTimeField()


class RegisterApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=RegisterInputSerializer,
        responses={201: UserOutputSerializer, **error_responses(400, 413, 429)},
        summary="Create an account",
        description="Creates a fan account. Usernames and emails are unique regardless of case; "
        "the password must pass the site's password validators. A taken username is refused as "
        "`username_taken`; an email that cannot be used gets the generic `email_unavailable`. "
        "Sign-ups per client address are rate-limited (429).",
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = RegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rate_limit(scope="signup", user_id=client_address(request._request))
        user = services.user_register(**serializer.validated_data)
        return Response(UserOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")


class TokenApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=TokenInputSerializer,
        responses={200: TokenOutputSerializer, **error_responses(400, 413, 429)},
        summary="Get an API token",
        description="Returns the account's API token, creating it on first use. A wrong password and an "
        "unknown username get the same answer (`invalid_credentials`), in the same time. After 5 failures "
        "for one username from one address, that pair is locked out for 15 minutes (429 `locked_out`).",
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = TokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request._request, **serializer.validated_data)
        if user is None:
            raise ApplicationError(code="invalid_credentials", message="Wrong username or password.", status=400)
        # A successful sign-in, as for the page: updates last_login and clears the failures sign-in throttling counted.
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response(TokenOutputSerializer({"token": services.token_for(user=user)}).data)


class ReadingProgressInputSerializer(serializers.Serializer):
    series = serializers.SlugField(max_length=80, help_text="Series slug.")
    chapter = serializers.IntegerField(
        min_value=0, help_text="The last chapter read: 0 (none yet) to the series' last chapter."
    )

    def validate_series(self, slug: str) -> Series:
        series = Series.objects.filter(slug=slug).first()
        if series is None:
            raise serializers.ValidationError(f"Unknown series: {slug}.")
        return series


class ReadingProgressOutputSerializer(serializers.Serializer):
    series = serializers.SlugField(source="series.slug")
    chapter = serializers.IntegerField(help_text="The last chapter read; theories citing later ones are spoilers.")
    last_chapter = serializers.SerializerMethodField(help_text="The series' last chapter.")
    updated_at = serializers.DateTimeField()

    def get_last_chapter(self, progress: ReadingProgress) -> int:
        annotated = getattr(progress, "last_chapter_number", None)
        return annotated if annotated is not None else progress.series.last_chapter


class ReadingProgressApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={200: ReadingProgressOutputSerializer(many=True), **error_responses(401)},
        summary="Your reading progress per series",
    )
    def get(self, request: Request) -> Response:
        progress = selectors.reading_progress_list(user=request.user)
        return Response(ReadingProgressOutputSerializer(progress, many=True).data)

    @extend_schema(
        request=ReadingProgressInputSerializer,
        responses={200: ReadingProgressOutputSerializer, **error_responses(400, 401)},
        summary="Set your reading progress in a series",
        description="Theories citing a chapter past your progress are spoilers: the API marks them `spoiler` "
        "and leaves their body out unless asked with `reveal=1`. With no progress in a series, nothing in it "
        "is hidden from you.",
    )
    def put(self, request: Request) -> Response:
        serializer = ReadingProgressInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        progress = services.reading_progress_set(
            user=request.user,
            series=serializer.validated_data["series"],
            chapter=serializer.validated_data["chapter"],
        )
        return Response(ReadingProgressOutputSerializer(progress).data)
