"""SES v2 errors. The code is the model's error shape name; its HTTP status comes
from the same model (`error.httpStatusCode`), looked up by the response layer."""


class SesV2Error(Exception):
    code = "BadRequestException"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequestException(SesV2Error):
    code = "BadRequestException"


class NotFoundException(SesV2Error):
    code = "NotFoundException"


class AlreadyExistsException(SesV2Error):
    code = "AlreadyExistsException"


class UnknownOperationException(SesV2Error):
    """No operation of the model matches the method and path (not a model shape: 404)."""

    code = "UnknownOperationException"


class NotImplementedException(SesV2Error):
    """A real SES v2 operation this emulator (and moto) does not serve (not a model shape: 501)."""

    code = "NotImplementedException"


class AccessDeniedException(SesV2Error):
    """Not an SES v2 model shape, but what SES answers (403) to a tenant send whose resources
    the tenant does not hold."""

    code = "AccessDeniedException"
    http_status = 403


class EmulatorFault(Exception):
    """The emulator itself is wrong (e.g. a response that breaks the model): a 500."""


class LimitExceededException(SesV2Error):
    """An SES quota (e.g. contact lists per account, templates per account) is reached."""

    code = "LimitExceededException"


def existing(store, key: str, what: str):
    """`store[key]`, or the NotFoundException SES answers for a missing `what`."""
    value = store.get(key)
    if value is None:
        raise NotFoundException(f"{what} <{key}> does not exist.")
    return value
