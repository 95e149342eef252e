"""Forms of the account pages. They check shape only; accounts.services decides the rest."""

from __future__ import annotations

from django import forms


class SignupForm(forms.Form):
    username = forms.RegexField(
        regex=r"^[\w.@+-]+\Z",
        min_length=3,
        max_length=30,
        help_text="3–30 characters: letters, digits and . @ + - _",
        error_messages={"invalid": "Use only letters, digits and . @ + - _"},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        max_length=254,
        help_text="Never shown to anyone.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        min_length=8,
        max_length=128,
        strip=False,
        help_text="At least 8 characters, not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
