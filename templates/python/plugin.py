"""Registration of the `python` template set's filters, tests and globals.

The logic lives in the python view (`generator/view/`): conversions between JSON and
Python values, docstrings, what each module needs, the emitted tests' calls, operation
facts and auth choices. This module only names them for the templates
(`docs/templates.md` lists each).
"""

from __future__ import annotations

from collections.abc import Mapping

import jinja2

from generator.render.wire import sample
from generator.view.auth import auth_kinds, auth_module, bearer_scopes, check_options
from generator.view.conversions import (
    annotation,
    body_annotation,
    body_content,
    decode,
    default_literal,
    encode,
    response_value,
    sent_as_file,
    status_test,
    to_text,
    union_of,
    url_fstring,
)
from generator.view.docs import client_doc, constructor_doc, operation_doc
from generator.view.client import client_module
from generator.view.errors import errors_module
from generator.view.emitted_tests import tests_module
from generator.view.events import event_cases, events_module
from generator.view.models import models_module
from generator.view.package import package_module
from generator.view.requests import checks_responses, operations_module
from generator.view.schema import schema_module, uses_xml
from generator.view.examples import as_sent, example_call, payload_key, test_imports
from generator.view.needs import (
    features,
    headers_results,
    model_helpers,
    referenced_names,
)
from generator.view.operations import (
    error_branches,
    error_responses,
    error_types,
    function_names,
    head_as_boolean,
    method_parameters,
    repeatable,
    result_annotation,
    retryable,
    scalar_error_helpers,
    success_responses,
)


def setup(env: jinja2.Environment) -> None:
    options = env.globals.get("options")
    check_options(options if isinstance(options, Mapping) else {})
    env.filters.update(
        annotation=annotation,
        decode=decode,
        encode=encode,
        to_text=to_text,
        url_fstring=url_fstring,
        sample=sample,
        status_test=status_test,
        union_of=union_of,
        default_literal=default_literal,
        as_sent=as_sent,
        body_content=body_content,
        body_annotation=body_annotation,
        response_value=response_value,
    )
    env.tests.update(sent_as_file=sent_as_file, checks_responses=checks_responses)
    env.globals.update(
        features=features,
        models_module=models_module,
        auth_module=auth_module,
        package_module=package_module,
        tests_module=tests_module,
        errors_module=errors_module,
        client_module=client_module,
        operations_module=operations_module,
        schema_module=schema_module,
        uses_xml=uses_xml,
        events_module=events_module,
        event_cases=event_cases,
        referenced_names=referenced_names,
        model_helpers=model_helpers,
        example_call=example_call,
        error_responses=error_responses,
        error_types=error_types,
        error_branches=error_branches,
        scalar_error_helpers=scalar_error_helpers,
        head_as_boolean=head_as_boolean,
        result_annotation=result_annotation,
        success_responses=success_responses,
        method_parameters=method_parameters,
        operation_doc=operation_doc,
        client_doc=client_doc,
        constructor_doc=constructor_doc,
        test_imports=test_imports,
        auth_kinds=auth_kinds,
        bearer_scopes=bearer_scopes,
        repeatable=repeatable,
        retryable=retryable,
        function_names=function_names,
        payload_key=payload_key,
        headers_results=headers_results,
    )
