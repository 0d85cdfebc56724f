"""Serializer fields of the read API that things of every layer declare in `api_fields`
(Wagtail's way), with addresses a client can follow."""

from rest_framework import serializers


class AbsoluteURLField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return self.context["request"].build_absolute_uri(instance.get_absolute_url())
