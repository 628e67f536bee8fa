"""One exception tree for every way a document, a rule file or a cluster can fail.

Each subclass is one failure kind; its name is what the `failures` table stores in `kind`.
Messages name the file and say what to do about it.
"""


class MinutesError(Exception):
    """Base of every error the pipeline raises on purpose."""

    @property
    def kind(self) -> str:
        return type(self).__name__


class UnsupportedFormat(MinutesError):
    """The file's extension is not one the pipeline reads."""


class EmptyDocument(MinutesError):
    """The file holds no text at all (zero bytes, or only whitespace/markup)."""


class NoTextLayer(MinutesError):
    """A PDF whose pages carry no extractable text: it is scanned and needs OCR."""


class EncryptedDocument(MinutesError):
    """A PDF protected by a password."""


class UnreadableDocument(MinutesError):
    """The file could not be opened or decoded: truncated, corrupt or not what its name says."""


class InvalidRuleFile(MinutesError):
    """A rules or vocabulary data file is malformed; the message names its file and line."""


class ExtractorFailed(MinutesError):
    """A bug in the pipeline met this file; the batch records it and goes on."""


class DocumentTimeout(MinutesError):
    """Extracting the document took longer than the per-document time limit (--timeout)."""


class NotRegularFile(MinutesError):
    """The path is a FIFO, device or socket, not a file: reading it could block forever or never end."""


class MemoryLimitExceeded(MinutesError):
    """Reading the file needed more memory than a worker may use (--max-worker-mb): a PDF whose
    streams inflate to gigabytes (a decompression bomb), or a truly enormous document."""


class DocumentTooLarge(MinutesError):
    """The file is larger than the per-document size limit (--max-mb)."""


class SchedulerUnavailable(MinutesError):
    """`ingest --scheduler` could not use the Dask cluster it names: no scheduler answered, or it has no workers."""
