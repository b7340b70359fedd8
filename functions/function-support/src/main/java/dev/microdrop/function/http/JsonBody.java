package dev.microdrop.function.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The one policy every route reads a JSON body by: exactly one JSON document (nothing after it, no member twice,
 * see {@link dev.microdrop.infrastructure.json.Json#mapper()}), in well-formed UTF-8 (RFC 8259 §8.1): no byte sequence that is not UTF-8, no byte
 * order mark, and no string holding a lone surrogate (an escape such as {@code "\ud800"}) or U+FFFD, the
 * replacement character a decoder puts where the bytes were not UTF-8. Such text cannot be stored, compared or
 * mailed faithfully, so it is refused before anything is written.
 */
public final class JsonBody {

    /** What reading a body gave: a document, or the sentence a 400 {@code malformed-json} problem carries. */
    public sealed interface Result {
    }

    public record Document(JsonNode json) implements Result {
    }

    public record Malformed(String detail) implements Result {
    }

    private JsonBody() {
    }

    public static Result read(ObjectMapper mapper, HttpRequest request) {
        byte[] bytes;
        try {
            bytes = request.body();
        } catch (IllegalArgumentException undecodable) {
            return new Malformed("The body is not valid base64.");
        }
        if (bytes.length == 0) {
            return new Malformed("The body is empty.");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new Malformed("The body starts with a byte order mark; send UTF-8 without one.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Malformed("The body is not well-formed UTF-8.");
        }
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (IOException e) {
            return new Malformed("The body is not a single valid JSON document.");
        }
        if (json == null || json.isMissingNode()) {
            return new Malformed("The body is empty.");
        }
        String damaged = damagedText(json, "");
        if (damaged != null) {
            return new Malformed("The text at " + (damaged.isEmpty() ? "the top" : damaged)
                    + " is not well-formed Unicode (a lone surrogate or a replacement character).");
        }
        return new Document(json);
    }

    /** The JSON Pointer of the first name or string holding a lone surrogate or U+FFFD, or null. */
    private static String damagedText(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return wellFormed(node.textValue()) ? null : pointer;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (!wellFormed(field.getKey())) {
                    return child;
                }
                String found = damagedText(field.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = damagedText(node.get(i), pointer + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
