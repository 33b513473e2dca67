"""Registration of the globals for pageable and long-running operations (the logic
lives in `generator/view/paging.py`)."""

from __future__ import annotations

import jinja2

from generator.view.paging import (
    failure_parser,
    final_annotation,
    final_optional,
    page_item_annotation,
    page_item_steps,
    page_rule,
    paging_client_names,
    paging_doc,
    paging_names,
)


def setup(env: jinja2.Environment) -> None:
    env.globals.update(
        paging_doc=paging_doc,
        paging_names=paging_names,
        page_item_annotation=page_item_annotation,
        page_rule=page_rule,
        page_item_steps=page_item_steps,
        final_annotation=final_annotation,
        final_optional=final_optional,
        failure_parser=failure_parser,
        paging_client_names=paging_client_names,
    )
