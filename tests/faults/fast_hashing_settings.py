"""The project's settings with a cheap password hasher, for servers under a burst of sign-ups.

PBKDF2's deliberate cost (about a second of CPU a sign-up on the shared test machine) would turn a
200-request burst into minutes of hashing; the burst is about concurrency, not about hashing.
"""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
