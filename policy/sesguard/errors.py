"""The one exception a user can cause: the CLI turns it into one line and exit 2."""


class InputError(Exception):
    """The plan, the config or the arguments cannot be used. ``str()`` is one line."""

    def __init__(self, message: str) -> None:
        # Newlines would break the "one line on stderr" contract of every command.
        super().__init__(" ".join(str(message).split()))
