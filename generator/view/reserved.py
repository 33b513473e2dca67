"""The names the python set's templates write themselves, per namespace that also holds
names from the spec.

They are kept here, in one place, next to the view that writes them; the pipeline hands
them to the IR build (`RESERVED_NAMES`, a `generator.ir.naming.ReservedNames`), which
claims them before any spec name (`Scope(...)`). A template that starts to import,
define or use a name in one of these namespaces adds it here, else a spec name can take
it over. tests/test_properties.py (`check_no_name_collisions`) looks for such
collisions, tests/test_naming.py for top-level names missing from `PACKAGE_NAMES`.
"""

from __future__ import annotations

import sys

from ..ir.naming import ReservedNames

# The top level of the package's modules (models.py, errors.py, client.py, aio.py,
# _operations.py, __init__.py and the emitted tests import the model, enum, client and
# operation-group classes): every name a generated module imports or defines besides
# them. Class names from the spec (PascalCase, so only the capitalised ones matter)
# avoid all of them.
PACKAGE_NAMES = (
    # exception classes (errors.py)
    "ApiError", "AuthenticationError", "ClientError", "NotFoundError", "RequestTimeoutError", "TransportError",
    "InsecureRequestError", "DeserializationError",
    # the errors of _paging.py and _polling.py, exported by __init__.py
    "NextLinkError", "OperationFailedError", "PollingError", "PollingTimeoutError",
    # the aliases of error bodies and their details (errors.py)
    "ErrorBody", "ErrorDetails",
    # auth.py and _pipeline.py, imported by __init__.py and client.py
    "ApiKeyAuth", "BearerTokenAuth", "HmacAuth", "RetryPolicy", "AccessTokenLike", "TokenCredential",
    # names imported from the standard library by any generated module
    "Any", "TypeVar", "Protocol", "Callable", "Collection", "Mapping", "Generator", "AsyncGenerator",
    "TracebackType",
    # lower-case module-level names of models.py, _operations.py, client.py and aio.py
    "base64", "enum", "re", "json", "uuid", "httpx", "pytest", "dataclass", "field", "datetime", "date",
    "timedelta", "timezone", "format_datetime", "parsedate_to_datetime", "quote", "known_value",
    "format_datetime_iso", "parse_datetime_iso", "parse_datetime_rfc1123", "format_base64url",
    "parse_base64url", "format_unixtime", "parse_unixtime", "parse_duration", "format_duration", "send",
    "send_async", "parse_connection_string", "Literal", "str_body", "int_body", "float_body", "bool_body",
)
# Top-level module names a generated package must not take: it would hide the module
# from every import of it (a package named `platform` breaks httpx). The standard
# library's, and the third-party modules the generated code and its tests import.
MODULE_NAMES = frozenset(sys.stdlib_module_names) | {"httpx", "pytest"}
# The prefix of the asynchronous twin of every client and operation-group class (aio.py
# defines `Async<Client>` and `Async<Group>Operations`): the IR build claims both names.
ASYNC_PREFIX = "Async"
# The attributes of a generated client class and of an operation-group class, besides
# the group attributes and operation methods.
CLIENT_MEMBER_NAMES = ("close", "self")
# The arguments of every generated client's constructor besides the server variables
# (and the `self._<name>` attributes they are kept in: `_base_url`, `_retry`, `_http`).
CLIENT_ARGUMENT_NAMES = (
    "self", "auth", "timeout", "retry", "headers", "transport", "base_url", "http", "strict_response_validation",
    "strict",
)
# The fields and methods of a generated model class besides its properties, and the
# locals of `from_dict` (its other locals are `_<property>`, which hide nothing).
MODEL_MEMBER_NAMES = ("to_dict", "from_dict", "additional_properties", "data", "subtype", "subtypes")
# The fields of a class of returned response headers (`HeadersResult`) must not hide its
# class method or the names that method uses.
HEADERS_MEMBER_NAMES = ("cls", "headers", "from_headers")
# The arguments and locals of an operation's method (client.py, aio.py), request builder
# and response parser (_operations.py) besides its parameters and body, and the
# module-level names their bodies call, which an argument of that name would hide.
OPERATION_LOCAL_NAMES = (
    "self", "request", "response", "url", "params", "headers", "content", "timeout", "base_url", "send",
    "send_async", "format_datetime", "format_datetime_iso", "format_duration", "format_base64url",
    "format_unixtime", "parsedate_to_datetime", "known_value", "form_data", "form_files",
    # pageable and long-running operations: their methods' arguments, and the runtime modules
    "continuation_token", "polling_interval", "_paging", "_polling",
    # strict response validation and XML bodies: the parsers' argument, the runtime modules
    "strict", "_schema", "_xml",
)
# Client-level parameters are arguments of both the constructor and the request builders.
CLIENT_PARAMETER_NAMES = tuple(dict.fromkeys(CLIENT_ARGUMENT_NAMES + OPERATION_LOCAL_NAMES))


RESERVED_NAMES = ReservedNames(
    modules=MODULE_NAMES,
    package=PACKAGE_NAMES,
    async_prefix=ASYNC_PREFIX,
    client_members=CLIENT_MEMBER_NAMES,
    client_arguments=CLIENT_ARGUMENT_NAMES,
    client_parameters=CLIENT_PARAMETER_NAMES,
    model_members=MODEL_MEMBER_NAMES,
    headers_members=HEADERS_MEMBER_NAMES,
    operation_locals=OPERATION_LOCAL_NAMES,
)
