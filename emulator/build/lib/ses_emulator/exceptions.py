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


class EmulatorFault(Exception):
    """The emulator itself is wrong (e.g. a response that breaks the model): a 500."""
