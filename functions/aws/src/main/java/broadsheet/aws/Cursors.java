package broadsheet.aws;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Opaque list cursors: base64url (no padding) of the JSON of a LastEvaluatedKey of string attributes. */
final class Cursors {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final JsonMapper mapper = JsonMapper.builder().build();

    Optional<String> encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> plain = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> {
            if (value.s() == null) {
                throw new IllegalStateException("key attribute " + name + " is not a string");
            }
            plain.put(name, value.s());
        });
        byte[] json = mapper.writeValueAsBytes(plain);
        return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(json));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this store made */
    Map<String, AttributeValue> decode(String cursor) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Map<String, String> plain = mapper.readValue(json, STRING_MAP);
            if (plain == null || !plain.containsKey(TableDefinition.PK) || !plain.containsKey(TableDefinition.SK)) {
                throw new IllegalArgumentException("not a list cursor");
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
            return key;
        } catch (IllegalArgumentException | JacksonException | NullPointerException e) {
            throw new IllegalArgumentException("not a list cursor", e);
        }
    }
}
