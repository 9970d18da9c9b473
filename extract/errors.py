"""The project's exceptions: one base class, a few precise subclasses."""


class KgError(Exception):
    """Base class: the message is one line meant for the user."""


class InputError(KgError):
    """A document or path can't be read or parsed."""


class ModelError(KgError):
    """The requested spaCy pipeline isn't installed or can't be loaded."""
