"""azure-parameter-grouping.json: parameters AutoRest gathers into option objects
(`x-ms-parameter-grouping`) (legacy/routes/azureParameterGrouping.js mounted at
`/parameterGrouping`, and dist/test-routes/parameter-grouping.js; azure category).

`x-ms-parameter-grouping` is not honoured (a located warning): each grouped parameter
stays an argument of its own, so what goes on the wire is the same and the scenarios
are driven with those arguments. AutoRest's clients take, for instance, a
`ParameterGroupingPostRequiredParameters(body=1234, path="path", custom_header=...,
query=21)` instead. (The optional `query` members default to 30, which the routes
refuse: the tests give every value.)
"""

from __future__ import annotations

from typing import Any

GROUP = "azure-parameter-grouping"


def test_post_required(client: Any) -> None:
    client.parameter_grouping.post_required("path", 1234, custom_header="header", query=21)


def test_post_optional(client: Any) -> None:
    client.parameter_grouping.post_optional(custom_header="header", query=21)


def test_post_reserved_words(client: Any) -> None:
    """Group members named `from` and `accept` (a keyword; a name the client uses)."""
    client.parameter_grouping.post_reserved_words(from_="bob", accept="yes")


def test_post_multi_param_groups(client: Any) -> None:
    client.parameter_grouping.post_multi_param_groups(
        header_one="header", query_one=21, header_two="header2", query_two=42
    )


def test_post_shared_parameter_group_object(client: Any) -> None:
    client.parameter_grouping.post_shared_parameter_group_object(header_one="header", query_one=21)


def test_group_with_constant(client: Any) -> None:
    client.parameter_grouping.group_with_constant(grouped_constant="foo", grouped_parameter="bar")
