"""Demo content for *All of Us Are Dead*: what a fresh install shows, loaded by `manage.py seed_demo`.

`catalog` holds the series, its tags and the accounts; the `theories_*` modules hold the
fans' posts; `comments` holds the comment pools; `plan` turns them into a deterministic
timeline relative to "now"; `seed` writes that timeline through the services.
"""
