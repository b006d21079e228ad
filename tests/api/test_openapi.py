"""/openapi.json documents every shape of the chat contract, stream payloads included
(the widget's TypeScript types are generated from it)."""

from llm_server.config import Settings
from llm_server.main import create_app

SHAPES = {
    "MetaEvent", "TokenEvent", "DoneEvent", "ErrorEvent", "ChatRequest", "ChatResponse",
    "ErrorBody", "Product", "FaqEntry", "Filters", "Timings", "TranscriptEvent", "AudioEvent",
    "VoiceDoneEvent", "WebSocketFrame",
}


def schema() -> dict:
    return create_app(Settings()).openapi()


def test_every_shape_is_in_components():
    components = schema()["components"]["schemas"]
    assert components.keys() >= SHAPES
    assert components["AudioEvent"]["required"] == ["index", "text", "voice", "wav_base64"]
    timings = components["Timings"]["properties"]["ttft_ms"]
    assert {"type": "null"} in timings["anyOf"]
    intents = components["MetaEvent"]["properties"]["intent"]["enum"]
    assert {"shop", "product_question", "handoff", "order_status", "cart_add", "conversation"} <= set(intents)


def test_stream_routes_name_their_events():
    paths = schema()["paths"]
    chat = paths["/chat/stream"]["post"]["responses"]["200"]["content"]["text/event-stream"]["schema"]
    assert chat["x-sse-events"] == {
        name: f"#/components/schemas/{model}"
        for name, model in (("meta", "MetaEvent"), ("token", "TokenEvent"), ("done", "DoneEvent"), ("error", "ErrorEvent"))
    }
    voice = paths["/voice/chat"]["post"]["responses"]["200"]["content"]["text/event-stream"]["schema"]
    assert voice["x-sse-events"]["audio"] == "#/components/schemas/AudioEvent"


def test_routes_declare_their_models_and_errors():
    paths = schema()["paths"]
    once = paths["/chat"]["post"]["responses"]
    assert once["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ChatResponse"}
    for status in ("400", "413", "422", "502", "503"):
        assert once[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
    assert "503" in paths["/chat/stream"]["post"]["responses"]
    assert paths["/products/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ProductResults"
    }
