"""The Bot API's HTTP interface, through requests (docs/distribution.md says why not a bot
framework): a method is one POST, its answer `{"ok": …, "result": …}` or an error with a
description and, for a 429, `parameters.retry_after`."""

import json

from django.conf import settings

import requests

TIMEOUT = 30


class BotError(Exception):
    """The Bot API refused (`status` ≥ 400), or could not be reached (`status` 0)."""

    def __init__(self, status, description, retry_after=None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    @property
    def retryable(self):
        return self.retry_after is not None or self.status == 0 or self.status >= 500


class Bot:
    def __init__(self, token=None, api_url=None):
        self.token = token or settings.QALAM_TELEGRAM_BOT_TOKEN
        self.api_url = (api_url or settings.QALAM_TELEGRAM_API_URL).rstrip("/")

    def call(self, method, files=None, **fields):
        """The method's result; nested values go as JSON, as the Bot API reads form fields."""
        data = {
            name: json.dumps(value) if isinstance(value, dict | list | bool) else value
            for name, value in fields.items()
            if value is not None
        }
        try:
            response = requests.post(
                f"{self.api_url}/bot{self.token}/{method}", data=data, files=files, timeout=TIMEOUT
            )
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            # The address carries the token: it never reaches a log or an editor.
            raise BotError(0, str(error).replace(self.token, "…")) from None
        if answer.get("ok"):
            return answer["result"]
        parameters = answer.get("parameters") or {}
        raise BotError(
            response.status_code,
            answer.get("description") or response.reason,
            parameters.get("retry_after"),
        )

    def send(self, chat, message, silent):
        """The new message's id."""
        common = {"chat_id": chat, "parse_mode": "HTML", "disable_notification": silent}
        if message.photo:
            with photo_file(message.photo) as photo:
                result = self.call(
                    "sendPhoto",
                    files={"photo": ("photo.jpg", photo, "image/jpeg")},
                    caption=message.text,
                    **common,
                )
        else:
            result = self.call(
                "sendMessage", text=message.text, link_preview_options=preview(message), **common
            )
        return result["message_id"]

    def edit_text(self, chat, message_id, message):
        self.call(
            "editMessageText",
            chat_id=chat,
            message_id=message_id,
            text=message.text,
            parse_mode="HTML",
            link_preview_options=preview(message),
        )

    def edit_caption(self, chat, message_id, message):
        self.call(
            "editMessageCaption",
            chat_id=chat,
            message_id=message_id,
            caption=message.text,
            parse_mode="HTML",
        )

    def edit_photo(self, chat, message_id, message):
        media = {"type": "photo", "media": "attach://photo", "caption": message.text}
        with photo_file(message.photo) as photo:
            self.call(
                "editMessageMedia",
                files={"photo": ("photo.jpg", photo, "image/jpeg")},
                chat_id=chat,
                message_id=message_id,
                media={**media, "parse_mode": "HTML"},
            )

    def delete(self, chat, message_id):
        self.call("deleteMessage", chat_id=chat, message_id=message_id)


def preview(message):
    return {"url": message.url, "prefer_large_media": True}


def photo_file(image):
    """The photo's rendition, uploaded rather than linked: Telegram need not reach the site
    (docs/distribution.md)."""
    from .message import PHOTO

    return image.get_rendition(PHOTO).file.open("rb")
