"""A Bot API server on 127.0.0.1 for the tests: the methods Qalam calls, answered as
Telegram answers them. It reads Telegram's HTML as Telegram does (a bare `<`, `>` or `&` is
refused, lengths are UTF-16 code units of the text left), keeps the channel's messages,
records every call, and answers a 429 or a 400 when told to."""

import email.parser
import html
import itertools
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

TOKEN = "123456:qalam-test-token"
PORTS = range(8712, 8720)  # the ports given to this work; the live server takes 8711
TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}
TAG = re.compile(r'<(/?)([a-z]+)((?:\s+[a-z_-]+="[^"<>]*")*)\s*>')
ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class Refused(Exception):
    def __init__(self, description, status=400, retry_after=None):
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


def units(text):
    return len(text.encode("utf-16-le")) // 2


def read_html(markup):
    """(text, entities) as Telegram reads `markup`, offsets in UTF-16 units."""
    text, entities, open_tags, at = "", [], [], 0
    while at < len(markup):
        char = markup[at]
        if char == "<":
            tag = TAG.match(markup, at)
            if not tag or tag[2] not in TAGS:
                raise Refused(
                    f"Bad Request: can't parse entities: Unsupported start tag at byte offset {at}"
                )
            if tag[1]:
                if not open_tags or open_tags[-1][0] != tag[2]:
                    raise Refused(
                        f"Bad Request: can't parse entities: Unmatched end tag at byte offset {at}"
                    )
                name, start, attributes = open_tags.pop()
                entities.append(
                    {"type": name, "offset": start, "length": units(text) - start, **attributes}
                )
            else:
                attributes = {
                    k: html.unescape(v) for k, v in re.findall(r'([a-z_-]+)="([^"]*)"', tag[3])
                }
                open_tags.append((tag[2], units(text), attributes))
            at = tag.end()
        elif char == "&":
            entity = ENTITY.match(markup, at)
            if not entity:
                raise Refused(
                    "Bad Request: can't parse entities: "
                    f"Character '&' is reserved at byte offset {at}"
                )
            text += html.unescape(entity[0])
            at = entity.end()
        elif char == ">":
            raise Refused(
                f"Bad Request: can't parse entities: Character '>' is reserved at byte offset {at}"
            )
        else:
            text += char
            at += 1
    if open_tags:
        raise Refused("Bad Request: can't parse entities: Can't find end tag")
    return text, entities


