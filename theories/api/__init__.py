"""Theories, comments, series, chapters and tags over REST: input serializers validate, output serializers
render, services write. One module per resource; the serializers other apps reuse are re-exported here."""

from theories.api.comments import CommentOutputSerializer
from theories.api.series import TagChipSerializer, TagOutputSerializer
from theories.api.theories import AuthorSerializer, TheoryListItemSerializer, TheoryOutputSerializer

__all__ = [
    "AuthorSerializer",
    "CommentOutputSerializer",
    "TagChipSerializer",
    "TagOutputSerializer",
    "TheoryListItemSerializer",
    "TheoryOutputSerializer",
]
