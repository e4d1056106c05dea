"""
The OpenAPI description: every operation also documents its error answers,
and filters that take a slug are described as taking a string.
"""

from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_array_type, build_basic_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

BAD_REQUEST = OpenApiResponse(
    response={
        "type": "object",
        "description": "Each parameter that could not be used, with what is wrong with it; "
        "`non_field_errors` holds problems of several parameters together.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description="A filter parameter has a value that cannot be used.",
)
NOT_FOUND = OpenApiResponse(
    response={
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    description="No published entry has this identifier, or the page does not exist.",
)


class ArchiveAutoSchema(AutoSchema):
    def get_response_serializers(self):
        serializer = super().get_response_serializers()
        if isinstance(serializer, dict):
            return serializer
        responses = {200: serializer, 404: NOT_FOUND}
        if self._is_list_view(serializer):
            responses[400] = BAD_REQUEST
        return responses


class SlugFilterExtension(DjangoFilterExtension):
    """
    A filter that picks entries by slug (`source=korea-herald`, `film=crossing`)
    takes a string, not the relation's primary key the model field suggests.
    """

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        many = isinstance(filter_field, ModelMultipleChoiceFilter)
        by_slug = filter_field.extra.get("to_field_name") == "slug"
        if not (by_slug and (many or isinstance(filter_field, ModelChoiceFilter))):
            return super().resolve_filter_field(
                auto_schema, model, filterset_class, field_name, filter_field
            )
        schema = build_basic_type(OpenApiTypes.STR)
        description = str(filter_field.label or "") + (
            " (a slug; repeat the parameter for several)" if many else " (a slug)"
        )
        return [
            build_parameter_type(
                name=field_name,
                required=filter_field.extra["required"],
                location=OpenApiParameter.QUERY,
                description=description,
                schema=build_array_type(schema) if many else schema,
                explode=True if many else None,
                style="form" if many else None,
            )
        ]