class BotAPI:
    def __init__(self):
        self.calls = []  # (method, fields, files)
        self.messages = {}  # (chat, message_id) → {"text", "entities", "photo", "silent"}
        self.failures = []  # [method, Refused, times]
        self.missing_chats = set()
        self.delay = 0  # seconds each answer takes, so that two workers' calls overlap
        self.ids = itertools.count(101)
        self.lock = threading.Lock()
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                status, answer = api.answer(self)
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        for port in PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def fail(self, method, description, status=400, retry_after=None, times=1):
        """The next `times` calls of `method` refused as Telegram refuses them."""
        self.failures.append([method, Refused(description, status, retry_after), times])

    def methods(self):
        return [method for method, _fields, _files in self.calls]

    def answer(self, request):
        length = int(request.headers.get("Content-Length", 0))
        fields, files = read_body(
            request.headers.get("Content-Type", ""), request.rfile.read(length)
        )
        prefix, _, method = request.path.rpartition("/")
        time.sleep(self.delay)
        with self.lock:
            self.calls.append((method, fields, files))
            if prefix != f"/bot{TOKEN}":
                return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            try:
                for failure in self.failures:
                    if failure[0] == method and failure[2] > 0:
                        failure[2] -= 1
                        raise failure[1]
                return 200, {"ok": True, "result": getattr(self, method)(fields, files)}
            except Refused as refused:
                answer = {
                    "ok": False,
                    "error_code": refused.status,
                    "description": refused.description,
                }
                if refused.retry_after is not None:
                    answer["parameters"] = {"retry_after": refused.retry_after}
                return refused.status, answer

    def chat(self, fields):
        chat = fields.get("chat_id", "")
        if not chat or chat in self.missing_chats:
            raise Refused("Bad Request: chat not found")
        return chat

    def message(self, fields):
        key = (self.chat(fields), int(fields.get("message_id", 0)))
        if key not in self.messages:
            raise Refused("Bad Request: message to edit not found")
        return key

    def store(self, fields, text_field, limit, photo):
        text, entities = read_html(fields.get(text_field, ""))
        if units(text) > limit:
            raise Refused(f"Bad Request: {'message caption' if photo else 'message'} is too long")
        return {"text": text, "entities": entities, "photo": photo, "fields": fields}

    def sendMessage(self, fields, files):
        chat = self.chat(fields)
        message = self.store(fields, "text", 4096, None)
        message["silent"] = fields.get("disable_notification") == "true"
        message_id = next(self.ids)
        self.messages[(chat, message_id)] = message
        return {"message_id": message_id, "chat": {"username": chat[1:]}, "text": message["text"]}

    def sendPhoto(self, fields, files):
        chat = self.chat(fields)
        if "photo" not in files:
            raise Refused("Bad Request: there is no photo in the request")
        message = self.store(fields, "caption", 1024, files["photo"])
        message["silent"] = fields.get("disable_notification") == "true"
        message_id = next(self.ids)
        self.messages[(chat, message_id)] = message
        return {"message_id": message_id, "chat": {"username": chat[1:]}, "photo": [{}]}

    def edit(self, key, message):
        if (message["text"], message["photo"]) == (
            self.messages[key]["text"],
            self.messages[key]["photo"],
        ):
            raise Refused("Bad Request: message is not modified")
        self.messages[key].update(message)
        return {"message_id": key[1]}

    def editMessageText(self, fields, files):
        key = self.message(fields)
        if self.messages[key]["photo"]:
            raise Refused("Bad Request: there is no text in the message to edit")
        return self.edit(key, self.store(fields, "text", 4096, None))

    def editMessageCaption(self, fields, files):
        key = self.message(fields)
        if not self.messages[key]["photo"]:
            raise Refused("Bad Request: there is no caption in the message to edit")
        return self.edit(key, self.store(fields, "caption", 1024, self.messages[key]["photo"]))

    def editMessageMedia(self, fields, files):
        key = self.message(fields)
        media = json.loads(fields["media"])
        name = media["media"].removeprefix("attach://")
        if not self.messages[key]["photo"] or name not in files:
            raise Refused("Bad Request: wrong file identifier/HTTP URL specified")
        return self.edit(key, self.store(media, "caption", 1024, files[name]))

    def deleteMessage(self, fields, files):
        key = (self.chat(fields), int(fields.get("message_id", 0)))
        if self.messages.pop(key, None) is None:
            raise Refused("Bad Request: message to delete not found")
        return True


def read_body(content_type, body):
    """The call's fields and uploaded files, from a form, a multipart form or JSON."""
    if content_type.startswith("multipart/form-data"):
        parsed = email.parser.BytesParser().parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        fields, files = {}, {}
        for part in parsed.get_payload():
            name = part.get_param("name", header="content-disposition")
            if part.get_filename():
                files[name] = part.get_payload(decode=True)
            else:
                fields[name] = part.get_payload(decode=True).decode()
        return fields, files
    if content_type.startswith("application/json"):
        return {
            k: v if isinstance(v, str) else json.dumps(v) for k, v in json.loads(body).items()
        }, {}
    return dict(parse_qsl(body.decode())), {}


def serve(settings, channels="ru=@qalam_news,kk=@qalam_kz"):
    """A started server, and Qalam's settings pointing at it (pytest-django's `settings`)."""
    api = BotAPI().start()
    settings.QALAM_TELEGRAM_BOT_TOKEN = TOKEN
    settings.QALAM_TELEGRAM_API_URL = api.url
    settings.QALAM_TELEGRAM_CHANNELS = channels
    return api
